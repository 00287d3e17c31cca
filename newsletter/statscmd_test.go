package newsletter

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/faultfs"
	"github.com/contratto/portal/internal/golden"
	"github.com/spf13/afero"
)

const statsSiteToml = "title = \"x\"\n\n[params.statistics]\nthreshold = 5\n"

// statsTree is a project on an in-memory file system: /p/site.toml and the
// seed's aggregate figures at /p/seed.csv.
func statsTree(t *testing.T) afero.Fs {
	t.Helper()
	seed, err := os.ReadFile("testdata/seed-2012-H1.csv")
	if err != nil {
		t.Fatal(err)
	}
	fs := afero.NewMemMapFs()
	_ = afero.WriteFile(fs, "/p/site.toml", []byte(statsSiteToml), 0o644)
	_ = afero.WriteFile(fs, "/p/seed.csv", seed, 0o644)
	return fs
}

// statsRun runs `newsletter stats args...` on fs with the project's flags.
func statsRun(fs afero.Fs, args ...string) (code int, stdout, stderr string) {
	if len(args) > 0 && (args[0] == "release" || args[0] == "audit") {
		args = append([]string{args[0], "-config", "/p/site.toml", "-data", "/p/data/stats"}, args[1:]...)
	}
	var out, errOut bytes.Buffer
	code = runStats(fs, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// statsFiles lists every file and its content.
func statsFiles(t *testing.T, fs afero.Fs) string {
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

func TestStatsReleaseSeed(t *testing.T) {
	fs := statsTree(t)
	code, stdout, stderr := statsRun(fs, "release", "-aggregate", "/p/seed.csv")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		`merged into "other" (9): begging, labour. begging counts fewer than 5 persons (primary suppression).`,
		"labour was merged with it only so that it cannot be worked out from the total (secondary suppression).",
		"Audit: passed.",
		"Wrote /p/data/stats/2012-H1.json, /p/data/stats/ledger.json.\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"2012-H1.json", "ledger.json"} {
		got, err := afero.ReadFile(fs, "/p/data/stats/"+name)
		if err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, filepath.Join("testdata", "golden", "stats", name), got)
	}

	// Again: nothing changes, and the report says so.
	before := statsFiles(t, fs)
	code, stdout, _ = statsRun(fs, "release", "-aggregate", "/p/seed.csv")
	if code != 0 || !strings.Contains(stdout, "already published with exactly these figures") || statsFiles(t, fs) != before {
		t.Errorf("a second identical release: exit %d\n%s", code, stdout)
	}

	code, stdout, stderr = statsRun(fs, "audit")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "1 release(s) checked against the rules and the ledger: all pass.") {
		t.Errorf("audit: exit %d, stderr %q\n%s", code, stderr, stdout)
	}
}

func TestStatsReleaseDryRun(t *testing.T) {
	fs := statsTree(t)
	before := statsFiles(t, fs)
	code, stdout, _ := statsRun(fs, "release", "-aggregate", "/p/seed.csv", "-dry-run")
	if code != 0 || !strings.HasSuffix(stdout, "Dry run: nothing written.\n") || statsFiles(t, fs) != before {
		t.Errorf("exit %d\n%s", code, stdout)
	}
}

