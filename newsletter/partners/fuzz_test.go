package partners

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// FuzzNormalise: whatever a feed's item says, the snapshot keeps plain text within its
// lengths, only absolute http(s) links, distinct ids and links, and a date that is either
// trusted or noted.
func FuzzNormalise(f *testing.F) {
	f.Add("Titolo &amp; <b>altro</b>", "<script>alert(1)</script><p>Testo</p>", "https://t.example/a", "g1", "Tue, 12 Jun 2012 10:00:00 +0000", "it-IT")
	f.Add("", "&lt;b&gt;x&lt;/b&gt;", "javascript:alert(1)", "", "2099-01-01", "xx")
	f.Add("a\u202eb\x00c", "\xff\xfe", "/relative?q=1#f", "https://t.example/a", "1999-12-31", "")
	f.Add(strings.Repeat("parola ", 100), "<style>x</style>"+strings.Repeat("é", 500), "HTTPS://T.EXAMPLE/%zz", "g", "", "ar")
	base, _ := url.Parse("https://t.example/feed/")
	f.Fuzz(func(t *testing.T, title, desc, link, guid, date, lang string) {
		item := &gofeed.Item{Title: title, Description: desc, Link: link, GUID: guid, Published: date}
		if d, err := time.Parse(time.RFC3339, date); err == nil {
			item.PublishedParsed = &d
		}
		twin := *item
		feed := &gofeed.Feed{Language: lang, Items: []*gofeed.Item{item, &twin, {Title: title, Link: "https://t.example/other", GUID: guid}}}
		items, _ := Normalise(feed, Partner{ID: "p", Name: "P", Languages: []string{"it"}}, base.String(), now)
		ids, links := map[string]bool{}, map[string]bool{}
		for _, it := range items {
			if !IsPlain(it.Title, MaxTitle) || !IsPlain(it.Summary, MaxSummary) || it.Title == "" {
				t.Errorf("not plain text: %q / %q", it.Title, it.Summary)
			}
			u, err := url.Parse(it.Link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || CleanLink(it.Link, nil) != it.Link {
				t.Errorf("link %q", it.Link)
			}
			if ids[it.ID] || links[it.Link] {
				t.Errorf("a duplicate: %+v", it)
			}
			ids[it.ID], links[it.Link] = true, true
			if it.Trusted() && (it.Time().Before(earliest) || it.Time().After(now.Add(24*time.Hour))) {
				t.Errorf("an untrusted date trusted: %+v", it)
			}
			if it.Lang == "" {
				t.Errorf("no language: %+v", it)
			}
		}
		readsBack(t, items)
	})
}

func FuzzPlainText(f *testing.F) {
	f.Add("<p>a &amp;amp; b</p><script>x</script>", 20)
	f.Add("\u0645\u0631\u062d\u0628\u0627 \u200fhello", 5)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max%500 + 1
		if max < 1 {
			max = -max + 1
		}
		if got := PlainText(s, max); !IsPlain(got, max) {
			t.Errorf("PlainText(%q, %d) = %q is not plain", s, max, got)
		}
	})
}

// FuzzFeed: whatever bytes a server sends, reading them as a feed and normalising what
// gofeed makes of them gives a snapshot that reads back, or an error; never a panic.
func FuzzFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed.json", "rss091.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(goodFeed))
	f.Fuzz(func(t *testing.T, data []byte) {
		body, err := toUTF8(data, "application/rss+xml")
		if err != nil {
			return
		}
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil {
			return
		}
		items, _ := Normalise(feed, Partner{ID: "p", Name: "P", Languages: []string{"it"}}, "https://t.example/feed", now)
		readsBack(t, items)
	})
}

// readsBack fails t unless a snapshot of the items Normalise made, written, reads back.
func readsBack(t *testing.T, items []Item) {
	t.Helper()
	s := Snapshot{ID: "p", Items: items}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("p.json", data); err != nil {
		t.Errorf("a snapshot of the items Normalise made does not read back: %v", err)
	}
}

// FuzzSnapshot: a snapshot file, however edited, is read with its rules or refused.
func FuzzSnapshot(f *testing.F) {
	f.Add([]byte(`{"id":"p","name":"P","feed":"https://t.example/","languages":["it"],"fetched":"2012-07-01T00:00:00Z","items":[{"id":"1","title":"T","link":"https://t.example/1","date":"2012-06-01T00:00:00Z","lang":"it"}]}`))
	f.Add([]byte(`{"items":[{"link":"javascript:alert(1)"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("p.json", data)
		if err != nil {
			return
		}
		for _, it := range s.Items {
			if CleanLink(it.Link, nil) != it.Link || !IsPlain(it.Title, MaxTitle) || !IsPlain(it.Summary, MaxSummary) {
				t.Errorf("accepted %+v", it)
			}
		}
	})
}
