package check

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/contratto/portal/internal/golden"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
)

// clean is a small site in the project's shape that passes every rule: three
// languages (one right-to-left), a page translated everywhere, a page only in Italian
// (copied into the others), helplines from site.toml through the shortcode, interface
// strings in every language.
const clean = `
-- site.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "it"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
[minify]
minifyOutput = true
[params.helplines.regional]
display = "800 186 086"
tel = "800186086"
[params.helplines.national]
display = "800 290 290"
tel = "800290290"
[params.helplines.emergency]
display = "112"
tel = "112"
[languages.it]
label = "Italiano"
weight = 1
[languages.en]
label = "English"
weight = 2
[languages.ar]
label = "العربية"
direction = "rtl"
weight = 3
[[module.mounts]]
source = "content/newsletter"
target = "content/newsletter"
[[module.mounts]]
source = "content/it"
target = "content"
sites.matrix.languages = ["it"]
[[module.mounts]]
source = "content/en"
target = "content"
sites.matrix.languages = ["en"]
[[module.mounts]]
source = "content/ar"
target = "content"
sites.matrix.languages = ["ar"]
[[module.mounts]]
source = "content/en"
target = "content"
sites.matrix.languages = ["! {it,en}"]
[[module.mounts]]
source = "content/it"
target = "content"
sites.matrix.languages = ["! it"]
-- content/it/_index.md --
---
title: Casa
description: La pagina iniziale.
translationKey: home
---
-- content/en/_index.md --
---
title: Home
description: The home page.
translationKey: home
sourceHash: "228f2c598c3e"
---
-- content/ar/_index.md --
---
title: الرئيسية
description: الصفحة الرئيسية.
translationKey: home
sourceHash: "228f2c598c3e"
---
-- content/it/aiuto.md --
---
title: Aiuto
description: Chi chiamare.
translationKey: help
date: 2012-06-01
---
## Chi chiamare

Chiama il {{< helpline "national" >}} o il {{< helpline "regional" >}}. In pericolo? {{< helpline "emergency" >}}.

Leggi [il progetto](/progetto/) e [chi chiamare](#chi-chiamare).
-- content/en/aiuto.md --
---
title: Help
description: Who to call.
translationKey: help
date: 2012-06-01
sourceHash: "e37b26b8c956"
---
## Who to call

Call {{< helpline "national" >}} or {{< helpline "regional" >}}. In danger? {{< helpline "emergency" >}}.

Read [the project](/en/progetto/) and [who to call](#who-to-call).
-- content/ar/aiuto.md --
---
title: مساعدة
description: بمن تتصل.
translationKey: help
date: 2012-06-01
sourceHash: "e37b26b8c956"
---
## بمن تتصل

اتصل بالرقم {{< helpline "national" >}} أو {{< helpline "regional" >}}. في خطر؟ {{< helpline "emergency" >}}.

اقرأ [المشروع](/ar/progetto/) و[بمن تتصل](#بمن-تتصل).
-- content/it/progetto.md --
---
title: Il progetto
description: ConTratTo in Toscana.
translationKey: project
datePrecision: month
date: 2012-10-12
newsletter: feature
---
Il progetto è nato nel 2012, con 200.000 euro di cofinanziamento (art. 18, D.Lgs. 286/1998; interrogazione 5-12632).

![Una mappa della Toscana](/mappa.png)
-- static/mappa.png --
png
-- static/css/site.css --
body{color:black}
-- i18n/it.toml --
# Interface strings.
skip = "Vai al contenuto"
note = "Pagina in {{ .Language }}."
-- i18n/en.toml --
skip = "Skip to content"
note = "Page in {{ .Language }}."
-- i18n/ar.toml --
skip = "انتقل إلى المحتوى"
note = "الصفحة بلغة {{ .Language }}."
-- layouts/_markup/render-link.html --
<a href="{{ .Destination | safeURL }}">{{ .Text }}</a>
{{- /**/ -}}
-- layouts/_shortcodes/helpline.html --
{{- $l := index site.Params.helplines (.Get 0) -}}
<a href="tel:{{ $l.tel }}">{{ $l.display }}</a>
{{- /**/ -}}
-- layouts/all.html --
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head><link rel="stylesheet" href="/css/site.css"><title>{{ .Title }}</title></head>
<body>
<a href="#main">{{ i18n "skip" }}</a>
<main id="main">
<h1>{{ .Title }}</h1>
{{ .Content }}
<a href="{{ site.Home.RelPermalink }}">home</a>
</main>
</body>
</html>
`

// with returns the clean site with files added or replaced.
func with(files string) string {
	return clean + files
}

// replace returns the clean site with one piece of text changed.
func replace(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(clean, old) {
		t.Fatalf("the clean site has no %q", old)
	}
	return strings.Replace(clean, old, new, 1)
}

// build writes a site and builds it; a site that does not build fails the test.
func build(t *testing.T, files string) Input {
	t.Helper()
	fsys := sitetest.Write(t, files)
	res, err := site.Build(sitetest.Options(fsys))
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return Input{Project: sitetest.Project(fsys), Site: res}
}

// source writes a site without building it, for the rules that read files alone.
func source(t *testing.T, files string) Input {
	t.Helper()
	return Input{Project: sitetest.Project(sitetest.Write(t, files))}
}

