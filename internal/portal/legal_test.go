package portal

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// legalTemplates are the project's files the privacy notice and the accessibility
// statement are made of: the small sites below use them as they are, with words and
// data of their own.
var legalTemplates = []string{
	"layouts/_shortcodes/accessibility.html",
	"layouts/_shortcodes/legal.html",
	"layouts/_partials/legal-value.html",
}

// legalSite is a small site with the project's legal templates, strings made up for
// the test (their keys are the project's) and a statement and a notice that use every
// part; files are added (a data/accessibility.json) or replaced by the caller.
func legalSite(t *testing.T, files string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(legalSiteFiles)
	for _, f := range legalTemplates {
		data, err := afero.ReadFile(afero.NewOsFs(), filepath.Join("../..", f))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "-- %s --\n%s\n", f, data)
	}
	b.WriteString(files)
	return b.String()
}

const legalSiteFiles = `
-- site.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "en"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
[params.legal]
controller = "TODO: who"
office = "Office of Examples, 1 Test Street"
mail = "write@example.org"
web = "https://authority.example.net/complaints/"
[params.newsletter]
unsubscribeMailto = "leave@example.org"
[languages.en]
label = "English"
locale = "en"
weight = 1
[languages.ar]
label = "العربية"
locale = "ar"
direction = "rtl"
weight = 2
[[module.mounts]]
source = "content/en"
target = "content"
sites.matrix.languages = ["en"]
[[module.mounts]]
source = "content/ar"
target = "content"
sites.matrix.languages = ["ar"]
-- i18n/en.toml --
legalNotGiven = "NOT-GIVEN"
a11yNotEvaluated = "NOT-EVALUATED"
a11yStatusNoProblems = "STATUS-CLEAN"
a11yStatusProblems = "STATUS-PROBLEMS count={{ .Count }}"
a11yNoProblems = "NO-PROBLEMS"
a11yProblem = "PROBLEM {{ .Criteria }} pages={{ .Pages }}"
a11yDate = "DATE {{ .Date }}"
a11yMethod = "METHOD browser={{ .Browser }} tool={{ .Tool }}"
a11yPages = "PAGES pages={{ .Pages }} languages={{ .Languages }}"
a11yCriteria = "CRITERIA {{ .Standard }}: {{ .List }}"
-- i18n/ar.toml --
legalNotGiven = "AR-NOT-GIVEN"
a11yNotEvaluated = "AR-NOT-EVALUATED"
a11yStatusNoProblems = "AR-STATUS-CLEAN"
a11yStatusProblems = "AR-STATUS-PROBLEMS count={{ .Count }}"
a11yNoProblems = "AR-NO-PROBLEMS"
a11yProblem = "AR-PROBLEM {{ .Criteria }} pages={{ .Pages }}"
a11yDate = "AR-DATE {{ .Date }}"
a11yMethod = "AR-METHOD browser={{ .Browser }} tool={{ .Tool }}"
a11yPages = "AR-PAGES pages={{ .Pages }} languages={{ .Languages }}"
a11yCriteria = "AR-CRITERIA {{ .Standard }}: {{ .List }}"
-- layouts/baseof.html --
<html lang="{{ site.Language.Lang }}"><body><main>{{ block "main" . }}{{ end }}</main></body></html>
-- layouts/page.html --
{{ define "main" }}<article>{{ .Content }}</article>{{ end }}
-- layouts/home.html --
{{ define "main" }}home{{ end }}
-- content/en/_index.md --
---
title: Home
---
-- content/ar/_index.md --
---
title: الرئيسية
---
-- content/en/statement.md --
---
title: Statement
---
## Status

{{< accessibility "status" >}}

## Problems

{{< accessibility "problems" >}}

## Evaluation

{{< accessibility "evaluation" >}}
-- content/ar/statement.md --
---
title: بيان
---
{{< accessibility "status" >}}

{{< accessibility "evaluation" >}}
-- content/en/notice.md --
---
title: Notice
---
Controller: {{< legal "legal.controller" >}}. Office: {{< legal "legal.office" >}}.
Mail: {{< legal "legal.mail" >}}. Web: {{< legal "legal.web" >}}.
Leave: {{< legal "newsletter.unsubscribeMailto" >}}.
`

// A record as the browser tests write it, with made-up values.
const recordClean = `
-- data/accessibility.json --
{
  "date": "2031-03-04T05:06:07Z",
  "method": "automated",
  "browser": "TestBrowser 1.2",
  "tool": "test-checker 9.8.7",
  "standard": "WCAG 9.9 AA",
  "criteria": ["1.1.1", "4.1.2"],
  "languages": ["en", "ar"],
  "pages": ["/", "/ar/", "/statement/"],
  "result": "pass",
  "problems": []
}
`

