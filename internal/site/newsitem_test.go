package site_test

import (
	"slices"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
)

// news holds the pages an editor may write: with a description, with a summary, with
// text only, with a title only, and without a date.
const news = `
-- site.toml --
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
-- layouts/all.html --
{{ .Title }}|{{ .Content }}
-- content/notizie/_index.md --
---
title: Notizie
---
-- content/notizie/descritta.md --
---
title: Descritta
description: La descrizione.
summary: Il riassunto.
date: 2012-06-01
---
Il testo.
-- content/notizie/riassunta.md --
---
title: Riassunta
summary: Il *riassunto*.
date: 2012-06-02
---
Il testo.
-- content/notizie/testo.md --
---
title: Solo testo
date: 2012-06-03
---
## Un titolo

    codice

Il primo <em>paragrafo</em>,
su due righe.

Il secondo.
-- content/notizie/breve.md --
---
title: Breve
date: 2012-06-04
---
-- content/notizie/senza-data.md --
+++
title = "Senza data"
description = ""
+++
Il testo.
`

func TestSummaryRule(t *testing.T) {
	res := sitetest.Build(t, news)
	cases := []struct {
		path, want string
		from       site.SummarySource
		notes      []string // the keys of the notes
		warning    string
	}{
		{"/notizie/descritta", "La descrizione.", site.FromFrontMatter, nil, ""},
		{"/notizie/riassunta", "Il riassunto.", site.FromFrontMatter, nil, ""},
		{"/notizie/testo", "Il primo paragrafo, su due righe.", site.FromParagraph, []string{"description"},
			"content/notizie/testo.md:1: no description: the news feed and the newsletter show its first paragraph as its summary"},
		{"/notizie/breve", "Breve", site.FromTitle, []string{"description"},
			"content/notizie/breve.md:1: no description and no text: the news feed and the newsletter show its title as its summary"},
		{"/notizie/senza-data", "Il testo.", site.FromParagraph, []string{"date"},
			"content/notizie/senza-data.md:1: no date: the news feed and the newsletter leave it out, as they list dated pages only"},
	}
	for _, c := range cases {
		p := find(t, res, "en", c.path)
		if got, from := p.Summary(); got != c.want || from != c.from {
			t.Errorf("%s: summary %q from %v, want %q from %v", c.path, got, from, c.want, c.from)
		}
		var keys []string
		for _, n := range p.ItemNotes() {
			keys = append(keys, n.Key)
			if got := res.Warning(p, n); got != c.warning {
				t.Errorf("%s: warning\n%s\nwant\n%s", c.path, got, c.warning)
			}
		}
		if !slices.Equal(keys, c.notes) {
			t.Errorf("%s: notes about %v, want %v", c.path, keys, c.notes)
		}
	}
}

func TestWarningNamesTheKeysLine(t *testing.T) {
	res := sitetest.Build(t, news)
	p := find(t, res, "en", "/notizie/senza-data")
	if got := res.Warning(p, site.Note{Key: "description", Message: "m"}); got != "content/notizie/senza-data.md:3: m" {
		t.Errorf("warning = %q, want the line of the empty description", got)
	}
}

// The newsletter only loads the site: the rule reads the text all the same.
func TestSummaryRuleOnALoadedSite(t *testing.T) {
	res, err := site.Load(sitetest.Options(sitetest.Write(t, news)))
	if err != nil {
		t.Fatal(err)
	}
	if got, from := find(t, res, "en", "/notizie/testo").Summary(); got != "Il primo paragrafo, su due righe." || from != site.FromParagraph {
		t.Errorf("summary %q from %v", got, from)
	}
}