// TestStatsBadInputWritesNothing: each bad input gives path:line:col, exit
// status 1, and leaves every file as it was.
func TestStatsBadInputWritesNothing(t *testing.T) {
	const header = "period,indicator,category,count,unit\n"
	tests := []struct {
		name, csv, toml, want string
	}{
		{"count not a whole number", header + "2012-H1,helpline_cases,sexual,2.5,persons\n", "",
			`/p/in.csv:2:31: count "2.5" is not a non-negative whole number`},
		{"negative count", header + "2012-H1,helpline_cases,sexual,-1,persons\n", "",
			`/p/in.csv:2:31: count "-1" is not a non-negative whole number`},
		{"unknown indicator", header + "2012-H1,trafficked,total,1,persons\n", "",
			`/p/in.csv:2:9: unknown indicator "trafficked"`},
		{"unknown category", header + "2012-H1,helpline_cases,domestic,9,persons\n", "",
			`/p/in.csv:2:24: unknown category "domestic" for helpline_cases`},
		{"duplicate row", header + "2012-H2,social_protection,total,63,persons\n2012-H2,social_protection,total,63,persons\n", "",
			`/p/in.csv:3:1: duplicate row: period 2012-H2, indicator social_protection, category total is already on line 2`},
		{"overlapping periods in the file", header + "2012-H2,social_protection,total,63,persons\n2012-Q3,social_protection,total,30,persons\n", "",
			`/p/in.csv:3:1: period 2012-Q3 overlaps period 2012-H2 (line 2)`},
		{"overlapping a published period", header + "2012-Q2,social_protection,total,30,persons\n", "",
			`/p/in.csv:2:1: period 2012-Q2 overlaps 2012-H1, already published (/p/data/stats/ledger.json:4:7)`},
		{"a year-to-date beside a published semester", header + "2012,social_protection,total,90,persons\n", "",
			`/p/in.csv:2:1: period 2012 overlaps 2012-H1, already published`},
		{"a second version of a published period", header + "2012-H1,social_protection,total,64,persons\n", "",
			`/p/in.csv:2:1: period 2012-H1 was already published with different figures`},
		{"threshold below the floor", header + "2012-H2,social_protection,total,63,persons\n", "[params.statistics]\nthreshold = 2\n",
			`/p/site.toml:2:13: [params.statistics] threshold = 2 is below the floor of 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := statsTree(t)
			if code, _, stderr := statsRun(fs, "release", "-aggregate", "/p/seed.csv"); code != 0 {
				t.Fatal(stderr)
			}
			_ = afero.WriteFile(fs, "/p/in.csv", []byte(tt.csv), 0o644)
			if tt.toml != "" {
				_ = afero.WriteFile(fs, "/p/site.toml", []byte(tt.toml), 0o644)
			}
			before := statsFiles(t, fs)
			code, stdout, stderr := statsRun(fs, "release", "-aggregate", "/p/in.csv")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.HasPrefix(stderr, tt.want) || !strings.HasSuffix(stderr, "\nNothing was written.\n") {
				t.Errorf("stderr\n%s\nwant it to start with\n%s", stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if statsFiles(t, fs) != before {
				t.Error("files changed")
			}
		})
	}
}

const statsCases = "case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\n" +
	"PSEUDO-1,2012-07-02,helpline,sexual,F,20,NG,social_protection\n" +
	"PSEUDO-2,2012-07-09,helpline,sexual,F,22,NG,social_protection\n" +
	"PSEUDO-3,2012-08-11,mobile_unit,sexual,F,19,RO,\n" +
	"PSEUDO-4,2012-09-20,drop_in,labour,M,30,IN,health_social_accompaniment\n" +
	"PSEUDO-5,2012-10-01,helpline,sexual,F,25,NG,\n" +
	"PSEUDO-6,2012-11-15,helpline,begging,M,40,RO,\n"

func TestStatsReleaseCases(t *testing.T) {
	fs := statsTree(t)
	_ = afero.WriteFile(fs, "/elsewhere/cases.csv", []byte(statsCases), 0o600)
	code, stdout, stderr := statsRun(fs, "release", "-cases", "/elsewhere/cases.csv", "-period", "2012-H2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "cases_by_age (persons), total 6:") || !strings.Contains(stdout, "6 cases; 6 opened in 2012-H2") {
		t.Errorf("stdout:\n%s", stdout)
	}
	// The case file is read, never copied: no case ID is anywhere else.
	files := statsFiles(t, fs)
	files = strings.Replace(files, "/elsewhere/cases.csv\n"+statsCases, "", 1)
	if strings.Contains(files, "PSEUDO") || strings.Contains(stdout+stderr, "PSEUDO") {
		t.Error("a case ID was copied")
	}
	rel, _ := afero.ReadFile(fs, "/p/data/stats/2012-H2.json")
	if !bytes.Contains(rel, []byte(`"id": "cases_by_nationality"`)) {
		t.Errorf("release:\n%s", rel)
	}
}

func TestStatsCasesInsideProjectRefused(t *testing.T) {
	for name, path := range map[string]string{
		"beside site.toml":        "/p/private/cases.csv",
		"in the Git working tree": "/repo/cases.csv",
	} {
		t.Run(name, func(t *testing.T) {
			fs := statsTree(t)
			_ = fs.MkdirAll("/repo/.git", 0o755)
			_ = afero.WriteFile(fs, "/repo/site/site.toml", []byte(statsSiteToml), 0o644)
			_ = afero.WriteFile(fs, path, []byte(statsCases), 0o600)
			config := "/p/site.toml"
			if strings.HasPrefix(path, "/repo") {
				config = "/repo/site/site.toml"
			}
			before := statsFiles(t, fs)
			var out, errOut bytes.Buffer
			code := runStats(fs, []string{"release", "-config", config, "-data", "/p/data/stats", "-cases", path, "-period", "2012-H2"}, &out, &errOut)
			if code != 1 || !strings.Contains(errOut.String(), "case-level files must be kept outside the project") {
				t.Errorf("exit %d, stderr %q", code, errOut.String())
			}
			if statsFiles(t, fs) != before {
				t.Error("files changed")
			}
		})
	}
}

func TestStatsUsage(t *testing.T) {
	fs := statsTree(t)
	for _, args := range [][]string{
		{},
		{"publish"},
		{"release"},
		{"release", "-aggregate", "/p/seed.csv", "-cases", "/x.csv"},
		{"release", "-cases", "/x.csv"},
		{"release", "-nonsense"},
		{"release", "-aggregate", "/p/seed.csv", "extra"},
		{"audit", "extra"},
	} {
		var out, errOut bytes.Buffer
		if code := runStats(fs, args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "Usage:") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
	}
	var out bytes.Buffer
	if code := runStats(fs, []string{"help"}, &out, &out); code != 0 || !strings.Contains(out.String(), "newsletter stats release") {
		t.Errorf("help: exit %d", code)
	}
}

func TestStatsAuditRefusesHandEdits(t *testing.T) {
	fs := statsTree(t)
	statsRun(fs, "release", "-aggregate", "/p/seed.csv")
	data, _ := afero.ReadFile(fs, "/p/data/stats/2012-H1.json")
	edited := bytes.Replace(data, []byte(`"value": 28`), []byte(`"value": 29`), 1)
	edited = bytes.Replace(edited, []byte(`"total": 37`), []byte(`"total": 38`), 1)
	_ = afero.WriteFile(fs, "/p/data/stats/2012-H1.json", edited, 0o644)
	code, _, stderr := statsRun(fs, "audit")
	if code != 1 || !strings.Contains(stderr, "/p/data/stats/2012-H1.json: differs from its record in the ledger") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestRunStatsOnDisk runs the command as users type it, from a project
// folder on disk with the default -config and -data.
func TestRunStatsOnDisk(t *testing.T) {
	seed, err := filepath.Abs("testdata/seed-2012-H1.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(statsSiteToml), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	if code := Main([]string{"stats", "release", "-aggregate", seed}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.HasSuffix(out.String(), "Wrote data/stats/2012-H1.json, data/stats/ledger.json.\n") {
		t.Errorf("stdout:\n%s", out.String())
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "data", "stats"))
	if len(entries) != 2 {
		t.Errorf("data/stats holds %d files, want 2 (no temporary file left)", len(entries))
	}
	// A case file inside the project folder is refused on disk too.
	_ = os.WriteFile(filepath.Join(dir, "cases.csv"), []byte(statsCases), 0o600)
	errOut.Reset()
	if code := Main([]string{"stats", "release", "-cases", "cases.csv", "-period", "2012-H2"}, &out, &errOut); code != 1 {
		t.Errorf("exit %d for a case file inside the project: %s", code, errOut.String())
	}
}

// TestStatsReleaseWritesAllOrNothing fails, in turn, each change that releasing a second
// period makes to the files: the period and the ledger are written together or not at
// all, and the command says that nothing was written.
func TestStatsReleaseWritesAllOrNothing(t *testing.T) {
	fs := statsTree(t)
	if code, _, stderr := statsRun(fs, "release", "-aggregate", "/p/seed.csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h2 := "period,indicator,category,count,unit\n2012-H2,helpline_cases,sexual,30,persons\n"
	if err := afero.WriteFile(fs, "/p/h2.csv", []byte(h2), 0o644); err != nil {
		t.Fatal(err)
	}
	faultfs.Check(t, fs, func(fsys afero.Fs) error {
		code, _, stderr := statsRun(fsys, "release", "-aggregate", "/p/h2.csv")
		if code == 0 {
			return nil
		}
		if code != 1 || !strings.HasSuffix(stderr, "Nothing was written.\n") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		return errors.New(stderr)
	})
}
