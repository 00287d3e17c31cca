package feed

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/gorilla/feeds"
)

// Namespaces the RSS feed declares.
const (
	atomNS    = "http://www.w3.org/2005/Atom"
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	dcNS      = "http://purl.org/dc/elements/1.1/"
)

// rssDocument replaces gorilla's feeds.RssFeedXml, which cannot declare the
// atom and dc namespaces.
type rssDocument struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	ContentNS string   `xml:"xmlns:content,attr,omitempty"`
	AtomNS    string   `xml:"xmlns:atom,attr"`
	DCNS      string   `xml:"xmlns:dc,attr,omitempty"`
	Channel   rssChannel
}

// rssChannel wraps gorilla's feeds.RssFeed. Fields declared here shadow the
// embedded ones of the same element name: the plain-text ones, and Items,
// which must come after every channel element (the W3C validator warns
// "Misplaced Item" otherwise).
type rssChannel struct {
	XMLName     xml.Name  `xml:"channel"`
	Title       plainText `xml:"title"`
	Description plainText `xml:"description"`
	*feeds.RssFeed
	AtomLink rssAtomLink `xml:"atom:link"`
	Creator  *plainText  `xml:"dc:creator,omitempty"`
	Items    []rssItem   `xml:"item"`
}

// rssItem wraps gorilla's feeds.RssItem to write its title as plainText.
type rssItem struct {
	XMLName xml.Name  `xml:"item"`
	Title   plainText `xml:"title"`
	*feeds.RssItem
}

// rssAtomLink is <atom:link rel="self">, which gorilla does not write.
type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// plainText is character data in which "&" and "<" are written as the
// hexadecimal character references "&#x26;" and "&#x3C;", as the RSS Best
// Practices Profile asks for plain-text elements (the W3C validator warns
// about "&lt;" or "&amp;amp;" in a title otherwise).
type plainText struct {
	Inner string `xml:",innerxml"`
}

func newPlainText(s string) plainText {
	return plainText{Inner: strings.NewReplacer("&", "&#x26;", "<", "&#x3C;", ">", "&#x3E;", "\r", "&#xD;").Replace(s)}
}

// renderRSS writes the RSS 2.0 feed.
func renderRSS(f Feed, gf *feeds.Feed) ([]byte, error) {
	ch := (&feeds.Rss{Feed: gf}).RssFeed()
	ch.Language = xmlLang(f.Lang)
	// gorilla writes " (Name)" when there is no email; an RSS
	// managingEditor must be an email address, so use dc:creator then.
	ch.ManagingEditor = ""
	doc := rssDocument{
		Version: "2.0",
		AtomNS:  atomNS,
		Channel: rssChannel{
			Title:       newPlainText(ch.Title),
			Description: newPlainText(ch.Description),
			RssFeed:     ch,
			AtomLink:    rssAtomLink{Href: selfURL(f, RSSFile), Rel: "self", Type: RSSType},
		},
	}
	if f.Author.Email != "" {
		ch.ManagingEditor = fmt.Sprintf("%s (%s)", f.Author.Email, f.Author.Name)
	} else {
		creator := newPlainText(f.Author.Name)
		doc.Channel.Creator = &creator
		doc.DCNS = dcNS
	}
	for _, it := range ch.Items {
		it.Description = escapeHTMLText(it.Description)
		if it.Content != nil {
			doc.ContentNS = contentNS
		}
		doc.Channel.Items = append(doc.Channel.Items, rssItem{Title: newPlainText(it.Title), RssItem: it})
	}
	ch.Items = nil
	return marshalXML(doc)
}

// marshalXML writes v as an indented XML document ending in a newline.
func marshalXML(v any) ([]byte, error) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(xml.Header)+len(body)+1)
	out = append(out, xml.Header...)
	out = append(out, body...)
	return append(out, '\n'), nil
}
