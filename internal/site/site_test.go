package site_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
)

// twoLanguages is a small site in the project's shape: one folder of content per
// language, English falling back to Italian, a static file, one layout.
const twoLanguages = `
-- site.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "it"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
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
-- content/it/_index.md --
---
title: Casa
---
-- content/it/aiuto.md --
---
title: Aiuto
translationKey: help
date: 2012-06-01
params:
  colour: blue
---
Chiama il numero verde. Questo è il riassunto.
-- content/en/_index.md --
---
title: Home
---
-- content/en/aiuto.md --
---
title: Help
translationKey: help
date: 2012-06-01
---
Call the helpline.
-- static/css/site.css --
body{color:black}
-- layouts/all.html --
<html lang="{{ site.Language.Lang }}" dir="{{ site.Language.Direction | default "ltr" }}">{{ .Title }}|{{ .Content }}</html>
`

func TestBuildWritesEveryLanguageAndStatic(t *testing.T) {
	res := sitetest.Build(t, twoLanguages)
	sitetest.AssertContains(t, res.Output, "/index.html", `lang="it"`, "Casa")
	sitetest.AssertContains(t, res.Output, "/en/index.html", `lang="en"`, "Home")
	sitetest.AssertContains(t, res.Output, "/aiuto/index.html", "Aiuto", "Chiama il numero verde")
	sitetest.AssertContains(t, res.Output, "/en/aiuto/index.html", "Help", "Call the helpline")
	sitetest.AssertContains(t, res.Output, "/ar/aiuto/index.html", `lang="ar" dir="rtl"`, "Call the helpline")
	sitetest.AssertContains(t, res.Output, "/css/site.css", "body{color:black}")
}

func TestPagesPerLanguage(t *testing.T) {
	res := sitetest.Build(t, twoLanguages)
	if got := len(res.Languages); got != 3 || !res.Languages[0].Default || res.Languages[0].Code != "it" {
		t.Fatalf("languages = %+v", res.Languages)
	}
	if res.Languages[2].Direction != "rtl" || res.Languages[2].Label != "العربية" {
		t.Errorf("ar = %+v", res.Languages[2])
	}
	it := find(t, res, "it", "/aiuto")
	if it.Title != "Aiuto" || it.Permalink != "https://example.org/aiuto/" || it.TranslationKey != "help" {
		t.Errorf("it page = %+v", it)
	}
	if it.Date.Format("2006-01-02") != "2012-06-01" || it.Params["colour"] != "blue" {
		t.Errorf("date or params: %v %v", it.Date, it.Params)
	}
	if summary, from := it.Summary(); !strings.HasPrefix(summary, "Chiama il numero verde.") || strings.Contains(summary, "<") || from != site.FromParagraph {
		t.Errorf("summary = %q from %v", summary, from)
	}
	if it.SourceFile != "content/it/aiuto.md" || it.IsFallback() {
		t.Errorf("source = %q fallback=%v", it.SourceFile, it.IsFallback())
	}
	if got := it.Translations; len(got) != 1 || got["en"] != "https://example.org/en/aiuto/" {
		t.Errorf("translations = %v (the Arabic copy is a fallback, not a translation)", got)
	}
	ar := find(t, res, "ar", "/aiuto")
	if !ar.IsFallback() || ar.ContentLang != "en" || ar.Permalink != "https://example.org/ar/aiuto/" {
		t.Errorf("ar page = %+v", ar)
	}
}

func TestSummaryCountsPerLanguage(t *testing.T) {
	res := sitetest.Build(t, twoLanguages)
	byLang := map[string]site.LanguageSummary{}
	for _, s := range res.Summary {
		byLang[s.Lang] = s
	}
	// it: index.html, it/index.html (Hugo's redirect to the root), aiuto, and the static
	// css, counted for the default language.
	if s := byLang["it"]; s.Files != 4 || s.Pages == 0 {
		t.Errorf("it summary = %+v", s)
	}
	if s := byLang["en"]; s.Files != 2 || s.Pages != 2 {
		t.Errorf("en summary = %+v", s)
	}
}

