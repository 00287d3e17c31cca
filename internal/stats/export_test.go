package stats

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

func TestExport(t *testing.T) {
	src := afero.NewMemMapFs()
	publishSeed(t, src)
	// A second period whose total of helpline cases is hidden, and whose age
	// table hides cells, to show null and "c" in the downloads.
	in := Input{Period: MustParsePeriod("2012-H2"), Tables: []Table{
		table("helpline_cases", Persons, "sexual", 3, "labour", 1),
		{ID: "drop_in_interviews", Unit: Activities, Total: 3},
	}}
	plan, err := Prepare(src, "data/stats", 5, []Input{in})
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(src); err != nil {
		t.Fatal(err)
	}

	dst := afero.NewMemMapFs()
	if err := Export(src, "data/stats", dst); err != nil {
		t.Fatal(err)
	}
	bundle, err := afero.ReadFile(dst, "data/stats.json")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "stats.json", bundle)
	if !strings.HasPrefix(string(bundle), "{\n  \"threshold\": 5,\n") {
		t.Errorf("stats.json must start with the threshold")
	}

	csvs := map[string]string{
		"data/stats/2012-H1/helpline_cases.csv": "period,indicator,unit,category,value,flag,merged\n" +
			"2012-H1,helpline_cases,persons,sexual,28,,\n" +
			"2012-H1,helpline_cases,persons,other,9,,begging+labour\n" +
			"2012-H1,helpline_cases,persons,total,37,,\n",
		"data/stats/2012-H2/helpline_cases.csv": "period,indicator,unit,category,value,flag,merged\n" +
			"2012-H2,helpline_cases,persons,sexual,,c,\n" +
			"2012-H2,helpline_cases,persons,labour,,c,\n" +
			"2012-H2,helpline_cases,persons,total,,c,\n",
		"data/stats/2012-H2/drop_in_interviews.csv": "period,indicator,unit,category,value,flag,merged\n" +
			"2012-H2,drop_in_interviews,activities,total,3,,\n",
	}
	for path, want := range csvs {
		got, err := afero.ReadFile(dst, path)
		if err != nil || string(got) != want {
			t.Errorf("%s: %v\ngot\n%s\nwant\n%s", path, err, got, want)
		}
	}
	n := 0
	_ = afero.Walk(dst, "data/stats", func(_ string, info os.FileInfo, _ error) error {
		if info != nil && !info.IsDir() {
			n++
		}
		return nil
	})
	if n != 8 { // six tables in 2012-H1, two in 2012-H2
		t.Errorf("%d CSV files, want 8", n)
	}
}

// TestLoadReleasesRefusesHandEdits: only what went through the release
// command, unchanged, is read by the portal and the newsletter.
func TestLoadReleasesRefusesHandEdits(t *testing.T) {
	tests := []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"a changed figure", "2012-H1.json", func(s string) string {
			return strings.Replace(strings.Replace(s, `"value": 28`, `"value": 29`, 1), `"total": 37`, `"total": 38`, 1)
		},
			"data/stats/2012-H1.json: differs from its record in the ledger"},
		{"a small figure", "2012-H1.json", func(s string) string {
			return strings.Replace(s, "\"value\": 9,\n          \"merged\": [\n            \"begging\",\n            \"labour\"\n          ]", "\"value\": 9", 1)
		}, "data/stats/2012-H1.json: refused by the audit: helpline_cases, other: merges fewer than two categories"},
		{"a release missing from the ledger", "2013.json", func(s string) string {
			return strings.NewReplacer("2012-H1", "2013", "2012-01-01", "2013-01-01", "2012-06-30", "2013-12-31").Replace(s)
		}, "data/stats/2013.json: is not in the ledger"},
		{"a misnamed file", "2012-H2.json", func(s string) string { return s }, "data/stats/2012-H2.json: holds period 2012-H1, so it must be named 2012-H1.json"},
		{"an unknown field", "2012-H1.json", func(s string) string { return strings.Replace(s, `"threshold"`, `"k": 1, "threshold"`, 1) },
			`data/stats/2012-H1.json:5:3: json: unknown field "k"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := afero.NewMemMapFs()
			publishSeed(t, fs)
			data, _ := afero.ReadFile(fs, "data/stats/2012-H1.json")
			_ = afero.WriteFile(fs, "data/stats/"+tt.file, []byte(tt.edit(string(data))), 0o644)
			_, err := LoadReleases(fs, "data/stats")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got  %v\nwant %s...", err, tt.want)
			}
			if err := Export(fs, "data/stats", afero.NewMemMapFs()); err == nil {
				t.Error("Export must refuse too")
			}
		})
	}
}

func TestExportWithNothingPublished(t *testing.T) {
	dst := afero.NewMemMapFs()
	if err := Export(afero.NewMemMapFs(), "data/stats", dst); err != nil {
		t.Fatal(err)
	}
	got, _ := afero.ReadFile(dst, "data/stats.json")
	if string(got) != "{\n  \"threshold\": null,\n  \"periods\": []\n}\n" {
		t.Errorf("got %q", got)
	}
}

func TestLatest(t *testing.T) {
	rels := []Release{
		{Period: "2012-H1", Start: "2012-01-01", End: "2012-06-30"},
		{Period: "2012-06", Start: "2012-06-01", End: "2012-06-30"},
		{Period: "2012-H2", Start: "2012-07-01", End: "2012-12-31"},
	}
	if r, ok := Latest(rels, time.Time{}); !ok || r.Period != "2012-H2" {
		t.Errorf("latest of all: %v", r.Period)
	}
	if r, ok := Latest(rels, time.Date(2012, 7, 31, 0, 0, 0, 0, time.UTC)); !ok || r.Period != "2012-06" {
		t.Errorf("latest by the end of July 2012: %v, want the shorter of the two ending in June", r.Period)
	}
	if _, ok := Latest(rels, time.Date(2011, 12, 31, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("nothing was published by 2011")
	}
}

// TestCommittedStatistics checks data/stats as committed, whatever periods it holds: every
// release passes the audit and matches the ledger, and all of them export. (That a release
// of the seed gives exactly its protected figures is TestSeedReleaseGolden's job.)
func TestCommittedStatistics(t *testing.T) {
	fs := afero.NewBasePathFs(afero.NewOsFs(), "../..")
	releases, err := LoadReleases(fs, "data/stats")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range releases {
		if _, findings := AuditRelease(r); len(findings) > 0 {
			t.Errorf("data/stats/%s.json: %v", r.Period, findings)
		}
	}
	dst := afero.NewMemMapFs()
	if err := Export(fs, "data/stats", dst); err != nil {
		t.Fatal(err)
	}
	for _, r := range releases {
		for _, tbl := range r.Tables {
			if _, err := dst.Stat("data/stats/" + r.Period + "/" + tbl.ID + ".csv"); err != nil {
				t.Errorf("%s %s: no CSV download: %v", r.Period, tbl.ID, err)
			}
		}
	}
}
