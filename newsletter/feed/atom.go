package feed

import (
	"encoding/xml"

	"github.com/gorilla/feeds"
)

// atomDocument wraps gorilla's feeds.AtomFeed to add xml:lang and both the
// alternate and the self link (gorilla writes only one link). The links are
// declared before the embedded feed so that they precede the entries: Atom
// metadata after an entry is an error for the W3C validator.
type atomDocument struct {
	XMLName xml.Name         `xml:"feed"`
	Lang    string           `xml:"xml:lang,attr"`
	Links   []feeds.AtomLink `xml:"link"`
	*feeds.AtomFeed
}

// renderAtom writes the Atom 1.0 feed. items are the sorted items behind gf.
func renderAtom(f Feed, gf *feeds.Feed, items []Item) ([]byte, error) {
	af := (&feeds.Atom{Feed: gf}).AtomFeed()
	af.Link = nil
	for i, e := range af.Entries {
		// gorilla marks every summary as HTML; ours is plain text.
		if e.Summary != nil {
			e.Summary.Type = "text"
		}
		e.Published = rfc3339(items[i].Published)
		for j := range e.Links {
			if e.Links[j].Rel == "alternate" {
				e.Links[j].Type = "text/html"
			}
		}
	}
	doc := atomDocument{
		Lang: xmlLang(f.Lang),
		Links: []feeds.AtomLink{
			{Href: f.HomeURL, Rel: "alternate", Type: "text/html"},
			{Href: selfURL(f, AtomFile), Rel: "self", Type: AtomType},
		},
		AtomFeed: af,
	}
	return marshalXML(doc)
}
