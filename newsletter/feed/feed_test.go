package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/contratto/portal/internal/golden"

	"github.com/mmcdole/gofeed"
	"github.com/spf13/afero"

	"github.com/contratto/portal/internal/faultfs"
	"github.com/contratto/portal/internal/feedlinttest"
)

func mustRender(t testing.TB, f Feed) Files {
	t.Helper()
	out, err := Render(f)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out
}

func parse(t *testing.T, name string, data []byte) *gofeed.Feed {
	t.Helper()
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s does not parse with gofeed: %v\n%s", name, err, data)
	}
	return parsed
}

// TestRoundTrip parses every format back with gofeed and checks that what
// a reader needs survived: titles, links, self link, language, items in
// order, their guids, dates and text.
func TestRoundTrip(t *testing.T) {
	for _, f := range []Feed{italianFeed(), arabicFeed()} {
		out := mustRender(t, f)
		want := append([]Item(nil), f.Items...)
		// Newest first.
		if len(want) == 2 {
			want[0], want[1] = want[1], want[0]
		}
		for _, file := range out.List() {
			t.Run(f.Lang+"/"+file.Name, func(t *testing.T) {
				got := parse(t, file.Name, file.Data)
				check := func(what, got, want string) {
					t.Helper()
					if got != want {
						t.Errorf("%s = %q, want %q", what, got, want)
					}
				}
				check("title", got.Title, f.Title)
				check("description", got.Description, f.Description)
				check("link", got.Link, f.HomeURL)
				check("feed link", got.FeedLink, f.BaseURL+file.Name)
				wantLang := f.Lang
				if file.Name != JSONFile {
					wantLang = xmlLang(f.Lang)
				}
				check("language", got.Language, wantLang)
				if len(got.Items) != len(want) {
					t.Fatalf("%d items, want %d", len(got.Items), len(want))
				}
				for i, it := range want {
					g := got.Items[i]
					check("item title", g.Title, it.Title)
					check("item link", g.Link, it.URL)
					check("item guid", g.GUID, it.ID)
					wantDesc := it.Summary
					if file.Name == RSSFile {
						wantDesc = escapeHTMLText(it.Summary)
					}
					check("item description", g.Description, wantDesc)
					if g.PublishedParsed == nil || !g.PublishedParsed.Equal(it.Published) {
						t.Errorf("item %d published = %v, want %v", i, g.PublishedParsed, it.Published)
					}
					if file.Name != RSSFile {
						wantUpdated := lastChange(it)
						if g.UpdatedParsed == nil && file.Name == JSONFile && it.Updated.IsZero() {
							continue // JSON Feed writes date_modified only for an update
						}
						if g.UpdatedParsed == nil || !g.UpdatedParsed.Equal(wantUpdated) {
							t.Errorf("item %d updated = %v, want %v", i, g.UpdatedParsed, wantUpdated)
						}
					}
					if it.ContentHTML != "" && (g.Content == "" || strings.Contains(g.Content, `href="/`)) {
						t.Errorf("item %d content = %q, want the HTML with absolute links", i, g.Content)
					}
				}
			})
		}
	}
}

// TestGolden compares the rendered feeds with testdata/; run
// "go test ./newsletter/feed -update" to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	for _, f := range []Feed{italianFeed(), arabicFeed()} {
		for _, file := range mustRender(t, f).List() {
			goldenfile.Assert(t, filepath.Join("testdata", f.Lang, file.Name), file.Data)
		}
	}
}

// TestValidatorClean runs the W3C validator's rules on the feeds of every
// portal language: not one finding, not even a recommendation.
func TestValidatorClean(t *testing.T) {
	for _, lang := range portalLanguages {
		f := italianFeed()
		f.Lang = lang
		f.HomeURL = "https://contratto.example/" + lang + "/newsletter/"
		f.BaseURL = f.HomeURL
		for i := range f.Items {
			f.Items[i].ID = strings.TrimSuffix(f.Items[i].ID, "/it") + "/" + lang
		}
		for _, file := range mustRender(t, f).List() {
			findings := feedlinttest.CheckWith(file.Name, file.Data, feedlinttest.Options{Location: f.BaseURL + file.Name})
			for _, finding := range findings {
				t.Errorf("%s: %s", lang, finding)
			}
		}
	}
}

