package check

import (
	"strings"
	"testing"
)

func TestFrontMatterCleanSite(t *testing.T) {
	expect(t, FrontMatter(source(t, clean)))
}

func TestFrontMatterErrors(t *testing.T) {
	cases := []struct {
		name, file string
		want       string
	}{
		{"no description", "---\ntitle: Aiuto\ntranslationKey: help\n---\n",
			`content/it/x.md:1: error: front matter: "description" is missing`},
		{"empty title", "---\ntitle: \"\"\ndescription: d\ntranslationKey: help\n---\n",
			`content/it/x.md:2: error: front matter: "title" is empty`},
		{"null title", "---\ntitle:\ndescription: d\ntranslationKey: help\n---\n",
			`content/it/x.md:2: error: front matter: "title" is empty`},
		{"title is a list", "---\ntitle: [a, b]\ndescription: d\ntranslationKey: help\n---\n",
			`content/it/x.md:2: error: front matter: "title" must be text`},
		{"no translationKey", "---\ntitle: t\ndescription: d\n---\n",
			`content/it/x.md:1: error: front matter: "translationKey" is missing`},
		{"date is not a date", "---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: yesterday\n---\n",
			`content/it/x.md:5: error: front matter: "date" is not a date ("yesterday"): write it as YYYY-MM-DD, for example 2012-06-01`},
		{"impossible date", "---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: 2012-02-30\n---\n",
			`content/it/x.md:5: error: front matter: "date" is not a date ("2012-02-30"): write it as YYYY-MM-DD, for example 2012-06-01`},
		{"lastmod with a space", "---\ntitle: t\ndescription: d\ntranslationKey: k\nlastmod: \"2012-06-01 10:00\"\n---\n",
			`content/it/x.md:5: error: front matter: "lastmod" is not a date ("2012-06-01 10:00"): write it as YYYY-MM-DD, for example 2012-06-01`},
		{"unknown datePrecision", "---\ntitle: t\ndescription: d\ntranslationKey: k\ndatePrecision: week\n---\n",
			`content/it/x.md:5: error: front matter: "datePrecision" must be "day" or "month", not "week"`},
		{"datePrecision in params", "---\ntitle: t\ndescription: d\ntranslationKey: k\nparams:\n  datePrecision: year\n---\n",
			`content/it/x.md:6: error: front matter: "params.datePrecision" must be "day" or "month", not "year"`},
		{"newsletter word", "---\ntitle: t\ndescription: d\ntranslationKey: k\nnewsletter: yes\n---\n",
			`content/it/x.md:5: error: front matter: "newsletter" must be "feature" or "exclude", not "yes"`},
		{"no front matter", "# Aiuto\n",
			`content/it/x.md:1: error: front matter: none found: a page starts with a "---" line, then title, description and translationKey, then "---"`},
		{"unclosed", "---\ntitle: t\n",
			`content/it/x.md:1: error: front matter: no closing "---" line`},
		{"YAML syntax", "---\ntitle: t\ndescription: \"unterminated\ntranslationKey: k\n---\n",
			`content/it/x.md:3: error: front matter: cannot be read:`},
		{"not a mapping", "---\n- a\n- b\n---\n",
			`content/it/x.md:2: error: front matter: cannot be read: sequence was used where mapping is expected`},
		{"TOML date", "+++\ntitle = \"t\"\ndescription = \"d\"\ntranslationKey = \"k\"\ndate = \"ieri\"\n+++\n",
			`content/it/x.md:5: error: front matter: "date" is not a date ("ieri"): write it as YYYY-MM-DD, for example 2012-06-01`},
		{"TOML syntax", "+++\ntitle = \"t\"\ndescription = \n+++\n",
			`content/it/x.md:3: error: front matter: cannot be read:`},
		{"TOML params", "+++\ntitle = \"t\"\ndescription = \"d\"\ntranslationKey = \"k\"\n[params]\nnewsletter = \"always\"\n+++\n",
			`content/it/x.md:6: error: front matter: "params.newsletter" must be "feature" or "exclude", not "always"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strs(FrontMatter(source(t, "-- content/it/x.md --\n"+c.file)))
			if !strings.HasPrefix(got, c.want) || strings.Count(got, "\n") != 1 {
				t.Errorf("got:\n%swant one finding starting with:\n%s", got, c.want)
			}
		})
	}
}

func TestFrontMatterAccepts(t *testing.T) {
	files := map[string]string{
		"RFC 3339":          "---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: 2012-06-01T10:00:00+02:00\n---\n",
		"quoted date":       "---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: \"2012-06-01\"\n---\n",
		"empty date":        "---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: \"\"\npublishDate:\n---\n",
		"keys in any case":  "---\nTitle: t\nDescription: d\ntranslationkey: k\n---\n",
		"TOML dates":        "+++\ntitle = \"t\"\ndescription = \"d\"\ntranslationKey = \"k\"\ndate = 2012-06-01\nlastmod = 2012-06-01T10:00:00Z\n+++\n",
		"newsletter choice": "---\ntitle: t\ndescription: d\ntranslationKey: k\nnewsletter: exclude\ndatePrecision: day\n---\n",
		"byte-order mark":   "\ufeff---\ntitle: t\ndescription: d\ntranslationKey: k\n---\n",
		"CRLF":              "---\r\ntitle: t\r\ndescription: d\r\ntranslationKey: k\r\n---\r\nBody\r\n",
	}
	for name, file := range files {
		t.Run(name, func(t *testing.T) {
			expect(t, FrontMatter(source(t, "-- content/it/x.md --\n"+file)))
		})
	}
}

func TestFrontMatterNewsletterBundles(t *testing.T) {
	in := source(t, `
-- content/newsletter/2012-06/index.it.md --
---
title: Giugno 2012
description: Le notizie di giugno.
translationKey: newsletter-2012-06
date: 2012-06-31
---
-- content/newsletter/2012-06/index.en.md --
---
title: June 2012
translationKey: newsletter-2012-06
---
-- content/newsletter/2012-06/chart.png --
not a page
`)
	expect(t, FrontMatter(in),
		`content/newsletter/2012-06/index.en.md:1: error: front matter: "description" is missing`,
		`content/newsletter/2012-06/index.it.md:5: error: front matter: "date" is not a date ("2012-06-31"): write it as YYYY-MM-DD, for example 2012-06-01`)
}

// A news page may go without a description: the feeds and the newsletter summarize it by
// its text, and the build warns. Every other page needs one.
func TestFrontMatterNewsDescriptionIsOptional(t *testing.T) {
	in := source(t, `
-- content/it/notizie/breve.md --
---
title: Breve
translationKey: breve
date: 2012-06-01
---
-- content/it/notizie/_index.md --
---
title: Notizie
translationKey: news
---
`)
	expect(t, FrontMatter(in), `content/it/notizie/_index.md:1: error: front matter: "description" is missing`)
}

func TestBuildWarningsKeepTheirFileAndLine(t *testing.T) {
	cases := map[string]Finding{
		"content/it/notizie/x.md:3: no date: left out": {File: "content/it/notizie/x.md", Line: 3, Severity: Warning, Rule: "build", Message: "no date: left out"},
		"layouts/page.html:4:2: deprecated":            {File: "layouts/page.html", Line: 4, Severity: Warning, Rule: "build", Message: "deprecated"},
		"something about the whole site: ok":           {Severity: Warning, Rule: "build", Message: "something about the whole site: ok"},
	}
	for w, want := range cases {
		if got := buildWarning(w); got != want {
			t.Errorf("buildWarning(%q) = %+v, want %+v", w, got, want)
		}
	}
}

func TestSplitContent(t *testing.T) {
	f := splitContent("x.md", "---\na: 1\nb: 2\n---\nline 5\nline 6\n")
	if f.Format != "yaml" || f.Front != "a: 1\nb: 2\n" || f.FrontLine != 2 || f.Body != "line 5\nline 6\n" || f.BodyLine != 5 {
		t.Errorf("split = %+v", f)
	}
	f = splitContent("x.md", "+++\n+++")
	if f.Format != "toml" || f.Front != "" || f.Body != "" || f.Unclosed {
		t.Errorf("empty TOML = %+v", f)
	}
	f = splitContent("x.md", "text\n")
	if f.Format != "" || f.Body != "text\n" || f.BodyLine != 1 {
		t.Errorf("no front matter = %+v", f)
	}
}

// FuzzFrontMatter: any file gives findings, never a panic, and every line a finding
// names is a line of the file.
func FuzzFrontMatter(f *testing.F) {
	f.Add("---\ntitle: t\ndescription: d\ntranslationKey: k\ndate: 2012-06-01\n---\nbody\n")
	f.Add("---\ntitle: \"x\n---\n")
	f.Add("+++\ntitle = 1\n[params]\nnewsletter = \"x\"\n+++\n")
	f.Add("---\nparams: !!map\n  datePrecision: [1]\n---\n")
	f.Add("---\n---\n")
	f.Fuzz(func(t *testing.T, text string) {
		c := splitContent("content/it/x.md", text)
		lines := strings.Count(strings.TrimPrefix(text, "\ufeff"), "\n") + 1
		for _, fd := range checkFrontMatter(c) {
			if fd.Line < 1 || fd.Line > lines {
				t.Errorf("line %d outside the file's %d lines: %s", fd.Line, lines, fd)
			}
			if fd.Severity != Error || fd.File != "content/it/x.md" {
				t.Errorf("finding = %s", fd)
			}
		}
	})
}
