package portal

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	goldenfile "github.com/contratto/portal/internal/golden"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter/chartblock"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// statsTemplates are the project's files the data section and chart blocks are made of:
// the small sites below use them as they are.
var statsTemplates = []string{
	"layouts/dati/section.html",
	"layouts/_markup/render-codeblock-chart.html",
	"layouts/_partials/content-attrs.html",
	"layouts/_partials/content-lang.html",
}

// statsFixtures are the small sites' files that are not the project's: its data and its
// words, frozen in testdata so that new periods and edited translations change no test.
var statsFixtures = []string{"data/stats/2012-H1.json", "i18n/it.toml", "i18n/en.toml"}

// statsSite is a small site in the project's shape (it, en and Arabic falling back to
// English), the project's statistics templates with the strings of testdata/i18n, and two
// releases: 2012-H1 as the seed's figures were first published (testdata/stats) and an
// invented 2012-H2 with hidden cells.
func statsSite(t *testing.T) string {
	t.Helper()
	osFs := afero.NewOsFs()
	var b strings.Builder
	b.WriteString(statsSiteFiles)
	files := append([]string(nil), statsTemplates...)
	partials, err := afero.Glob(osFs, "../../layouts/_partials/stats/*.html")
	if err != nil || len(partials) == 0 {
		t.Fatalf("no partials in layouts/_partials/stats: %v", err)
	}
	for _, p := range partials {
		files = append(files, strings.TrimPrefix(p, "../../"))
	}
	add := func(name, source string) {
		data, err := afero.ReadFile(osFs, source)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "-- %s --\n%s", name, data)
		if !strings.HasSuffix(string(data), "\n") {
			b.WriteByte('\n')
		}
	}
	for _, f := range files {
		add(f, filepath.Join("../..", f))
	}
	for _, f := range statsFixtures {
		add(f, filepath.Join("testdata", strings.TrimPrefix(f, "data/")))
	}
	return b.String()
}

const statsSiteFiles = `
-- site.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "it"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
[params.statistics]
threshold = 5
[languages.it]
label = "Italiano"
locale = "it"
weight = 1
[languages.en]
label = "English"
locale = "en"
weight = 2
[languages.ar]
label = "العربية"
locale = "ar"
direction = "rtl"
weight = 3
[[module.mounts]]
source = "content/it"
target = "content"
sites.matrix.languages = ["it"]
[[module.mounts]]
source = "content/en"
target = "content"
sites.matrix.languages = ["en"]
[[module.mounts]]
source = "content/en"
target = "content"
sites.matrix.languages = ["! {it,en}"]
-- layouts/baseof.html --
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}" dir="{{ site.Language.Direction | default "ltr" }}">
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
-- layouts/page.html --
{{ define "main" }}<article>{{ .Content }}</article>{{ end }}
-- layouts/home.html --
{{ define "main" }}home{{ end }}
-- layouts/section.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- content/it/_index.md --
---
title: Casa
---
-- content/en/_index.md --
---
title: Home
---
-- content/it/dati/_index.md --
---
title: I dati
---
I numeri del lavoro della rete.
-- content/en/dati/_index.md --
---
title: Data
---
The figures of the network's work.
-- content/it/grafico.md --
---
title: Grafico
---
Prima del grafico.

` + "```chart" + `
Casi per forma di sfruttamento

Sfruttamento sessuale | 28
Altre forme | 9
Accattonaggio | c
` + "```" + `

Dopo il grafico.
-- data/stats/ledger.json --
{"releases": []}
-- data/stats/2012-H2.json --
{
  "period": "2012-H2",
  "start": "2012-07-01",
  "end": "2012-12-31",
  "threshold": 5,
  "tables": [
    {
      "id": "cases_by_age",
      "indicator": "cases_by_age",
      "unit": "persons",
      "total": 38,
      "cells": [
        {"category": "adult", "value": 30},
        {"category": "minor", "value": null, "flag": "c"},
        {"category": "unknown", "value": null, "flag": "c"}
      ]
    },
    {
      "id": "emergency_reception",
      "indicator": "emergency_reception",
      "unit": "persons",
      "total": null,
      "total_flag": "c",
      "cells": []
    },
    {
      "id": "social_protection",
      "indicator": "social_protection",
      "unit": "persons",
      "total": 40,
      "cells": []
    },
    {
      "id": "mobile_unit_contacts",
      "indicator": "mobile_unit_contacts",
      "unit": "activities",
      "total": 1200,
      "cells": []
    }
  ]
}
`

