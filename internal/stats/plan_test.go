package stats

import (
	"bytes"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/faultfs"
	"github.com/spf13/afero"
)

// snapshot lists every file of a file system with its content.
func snapshot(t *testing.T, fs afero.Fs) string {
	t.Helper()
	var lines []string
	_ = afero.Walk(fs, "/", func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := afero.ReadFile(fs, path)
			lines = append(lines, path+"\n"+string(data))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func publishSeed(t *testing.T, fs afero.Fs) *Plan {
	t.Helper()
	plan, err := Prepare(fs, "data/stats", 5, []Input{seedInput(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(fs); err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestPrepareAndWrite(t *testing.T) {
	fs := afero.NewMemMapFs()
	plan := publishSeed(t, fs)
	if got := strings.Join(plan.Files(), " "); got != "data/stats/2012-H1.json data/stats/ledger.json" {
		t.Errorf("files %s", got)
	}
	data, _ := afero.ReadFile(fs, "data/stats/2012-H1.json")
	golden(t, "2012-H1.json", data)
	var report bytes.Buffer
	plan.Report(&report)
	golden(t, "report-2012-H1.txt", report.Bytes())

	// The same release again changes nothing, byte for byte.
	before := snapshot(t, fs)
	again := publishSeed(t, fs)
	if !again.Releases[0].Unchanged {
		t.Error("the same release again must be reported unchanged")
	}
	if after := snapshot(t, fs); after != before {
		t.Errorf("publishing the same release again changed the files")
	}
	if strings.Contains(before, ".tmp") {
		t.Error("a temporary file was left behind")
	}
}

// TestPrepareRefusesOverlapAndWritesNothing: a quarter inside the published
// semester is refused with the line of the input and of the ledger.
func TestPrepareRefusesOverlapAndWritesNothing(t *testing.T) {
	fs := afero.NewMemMapFs()
	publishSeed(t, fs)
	before := snapshot(t, fs)
	ins, err := ParseAggregate("q2.csv", strings.NewReader(aggHeader+"2012-Q2,helpline_cases,sexual,20,persons\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Prepare(fs, "data/stats", 5, ins)
	want := "q2.csv:2:1: period 2012-Q2 overlaps 2012-H1, already published (data/stats/ledger.json:4:7)"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got  %v\nwant %s...", err, want)
	}
	var conflict *PosError
	if !errors.As(err, &conflict) {
		t.Errorf("the error should carry a position: %T", err)
	}
	if snapshot(t, fs) != before {
		t.Error("a refused release changed files")
	}
}

func TestPrepareChecksInputsBuiltInCode(t *testing.T) {
	in := Input{Period: MustParsePeriod("2013"), Where: PosError{File: "code"}, Tables: []Table{
		{ID: "victims", Unit: Persons, Total: 3},
		{ID: "helpline_cases", Unit: Persons, Total: 9, Cells: []Count{{"sexual", 5}}},
	}}
	_, err := Prepare(afero.NewMemMapFs(), "d", 5, []Input{in})
	if err == nil || err.Error() != "code: table victims is not in the catalogue; table helpline_cases: the categories do not add up to the total" {
		t.Errorf("got %v", err)
	}
	if _, err := Prepare(afero.NewMemMapFs(), "d", 2, nil); err == nil {
		t.Error("k below the floor must be refused")
	}
}

func TestRefusedErrorText(t *testing.T) {
	e := &RefusedError{Where: PosError{File: "a.csv", Line: 2, Col: 1}, Period: "2012-H1",
		Findings: []Finding{{Table: "t", Category: "b", Problem: "is the only hidden cell"}}}
	if got := e.Error(); got != "a.csv:2:1: release 2012-H1 refused by the audit:\n  - t, b: is the only hidden cell" {
		t.Errorf("got %q", got)
	}
}

// TestWriteIsAllOrNothing fails each change Write makes to the files in turn: the
// release and the ledger are written together or not at all.
func TestWriteIsAllOrNothing(t *testing.T) {
	fs := afero.NewMemMapFs()
	if err := mustPrepare(t, fs, []Input{seedInput(t)}).Write(fs); err != nil {
		t.Fatal(err)
	}
	ins, err := ParseAggregate("h2.csv", strings.NewReader(aggHeader+"2012-H2,helpline_cases,sexual,30,persons\n"))
	if err != nil {
		t.Fatal(err)
	}
	plan := mustPrepare(t, fs, ins)
	faultfs.Check(t, fs, plan.Write)
}

func mustPrepare(t *testing.T, fs afero.Fs, ins []Input) *Plan {
	t.Helper()
	plan, err := Prepare(fs, "/p/data/stats", 5, ins)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}