func TestLoadRendersNothing(t *testing.T) {
	res, err := site.Load(sitetest.Options(sitetest.Write(t, twoLanguages)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sitetest.Tree(t, res.Output, "/")); n != 0 {
		t.Errorf("Load wrote %d files", n)
	}
	if find(t, res, "en", "/aiuto").Title != "Help" {
		t.Error("Load lost the pages")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a := sitetest.Tree(t, sitetest.Build(t, twoLanguages).Output, "/")
	b := sitetest.Tree(t, sitetest.Build(t, twoLanguages).Output, "/")
	if d := sitetest.DiffTrees(a, b); d != "" {
		t.Fatalf("two builds differ:\n%s", d)
	}
}

func TestBuildLeavesProjectUntouched(t *testing.T) {
	fsys := sitetest.Write(t, twoLanguages)
	before := sitetest.Tree(t, fsys, "/")
	if _, err := site.Build(sitetest.Options(fsys)); err != nil {
		t.Fatal(err)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, fsys, "/")); d != "" {
		t.Fatalf("the build wrote into the project:\n%s", d)
	}
}

func TestHugoEnvironmentVariablesAreIgnored(t *testing.T) {
	want := sitetest.Tree(t, sitetest.Build(t, twoLanguages).Output, "/")
	t.Setenv("HUGO_BASEURL", "https://elsewhere.example/")
	t.Setenv("HUGO_TITLE", "Changed")
	t.Setenv("HUGO_DEFAULTCONTENTLANGUAGE", "en")
	got := sitetest.Tree(t, sitetest.Build(t, twoLanguages).Output, "/")
	if d := sitetest.DiffTrees(want, got); d != "" {
		t.Fatalf("HUGO_* variables changed the build:\n%s", d)
	}
}

func TestBaseURLOverride(t *testing.T) {
	opts := sitetest.Options(sitetest.Write(t, twoLanguages))
	opts.BaseURL = "http://127.0.0.1:1313/"
	res, err := site.Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if p := find(t, res, "en", "/aiuto"); p.Permalink != "http://127.0.0.1:1313/en/aiuto/" {
		t.Errorf("permalink = %s", p.Permalink)
	}
}

func TestSubPathBaseURL(t *testing.T) {
	files := strings.Replace(twoLanguages, `baseURL = "https://example.org/"`, `baseURL = "https://example.org/sub/dir"`, 1)
	res := sitetest.Build(t, files)
	if res.BaseURL != "https://example.org/sub/dir/" {
		t.Errorf("BaseURL = %q, want the configured one with a trailing slash", res.BaseURL)
	}
	p := find(t, res, "en", "/aiuto")
	for _, link := range []string{p.Permalink, p.RelPermalink} {
		out, ok := res.OutputPath(link)
		if !ok || out != "/en/aiuto/" {
			t.Errorf("OutputPath(%q) = %q, %v; want /en/aiuto/", link, out, ok)
			continue
		}
		if _, err := res.Output.Stat(out + "index.html"); err != nil {
			t.Errorf("%s: the page is not written where OutputPath says: %v", link, err)
		}
	}
	for _, link := range []string{"https://example.org/sub/dir", "/sub/dir/", "//example.org/sub/dir/"} {
		if out, ok := res.OutputPath(link); !ok || out != "/" {
			t.Errorf("OutputPath(%q) = %q, %v; want /", link, out, ok)
		}
	}
	for _, outside := range []string{"/sub/", "/sub/directory/", "https://other.example/sub/dir/x", "http://example.org/sub/dir/x", "//other.example/sub/dir/x", "mailto:a@example.org", "sub/dir/x"} {
		if out, ok := res.OutputPath(outside); ok {
			t.Errorf("OutputPath(%q) = %q, want outside the site", outside, out)
		}
	}
}

func TestErrorsNameTheFile(t *testing.T) {
	cases := []struct {
		name, files string
		want        []string
	}{
		{
			name:  "missing config",
			files: "-- content/it/_index.md --\n",
			want:  []string{"site.toml", "config file not found"},
		},
		{
			name:  "config is a folder",
			files: "-- site.toml/x --\n",
			want:  []string{"site.toml", "is a folder"},
		},
		{
			name:  "broken config",
			files: "-- site.toml --\nbaseURL = \"https://example.org/\"\ntitle = \n",
			want:  []string{"site.toml"},
		},
		{
			name:  "broken front matter",
			files: strings.Replace(twoLanguages, "title: Aiuto\n", "title: [Aiuto\n", 1),
			want:  []string{"content/it/aiuto.md:"},
		},
		{
			name:  "template error",
			files: twoLanguages + "-- layouts/page.html --\n{{ .Title }}\n{{ .NoSuchMethod }}\n",
			want:  []string{"layouts/page.html:2:"},
		},
		{
			name:  "errorf in a template",
			files: twoLanguages + "-- layouts/page.html --\n{{ errorf \"missing %s\" \"helpline\" }}\n",
			want:  []string{"missing helpline"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := site.Build(sitetest.Options(sitetest.Write(t, c.files)))
			if err == nil {
				t.Fatal("build succeeded")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), sitetest.Dir+"/") {
				t.Errorf("error %q has an absolute project path", err)
			}
		})
	}
}

func TestMissingConfigIsNotExist(t *testing.T) {
	_, err := site.Build(site.Options{Project: site.Project{Fs: afero.NewMemMapFs(), Dir: "/nowhere"}})
	if !errors.Is(err, fs.ErrNotExist) && !strings.Contains(err.Error(), "not found") {
		t.Fatalf("err = %v", err)
	}
}

func find(t *testing.T, res *site.Result, lang, path string) site.Page {
	t.Helper()
	for _, p := range res.Pages[lang] {
		if p.Path == path {
			return p
		}
	}
	t.Fatalf("no page %s in %s (have %d pages)", path, lang, len(res.Pages[lang]))
	return site.Page{}
}

func TestTranslationsAndDatesFollowHugo(t *testing.T) {
	files := twoLanguages + `
-- i18n/it.toml --
greeting = "Ciao {{ .Name }}"
-- i18n/en.toml --
greeting = "Hello {{ .Name }}"
`
	res := sitetest.Build(t, files)
	if got := res.T("en", "greeting", map[string]any{"Name": "Ada"}); got != "Hello Ada" {
		t.Errorf("T(en) = %q", got)
	}
	if got := res.T("ar", "greeting", map[string]any{"Name": "Ada"}); got != "Ciao Ada" {
		t.Errorf("T(ar) = %q, want the default language's string", got)
	}
	june := find(t, res, "it", "/aiuto").Date
	if got := res.FormatDate("it", june, "January 2006"); got != "giugno 2012" {
		t.Errorf("FormatDate(it) = %q", got)
	}
	if got := res.FormatDate("en", june, ":date_long"); got != "June 1, 2012" {
		t.Errorf("FormatDate(en) = %q", got)
	}
	if got := res.FormatNumber("it", 2651); got != "2.651" {
		t.Errorf("FormatNumber(it) = %q", got)
	}
	if got := res.FormatNumber("en", 2651); got != "2,651" {
		t.Errorf("FormatNumber(en) = %q", got)
	}
}