// node helpers over golang.org/x/net/html.

func parseHTML(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

// findAll returns the nodes under n (n included) for which match holds, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byID(t *testing.T, n *html.Node, id string) *html.Node {
	t.Helper()
	found := findAll(n, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id })
	if len(found) != 1 {
		t.Fatalf("%d elements with id %q", len(found), id)
	}
	return found[0]
}

func byClass(n *html.Node, class string) []*html.Node {
	return findAll(n, func(n *html.Node) bool { return hasClass(n, class) })
}

func byTag(n *html.Node, tag string) []*html.Node {
	return findAll(n, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag })
}

// textOf is the text content of n, spaces collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAll(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// visibleText is the text content of n without visually hidden parts.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if hasClass(n, "visually-hidden") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func number(t *testing.T, n *html.Node, key string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(attr(n, key), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.Data, key, attr(n, key), err)
	}
	return v
}

// chartSVG returns the chart whose <title> has the id prefix+"-title".
func chartSVG(t *testing.T, doc *html.Node, prefix string) *html.Node {
	t.Helper()
	title := byID(t, doc, prefix+"-title")
	svg := title.Parent
	if svg.Data != "svg" {
		t.Fatalf("%s-title is in <%s>, not <svg>", prefix, svg.Data)
	}
	return svg
}

// bars returns the bar rectangles and stubs of a chart, with the value printed beside each.
type drawnBar struct {
	label, value string
	x, width     float64
	stub         bool
}

func chartBars(t *testing.T, svg *html.Node) []drawnBar {
	t.Helper()
	var out []drawnBar
	for _, row := range byClass(svg, "chart-row") {
		b := drawnBar{label: textOf(byClass(row, "chart-label")[0]), value: textOf(byClass(row, "chart-value")[0])}
		rects := byTag(row, "rect")
		if len(rects) > 1 {
			t.Fatalf("row %q has %d rectangles", b.label, len(rects))
		}
		if len(rects) == 1 {
			b.x, b.width = number(t, rects[0], "x"), number(t, rects[0], "width")
			b.stub = hasClass(rects[0], "chart-stub")
		}
		out = append(out, b)
	}
	return out
}

func statsPage(t *testing.T, res *site.Result, path string) (*html.Node, string) {
	t.Helper()
	s := sitetest.Read(t, res.Output, path)
	return parseHTML(t, s), s
}

