package portal

import (
	"slices"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/check"
	"github.com/contratto/portal/internal/feedlinttest"
	"github.com/contratto/portal/internal/sitetest"
)

// editorsNews is what an editor may reasonably write in the news: a short notice with a
// title and a date only, a page without a description, and a page without a date.
const editorsNews = `
-- content/it/notizie/_index.md --
---
title: Notizie
description: Le notizie della rete.
translationKey: news
---
-- content/it/notizie/completa.md --
---
title: Completa
description: Una notizia con tutto.
translationKey: completa
date: 2012-06-01
---
Il testo.
-- content/it/notizie/breve.md --
---
title: Avviso breve
translationKey: breve
date: 2012-06-02
---
-- content/it/notizie/senza-descrizione.md --
---
title: Senza descrizione
translationKey: senza-descrizione
date: 2012-06-03
---
Il primo paragrafo.

Il secondo.
-- content/it/notizie/senza-data.md --
---
title: Senza data
description: Nessuno l'ha datata.
translationKey: senza-data
---
`

var newsWarnings = []string{
	"content/it/notizie/breve.md:1: no description and no text: the news feed and the newsletter show its title as its summary",
	"content/it/notizie/senza-data.md:1: no date: the news feed and the newsletter leave it out, as they list dated pages only",
	"content/it/notizie/senza-descrizione.md:1: no description: the news feed and the newsletter show its first paragraph as its summary",
}

func TestNewsAsEditorsWriteItBuilds(t *testing.T) {
	fsys := sitetest.Write(t, checkSite+editorsNews)
	res, err := Render(sitetest.Options(fsys))
	if err != nil {
		t.Fatalf("the build fails: %v", err)
	}
	for _, w := range newsWarnings {
		if !slices.Contains(res.Warnings, w) {
			t.Errorf("the build does not warn %q; its warnings:\n%s", w, strings.Join(res.Warnings, "\n"))
		}
	}
	rss := sitetest.Read(t, res.Output, "/notizie/index.xml")
	for _, f := range feedlinttest.Failing(feedlinttest.CheckWith("/notizie/index.xml", []byte(rss), feedlinttest.Options{Location: "https://example.org/notizie/index.xml"})) {
		t.Errorf("%s", f)
	}
	for _, want := range []string{
		"<description>Una notizia con tutto.</description>",
		"<title>Avviso breve</title>", "<description>Avviso breve</description>",
		"<description>Il primo paragrafo.</description>",
	} {
		if !strings.Contains(rss, want) {
			t.Errorf("the news feed lacks %s:\n%s", want, rss)
		}
	}
	if strings.Contains(rss, "Senza data") {
		t.Error("the news feed lists the page without a date")
	}
}

func TestCheckWarnsAboutNewsWithFileAndLine(t *testing.T) {
	fsys := sitetest.Write(t, checkSite+editorsNews)
	report := Check(sitetest.Project(fsys))
	var got []string
	for _, f := range report.Findings {
		if strings.HasPrefix(f.File, "content/it/notizie/") {
			got = append(got, f.String())
		}
	}
	var want []string
	for _, w := range newsWarnings {
		file, msg, _ := strings.Cut(w, ": ")
		want = append(want, file+": warning: build: "+msg)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the check says about the news:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range report.Findings {
		if f.Severity == check.Error && strings.HasPrefix(f.File, "content/it/notizie/") {
			t.Errorf("an error for content an editor may write: %s", f)
		}
	}
}

func TestNewsFeedErrorNamesTheFile(t *testing.T) {
	fsys := sitetest.Write(t, checkSite+editorsNews+"-- content/it/notizie/senza-titolo.md --\n---\ntitle: \"\"\ndate: 2012-06-04\n---\nTesto.\n")
	_, err := Render(sitetest.Options(fsys))
	if err == nil || !strings.Contains(err.Error(), "content/it/notizie/senza-titolo.md: Title is empty") {
		t.Fatalf("err = %v, want it to name content/it/notizie/senza-titolo.md", err)
	}
}