// TestEmptyFeed: with no items the feeds are still valid, dated by the
// caller's Updated, and JSON Feed keeps its required "items": [].
func TestEmptyFeed(t *testing.T) {
	f := italianFeed()
	f.Items = nil
	f.Updated = time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC)
	out := mustRender(t, f)
	for _, file := range out.List() {
		if findings := feedlinttest.Check(file.Name, file.Data); len(findings) > 0 {
			t.Errorf("%s: %v", file.Name, findings)
		}
		got := parse(t, file.Name, file.Data)
		if len(got.Items) != 0 {
			t.Errorf("%s: %d items, want none", file.Name, len(got.Items))
		}
	}
	if !bytes.Contains(out.RSS, []byte("<lastBuildDate>Fri, 01 Jun 2012 00:00:00 +0000</lastBuildDate>")) {
		t.Errorf("RSS lastBuildDate is not the caller's Updated:\n%s", out.RSS)
	}
	if !bytes.Contains(out.Atom, []byte("<updated>2012-06-01T00:00:00Z</updated>")) {
		t.Errorf("Atom updated is not the caller's Updated:\n%s", out.Atom)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if items, ok := doc["items"].([]any); !ok || len(items) != 0 {
		t.Errorf(`JSON "items" = %v, want []`, doc["items"])
	}
}

// TestDeterministic: the same feed gives the same bytes, whatever the order
// of the items and the time zone of their dates.
func TestDeterministic(t *testing.T) {
	a := mustRender(t, italianFeed())
	f := italianFeed()
	f.Items[0], f.Items[1] = f.Items[1], f.Items[0]
	for i := range f.Items {
		f.Items[i].Published = f.Items[i].Published.In(time.UTC)
		f.Items[i].Updated = f.Items[i].Updated.In(time.FixedZone("X", -5*3600))
	}
	b := mustRender(t, f)
	for i, file := range a.List() {
		if !bytes.Equal(file.Data, b.List()[i].Data) {
			t.Errorf("%s changes with the items' order or time zone", file.Name)
		}
	}
	if f.Items[0].ID != "tag:contratto.example,2012:newsletter/2012-06/it" {
		t.Error("Render reordered the caller's items")
	}
}

// TestDatesAndAuthor checks the formats' dates and the author rules.
func TestDatesAndAuthor(t *testing.T) {
	out := mustRender(t, italianFeed())
	for _, want := range []string{
		"<pubDate>Sat, 30 Jun 2012 08:00:00 +0000</pubDate>",             // RFC 822, 4-digit year
		"<lastBuildDate>Mon, 02 Jul 2012 06:30:00 +0000</lastBuildDate>", // the latest update
		"<dc:creator>ConTratTo — Regione Toscana</dc:creator>",           // no email: dc:creator
		`<guid isPermaLink="false">tag:contratto.example,2012:newsletter/2012-06/it</guid>`,
		`<atom:link href="https://contratto.example/newsletter/index.xml" rel="self" type="application/rss+xml"></atom:link>`,
		"<language>it</language>",
	} {
		if !bytes.Contains(out.RSS, []byte(want)) {
			t.Errorf("RSS lacks %s", want)
		}
	}
	if bytes.Contains(out.RSS, []byte("managingEditor")) {
		t.Error("RSS has a managingEditor without an email address")
	}
	for _, want := range []string{
		`<feed xml:lang="it" xmlns="http://www.w3.org/2005/Atom">`,
		"<published>2012-06-30T08:00:00Z</published>",
		"<updated>2012-07-02T06:30:00Z</updated>",
		"<name>ConTratTo — Regione Toscana</name>",
		`<link href="https://contratto.example/newsletter/atom.xml" rel="self" type="application/atom+xml"></link>`,
	} {
		if !bytes.Contains(out.Atom, []byte(want)) {
			t.Errorf("Atom lacks %s", want)
		}
	}
	for _, want := range []string{
		`"version": "https://jsonfeed.org/version/1.1"`,
		`"language": "it"`,
		`"feed_url": "https://contratto.example/newsletter/feed.json"`,
		`"home_page_url": "https://contratto.example/newsletter/"`,
		`"date_published": "2012-06-30T08:00:00Z"`,
		`"authors": [`,
	} {
		if !bytes.Contains(out.JSON, []byte(want)) {
			t.Errorf("JSON lacks %s", want)
		}
	}

	f := italianFeed()
	f.Author.Email = "newsletter@contratto.example"
	out = mustRender(t, f)
	if !bytes.Contains(out.RSS, []byte("<managingEditor>newsletter@contratto.example (ConTratTo — Regione Toscana)</managingEditor>")) ||
		bytes.Contains(out.RSS, []byte("dc:creator")) {
		t.Errorf("with an email, RSS should carry managingEditor \"email (Name)\" and no dc:creator:\n%s", out.RSS)
	}
	if findings := feedlinttest.Check(RSSFile, out.RSS); len(findings) > 0 {
		t.Errorf("RSS with managingEditor: %v", findings)
	}
}

