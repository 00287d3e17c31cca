package stats

import (
	"errors"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// release protects a one-table input for a period.
func releaseOf(period string, tables ...Table) Release {
	r, _ := protectInput(Input{Period: MustParsePeriod(period), Tables: tables}, 5)
	return r
}

func helpline(sexual, labour, begging int) Table {
	return table("helpline_cases", Persons, "sexual", sexual, "labour", labour, "begging", begging)
}

func TestLedgerRefusesOverlaps(t *testing.T) {
	l := &Ledger{path: "ledger.json"}
	l.Record(releaseOf("2012-H1", helpline(28, 5, 4)))
	tests := []struct {
		period string
		tables []Table
		want   string // "" accepted; "same" unchanged; else the error's start
	}{
		{"2012-Q2", []Table{helpline(20, 5, 3)}, "period 2012-Q2 overlaps 2012-H1, already published"},  // a quarter inside a semester
		{"2012-06", []Table{helpline(10, 0, 0)}, "period 2012-06 overlaps 2012-H1"},                     // a month inside it
		{"2012", []Table{helpline(50, 9, 8)}, "period 2012 overlaps 2012-H1"},                           // the year around it
		{"2012-H1", []Table{helpline(28, 6, 4)}, "period 2012-H1 was already published with different"}, // a second version
		{"2012-H1", []Table{helpline(28, 5, 4)}, "same"},                                                // the same again
		{"2012-H2", []Table{helpline(30, 5, 4)}, ""},                                                    // the next semester
		{"2012-Q2", []Table{{ID: "drop_in_interviews", Unit: Activities, Total: 40}}, ""},               // activities alone may overlap
	}
	for _, tt := range tests {
		unchanged, err := l.Check(releaseOf(tt.period, tt.tables...))
		switch tt.want {
		case "":
			if err != nil || unchanged {
				t.Errorf("%s: got %v, %v; want accepted as new", tt.period, unchanged, err)
			}
		case "same":
			if err != nil || !unchanged {
				t.Errorf("%s: got %v, %v; want unchanged", tt.period, unchanged, err)
			}
		default:
			var conflict *LedgerConflict
			if !errors.As(err, &conflict) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("%s: got %v; want %s...", tt.period, err, tt.want)
			}
		}
	}
}

func TestLedgerRoundTrip(t *testing.T) {
	fs := afero.NewMemMapFs()
	l := &Ledger{}
	l.Record(releaseOf("2012-H2", helpline(30, 5, 4)))
	l.Record(releaseOf("2012-H1", helpline(28, 5, 4)))
	if l.Releases[0].Period != "2012-H1" {
		t.Fatalf("entries not in date order: %s first", l.Releases[0].Period)
	}
	_ = afero.WriteFile(fs, "data/ledger.json", l.Bytes(), 0o644)
	back, err := LoadLedger(fs, "data/ledger.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Bytes()) != string(l.Bytes()) {
		t.Errorf("round trip changed the ledger")
	}
	if got := back.where("2012-H2"); !strings.HasPrefix(got, "data/ledger.json:") || got == "data/ledger.json" {
		t.Errorf("where = %q, want a line and column", got)
	}
	empty, err := LoadLedger(fs, "nowhere/ledger.json")
	if err != nil || len(empty.Releases) != 0 || string(empty.Bytes()) != "{\n  \"releases\": []\n}\n" {
		t.Errorf("a missing ledger is empty: %v %q", err, empty.Bytes())
	}
}

func TestLoadLedgerErrors(t *testing.T) {
	for body, want := range map[string]string{
		"{\n  \"releases\": [\n    {\"period\": 2012}\n  ]\n}\n": "l.json:3:",
		"{\n  \"releases\": [,]\n}\n":                            "l.json:2:16: invalid character ','",
		"{\"releases\": [], \"extra\": 1}":                       `l.json:1:`,
		"{\"releases\": [{\"period\": \"2012-H1\", \"start\": \"2012-01-01\", \"end\": \"2012-06-30\", \"threshold\": 5, \"cells\": [{\"table\": \"t\", \"unit\": \"persons\", \"category\": \"total\", \"value\": 9}]}," +
			"{\"period\": \"2012-Q1\", \"start\": \"2012-01-01\", \"end\": \"2012-03-31\", \"threshold\": 5, \"cells\": [{\"table\": \"t\", \"unit\": \"persons\", \"category\": \"total\", \"value\": 9}]}]}": "l.json: ledger.json: periods 2012-H1 and 2012-Q1 overlap",
	} {
		fs := afero.NewMemMapFs()
		_ = afero.WriteFile(fs, "l.json", []byte(body), 0o644)
		_, err := LoadLedger(fs, "l.json")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v, want %s...", err, want)
		}
	}
}