// strs formats findings one per line, as the report does.
func strs(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

// expect fails unless the findings are exactly want (one finding per line).
func expect(t *testing.T, got []Finding, want ...string) {
	t.Helper()
	Sort(got)
	w := ""
	for _, l := range want {
		w += l + "\n"
	}
	if g := strs(got); g != w {
		t.Errorf("findings:\n%s\nwant:\n%s", g, w)
	}
}

func TestCleanSitePasses(t *testing.T) {
	r := Run(build(t, clean), Options{Essential: []string{"help"}}, nil)
	expect(t, r.Findings,
		"warning: translation: 1 other page is not translated into every language (see the table)",
		`site.toml:1: warning: placeholder: baseURL = "https://example.org/" is a placeholder (example.org is a domain reserved for examples): put in the real value before the site goes live`)
	if r.Errors() != 0 || r.Warnings() != 2 {
		t.Errorf("errors=%d warnings=%d", r.Errors(), r.Warnings())
	}
}

func TestRunWithoutASiteStillChecksTheFiles(t *testing.T) {
	in := source(t, replace(t, "date: 2012-10-12", "date: yesterday"))
	_, buildErr := site.Build(sitetest.Options(in.Fs))
	if buildErr == nil {
		t.Fatal("Hugo built a page whose date is not a date")
	}
	r := Run(in, Options{}, buildErr)
	if r.Errors() != 2 {
		t.Fatalf("want the build error and the front matter error:\n%s", strs(r.Findings))
	}
	if f := r.Findings[0]; f.Rule != "build" || !strings.Contains(f.Message, "does not build") || !strings.Contains(f.Message, "date") {
		t.Errorf("first finding = %s", f)
	}
	if f := r.Findings[1]; f.String() != `content/it/progetto.md:6: error: front matter: "date" is not a date ("yesterday"): write it as YYYY-MM-DD, for example 2012-06-01` {
		t.Errorf("second finding = %s", f)
	}
}

func TestHugoWarningsAreWarnings(t *testing.T) {
	in := build(t, with("-- layouts/page.html --\n{{ warnf \"look at %s\" .Title }}{{ .Content }}\n"))
	r := Run(in, Options{Essential: []string{"help"}}, nil)
	found := false
	for _, f := range r.Findings {
		if f.Rule == "build" && f.Severity == Warning && strings.Contains(f.Message, "look at") {
			found = true
		}
	}
	if !found {
		t.Errorf("Hugo's warning is not in the report:\n%s", strs(r.Findings))
	}
}

// TestReportGolden fixes the whole text an editor reads: table, findings, summary.
func TestReportGolden(t *testing.T) {
	in := build(t, replace(t, "![Una mappa della Toscana](/mappa.png)", "![](/mappa.png) Chiama 800 186 087.\n\n[Rotto](/rotto/)"))
	if err := in.Fs.Remove(filepath.Join(sitetest.Dir, "i18n/ar.toml")); err != nil {
		t.Fatal(err)
	}
	r := Run(in, Options{Essential: []string{"help", "project"}}, nil)
	var got bytes.Buffer
	if err := r.Write(&got); err != nil {
		t.Fatal(err)
	}
	goldenfile.Assert(t, filepath.Join("testdata", "report.golden"), got.Bytes())
	var again bytes.Buffer
	if err := Run(in, Options{Essential: []string{"help", "project"}}, nil).Write(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), again.Bytes()) {
		t.Error("two runs on the same site give different reports")
	}
}

func TestSummary(t *testing.T) {
	cases := []struct {
		findings []Finding
		want     string
	}{
		{nil, "0 errors, 0 warnings"},
		{[]Finding{{Severity: Error}}, "1 error, 0 warnings"},
		{[]Finding{{Severity: Error}, {Severity: Error}, {Severity: Warning}}, "2 errors, 1 warning"},
	}
	for _, c := range cases {
		if got := (Report{Findings: c.findings}).Summary(); got != c.want {
			t.Errorf("Summary() = %q, want %q", got, c.want)
		}
	}
}

func TestFindingString(t *testing.T) {
	cases := []struct {
		f    Finding
		want string
	}{
		{Finding{File: "content/ar/aiuto.md", Line: 3, Severity: Error, Rule: "front matter", Message: "x"}, "content/ar/aiuto.md:3: error: front matter: x"},
		{Finding{File: "i18n/fr.toml", Severity: Warning, Rule: "i18n", Message: "y"}, "i18n/fr.toml: warning: i18n: y"},
		{Finding{Severity: Error, Rule: "build", Message: "z"}, "error: build: z"},
	}
	for _, c := range cases {
		if got := c.f.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

func TestSortOrder(t *testing.T) {
	fs := []Finding{
		{File: "b.md", Line: 1, Severity: Warning, Rule: "r", Message: "m"},
		{File: "a.md", Line: 10, Severity: Error, Rule: "r", Message: "m"},
		{File: "a.md", Line: 2, Severity: Warning, Rule: "r", Message: "m"},
		{File: "a.md", Line: 2, Severity: Error, Rule: "r", Message: "m"},
		{Severity: Warning, Rule: "r", Message: "m"},
	}
	Sort(fs)
	want := "warning: r: m\na.md:2: error: r: m\na.md:2: warning: r: m\na.md:10: error: r: m\nb.md:1: warning: r: m\n"
	if got := strs(fs); got != want {
		t.Errorf("order:\n%s\nwant:\n%s", got, want)
	}
}

// read is a helper for the tests that look at built files.
func read(t *testing.T, in Input, path string) string {
	t.Helper()
	b, err := afero.ReadFile(in.Site.Output, path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// BenchmarkRun measures every rule on a built site (the build itself is not counted).
func BenchmarkRun(b *testing.B) {
	fsys := sitetest.Write(b, clean)
	res, err := site.Build(sitetest.Options(fsys))
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Project: sitetest.Project(fsys), Site: res}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(in, Options{}, nil)
	}
}

// BenchmarkScanNumbers measures the helpline scan on a long run of figures, its worst case.
func BenchmarkScanNumbers(b *testing.B) {
	f := splitContent("content/it/x.md", strings.Repeat("1 ", 20000))
	for i := 0; i < b.N; i++ {
		scanNumbers(f, testLines)
	}
}
