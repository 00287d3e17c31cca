package email

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"strings"
)

//go:embed email.html.tmpl
var pageTemplateText string

var pageTemplate = template.Must(template.New("email.html").Parse(pageTemplateText))

// preheaderPad follows the preheader so clients that show a preview do not
// pull in the "view online" line or the body: zero-width non-joiners and
// non-breaking spaces, the usual filler.
var preheaderPad = template.HTML(strings.Repeat("&zwnj;&nbsp;", 80))

// pageData is what the embedded template sees. Styles are typed as
// template.CSS because html/template would otherwise reject them.
type pageData struct {
	Lang, Dir, Align, Title, Preheader string
	RTL                                bool
	PreheaderPad                       template.HTML
	DarkCSS                            template.CSS
	S                                  map[string]template.CSS
	Body                               template.HTML
	WebURL                             string
	UnsubscribeHref                    template.HTMLAttr
	Labels                             Labels
	Helplines                          []footerHelpline
}

type footerHelpline struct {
	Label, Number string
	Tel           template.URL
}

// HTML renders the message as an email HTML document: inline styles on every
// element, one 600 px column, a hidden preheader, a "view online" link to
// the web version, the unsubscribe link in the footer.
//
// Errors: an invalid message (all problems listed, ErrPreheaderTooLong
// wrapped for an over-long preheader), images without alt text and
// malformed chart or network blocks (one *MissingAltError or *BlockError each, joined),
// and *TooLargeError when the HTML is over
// MaxHTMLBytes; with *TooLargeError the full rendering is returned as well.
func HTML(m Message) ([]byte, error) {
	st := newStyles(m.Lang, m.Dir)
	doc, err := parse(&m, st)
	if err != nil {
		return nil, err
	}
	var body bytes.Buffer
	if err := doc.md.Renderer().Render(&body, doc.source, doc.root); err != nil {
		return nil, fmt.Errorf("email: rendering the body: %w", err)
	}
	data := pageData{
		Lang: m.Lang, Dir: m.Dir, Align: st.align, RTL: m.Dir == "rtl",
		Title: m.Title, Preheader: m.Preheader, PreheaderPad: preheaderPad,
		DarkCSS: template.CSS(darkCSS()),
		S: map[string]template.CSS{
			"Body": template.CSS(st.Body), "Page": template.CSS(st.Page), "Column": template.CSS(st.Column),
			"Top": template.CSS(st.Top), "TopLink": template.CSS(st.TopLink), "Header": template.CSS(st.Header),
			"Title": template.CSS(st.Title), "Content": template.CSS(st.Content), "Footer": template.CSS(st.Footer),
			"FooterP": template.CSS(st.FooterP), "FooterA": template.CSS(st.FooterA),
			"TelLink": template.CSS(st.TelLink), "Preheader": template.CSS(st.Preheader),
		},
		Body:   template.HTML(body.String()), // goldmark output: raw HTML from the Markdown is omitted
		WebURL: doc.tagger.link(m.WebURL),
		// html/template would percent-encode a placeholder's braces, bars and
		// spaces in a URL attribute: the href is written whole, entity-escaped
		// only, so "{{ UnsubscribeURL }}" or "*|UNSUB|*" reaches the service intact.
		UnsubscribeHref: template.HTMLAttr(`href="` + html.EscapeString(m.Unsubscribe) + `"`),
		Labels:          m.Labels,
	}
	for _, h := range m.Helplines {
		data.Helplines = append(data.Helplines, footerHelpline{
			Label: h.Label, Number: h.Number, Tel: template.URL("tel:" + h.Dial), // Dial is validated digits
		})
	}
	var out bytes.Buffer
	if err := pageTemplate.Execute(&out, data); err != nil {
		return nil, fmt.Errorf("email: executing the page template: %w", err)
	}
	if out.Len() > MaxHTMLBytes {
		return out.Bytes(), &TooLargeError{Size: out.Len(), Limit: MaxHTMLBytes}
	}
	return out.Bytes(), nil
}
