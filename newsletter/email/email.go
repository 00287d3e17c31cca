// Package email renders one language edition of a newsletter issue as email
// HTML (inline styles, a single 600 px column, dark-mode safe) and as plain
// text, both from the same goldmark syntax tree.
//
// The HTML goes through a goldmark extension: a node renderer that writes
// inline style attributes for every node kind, and an AST transformer that
// adds UTM parameters to links to the portal. No regular expression ever
// touches the HTML. A ```chart block (newsletter/chartblock) becomes an
// email-safe bar chart: a table of bars in HTML, text bars in plain text.
package email

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/contratto/portal/internal/langtag"
	"github.com/contratto/portal/newsletter/eml"
)

// MaxHTMLBytes is the size budget of the email HTML (90 KB). Gmail clips a
// message whose HTML exceeds about 102 KB; the margin leaves room for the
// mailing tool's own additions.
const MaxHTMLBytes = 90 * 1024

// MaxPreheaderRunes is the longest preheader accepted, counted in characters
// (runes), not bytes.
const MaxPreheaderRunes = 90

// Message is one language edition of an issue, ready to render.
type Message struct {
	Lang      string // BCP 47 tag: "it", "ar", "pcm"
	Dir       string // "ltr" or "rtl"
	Title     string // issue title: <title> and the visible heading
	Preheader string // preview text shown by mail clients; at most MaxPreheaderRunes characters

	// Markdown is the issue body as staff edited it: editorial, items
	// (## headings with links, dates, summaries), a GFM statistics table, a
	// chart image with absolute URL and alt text or a ```chart block
	// (newsletter/chartblock; drawn as bars), the call to action with
	// helpline numbers as tel: links. It should not repeat Title as a
	// level-1 heading: the template shows the title. Raw HTML is dropped.
	Markdown []byte

	WebURL string // absolute URL of the web version of the issue
	// Unsubscribe is where the visible unsubscribe link leads: a mailto:
	// address, or the sending service's unsubscribe endpoint (an https URL or
	// its per-recipient placeholder, eml.CheckOneClick). It is written byte
	// for byte in the HTML and the text, so a placeholder reaches the service
	// intact.
	Unsubscribe   string
	PortalBaseURL string // links to this host get UTM parameters; relative links resolve against it
	Campaign      string // utm_campaign value, e.g. "2012-06"

	Labels    Labels     // localized interface strings of the frame around the body
	Helplines []Helpline // optional: repeated in the footer, in this order

	// FormatNumber writes the values of chart blocks in the language's style
	// ("2.651" in Italian), e.g. site.Result.FormatNumber; nil writes plain
	// digits. Optional.
	FormatNumber func(int) string
}

// Labels are the localized strings of the frame around the body.
type Labels struct {
	ViewOnline   string // link text to the web version ("Leggi online")
	Unsubscribe  string // link text to the unsubscribe URL ("Annulla l'iscrizione")
	WhyReceiving string // why the reader gets this email, one sentence
	Links        string // heading of the footnote list in the text version ("Link:")
	// HiddenNote, optional, explains "c" under a chart block with a hidden
	// value (the i18n string statsFootnoteC); nothing is added when empty.
	HiddenNote string
}

// Helpline is one phone line shown in the footer.
type Helpline struct {
	Label  string // localized name of the line, "Numero verde antitratta"
	Number string // as displayed, "800 290 290"
	Dial   string // as dialled, digits with an optional leading +: "800290290"
}

// TooLargeError reports an HTML rendering over MaxHTMLBytes. HTML returns it
// together with the full rendering, so a preview can still be written while
// the caller trims the issue (summaries only, or links only) and says so.
type TooLargeError struct {
	Size  int // bytes of the rendered HTML
	Limit int // MaxHTMLBytes
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("email HTML is %d bytes, over the budget of %d bytes (Gmail clips at about 102 KB): "+
		"shorten the issue, for example keep titles and summaries only", e.Size, e.Limit)
}

// MissingAltError reports an image without alternative text.
type MissingAltError struct {
	Src          string // the image URL as written in the Markdown
	Line, Column int    // 1-based position of "![" in the Markdown
}