func TestDataSectionChartAndTable(t *testing.T) {
	res := sitetest.Build(t, statsSite(t))
	doc, page := statsPage(t, res, "/dati/index.html")

	// Periods newest first, dates in the page's language; the ledger is no period.
	h2 := byTag(doc, "h2")
	if len(h2) != 2 || textOf(h2[0]) != "Periodo: luglio 2012 – dicembre 2012" || textOf(h2[1]) != "Periodo: gennaio 2012 – giugno 2012" {
		var got []string
		for _, h := range h2 {
			got = append(got, textOf(h))
		}
		t.Errorf("period headings = %q", got)
	}

	// The chart: an image with a name and a description that says every value.
	svg := chartSVG(t, doc, "stats-2012-h1-helpline_cases-chart")
	if attr(svg, "role") != "img" || attr(svg, "aria-labelledby") != "stats-2012-h1-helpline_cases-chart-title" ||
		attr(svg, "aria-describedby") != "stats-2012-h1-helpline_cases-chart-desc" || attr(svg, "direction") != "ltr" {
		t.Errorf("svg attributes = %v", svg.Attr)
	}
	if got := textOf(byTag(svg, "title")[0]); got != "Casi gestiti dal numero verde regionale (persone)" {
		t.Errorf("title = %q", got)
	}
	if got := textOf(byTag(svg, "desc")[0]); got != "Grafico a barre. Sfruttamento sessuale: 28; Altro (gruppi piccoli riuniti): 9; Totale: 37." {
		t.Errorf("desc = %q", got)
	}
	bars := chartBars(t, svg)
	if len(bars) != 2 || bars[0].label != "Sfruttamento sessuale" || bars[0].value != "28" ||
		bars[1].label != "Altro (gruppi piccoli riuniti)" || bars[1].value != "9" {
		t.Fatalf("bars = %+v", bars)
	}
	if ratio := bars[1].width / bars[0].width; math.Abs(ratio-9.0/28) > 0.001 {
		t.Errorf("bar widths %v and %v are not in the ratio 9:28", bars[0].width, bars[1].width)
	}
	if bars[0].x != 0 || bars[1].x != 0 || bars[0].width > 360 {
		t.Errorf("bars do not start at the left edge or overflow: %+v", bars)
	}

	// The table beside it.
	table := byClass(byID(t, doc, "stats-2012-h1-helpline_cases-heading").Parent, "stats-table")[0]
	if got := textOf(byTag(table, "caption")[0]); got != "Casi gestiti dal numero verde regionale (persone)" {
		t.Errorf("caption = %q", got)
	}
	var rows []string
	for _, tr := range byTag(table, "tr") {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			cells = append(cells, visibleText(c))
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	want := []string{"Voce Numero", "Sfruttamento sessuale 28", "Altro (gruppi piccoli riuniti) 9", "Totale 37"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("table rows = %q, want %q", rows, want)
	}
	if got := len(byTag(byTag(table, "tfoot")[0], "tr")); got != 1 {
		t.Errorf("the total is not in <tfoot>")
	}
	// "other" says what it joins; no "c" footnote where nothing is hidden.
	other := byID(t, doc, "stats-2012-h1-helpline_cases-note-other")
	if got := textOf(other); got != "«Altro» riunisce gruppi piccoli, per proteggere le persone. Qui sono riuniti: Elemosina forzata; Sfruttamento nel lavoro." {
		t.Errorf("other footnote = %q", got)
	}
	if attr(table, "aria-describedby") != "stats-2012-h1-helpline_cases-note-other" {
		t.Errorf("table aria-describedby = %q", attr(table, "aria-describedby"))
	}
	if strings.Contains(page, "stats-2012-h1-helpline_cases-note-c") {
		t.Error("a c footnote under a table with nothing hidden")
	}

	// Numbers in the language: 2.651 in Italian, 2,651 in English.
	figures := byClass(doc, "stats-figure")
	var shown []string
	for _, f := range figures {
		shown = append(shown, visibleText(f))
	}
	if got := strings.Join(shown, " "); got != "c 40 1.200 27 63 124 2.651 89" {
		t.Errorf("figures = %q", got)
	}
	enDoc, _ := statsPage(t, res, "/en/dati/index.html")
	if got := textOf(byID(t, enDoc, "stats-2012-h1-figures-activities-chart-desc")); got != "Bar chart. Mobile unit contacts: 2,651; Drop-in interviews: 89." {
		t.Errorf("en figures desc = %q", got)
	}
	if got := textOf(byTag(enDoc, "h2")[1]); got != "Period: January 2012 – June 2012" {
		t.Errorf("en period = %q", got)
	}

	// Downloads: one CSV per table, and the whole export.
	for _, href := range []string{"/data/stats/2012-H1/helpline_cases.csv", "/data/stats/2012-H1/drop_in_interviews.csv",
		"/data/stats/2012-H2/cases_by_age.csv", "/data/stats.json"} {
		if !strings.Contains(page, `href="`+href+`"`) {
			t.Errorf("no link to %s", href)
		}
	}
}

func TestDataSectionHiddenCells(t *testing.T) {
	res := sitetest.Build(t, statsSite(t))
	doc, _ := statsPage(t, res, "/dati/index.html")

	svg := chartSVG(t, doc, "stats-2012-h2-cases_by_age-chart")
	bars := chartBars(t, svg)
	if len(bars) != 3 || bars[0].stub || !bars[1].stub || !bars[2].stub {
		t.Fatalf("bars = %+v", bars)
	}
	for _, b := range bars[1:] {
		if b.value != "c" || b.width <= 0 || b.width >= bars[0].width/4 {
			t.Errorf("hidden bar %+v: want a short stub labelled c", b)
		}
	}
	// The stub is hatched and outlined, not a colour of its own.
	stub := byClass(svg, "chart-stub")[0]
	if attr(stub, "fill") != "url(#stats-2012-h2-cases_by_age-chart-hatch)" || attr(stub, "stroke") == "" {
		t.Errorf("stub = %v", stub.Attr)
	}
	byID(t, svg, "stats-2012-h2-cases_by_age-chart-hatch")
	if got := textOf(byTag(svg, "desc")[0]); got != "Grafico a barre. Maggiorenni: 30; Minorenni: c (dato riservato); Non noto: c (dato riservato); Totale: 38." {
		t.Errorf("desc = %q", got)
	}

	table := byClass(doc, "stats-table")[0]
	cells := byClass(table, "stats-c")
	if len(cells) != 2 || visibleText(cells[0]) != "c" || textOf(byClass(cells[0], "visually-hidden")[0]) != "c (dato riservato)" {
		t.Errorf("hidden cells: %d, first %q", len(cells), textOf(cells[0]))
	}
	if attr(byTag(cells[0], "span")[0], "aria-hidden") != "true" {
		t.Error("the visible c is read as well as its meaning")
	}
	note := byID(t, doc, "stats-2012-h2-cases_by_age-note-c")
	if got := textOf(note); got != "c = dato riservato: per proteggere le persone, i numeri di persone più piccoli di 5 non sono pubblicati." {
		t.Errorf("c footnote = %q", got)
	}
	if attr(table, "aria-describedby") != "stats-2012-h2-cases_by_age-note-c" {
		t.Errorf("table aria-describedby = %q", attr(table, "aria-describedby"))
	}

	// A hidden single figure: "c" in the list, a stub in the chart, the footnote.
	figures := byID(t, doc, "stats-2012-h2-figures-persons-heading").Parent
	if got := visibleText(byClass(figures, "stats-figure")[0]); got != "c" {
		t.Errorf("hidden figure shows %q", got)
	}
	fbars := chartBars(t, chartSVG(t, doc, "stats-2012-h2-figures-persons-chart"))
	if len(fbars) != 2 || !fbars[0].stub || fbars[1].value != "40" {
		t.Errorf("figures chart = %+v", fbars)
	}
	byID(t, doc, "stats-2012-h2-figures-persons-note-c")
}

func TestDataSectionRightToLeft(t *testing.T) {
	res := sitetest.Build(t, statsSite(t))
	doc, _ := statsPage(t, res, "/ar/dati/index.html")
	svg := chartSVG(t, doc, "stats-2012-h1-helpline_cases-chart")
	if attr(svg, "direction") != "rtl" {
		t.Errorf("direction = %q", attr(svg, "direction"))
	}
	bars := chartBars(t, svg)
	for _, b := range bars {
		if math.Abs(b.x+b.width-360) > 0.05 {
			t.Errorf("bar %q runs from %v to %v: want it to end at the right edge, 360", b.label, b.x, b.x+b.width)
		}
	}
	for _, label := range byClass(svg, "chart-label") {
		if attr(label, "x") != "360" {
			t.Errorf("label starts at x=%s, want the right edge", attr(label, "x"))
		}
	}
	values := byClass(svg, "chart-value")
	if x := number(t, values[0], "x"); x >= bars[0].x {
		t.Errorf("value at x=%v is not left of its bar (starting at %v)", x, bars[0].x)
	}
	// The Arabic page has no Arabic strings in this site: they fall back to Italian.
	if got := textOf(byTag(doc, "h2")[1]); !strings.Contains(got, "2012") {
		t.Errorf("period = %q", got)
	}
}

// TestChartGolden pins the whole SVG of one chart in each direction.
func TestChartGolden(t *testing.T) {
	res := sitetest.Build(t, statsSite(t))
	for _, c := range []struct{ page, golden string }{
		{"/dati/index.html", "stats-chart-it.svg"},
		{"/ar/dati/index.html", "stats-chart-ar.svg"},
	} {
		page := sitetest.Read(t, res.Output, c.page)
		m := regexp.MustCompile(`(?s)<svg[^>]*stats-2012-h2-cases_by_age-chart-title.*?</svg>`).FindString(page)
		if m == "" {
			t.Fatalf("%s: no chart", c.page)
		}
		m = strings.ReplaceAll(m, "><", ">\n<") + "\n"
		goldenfile.Assert(t, filepath.Join("testdata", c.golden), []byte(m))
	}
}

func TestChartCodeBlock(t *testing.T) {
	res := sitetest.Build(t, statsSite(t))
	doc, page := statsPage(t, res, "/grafico/index.html")
	fig := byTag(doc, "figure")
	if len(fig) != 1 || textOf(byTag(fig[0], "figcaption")[0]) != "Casi per forma di sfruttamento" {
		t.Fatalf("no figure with the title as caption:\n%s", page)
	}
	svg := byTag(fig[0], "svg")[0]
	if attr(svg, "role") != "img" || textOf(byTag(svg, "title")[0]) != "Casi per forma di sfruttamento" {
		t.Errorf("svg = %v", svg.Attr)
	}
	if got := textOf(byTag(svg, "desc")[0]); got != "Grafico a barre. Sfruttamento sessuale: 28; Altre forme: 9; Accattonaggio: c (dato riservato)." {
		t.Errorf("desc = %q", got)
	}
	bars := chartBars(t, svg)
	if len(bars) != 3 || !bars[2].stub || math.Abs(bars[1].width/bars[0].width-9.0/28) > 0.001 {
		t.Errorf("bars = %+v", bars)
	}
	if got := textOf(byClass(fig[0], "stats-note")[0]); !strings.Contains(got, "più piccoli di 5") {
		t.Errorf("footnote = %q: want the site's threshold", got)
	}
	if strings.Contains(page, "```") || strings.Contains(page, "<pre") {
		t.Error("the block was also printed as code")
	}
	if !strings.Contains(page, "Prima del grafico.") || !strings.Contains(page, "Dopo il grafico.") {
		t.Error("the text around the chart is lost")
	}
}

func TestChartCodeBlockErrors(t *testing.T) {
	// The block's fence is on line 6 of content/it/grafico.md; its title on line 7.
	cases := []struct {
		name, block string
		want        string
	}{
		{"no pipe", "Titolo\nSessuale 28\n", `content/it/grafico.md:8: chart block: "Sessuale 28" is not a bar`},
		{"blank lines count", "Titolo\n\nA | 1\nB | molti\n", `content/it/grafico.md:10: chart block: "B | molti": the value "molti" is not a whole number or c`},
		{"separator", "Titolo\nA | 2.651\n", `grafico.md:8: chart block: "A | 2.651": write the value 2.651 with digits only, without separators: 2651`},
		{"negative", "Titolo\nA | -3\n", "grafico.md:8: chart block: \"A | -3\": the value -3 is negative"},
		{"two pipes", "Titolo\nA | B | 3\n", `grafico.md:8: chart block: "A | B | 3" has more than one "|"`},
		{"no label", "Titolo\n | 3\n", `grafico.md:8: chart block: "| 3" has no label`},
		{"capital C", "Titolo\nA | C\n", "grafico.md:8: chart block: \"A | C\": write a hidden value as a lowercase c"},
		{"too large", "Titolo\nA | 1000000000000\n", "grafico.md:8: chart block: \"A | 1000000000000\": the value 1000000000000 is too large"},
		{"title is a bar", "A | 3\n", `grafico.md:7: chart block: "A | 3" looks like a bar`},
		{"no bars", "\nTitolo\n", `grafico.md:8: chart block: the chart "Titolo" has no bars`},
		{"empty", "\n", "grafico.md:7: chart block: the chart is empty"},
		{"control character", "Titolo\nA\u0085 | 3\n", `grafico.md:8: chart block: the line contains the control character "\u0085": delete it`},
		{"crlf", "Titolo\r\nA | 3\r\nB 4\r\n", `grafico.md:9: chart block: "B 4" is not a bar`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := "-- content/it/grafico.md --\n---\ntitle: Grafico\n---\nTesto.\n\n```chart\n" + c.block + "```\n"
			files := strings.Replace(statsSite(t), "-- content/it/grafico.md --", "-- content/it/old.md --", 1) + page
			_, err := site.Build(sitetest.Options(sitetest.Write(t, files)))
			if err == nil {
				t.Fatal("the build accepted a malformed chart block")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, c.want)
			}
			// The render hook and newsletter/chartblock (the email's parser) agree on
			// the line and the words.
			var e *chartblock.Error
			if _, perr := chartblock.Parse(c.block); !errors.As(perr, &e) {
				t.Fatalf("chartblock.Parse accepts %q", c.block)
			}
			same := fmt.Sprintf("content/it/grafico.md:%d: chart block: %s", 6+e.Line, e.Msg)
			if !strings.Contains(err.Error(), same) {
				t.Errorf("the hook says\n%v\nchartblock says\n%s", err, same)
			}
		})
	}
}

func TestDataSectionWithoutReleases(t *testing.T) {
	files := statsSite(t)
	files = regexp.MustCompile(`(?s)-- data/stats/[^\n]*--\n.*?(\n-- |$)`).ReplaceAllString(files, "$1")
	files = regexp.MustCompile(`(?s)-- data/stats/[^\n]*--\n.*?(\n-- |$)`).ReplaceAllString(files, "$1")
	if strings.Contains(files, "-- data/") {
		t.Fatal("the fixture still has data files")
	}
	res := sitetest.Build(t, files)
	sitetest.AssertContains(t, res.Output, "/dati/index.html", "Non ci sono ancora dati pubblicati.")
	sitetest.AssertNotContains(t, res.Output, "/dati/index.html", "<svg", "stats.json")
}
