package partners

import (
	"html"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/contratto/portal/internal/langtag"
	"github.com/microcosm-cc/bluemonday"
	"github.com/mmcdole/gofeed"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Lengths kept of an item's texts, in characters; longer ones are cut at a word and end in "…".
const (
	MaxTitle   = 200
	MaxSummary = 400
	MaxLink    = 2000
	// MaxItems is how many items of a feed a snapshot keeps: the newest.
	MaxItems = 100
)

// Notes on an item's date: a date the newsletter does not trust, and why.
const (
	DateMissing = "no date"
	DateFuture  = "dated in the future"
	DateTooOld  = "dated before 2000"
)

// earliest is the first date an item may carry: older ones are a feed's mistake.
var earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Item is one partner news item as a snapshot keeps it: plain text, an http(s) link, and
// a date in UTC.
type Item struct {
	ID    string `json:"id"` // the feed's GUID, or else the link
	Title string `json:"title"`
	Link  string `json:"link"`
	Date  string `json:"date,omitempty"` // RFC 3339, UTC, as the feed gave it
	// DateNote says why the date is not trusted (DateMissing, DateFuture, DateTooOld);
	// such an item is never put in an issue.
	DateNote string `json:"dateNote,omitempty"`
	Summary  string `json:"summary,omitempty"`
	Lang     string `json:"lang"` // BCP 47: the feed's language, or the partner's first
}

// Time is the item's date; zero when it has none.
func (it Item) Time() time.Time {
	t, _ := time.Parse(time.RFC3339, it.Date)
	return t
}

// Trusted reports whether the item's date can place it in a month.
func (it Item) Trusted() bool { return it.DateNote == "" && it.Date != "" }

// Normalise turns a parsed feed into the items a snapshot keeps: texts made plain, links
// checked and made absolute against base (the address the feed was read from), items
// without an http(s) link dropped, duplicates (by GUID or by link) merged into the first,
// dates outside [2000, now+1 day] noted. The newest MaxItems are kept, newest first.
// It returns the items and how many were dropped for want of a usable link.
func Normalise(f *gofeed.Feed, p Partner, base string, now time.Time) ([]Item, int) {
	lang := feedLang(f.Language, p)
	baseURL, _ := url.Parse(base)
	if l, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && baseURL != nil {
		if abs := baseURL.ResolveReference(l); isWebURL(abs) {
			baseURL = abs
		}
	}
	var out []Item
	dropped := 0
	ids, links := map[string]bool{}, map[string]bool{}
	for _, fi := range f.Items {
		if fi == nil {
			continue
		}
		raw := fi.Link
		if raw == "" && len(fi.Links) > 0 {
			raw = fi.Links[0]
		}
		link := CleanLink(raw, baseURL)
		if link == "" {
			dropped++
			continue
		}
		id := PlainText(fi.GUID, MaxLink)
		if id == "" {
			id = link
		}
		if ids[id] || links[link] {
			continue
		}
		ids[id], links[link] = true, true
		it := Item{ID: id, Link: link, Lang: lang}
		it.Title = PlainText(fi.Title, MaxTitle)
		summary := fi.Description
		if strings.TrimSpace(PlainText(summary, 1)) == "" {
			summary = fi.Content
		}
		it.Summary = PlainText(summary, MaxSummary)
		if it.Title == "" {
			it.Title, it.Summary = PlainText(summary, MaxTitle), ""
		}
		if it.Title == "" {
			it.Title = link
		}
		if it.Summary == it.Title {
			it.Summary = ""
		}
		it.Date, it.DateNote = itemDate(fi, now)
		out = append(out, it)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Time(), out[j].Time()
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].Link < out[j].Link
	})
	if len(out) > MaxItems {
		out = out[:MaxItems]
	}
	return out, dropped
}

func itemDate(fi *gofeed.Item, now time.Time) (string, string) {
	t := fi.PublishedParsed
	if t == nil {
		t = fi.UpdatedParsed
	}
	if t == nil || t.IsZero() {
		return "", DateMissing
	}
	d := t.UTC().Truncate(time.Second)
	s := d.Format(time.RFC3339)
	switch {
	case d.After(now.Add(24 * time.Hour)):
		return s, DateFuture
	case d.Before(earliest):
		return s, DateTooOld
	}
	return s, ""
}

// feedLang is the feed's declared language in its short form when it is a real language
// tag, else the partner's first language.
func feedLang(declared string, p Partner) string {
	if t, err := language.Parse(strings.TrimSpace(declared)); err == nil && t != language.Und {
		base, _ := t.Base()
		if langtag.Check(base.String()) == nil {
			return base.String()
		}
	}
	if len(p.Languages) > 0 {
		return p.Languages[0]
	}
	return "und"
}

// CleanLink returns raw as an absolute http(s) address (resolved against base when
// relative), or "" when it is anything else: javascript:, data:, mailto:, an address with
// a user name or password, or with spaces or control characters.
func CleanLink(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > MaxLink || !utf8.ValidString(raw) || strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !isWebURL(u) {
		return ""
	}
	s := u.String()
	if len(s) > MaxLink {
		return ""
	}
	return s
}

func isWebURL(u *url.URL) bool {
	return (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil && u.Opaque == ""
}

// strict removes every element; the content of script, style and the like goes with it.
var strict = bluemonday.StrictPolicy()

// PlainText makes s, which a feed may give as HTML, plain text: elements removed (with the
// content of script and style), entities decoded, invalid UTF-8 and control characters
// dropped, white space collapsed to single spaces, NFC, and at most max characters (cut at
// a word, ending in "…").
func PlainText(s string, max int) string {
	s = strings.ToValidUTF8(s, "")
	// Block elements become spaces, so words of two paragraphs do not run together.
	s = strings.NewReplacer("<", " <", ">", "> ").Replace(s)
	s = html.UnescapeString(strict.Sanitize(s))
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case skipped(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return Cut(norm.NFC.String(b.String()), max)
}

// IsPlain reports whether s is text as PlainText leaves it: valid UTF-8 of at most max
// characters, without control characters, line breaks or white space at its ends or in runs.
func IsPlain(s string, max int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max || strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return false
	}
	for _, r := range s {
		if (unicode.IsSpace(r) && r != ' ') || skipped(r) {
			return false
		}
	}
	return true
}

// skipped are the characters PlainText drops: control characters, invisible formatting
// (but the joiners some scripts need), private use, and what stands for invalid bytes.
func skipped(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\uFEFF', unicode.In(r, unicode.Co, unicode.Cs), r == utf8.RuneError:
		return true
	case unicode.Is(unicode.Cf, r) && r != '\u200C' && r != '\u200D':
		return true
	}
	return false
}

// Cut shortens s to at most max characters, at a word where it can, ending in "…".
func Cut(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	runes := []rune(s)[:max-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}
