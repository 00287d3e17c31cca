package stats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// LoadReleases reads every committed release in dataDir (each
// <period>.json; the ledger is skipped) in date order. It refuses a release
// that breaks a rule of the audit, or that differs from (or is missing in)
// the ledger: only what went through `newsletter stats release` is read. A
// missing dataDir means nothing is published yet.
func LoadReleases(fsys afero.Fs, dataDir string) ([]Release, error) {
	infos, err := afero.ReadDir(fsys, dataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // nothing published yet
	}
	if err != nil {
		return nil, fmt.Errorf("reading the statistics folder: %w", err)
	}
	ledger, err := LoadLedger(fsys, filepath.Join(dataDir, LedgerFile))
	if err != nil {
		return nil, err
	}
	var releases []Release
	var problems []string
	for _, info := range infos {
		name := info.Name()
		if info.IsDir() || !strings.HasSuffix(name, ".json") || name == LedgerFile {
			continue
		}
		file := filepath.Join(dataDir, name)
		data, err := afero.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		var r Release
		if err := decodeStrict(file, data, &r); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if msg := releaseProblem(r, name, ledger); msg != "" {
			problems = append(problems, file+": "+msg)
			continue
		}
		releases = append(releases, r)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	slices.SortFunc(releases, func(a, b Release) int {
		if c := strings.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.End, b.End)
	})
	return releases, nil
}

// releaseProblem checks one committed release: its name, dates, the audit
// and the ledger.
func releaseProblem(r Release, name string, ledger *Ledger) string {
	p, err := ParsePeriod(r.Period)
	switch {
	case err != nil:
		return err.Error()
	case name != r.Period+".json":
		return fmt.Sprintf("holds period %s, so it must be named %s.json", r.Period, r.Period)
	case r.Start != p.Start().Format(dateLayout) || r.End != p.End().Format(dateLayout):
		return fmt.Sprintf("start and end must be %s and %s", p.Start().Format(dateLayout), p.End().Format(dateLayout))
	}
	if _, finds := AuditRelease(r); len(finds) > 0 {
		msgs := make([]string, len(finds))
		for i, f := range finds {
			msgs[i] = f.String()
		}
		return "refused by the audit: " + strings.Join(msgs, "; ")
	}
	entry, ok := ledger.Entry(r.Period)
	if !ok {
		return "is not in the ledger; publish statistics with `newsletter stats release`"
	}
	if !reflect.DeepEqual(normalised(entry), normalised(EntryOf(r))) {
		return "differs from its record in the ledger; published figures must not be edited by hand"
	}
	return ""
}

// Latest returns the release that ends last, on or before until (any
// release when until is the zero time); of two ending the same day, the
// shorter. The newsletter uses it to pick the statistics of an issue.
func Latest(releases []Release, until time.Time) (Release, bool) {
	var best Release
	found := false
	for _, r := range releases {
		if !until.IsZero() && r.End > until.Format(dateLayout) {
			continue
		}
		if !found || r.End > best.End || r.End == best.End && r.Start > best.Start {
			best, found = r, true
		}
	}
	return best, found
}

// Bundle is public/data/stats.json: every published period and table.
type Bundle struct {
	// Threshold is the smallest threshold of the periods shown (each period
	// also gives its own); nil when nothing is published.
	Threshold *int      `json:"threshold"`
	Periods   []Release `json:"periods"`
}

// Export writes the portal's statistics files into the build destination
// dst, after Hugo: data/stats.json with every period and table, and one CSV
// download per table at data/stats/<period>/<table>.csv. It reads the
// committed releases from dataDir in src through LoadReleases, so nothing
// that fails the audit or the ledger is ever exported.
func Export(src afero.Fs, dataDir string, dst afero.Fs) error {
	releases, err := LoadReleases(src, dataDir)
	if err != nil {
		return err
	}
	files := []stagedFile{{path: "data/stats.json", data: marshalJSON(BundleOf(releases))}}
	for _, r := range releases {
		for _, t := range r.Tables {
			files = append(files, stagedFile{path: path.Join("data/stats", r.Period, t.ID+".csv"), data: TableCSV(r, t)})
		}
	}
	for _, f := range files {
		if err := dst.MkdirAll(path.Dir(f.path), 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := afero.WriteFile(dst, f.path, f.data, 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// BundleOf gathers releases into the content of public/data/stats.json.
func BundleOf(releases []Release) Bundle {
	b := Bundle{Periods: []Release{}}
	for _, r := range releases {
		b.Periods = append(b.Periods, r)
		if b.Threshold == nil || r.Threshold < *b.Threshold {
			b.Threshold = intPtr(r.Threshold)
		}
	}
	return b
}

// csvHeader is the first row of every table download.
var csvHeader = []string{"period", "indicator", "unit", "category", "value", "flag", "merged"}

// TableCSV is the download of one table: a header row, one row per cell and
// a last row for the total. A hidden value is empty with "c" in the flag
// column; "merged" lists what an "other" row holds, joined with "+".
func TableCSV(r Release, t PublishedTable) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	row := func(category string, v *int, flag string, merged []string) {
		value := ""
		if v != nil {
			value = strconv.Itoa(*v)
		}
		_ = w.Write([]string{r.Period, t.ID, string(t.Unit), category, value, flag, strings.Join(merged, "+")})
	}
	_ = w.Write(csvHeader)
	for _, c := range t.Cells {
		row(c.Category, c.Value, c.Flag, c.Merged)
	}
	row(TotalCategory, t.Total, t.TotalFlag, nil)
	w.Flush()
	return buf.Bytes()
}
