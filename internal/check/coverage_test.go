package check

import (
	"strings"
	"testing"
)

func TestCoverageTable(t *testing.T) {
	cov, _ := CoverageTable(build(t, clean), []string{"help"})
	if got := strings.Join(cov.Languages, " "); got != "it en ar" {
		t.Errorf("languages = %s, want the order of site.toml", got)
	}
	var rows []string
	for _, r := range cov.Rows {
		var marks []string
		for _, c := range r.Cells {
			marks = append(marks, c.mark())
		}
		rows = append(rows, r.label()+": "+strings.Join(marks, " "))
	}
	want := "help *: ✓ ✓ ✓|home: ✓ ✓ ✓|project: ✓ it it"
	if got := strings.Join(rows, "|"); got != want {
		t.Errorf("rows = %s\nwant   %s", got, want)
	}
}

func TestCoverageEssentialPageNotTranslated(t *testing.T) {
	// The Arabic page becomes a file Hugo does not read: Arabic readers get the English copy.
	in := build(t, replace(t, "-- content/ar/aiuto.md --", "-- content/ar/aiuto.txt --"))
	_, fs := CoverageTable(in, []string{"help"})
	expect(t, fs,
		"warning: translation: 1 other page is not translated into every language (see the table)",
		"content/ar/aiuto.md: error: translation: the essential page \"help\" is not translated into العربية (ar): readers see the copy in English (en)")
}

func TestCoverageEssentialPageMissingEverywhere(t *testing.T) {
	_, fs := CoverageTable(build(t, clean), []string{"help", "rights"})
	expect(t, fs,
		`error: translation: no page has translationKey "rights", one of the essential pages`,
		"warning: translation: 1 other page is not translated into every language (see the table)")
}

func TestCoverageNewsletterBundleWithoutFallback(t *testing.T) {
	in := build(t, with(`
-- content/newsletter/2012-06/index.it.md --
---
title: Giugno 2012
description: Le notizie di giugno.
translationKey: newsletter-2012-06
---
Notizie.
`))
	cov, fs := CoverageTable(in, []string{"newsletter-2012-06"})
	var row Row
	for _, r := range cov.Rows {
		if r.Key == "newsletter-2012-06" {
			row = r
		}
	}
	if len(row.Cells) != 3 || row.Cells[0].State != Translated || row.Cells[1].State != Missing || row.Cells[2].mark() != "–" {
		t.Fatalf("row = %+v", row)
	}
	expect(t, fs,
		"warning: translation: 1 other page is not translated into every language (see the table)",
		`content/newsletter/2012-06/index.ar.md: error: translation: the essential page "newsletter-2012-06" has no العربية (ar) version at all`,
		`content/newsletter/2012-06/index.en.md: error: translation: the essential page "newsletter-2012-06" has no English (en) version at all`)
}

func TestCoverageStrayContentFolder(t *testing.T) {
	_, fs := CoverageTable(build(t, with("-- content/xx/aiuto.md --\n---\ntitle: x\n---\n")), []string{"help"})
	expect(t, fs,
		"warning: translation: 1 other page is not translated into every language (see the table)",
		`content/xx: warning: translation: "xx" is not a language of site.toml, so these pages are not published (languages: it, en, ar)`)
}

func TestCoverageNeedsABuiltSite(t *testing.T) {
	cov, fs := CoverageTable(source(t, clean), EssentialKeys)
	if len(cov.Rows) != 0 || len(fs) != 0 {
		t.Errorf("without a site: %+v %v", cov, fs)
	}
}

func TestTranslationFile(t *testing.T) {
	cases := map[[2]string]string{
		{"content/it/aiuto.md", "ar"}:                    "content/ar/aiuto.md",
		{"content/en/notizie/seminario.md", "pa"}:        "content/pa/notizie/seminario.md",
		{"content/newsletter/2012-06/index.it.md", "ur"}: "content/newsletter/2012-06/index.ur.md",
		{"", "bn"}: "content/bn",
	}
	for in, want := range cases {
		if got := translationFile(in[0], in[1]); got != want {
			t.Errorf("translationFile(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
