package portal

import (
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// The seed's January–June 2012 figures as published (reference.md): the helpline's
// labour (5) and begging (4) cases are merged into "other" (9).
var seed2012H1 = []int{28, 9, 37, 27, 63, 124, 2651, 89}

// dataPage is the path of the data section in lang.
func dataPage(code string, isDefault bool) string {
	if isDefault {
		return "/dati/index.html"
	}
	return "/" + code + "/dati/index.html"
}

func TestRealDataSectionInEveryLanguage(t *testing.T) {
	res := realSite(t)
	if len(res.Languages) != 17 {
		t.Fatalf("%d languages", len(res.Languages))
	}
	start := time.Date(2012, 1, 1, 12, 0, 0, 0, time.UTC)
	end := time.Date(2012, 6, 30, 12, 0, 0, 0, time.UTC)
	for _, l := range res.Languages {
		t.Run(l.Code, func(t *testing.T) {
			path := dataPage(l.Code, l.Default)
			doc := parseHTML(t, sitetest.Read(t, res.Output, path))
			period := byID(t, doc, "stats-2012-h1")
			if got := textOf(period); !strings.Contains(got, res.FormatDate(l.Code, start, res.T(l.Code, "monthYear", nil))) ||
				!strings.Contains(got, res.FormatDate(l.Code, end, res.T(l.Code, "monthYear", nil))) {
				t.Errorf("%s: period heading %q lacks the dates in %s", path, got, l.Code)
			}
			// Every published figure, written as the language writes numbers.
			shown := map[string]int{}
			for _, n := range append(byClass(doc, "num"), byClass(doc, "stats-figure")...) {
				shown[visibleText(n)]++
			}
			for _, v := range seed2012H1 {
				// visibleText collapses spaces, no-break ones too ("2 651" in French).
				if shown[strings.Join(strings.Fields(res.FormatNumber(l.Code, v)), " ")] == 0 {
					t.Errorf("%s does not show %s (%d); shows %v", path, res.FormatNumber(l.Code, v), v, shown)
				}
			}
			// Headings in the page's language, the same words as the i18n files.
			indicator := res.T(l.Code, "stats_indicator_helpline_cases", nil)
			want := res.T(l.Code, "statsCaption", map[string]any{"Indicator": indicator, "Unit": res.T(l.Code, "statsUnit_persons", nil)})
			if got := textOf(byID(t, doc, "stats-2012-h1-helpline_cases-heading")); got != want {
				t.Errorf("%s: heading %q, want %q", path, got, want)
			}
			// A chart per block, each an image with a name and a description.
			charts := findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "svg" })
			if len(charts) != 3 {
				t.Errorf("%s: %d charts, want 3 (helpline cases, persons, activities)", path, len(charts))
			}
			for _, svg := range charts {
				title, desc := byTag(svg, "title"), byTag(svg, "desc")
				if attr(svg, "role") != "img" || len(title) != 1 || len(desc) != 1 || textOf(title[0]) == "" ||
					!strings.Contains(textOf(desc[0]), res.FormatNumber(l.Code, 28)) && !strings.Contains(textOf(desc[0]), res.FormatNumber(l.Code, 27)) && !strings.Contains(textOf(desc[0]), res.FormatNumber(l.Code, 89)) {
					t.Errorf("%s: chart %v lacks role, title or a description with the values", path, svg.Attr)
				}
				if attr(svg, "direction") != l.Direction {
					t.Errorf("%s: chart direction %q, language %q", path, attr(svg, "direction"), l.Direction)
				}
			}
			for _, id := range []string{"helpline_cases", "emergency_reception", "social_protection",
				"health_social_accompaniment", "mobile_unit_contacts", "drop_in_interviews"} {
				href := "/data/stats/2012-H1/" + id + ".csv"
				if len(findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == href })) != 1 {
					t.Errorf("%s: no link to %s", path, href)
				}
				if _, err := res.Output.Stat(href); err != nil {
					t.Errorf("%s links to %s, which is not built: %v", path, href, err)
				}
			}
		})
	}
}

// TestRealSiteHasNoSmallPersonsCounts looks everywhere the statistics are published
// (stats.json, the CSV downloads, and every chart, table and figure of persons on every
// page) for a count of persons from 1 to k-1.
func TestRealSiteHasNoSmallPersonsCounts(t *testing.T) {
	res := realSite(t)
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
	found2012H1 := false
	for _, p := range export.Periods {
		found2012H1 = found2012H1 || p.Period == "2012-H1"
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
	if !found2012H1 {
		t.Error("stats.json has no 2012-H1")
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
	if blocks < 17*2 {
		t.Errorf("only %d blocks of persons in the whole site", blocks)
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