const recordProblems = `
-- data/accessibility.json --
{
  "date": "2031-03-04T05:06:07Z",
  "method": "automated",
  "browser": "TestBrowser 1.2",
  "tool": "test-checker 9.8.7",
  "standard": "WCAG 9.9 AA",
  "criteria": ["1.1.1", "1.4.3", "4.1.2"],
  "languages": ["en"],
  "pages": ["/", "/statement/"],
  "result": "fail",
  "problems": [
    {"check": "contrast <rule>", "criteria": ["1.4.3"], "summary": "Text is too pale", "pages": ["/", "/statement/"]},
    {"check": "reflow", "criteria": [], "summary": "The page scrolls sideways", "pages": ["/statement/"]}
  ]
}
`

func TestStatementReadsTheRecordedEvaluation(t *testing.T) {
	res := sitetest.Build(t, legalSite(t, recordClean))
	sitetest.AssertContains(t, res.Output, "/statement/index.html",
		"<p>STATUS-CLEAN</p>",
		"<p>NO-PROBLEMS</p>",
		`DATE <time datetime="2031-03-04">March 4, 2031</time>`,
		`METHOD browser=<bdi dir="ltr">TestBrowser 1.2</bdi> tool=<bdi dir="ltr">test-checker 9.8.7</bdi>`,
		"PAGES pages=3 languages=2",
		`CRITERIA <bdi dir="ltr">WCAG 9.9 AA</bdi>: <bdi dir="ltr">1.1.1, 4.1.2</bdi>`)
	sitetest.AssertNotContains(t, res.Output, "/statement/index.html", "NOT-EVALUATED", "STATUS-PROBLEMS", "<p><p>", "<p><ul>")
	// Each language says it in its own words, with its own dates.
	sitetest.AssertContains(t, res.Output, "/ar/statement/index.html", "AR-STATUS-CLEAN", `<time datetime="2031-03-04">4 مارس 2031</time>`)
}

func TestStatementListsTheProblemsFound(t *testing.T) {
	res := sitetest.Build(t, legalSite(t, recordProblems))
	sitetest.AssertContains(t, res.Output, "/statement/index.html",
		"<p>STATUS-PROBLEMS count=2</p>",
		`<li>PROBLEM WCAG 1.4.3 pages=2 <span lang="en" dir="ltr">contrast &lt;rule&gt;: Text is too pale</span></li>`,
		`<li>PROBLEM WCAG – pages=1 <span lang="en" dir="ltr">reflow: The page scrolls sideways</span></li>`,
		"PAGES pages=2 languages=1")
	sitetest.AssertNotContains(t, res.Output, "/statement/index.html", "NO-PROBLEMS", "STATUS-CLEAN", "<rule>")
}

// Without data/accessibility.json the site builds and every part of the statement says,
// in the reader's language, that the site has not been evaluated yet.
func TestStatementWithoutARecord(t *testing.T) {
	res := sitetest.Build(t, legalSite(t, ""))
	got := sitetest.Read(t, res.Output, "/statement/index.html")
	if n := strings.Count(got, "<p>NOT-EVALUATED</p>"); n != 3 {
		t.Errorf("the statement says NOT-EVALUATED %d times, want once for each of its 3 parts:\n%s", n, got)
	}
	sitetest.AssertNotContains(t, res.Output, "/statement/index.html", "STATUS-", "DATE", "PAGES", "<time")
	sitetest.AssertContains(t, res.Output, "/ar/statement/index.html", "<p>AR-NOT-EVALUATED</p>")
}

func TestStatementPartMustExist(t *testing.T) {
	files := legalSite(t, "-- content/en/bad.md --\n---\ntitle: Bad\n---\n{{< accessibility \"score\" >}}\n")
	_, err := site.Build(sitetest.Options(sitetest.Write(t, files)))
	if err == nil || !strings.Contains(err.Error(), `"score" is not a part of the statement`) || !strings.Contains(err.Error(), "bad.md") {
		t.Errorf("build error = %v, want one naming bad.md and the unknown part", err)
	}
}

func TestLegalValuesFromSiteToml(t *testing.T) {
	res := sitetest.Build(t, legalSite(t, ""))
	sitetest.AssertContains(t, res.Output, "/notice/index.html",
		`Controller: <em class="todo">NOT-GIVEN</em>.`,
		`Office: Office of Examples, 1 Test Street.`,
		`Mail: <a href="mailto:write@example.org"><bdi dir="ltr">write@example.org</bdi></a>.`,
		`Web: <a href="https://authority.example.net/complaints/" rel="noreferrer"><bdi dir="ltr">authority.example.net/complaints</bdi></a>.`,
		`Leave: <a href="mailto:leave@example.org"><bdi dir="ltr">leave@example.org</bdi></a>.`)
	sitetest.AssertNotContains(t, res.Output, "/notice/index.html", "TODO")
}