func (e *MissingAltError) Error() string {
	return fmt.Sprintf("markdown:%d:%d: %s", e.Line, e.Column, e.Problem())
}

// Problem is the error without its position, for a caller that names the file the line
// comes from.
func (e *MissingAltError) Problem() string {
	return fmt.Sprintf("image %q has no alt text: write what it shows, ![like this](%s)", e.Src, e.Src)
}

// ErrPreheaderTooLong is wrapped by the error returned for a preheader over
// MaxPreheaderRunes characters.
var ErrPreheaderTooLong = errors.New("preheader too long")

// validate checks the fields every rendering needs and reports all problems
// at once.
func (m *Message) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if err := langtag.Check(m.Lang); err != nil {
		add("Lang %v", err)
	}
	if m.Dir != "ltr" && m.Dir != "rtl" {
		add("Dir %q must be \"ltr\" or \"rtl\"", m.Dir)
	}
	if strings.TrimSpace(m.Title) == "" {
		add("Title is empty")
	}
	if strings.TrimSpace(m.Preheader) == "" {
		add("Preheader is empty: without one, mail clients preview the first text they find")
	}
	if err := checkURL("WebURL", m.WebURL); err != nil {
		add("%v", err)
	}
	if err := checkUnsubscribe(m.Unsubscribe); err != nil {
		add("%v", err)
	}
	if err := checkURL("PortalBaseURL", m.PortalBaseURL); err != nil {
		add("%v", err)
	}
	if strings.TrimSpace(m.Campaign) == "" {
		add("Campaign is empty (want the issue's month, e.g. \"2012-06\")")
	}
	for _, l := range []struct{ name, value string }{
		{"Labels.ViewOnline", m.Labels.ViewOnline},
		{"Labels.Unsubscribe", m.Labels.Unsubscribe},
		{"Labels.WhyReceiving", m.Labels.WhyReceiving},
		{"Labels.Links", m.Labels.Links},
	} {
		if strings.TrimSpace(l.value) == "" {
			add("%s is empty", l.name)
		}
	}
	for i, h := range m.Helplines {
		if strings.TrimSpace(h.Label) == "" || strings.TrimSpace(h.Number) == "" {
			add("Helplines[%d] needs a Label and a Number", i)
		}
		if !isDialString(h.Dial) {
			add("Helplines[%d].Dial %q must be digits with an optional leading +", i, h.Dial)
		}
	}
	var err error
	if n := utf8.RuneCountInString(m.Preheader); n > MaxPreheaderRunes {
		err = fmt.Errorf("email: %w: %d characters, the limit is %d: shorten it", ErrPreheaderTooLong, n, MaxPreheaderRunes)
	}
	if len(problems) > 0 {
		msg := "email: invalid message: " + strings.Join(problems, "; ")
		if err != nil {
			return fmt.Errorf("%s; %w", msg, err)
		}
		return errors.New(msg)
	}
	return err
}

// checkUnsubscribe requires a mailto: address or what List-Unsubscribe
// accepts as a one-click endpoint, so the link is the header's own.
func checkUnsubscribe(s string) error {
	if s == "" {
		return errors.New("Unsubscribe is empty")
	}
	if strings.HasPrefix(s, "mailto:") {
		if err := eml.CheckMailto(s); err != nil {
			return fmt.Errorf("Unsubscribe: %v", err)
		}
		return nil
	}
	if err := eml.CheckOneClick(s); err != nil {
		return fmt.Errorf("Unsubscribe is neither a mailto: address nor a one-click endpoint: %v", err)
	}
	return nil
}

// checkURL requires an absolute http(s) URL with a host.
func checkURL(field, raw string) error {
	if raw == "" {
		return fmt.Errorf("%s is empty", field)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s %q is not a URL: %v", field, raw, err)
	}
	switch {
	case u.Host == "":
		return fmt.Errorf("%s %q is not absolute (want https://host/...)", field, raw)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("%s %q must use http or https", field, raw)
	}
	return nil
}

func isDialString(s string) bool {
	s = strings.TrimPrefix(s, "+")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
