package feed

import (
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// gorillaFeed builds the format-neutral gorilla/feeds value that the three
// renderers start from. items are already sorted and normalised.
func gorillaFeed(f Feed, items []Item, updated time.Time) *feeds.Feed {
	gf := &feeds.Feed{
		Title:       f.Title,
		Link:        &feeds.Link{Href: f.HomeURL},
		Description: f.Description,
		Author:      &feeds.Author{Name: f.Author.Name, Email: f.Author.Email},
		Updated:     updated,
		Id:          f.HomeURL,
	}
	for _, it := range items {
		gf.Add(&feeds.Item{
			Title:       it.Title,
			Link:        &feeds.Link{Href: it.URL},
			Description: it.Summary,
			Content:     it.ContentHTML,
			Id:          it.ID,
			IsPermaLink: isPermaLink(it.ID),
			Created:     it.Published,
			Updated:     it.Updated,
		})
	}
	return gf
}

// isPermaLink is the RSS guid's isPermaLink attribute: "true" when the ID is
// an http(s) URL a reader can open, "false" for tag: and other URIs (the W3C
// validator rejects a tag: guid that claims to be a permalink).
func isPermaLink(id string) string {
	u, err := url.Parse(id)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return "true"
	}
	return "false"
}

// rfc3339 formats t for Atom.
func rfc3339(t time.Time) string { return t.Format(time.RFC3339) }

// escapeHTMLText turns plain text into HTML text: RSS <description> is HTML,
// so a summary's "&" and "<" must not be read as markup.
func escapeHTMLText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
