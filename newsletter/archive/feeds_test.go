package archive_test

import (
	"strings"
	"testing"

	"github.com/contratto/portal/internal/feedlinttest"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter/archive"
)

// site is a portal with a published issue and a draft, and no [params.newsletter] at
// all: the feeds need nothing of the newsletter's email settings.
const site = `
-- site.toml --
baseURL = "https://example.org/"
title = "Portale"
defaultContentLanguage = "it"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
[languages.it]
weight = 1
[languages.en]
title = "Portal"
weight = 2
-- layouts/all.html --
{{ .Title }}
-- content/newsletter/_index.it.md --
---
title: Newsletter
---
-- content/newsletter/_index.en.md --
---
title: Newsletter
---
-- content/newsletter/2012-06/index.it.md --
---
title: Giugno 2012
description: Le notizie di giugno.
date: 2012-07-02
month: 2012-06
status: published
updated: 2012-07-05
---
Testo.
-- content/newsletter/2012-07/index.it.md --
---
title: Luglio 2012
description: Le notizie di luglio.
date: 2012-08-01
month: 2012-07
status: draft
---
Bozza.
-- i18n/it.toml --
nlFeedTitle = "Newsletter del portale"
nlFeedDescription = "La newsletter mensile."
-- i18n/en.toml --
nlFeedTitle = "The portal's newsletter"
nlFeedDescription = "The monthly newsletter."
`

func TestFeedsWithoutNewsletterSettings(t *testing.T) {
	res := sitetest.Build(t, site)
	if err := archive.WriteFeeds(res); err != nil {
		t.Fatalf("WriteFeeds: %v", err)
	}
	for _, file := range []string{"/newsletter/index.xml", "/newsletter/atom.xml", "/newsletter/feed.json", "/en/newsletter/index.xml", "/en/newsletter/atom.xml", "/en/newsletter/feed.json"} {
		data := sitetest.Read(t, res.Output, file)
		for _, f := range feedlinttest.Failing(feedlinttest.CheckWith(file, []byte(data), feedlinttest.Options{Location: "https://example.org" + file})) {
			t.Errorf("%s", f)
		}
	}
	sitetest.AssertContains(t, res.Output, "/newsletter/atom.xml",
		"<name>Portale</name>", // the author is the site's title
		"tag:example.org,2012-07-02:newsletter/2012-06/it",
		"Le notizie di giugno.",
		"<updated>2012-07-05T00:00:00Z</updated>")
	sitetest.AssertNotContains(t, res.Output, "/newsletter/atom.xml", "Luglio 2012")
	sitetest.AssertContains(t, res.Output, "/en/newsletter/atom.xml", "<name>Portal</name>")
	if strings.Contains(sitetest.Read(t, res.Output, "/en/newsletter/atom.xml"), "<entry>") {
		t.Error("the English feed lists an issue that has no English edition")
	}
}

func TestFeedAuthorFromSettings(t *testing.T) {
	withAuthor := strings.Replace(site, "[languages.it]", "[params.newsletter]\nauthor = \"Redazione\"\n[languages.it]", 1)
	res := sitetest.Build(t, withAuthor)
	if err := archive.WriteFeeds(res); err != nil {
		t.Fatalf("WriteFeeds: %v", err)
	}
	sitetest.AssertContains(t, res.Output, "/newsletter/atom.xml", "<name>Redazione</name>")
	sitetest.AssertContains(t, res.Output, "/en/newsletter/atom.xml", "<name>Redazione</name>")
}