func TestLegalValueMustExist(t *testing.T) {
	files := legalSite(t, "-- content/en/bad.md --\n---\ntitle: Bad\n---\n{{< legal \"legal.nobody\" >}} {{< legal \"nothing.at.all\" >}}\n")
	_, err := site.Build(sitetest.Options(sitetest.Write(t, files)))
	if err == nil || !strings.Contains(err.Error(), "params.legal.nobody is not in site.toml") {
		t.Errorf("build error = %v, want one naming params.legal.nobody", err)
	}
}

// everyFooterLinksTheLegalPages: every page's footer links the pages the law asks for
// (site.toml's "legal" menu: its <nav class="nav-legal">), the same number of them on
// every page, each to a page that exists, in the language of the page that links it.
func everyFooterLinksTheLegalPages(t *testing.T, b builtProject) {
	pages := builtPages(t, b.res)
	langOf := map[string]string{} // file → lang of its <html>
	for _, p := range pages {
		if h := elements(p.doc, tagged("html")); len(h) > 0 {
			langOf[p.file] = attrVal(h[0], "lang")
		}
	}
	want := -1
	for _, p := range pages {
		var links []*html.Node
		for _, f := range elements(p.doc, tagged("footer")) {
			for _, nav := range elements(f, func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "nav-legal") }) {
				links = append(links, elements(nav, tagged("a"))...)
			}
		}
		if len(links) == 0 {
			t.Errorf("public%s: no link to the legal pages in the footer (<nav class=nav-legal>)", p.file)
			continue
		}
		if want < 0 {
			want = len(links)
		} else if len(links) != want {
			t.Errorf("public%s: %d links to the legal pages in the footer, other pages have %d", p.file, len(links), want)
		}
		for _, a := range links {
			href := attrVal(a, "href")
			file, ok := outputFile(b.res, href)
			if !ok {
				t.Errorf("public%s: the footer links %q, outside the site", p.file, href)
				continue
			}
			got, built := langOf[file]
			switch {
			case !built:
				t.Errorf("public%s: the footer links %q, which is not a page of the site", p.file, href)
			case got != p.lang.Locale:
				t.Errorf("public%s (%s): the footer links %q, a page in %s", p.file, p.lang.Locale, href, got)
			}
		}
	}
}

// statementShowsTheRecordedEvaluation: every page that shows the last evaluation of the
// accessibility statement ({{< accessibility "evaluation" >}}) shows the date of
// data/accessibility.json, or, without that file, no date at all.
func statementShowsTheRecordedEvaluation(t *testing.T, b builtProject) {
	var record struct{ Date string }
	data, err := afero.ReadFile(b.Fs, filepath.Join(b.Dir, "data", "accessibility.json"))
	switch {
	case err == nil:
		if err := json.Unmarshal(data, &record); err != nil {
			t.Fatalf("data/accessibility.json: %v", err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatal(err)
	}
	var day string
	if record.Date != "" {
		d, err := time.Parse(time.RFC3339, record.Date)
		if err != nil {
			t.Fatalf("data/accessibility.json: date %q: %v", record.Date, err)
		}
		day = d.Format("2006-01-02")
	}
	found := 0
	for _, l := range b.res.Languages {
		for _, p := range b.res.Pages[l.Code] {
			if p.SourceFile == "" || p.RelPermalink == "" {
				continue
			}
			src, err := afero.ReadFile(b.Fs, filepath.Join(b.Dir, p.SourceFile))
			if err != nil || !strings.Contains(string(src), `{{< accessibility "evaluation" >}}`) {
				continue
			}
			found++
			file, _ := outputFile(b.res, p.RelPermalink)
			main := sitetest.Read(t, b.res.Output, file)
			if i := strings.Index(main, "<main"); i >= 0 {
				main = main[i:]
			}
			has := strings.Contains(main, "<time datetime="+day+">") || strings.Contains(main, `<time datetime="`+day+`">`)
			if day != "" && !has {
				t.Errorf("public%s (%s) does not show the date of the last evaluation, %s", file, p.SourceFile, day)
			}
			if day == "" && strings.Contains(main, "<time") {
				t.Errorf("public%s (%s) shows a date, but data/accessibility.json records no evaluation", file, p.SourceFile)
			}
		}
	}
	if found == 0 {
		t.Error(`no page shows the accessibility statement's evaluation ({{< accessibility "evaluation" >}})`)
	}
}