// TestPermaLinkGuid: an http(s) ID is a permalink guid; others are not.
func TestPermaLinkGuid(t *testing.T) {
	f := arabicFeed()
	f.Items[0].ID = f.Items[0].URL
	out := mustRender(t, f)
	if !bytes.Contains(out.RSS, []byte(`<guid isPermaLink="true">https://contratto.example/ar/newsletter/2012-06/</guid>`)) {
		t.Errorf("an http ID should be a permalink guid:\n%s", out.RSS)
	}
	if findings := feedlinttest.Check(RSSFile, out.RSS); len(findings) > 0 {
		t.Errorf("%v", findings)
	}
}

// TestXMLLang: the tag written into RSS and Atom is one the W3C validator
// accepts; JSON Feed keeps the caller's BCP 47 tag.
func TestXMLLang(t *testing.T) {
	for in, want := range map[string]string{"it": "it", "pcm": "cpe-NG", "PCM": "cpe-NG", "pcm-Latn": "cpe-Latn", "en-GB": "en-GB"} {
		if got := xmlLang(in); got != want {
			t.Errorf("xmlLang(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContentURLs: relative references in the HTML become absolute, and a
// tag without one is copied byte for byte.
func TestContentURLs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a href="/aiuto/">x</a>`, `<a href="https://contratto.example/aiuto/">x</a>`},
		{`<a href="#top">x</a>`, `<a href="https://contratto.example/newsletter/2012-06/#top">x</a>`},
		{`<img src="a.png" srcset="a.png 1x, b.png 2x" alt="">`, `<img src="https://contratto.example/newsletter/2012-06/a.png" srcset="https://contratto.example/newsletter/2012-06/a.png 1x, https://contratto.example/newsletter/2012-06/b.png 2x" alt="">`},
		{`<a href="tel:800290290" class=x>800 290 290</a>`, `<a href="tel:800290290" class=x>800 290 290</a>`},
		{`<a href="mailto:info@contratto.example">mail</a>`, `<a href="mailto:info@contratto.example">mail</a>`},
		{`<p>Testo &amp; <b>grassetto</b></p>`, `<p>Testo &amp; <b>grassetto</b></p>`},
	} {
		got, err := absolutizeHTML(tc.in, "https://contratto.example/newsletter/2012-06/")
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("absolutizeHTML(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// TestRenderRejects: every problem a validator would catch is refused with
// an error that names the field, the item and what is wrong.
func TestRenderRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Feed)
		want   string
	}{
		{"no language", func(f *Feed) { f.Lang = "" }, `Lang "" is not a BCP 47 language tag`},
		{"bad language", func(f *Feed) { f.Lang = "italiano!" }, "is not a BCP 47 language tag"},
		{"no title", func(f *Feed) { f.Title = " " }, "Title is empty"},
		{"no description", func(f *Feed) { f.Description = "" }, "Description is empty"},
		{"no author", func(f *Feed) { f.Author.Name = "" }, "Author.Name is empty"},
		{"bad email", func(f *Feed) { f.Author.Email = "ConTratTo" }, `Author.Email "ConTratTo" is not an email address`},
		{"relative home", func(f *Feed) { f.HomeURL = "/newsletter/" }, `HomeURL "/newsletter/" is not an absolute http(s) URL`},
		{"relative base", func(f *Feed) { f.BaseURL = "newsletter" }, `BaseURL "newsletter" is not an absolute http(s) URL`},
		{"relative item URL", func(f *Feed) { f.Items[1].URL = "/newsletter/2012-06/" }, `item 1 ("tag:contratto.example,2012:newsletter/2012-06/it"): URL "/newsletter/2012-06/" is not an absolute http(s) URL`},
		{"no ID", func(f *Feed) { f.Items[0].ID = "" }, `item 0 ("Maggio 2012: la rete si presenta"): ID is empty`},
		{"ID not a URI", func(f *Feed) { f.Items[0].ID = "2012-05" }, `ID "2012-05" is not an absolute URI`},
		{"duplicate ID", func(f *Feed) { f.Items[1].ID = f.Items[0].ID }, "item 1 (\"tag:contratto.example,2012:newsletter/2012-05/it\"): ID is the same as item 0's"},
		{"no item title", func(f *Feed) { f.Items[0].Title = "" }, "Title is empty"},
		{"no summary", func(f *Feed) { f.Items[0].Summary = "" }, "Summary is empty"},
		{"named by its file", func(f *Feed) { f.Items[0].Source, f.Items[0].Summary = "content/it/notizie/x.md", "" }, "content/it/notizie/x.md: Summary is empty"},
		{"no date", func(f *Feed) { f.Items[0].Published = time.Time{} }, "Published is not set"},
		{"updated before published", func(f *Feed) { f.Items[1].Updated = f.Items[1].Published.Add(-time.Hour) }, "Updated (2012-06-30T09:00:00+02:00) is before Published"},
		{"control character", func(f *Feed) { f.Items[0].Title = "Maggio\x07" }, "Title contains U+0007, which XML cannot carry"},
		{"mis-encoded text", func(f *Feed) { f.Items[0].Summary = "citt\u0085" }, "Summary contains U+0085, a sign of mis-encoded text"},
		{"invalid UTF-8", func(f *Feed) { f.Description = "citt\xe0" }, "Description is not valid UTF-8"},
		{"empty without date", func(f *Feed) { f.Items = nil }, "has no items and no Updated time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := italianFeed()
			tc.change(&f)
			_, err := Render(f)
			if err == nil {
				t.Fatalf("Render accepted it, want an error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tc.want)
			}
		})
	}
}

// TestWrite writes the feeds on an in-memory file system and leaves no
// temporary file behind.
func TestWrite(t *testing.T) {
	fs := afero.NewMemMapFs()
	out := mustRender(t, italianFeed())
	if err := out.Write(fs, "public/newsletter"); err != nil {
		t.Fatal(err)
	}
	for _, file := range out.List() {
		got, err := afero.ReadFile(fs, "public/newsletter/"+file.Name)
		if err != nil || !bytes.Equal(got, file.Data) {
			t.Errorf("%s not written as rendered (err %v)", file.Name, err)
		}
	}
	entries, _ := afero.ReadDir(fs, "public/newsletter")
	if len(entries) != 3 {
		t.Errorf("%d files in public/newsletter, want the 3 feeds", len(entries))
	}
}

// TestWriteIsAllOrNothing fails, in turn, each change that writing new feeds over old
// ones makes: the old feeds stay, all three.
func TestWriteIsAllOrNothing(t *testing.T) {
	fs := afero.NewMemMapFs()
	if err := mustRender(t, italianFeed()).Write(fs, "/public/newsletter"); err != nil {
		t.Fatal(err)
	}
	f := italianFeed()
	f.Title = "ConTratTo — another title"
	out := mustRender(t, f)
	faultfs.Check(t, fs, func(fsys afero.Fs) error { return out.Write(fsys, "/public/newsletter") })
}

// BenchmarkRender renders a feed of 50 issues with full HTML.
func BenchmarkRender(b *testing.B) {
	f := italianFeed()
	base := f.Items[1]
	f.Items = nil
	for i := 0; i < 50; i++ {
		it := base
		it.ID = fmt.Sprintf("tag:contratto.example,2012:newsletter/%d/it", i)
		it.URL = fmt.Sprintf("https://contratto.example/newsletter/%d/", i)
		it.Published = base.Published.AddDate(0, -i, 0)
		it.Updated = time.Time{}
		it.ContentHTML = strings.Repeat(base.ContentHTML, 20)
		f.Items = append(f.Items, it)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(f); err != nil {
			b.Fatal(err)
		}
	}
}
