package portal

import (
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/internal/stats"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// dataPage is the path of the data section in lang.
func dataPage(l site.Language) string {
	return homePath(l) + "dati/index.html"
}

// releasesOf reads the project's committed statistics: every period in data/stats.
func releasesOf(t *testing.T, b builtProject) []stats.Release {
	t.Helper()
	releases, err := stats.LoadReleases(b.Fs, filepath.Join(b.Dir, "data", "stats"))
	if err != nil {
		t.Fatalf("data/stats: %v", err)
	}
	return releases
}

// committedStatisticsPassTheAudit: every release in data/stats keeps the rules of the
// audit and matches its record in the ledger, as `newsletter stats audit` checks.
func committedStatisticsPassTheAudit(t *testing.T, b builtProject) {
	for _, r := range releasesOf(t, b) {
		if _, findings := stats.AuditRelease(r); len(findings) > 0 {
			t.Errorf("data/stats/%s.json: %v", r.Period, findings)
		}
	}
}

// expectedCharts is how many charts the data section draws for a release: one beside each
// table with categories, and one comparing the single figures of each unit.
func expectedCharts(r stats.Release) int {
	n := 0
	units := map[stats.Unit]bool{}
	for _, tbl := range r.Tables {
		if len(tbl.Cells) > 0 {
			n++
		} else {
			units[tbl.Unit] = true
		}
	}
	return n + len(units)
}

// shownNumber is a number as a page of lang shows it, spaces collapsed as visibleText
// does (no-break ones too: "2 651" in French).
func shownNumber(res *site.Result, lang string, v int) string {
	return strings.Join(strings.Fields(res.FormatNumber(lang, v)), " ")
}

// everyPeriodOnTheDataPageOfEveryLanguage: every period in data/stats has its section on
// /dati/ in every language, with its dates, every published figure written as the language
// writes numbers, the headings of its tables, an accessible chart for each table and each
// group of single figures, and a working link to each table's CSV.
func everyPeriodOnTheDataPageOfEveryLanguage(t *testing.T, b builtProject) {
	res := b.res
	releases := releasesOf(t, b)
	base, err := url.Parse(res.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	basePath := base.Path
	for _, l := range res.Languages {
		t.Run(l.Code, func(t *testing.T) {
			path := dataPage(l)
			doc := parseHTML(t, sitetest.Read(t, res.Output, path))
			sections := findAll(doc, func(n *html.Node) bool { return hasClass(n, "stats-period") })
			if len(sections) != len(releases) {
				t.Errorf("%s: %d periods, data/stats has %d", path, len(sections), len(releases))
			}
			month := res.T(l.Code, "monthYear", nil)
			for _, r := range releases {
				pid := "stats-" + strings.ToLower(r.Period)
				heading := byID(t, doc, pid)
				section := heading.Parent
				start, _ := time.Parse("2006-01-02", r.Start)
				end, _ := time.Parse("2006-01-02", r.End)
				if got := textOf(heading); !strings.Contains(got, res.FormatDate(l.Code, start, month)) ||
					!strings.Contains(got, res.FormatDate(l.Code, end, month)) {
					t.Errorf("%s: period heading %q lacks the dates of %s in %s", path, got, r.Period, l.Code)
				}
				shown := map[string]bool{}
				for _, n := range append(byClass(section, "num"), byClass(section, "stats-figure")...) {
					shown[visibleText(n)] = true
				}
				for _, tbl := range r.Tables {
					values := []*int{tbl.Total}
					for _, c := range tbl.Cells {
						values = append(values, c.Value)
					}
					for _, v := range values {
						if v != nil && !shown[shownNumber(res, l.Code, *v)] {
							t.Errorf("%s: %s %s does not show %s", path, r.Period, tbl.ID, res.FormatNumber(l.Code, *v))
						}
					}
					if len(tbl.Cells) > 0 {
						indicator := res.T(l.Code, "stats_indicator_"+tbl.Indicator, nil)
						want := res.T(l.Code, "statsCaption", map[string]any{"Indicator": indicator, "Unit": res.T(l.Code, "statsUnit_"+string(tbl.Unit), nil)})
						if got := textOf(byID(t, section, pid+"-"+strings.ToLower(tbl.ID)+"-heading")); got != want {
							t.Errorf("%s: heading %q, want %q", path, got, want)
						}
					}
					file := "/data/stats/" + r.Period + "/" + tbl.ID + ".csv"
					href := basePath + strings.TrimPrefix(file, "/")
					if len(findAll(section, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == href })) != 1 {
						t.Errorf("%s: %s has no link to %s", path, r.Period, href)
					}
					if _, err := res.Output.Stat(file); err != nil {
						t.Errorf("%s links to %s, which is not built: %v", path, href, err)
					}
				}
				charts := byTag(section, "svg")
				if len(charts) != expectedCharts(r) {
					t.Errorf("%s: %s has %d charts, want %d (one per table with categories, one per unit of single figures)", path, r.Period, len(charts), expectedCharts(r))
				}
				for _, svg := range charts {
					checkAccessibleChart(t, path, svg, l.Direction)
				}
			}
		})
	}
}

// checkAccessibleChart: a chart is an image named by its <title> and described by its
// <desc>, which says every value the chart prints, and it runs in the page's direction.
func checkAccessibleChart(t *testing.T, path string, svg *html.Node, direction string) {
	t.Helper()
	title, desc := byTag(svg, "title"), byTag(svg, "desc")
	if attr(svg, "role") != "img" || len(title) != 1 || len(desc) != 1 || textOf(title[0]) == "" || textOf(desc[0]) == "" ||
		attr(svg, "aria-labelledby") != attr(title[0], "id") || attr(svg, "aria-describedby") != attr(desc[0], "id") {
		t.Errorf("%s: chart %v lacks role, a title or a description", path, svg.Attr)
		return
	}
	for _, v := range byClass(svg, "chart-value") {
		if shown := textOf(v); shown != "c" && !strings.Contains(textOf(desc[0]), shown) {
			t.Errorf("%s: chart %s shows %s, its description does not say it: %q", path, attr(title[0], "id"), shown, textOf(desc[0]))
		}
	}
	if attr(svg, "direction") != direction {
		t.Errorf("%s: chart direction %q, language %q", path, attr(svg, "direction"), direction)
	}
}

// noSmallPersonsCounts looks everywhere the statistics are published
// (stats.json, the CSV downloads, and every chart, table and figure of persons on every
// page) for a count of persons from 1 to k-1.
func noSmallPersonsCounts(t *testing.T, b builtProject) {
	res := b.res
	var export struct {
		Threshold int `json:"threshold"`
		Periods   []struct {
			Period    string `json:"period"`
			Threshold int    `json:"threshold"`
			Tables    []struct {
				ID        string `json:"id"`
				Unit      string `json:"unit"`
				Total     *int   `json:"total"`
				TotalFlag string `json:"total_flag"`
				Cells     []struct {
					Category string `json:"category"`
					Value    *int   `json:"value"`
					Flag     string `json:"flag"`
				} `json:"cells"`
			} `json:"tables"`
		} `json:"periods"`
	}
	if err := json.Unmarshal([]byte(sitetest.Read(t, res.Output, "/data/stats.json")), &export); err != nil {
		t.Fatal(err)
	}
	k := export.Threshold
	if k < 3 {
		t.Fatalf("threshold %d is below the floor of 3", k)
	}
	small := func(n int) bool { return n >= 1 && n < k }
	releases := releasesOf(t, b)
	if len(export.Periods) != len(releases) {
		t.Errorf("stats.json has %d periods, data/stats %d", len(export.Periods), len(releases))
	}
	for _, p := range export.Periods {
		if p.Threshold < k {
			t.Errorf("%s: threshold %d below the site's %d", p.Period, p.Threshold, k)
		}
		for _, tbl := range p.Tables {
			if tbl.Unit != "persons" {
				continue
			}
			if tbl.Total == nil && tbl.TotalFlag != "c" || tbl.Total != nil && small(*tbl.Total) {
				t.Errorf("stats.json %s %s: total %v flag %q", p.Period, tbl.ID, tbl.Total, tbl.TotalFlag)
			}
			for _, c := range tbl.Cells {
				if c.Value == nil && c.Flag != "c" || c.Value != nil && small(*c.Value) {
					t.Errorf("stats.json %s %s %s: value %v flag %q", p.Period, tbl.ID, c.Category, c.Value, c.Flag)
				}
			}
		}
	}
	// Each period shows its tables of persons with categories one by one, and its single
	// figures of persons together, in every language.
	personsBlocks := 0
	for _, r := range releases {
		figures := false
		for _, tbl := range r.Tables {
			switch {
			case tbl.Unit != stats.Persons:
			case len(tbl.Cells) > 0:
				personsBlocks++
			case !figures:
				figures = true
				personsBlocks++
			}
		}
	}

	csvs := 0
	err := afero.Walk(res.Output, "/data/stats", func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		csvs++
		rows, err := csv.NewReader(strings.NewReader(sitetest.Read(t, res.Output, path))).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, r := range rows[1:] {
			if r[col["unit"]] != "persons" || r[col["value"]] == "" {
				continue
			}
			if n, err := strconv.Atoi(r[col["value"]]); err != nil || small(n) {
				t.Errorf("%s: persons value %q", path, r[col["value"]])
			}
		}
		return nil
	})
	if err != nil || csvs == 0 {
		t.Fatalf("CSV downloads: %d files, %v", csvs, err)
	}

	blocks := 0
	for path, page := range htmlPages(t, res.Output) {
		doc := parseHTML(t, page)
		for _, block := range findAll(doc, func(n *html.Node) bool { return attr(n, "data-unit") == "persons" }) {
			blocks++
			var shown []*html.Node
			for _, class := range []string{"num", "stats-figure", "chart-value"} {
				shown = append(shown, byClass(block, class)...)
			}
			for _, n := range shown {
				s := visibleText(n)
				if s == "c" || n.Data == "th" {
					continue
				}
				v, ok := countOf(s)
				if !ok || small(v) {
					t.Errorf("%s: a persons count %q", path, s)
				}
			}
		}
	}
	if want := personsBlocks * len(res.Languages); blocks < want {
		t.Errorf("%d blocks of persons in the whole site, want at least %d", blocks, want)
	}
}

// countOf reads a number as a page writes it in any language: digits of any script,
// grouping separators ignored. ok is false when s holds anything else.
func countOf(s string) (n int, ok bool) {
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			zero := r
			for unicode.IsDigit(zero-1) && r-zero < 9 {
				zero--
			}
			n = n*10 + int(r-zero)
			digits++
		case strings.ContainsRune(".,'\u00a0\u202f\u2009\u066c\u2019 ", r):
		default:
			return 0, false
		}
	}
	return n, digits > 0
}

func TestCountOf(t *testing.T) {
	for s, want := range map[string]int{"2.651": 2651, "2,651": 2651, "2 651": 2651, "٢٬٦٥١": 2651, "২৮": 28, "੨੮": 28, "4": 4} {
		if got, ok := countOf(s); !ok || got != want {
			t.Errorf("countOf(%q) = %d, %v", s, got, ok)
		}
	}
	if _, ok := countOf("c"); ok {
		t.Error("c is no number")
	}
}
