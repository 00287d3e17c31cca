package social

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Post is what one issue says on social media in one language.
type Post struct {
	Lang     string    // BCP 47 language of the texts, e.g. "it", "ar"
	RTL      bool      // the language is written right to left
	Date     time.Time // when the posts are scheduled (the CSV's date column)
	Headline string    // the title, already localised
	// Points are short sentences in order of importance: item titles and
	// figures from the protected statistics only. The last ones are dropped
	// first when a platform has no room.
	Points   []string
	Helpline string   // localised line with a number, e.g. "Numero verde antitratta: 800 290 290"
	Hashtags []string // CamelCase, without "#", e.g. "Antitratta", "NumeroVerde"
	// Link returns the issue URL tagged for a platform (utm_source=<platform>,
	// the platform names of this package).
	Link     func(platform string) string
	ImageAlt string // alt text of the chart image, in Lang; empty if no image
	// ThreadMarker numbers the posts of a thread, localised; nil gives "i/n".
	ThreadMarker func(i, n int) string
	// LinkInBio is an optional localised line put above the URL on Instagram,
	// where links in captions cannot be clicked (e.g. "Link in bio").
	LinkInBio string
	// TelegramCaption makes the Telegram draft fit a media caption
	// (1,024 units) instead of a text message (4,096).
	TelegramCaption bool
}

// Draft is one platform's post, or thread of posts.
type Draft struct {
	Platform string   `json:"platform"`
	Text     string   `json:"text,omitempty"`
	Thread   []string `json:"thread,omitempty"`
	Length   int      `json:"length"` // as the platform counts; for a thread, the longest post
	Limit    int      `json:"limit"`
	Unit     string   `json:"unit"` // what Length counts
	ImageAlt string   `json:"image_alt,omitempty"`
	Notes    []string `json:"notes,omitempty"` // what was left out to fit, for the reviewer
}

// Posts returns the draft's posts: its thread, or its one text.
func (d Draft) Posts() []string {
	if len(d.Thread) > 0 {
		return d.Thread
	}
	return []string{d.Text}
}

// clean normalises a text to NFC, trims it and collapses runs of white space
// (not no-break spaces) into one space.
func clean(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if isBreakingSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBreakingSpace is white space a line may break at: not U+00A0, U+2007
// or U+202F, which keep numbers like "800 290 290" together when used.
func isBreakingSpace(r rune) bool {
	return unicode.IsSpace(r) && r != 0x00A0 && r != 0x2007 && r != 0x202F
}

// normalized returns a copy of p with its texts cleaned and empty points dropped.
func (p Post) normalized() Post {
	q := p
	q.Headline = clean(p.Headline)
	q.Helpline = clean(p.Helpline)
	q.ImageAlt = clean(p.ImageAlt)
	q.LinkInBio = clean(p.LinkInBio)
	q.Points = nil
	for _, pt := range p.Points {
		if c := clean(pt); c != "" {
			q.Points = append(q.Points, c)
		}
	}
	return q
}

// validate reports the first thing in p a person must fix.
func (p Post) validate() error {
	where := fmt.Sprintf("social post (%s)", p.Lang)
	if p.Lang == "" {
		return fmt.Errorf("social post: Lang is empty; set the language code, e.g. \"it\"")
	}
	if p.Headline == "" {
		return fmt.Errorf("%s: Headline is empty", where)
	}
	if p.Helpline == "" {
		return fmt.Errorf("%s: Helpline is empty; every draft must carry the helpline number", where)
	}
	if !strings.ContainsFunc(p.Helpline, unicode.IsDigit) {
		return fmt.Errorf("%s: Helpline %q has no number", where, p.Helpline)
	}
	if p.Link == nil {
		return fmt.Errorf("%s: Link is nil", where)
	}
	for _, pl := range Platforms {
		if err := validateLink(pl, p.Link(pl)); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	for i, tag := range p.Hashtags {
		if err := ValidateHashtag(tag); err != nil {
			return fmt.Errorf("%s: hashtag %d: %w", where, i+1, err)
		}
	}
	if p.ImageAlt != "" {
		for _, pl := range Platforms {
			r, _ := RuleFor(pl, p.TelegramCaption)
			if r.AltLimit > 0 && r.AltCount(p.ImageAlt) > r.AltLimit {
				return fmt.Errorf("%s: ImageAlt is %d characters; %s allows %d — shorten the alt text",
					where, r.AltCount(p.ImageAlt), pl, r.AltLimit)
			}
		}
	}
	return nil
}

// validateLink checks that a platform's link is an absolute http(s) URL that
// the counters recognise as one URL, tagged with utm_source=<platform>.
func validateLink(platform, link string) error {
	if link == "" {
		return fmt.Errorf("Link(%q) is empty", platform)
	}
	if strings.ContainsFunc(link, unicode.IsSpace) {
		return fmt.Errorf("Link(%q) = %q contains white space", platform, link)
	}
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("Link(%q) = %q: %v", platform, link, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("Link(%q) = %q is not an absolute http(s) URL", platform, link)
	}
	if got := u.Query().Get("utm_source"); got != platform {
		return fmt.Errorf("Link(%q) = %q: utm_source is %q, want %q", platform, link, got, platform)
	}
	if sp := detectURLs(link, true); len(sp) != 1 || sp[0] != (span{0, len(link)}) {
		return fmt.Errorf("Link(%q) = %q is not read as one URL by X's and Mastodon's counters (twitter-text rules); "+
			"end it with a letter, digit or \"/\" and percent-encode non-Latin path characters", platform, link)
	}
	return nil
}

// ValidateHashtag checks that tag is a CamelCase hashtag without "#": letters
// and digits only, beginning with a letter, upper case when the script has
// case ("NumeroVerde", "Antitratta", "反拐卖"). CamelCase lets screen readers
// read the words.
func ValidateHashtag(tag string) error {
	if tag == "" {
		return fmt.Errorf("empty hashtag")
	}
	if tag != norm.NFC.String(tag) {
		return fmt.Errorf("%q is not in Unicode NFC form", tag)
	}
	if strings.HasPrefix(tag, "#") || strings.HasPrefix(tag, "＃") {
		return fmt.Errorf("%q starts with \"#\"; write it without, e.g. %q", tag, strings.TrimLeft(tag, "#＃"))
	}
	for i, r := range tag {
		switch {
		case unicode.IsSpace(r):
			return fmt.Errorf("%q contains a space at byte %d; join the words in CamelCase, e.g. %q",
				tag, i, camel(tag))
		case !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)):
			return fmt.Errorf("%q contains %q at byte %d; use letters and digits only", tag, r, i)
		}
	}
	first, _ := utf8.DecodeRuneInString(tag)
	if !unicode.IsLetter(first) {
		return fmt.Errorf("%q does not start with a letter", tag)
	}
	if unicode.IsLower(first) {
		return fmt.Errorf("%q is not CamelCase; capitalise each word, e.g. %q", tag, camel(tag))
	}
	return nil
}

// camel suggests a CamelCase form of a tag with spaces or a lower-case start.
func camel(tag string) string {
	var b strings.Builder
	for _, w := range strings.Fields(tag) {
		r, n := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	return b.String()
}
