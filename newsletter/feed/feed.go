// Package feed writes the newsletter's syndication feeds for one language:
// RSS 2.0 (index.xml), Atom 1.0 (atom.xml) and JSON Feed 1.1 (feed.json).
//
// The feeds are generated with github.com/gorilla/feeds. That library leaves
// out what feed validators and readers rely on, so Render
// wraps or post-processes gorilla's own structs (feeds.RssFeed, feeds.AtomFeed,
// feeds.JSONFeed) to add:
//
//   - the language: RSS <language>, Atom xml:lang on <feed>, JSON Feed
//     "language";
//   - the self link: atom:link rel="self" in RSS (with the xmlns:atom
//     declaration), <link rel="self"> in Atom, "feed_url" in JSON Feed;
//   - a stable guid / id per item, taken from Item.ID (isPermaLink="false"
//     unless the ID is an http(s) URL);
//   - RFC 822 dates with four-digit years in RSS, RFC 3339 in Atom and JSON;
//   - the author as each format wants it: RSS managingEditor "email (Name)"
//     when there is an email, dc:creator otherwise (an RSS <author> must be an
//     email address); Atom <author><name>; JSON Feed 1.1 "authors";
//   - absolute URLs everywhere: relative links and image sources inside
//     Item.ContentHTML are resolved against the item's URL.
//
// Output is deterministic: the same Feed gives byte-identical files. Nothing
// reads the clock; all dates are written in UTC, to the second.
package feed

import (
	"errors"
	"sort"
	"time"
)

// File names of the three feeds inside Feed.BaseURL's folder.
const (
	RSSFile  = "index.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"
)

// Media types of the three feeds, for <link rel="alternate" type="…"> tags.
const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

// Author is the person or organisation responsible for the feed.
type Author struct {
	Name  string // required: Atom needs a name for the feed's author
	Email string // optional; when set RSS carries it as managingEditor
}

// Feed is one language's newsletter feed.
type Feed struct {
	Lang        string // BCP 47 tag of the feed's language ("it", "ar", "pcm")
	Title       string // plain text
	Description string // plain text; RSS requires it
	HomeURL     string // absolute URL of the newsletter archive page in that language
	BaseURL     string // absolute URL of the folder that holds the three feed files
	Author      Author
	// Updated is the feed's last change when it has no items. With items,
	// the feed's date is the latest of Updated and every item's Updated (or
	// Published), so a zero Updated is fine then. Never filled from the clock.
	Updated time.Time
	// Items may come in any order: Render writes them newest first (by
	// Published, then by ID), without changing the caller's slice.
	Items []Item
}

// Item is one published newsletter issue.
type Item struct {
	// ID is the item's stable identifier, a URI that never changes after
	// publication, such as "tag:contratto.toscana.it,2012:newsletter/2012-06/it".
	ID          string
	Title       string    // plain text
	URL         string    // absolute URL of the web page
	Summary     string    // plain text, required
	ContentHTML string    // optional full HTML of the issue
	Published   time.Time // required
	Updated     time.Time // zero means Published
	// Source, optional, is the file the item is made from ("content/it/notizie/x.md"):
	// errors about the item name it. It is not written into the feed.
	Source string
}

// Files holds the three rendered feeds.
type Files struct {
	RSS  []byte // RSS 2.0, written as RSSFile
	Atom []byte // Atom 1.0, written as AtomFile
	JSON []byte // JSON Feed 1.1, written as JSONFile
}

// File is one rendered feed and the name it is written under.
type File struct {
	Name string
	Data []byte
}

// List returns the three feeds with their file names, in a fixed order.
func (f Files) List() []File {
	return []File{{RSSFile, f.RSS}, {AtomFile, f.Atom}, {JSONFile, f.JSON}}
}

// Render writes the three feeds of f. It returns an error that lists every
// problem with f (a missing title, a relative URL, a duplicate item ID, text
// that XML cannot carry…) instead of writing a feed a validator would reject.
func Render(f Feed) (Files, error) {
	if err := validate(f); err != nil {
		return Files{}, err
	}
	items, err := prepareItems(f.Items)
	if err != nil {
		return Files{}, err
	}
	updated := feedUpdated(f.Updated, items)
	gf := gorillaFeed(f, items, updated)

	var out Files
	var errs []error
	out.RSS, err = renderRSS(f, gf)
	errs = append(errs, err)
	out.Atom, err = renderAtom(f, gf, items)
	errs = append(errs, err)
	out.JSON, err = renderJSON(f, gf)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return Files{}, err
	}
	return out, nil
}

// prepareItems copies items, normalises their dates to UTC seconds, resolves
// relative URLs in their HTML, and sorts them newest first.
func prepareItems(in []Item) ([]Item, error) {
	items := make([]Item, len(in))
	var errs []error
	for i, it := range in {
		it.Published = normTime(it.Published)
		it.Updated = normTime(it.Updated)
		if it.ContentHTML != "" {
			html, err := absolutizeHTML(it.ContentHTML, it.URL)
			if err != nil {
				errs = append(errs, itemError(i, it, err.Error()))
			}
			it.ContentHTML = html
		}
		items[i] = it
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.ID < b.ID
	})
	return items, nil
}

// normTime writes every date in UTC to the second: RSS cannot carry fractions
// of a second, and one time zone keeps the bytes independent of the caller's.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// lastChange is an item's Updated, or its Published when it was never updated.
func lastChange(it Item) time.Time {
	if !it.Updated.IsZero() {
		return it.Updated
	}
	return it.Published
}

// feedUpdated is the latest of the caller's Updated and every item's change.
func feedUpdated(updated time.Time, items []Item) time.Time {
	latest := normTime(updated)
	for _, it := range items {
		if t := lastChange(it); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// selfURL is the absolute URL of one of the feed files.
func selfURL(f Feed, name string) string {
	base := f.BaseURL
	if len(base) == 0 || base[len(base)-1] != '/' {
		base += "/"
	}
	return base + name
}
