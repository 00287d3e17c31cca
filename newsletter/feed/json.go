package feed

import (
	"bytes"
	"encoding/json"

	"github.com/gorilla/feeds"
)

// jsonDocument wraps gorilla's feeds.JSONFeed so that "items" is written even
// when empty (gorilla omits an empty list; JSON Feed requires it).
type jsonDocument struct {
	*feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

// renderJSON writes the JSON Feed 1.1 document.
func renderJSON(f Feed, gf *feeds.Feed) ([]byte, error) {
	jf := (&feeds.JSON{Feed: gf}).JSONFeed()
	jf.Language = f.Lang
	jf.FeedUrl = selfURL(f, JSONFile)
	// JSON Feed 1.1 deprecates "author" in favour of "authors".
	jf.Author = nil
	jf.Authors = []*feeds.JSONAuthor{{Name: f.Author.Name}}
	doc := jsonDocument{JSONFeed: jf, Items: []*feeds.JSONItem{}}
	for _, it := range jf.Items {
		// Every item needs content_html or content_text.
		if it.ContentHTML == "" {
			it.ContentText = it.Summary
		}
		doc.Items = append(doc.Items, it)
	}
	jf.Items = nil

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
