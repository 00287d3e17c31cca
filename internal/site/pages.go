package site

import (
	"html"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
)

// Language is one of the site's languages, as configured in site.toml.
type Language struct {
	Code      string // the key in site.toml: "it", "ar", "pcm"
	Label     string // the name in the language itself: "العربية"
	Title     string // the site's title in that language
	Locale    string // the BCP 47 tag used for lang attributes: "zh-Hans" (the code when unset)
	Direction string // "ltr" or "rtl" ("ltr" when unset)
	Default   bool
	Home      string // absolute URL of the language's home page
	Params    map[string]any
}

// Page is what callers need of one built page.
type Page struct {
	Lang           string // the language it is published in
	ContentLang    string // the language its text is written in (differs for a fallback copy)
	Kind           string // "home", "section" or "page"
	Section        string
	Path           string // Hugo's logical path, the same in every language: "/notizie/seminario-livorno"
	TranslationKey string
	Title          string
	Description    string
	Date           time.Time
	Permalink      string
	RelPermalink   string
	Params         map[string]any
	// Translations maps each other language whose text is a real translation of this
	// page (not a fallback copy) to its permalink.
	Translations map[string]string
	SourceFile   string // relative to the project root, "" for pages without a file

	hugo page.Page
}

// LastChange is the latest date of any page: what a feed without items is dated, since a
// date must come from the content, never from the clock.
func (r *Result) LastChange() time.Time {
	var newest time.Time
	for _, pages := range r.Pages {
		for _, p := range pages {
			if p.Date.After(newest) {
				newest = p.Date
			}
		}
	}
	return newest
}

// Language returns the site's language with code, and whether there is one.
func (r *Result) Language(code string) (Language, bool) {
	for _, l := range r.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Origin names the page in messages: its source file, or for a page Hugo made without
// one (a section without _index.md), its path.
func (p Page) Origin() string {
	if p.SourceFile != "" {
		return filepath.ToSlash(p.SourceFile)
	}
	return p.Path
}

// Name is how the site calls itself in the language: its title, or the host name of its
// home page when site.toml gives no title.
func (l Language) Name() string {
	if l.Title != "" {
		return l.Title
	}
	if u, err := url.Parse(l.Home); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return l.Home
}

// IsFallback reports whether the page shows text written in another language.
func (p Page) IsFallback() bool { return p.ContentLang != p.Lang }

func languages(h *hugolib.HugoSites) []Language {
	var out []Language
	for i, s := range h.Sites {
		l := s.Language()
		locale, direction := l.Locale(), l.Direction()
		if locale == "" {
			locale = l.Lang
		}
		if direction == "" {
			direction = "ltr"
		}
		out = append(out, Language{
			Code:      l.Lang,
			Label:     l.Label(),
			Title:     s.Title(),
			Locale:    locale,
			Direction: direction,
			Default:   i == 0,
			Home:      s.Home().Permalink(),
			Params:    plainParams(s.Params()),
		})
	}
	return out
}

func pages(h *hugolib.HugoSites, dir string) map[string][]Page {
	out := map[string][]Page{}
	for _, s := range h.Sites {
		lang := s.Language().Lang
		var list []Page
		for _, p := range s.Pages() {
			if p.Kind() != "home" && p.Kind() != "section" && p.Kind() != "page" {
				continue
			}
			list = append(list, newPage(p, lang, dir))
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].Path < list[j].Path })
		out[lang] = list
	}
	for lang, list := range out {
		for i := range list {
			list[i].Translations = realTranslations(out, lang, list[i])
		}
	}
	return out
}

func newPage(p page.Page, lang, dir string) Page {
	pg := Page{
		Lang:           lang,
		ContentLang:    lang,
		Kind:           p.Kind(),
		Section:        p.Section(),
		Path:           p.Path(),
		Title:          p.Title(),
		Description:    p.Description(),
		Date:           p.Date(),
		Permalink:      p.Permalink(),
		RelPermalink:   p.RelPermalink(),
		Params:         plainParams(p.Params()),
		TranslationKey: p.TranslationKey(),
		hugo:           p,
	}
	if f := p.File(); f != nil {
		pg.SourceFile = relPath(dir, f.Filename())
		if cl := contentLang(pg.SourceFile); cl != "" {
			pg.ContentLang = cl
		}
	}
	return pg
}

// contentLang tells the language a content file is written in from where it lives:
// content/LANG/... or a bundle file named index.LANG.md.
func contentLang(rel string) string {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) < 2 || parts[0] != "content" {
		return ""
	}
	if parts[1] != "newsletter" {
		return parts[1]
	}
	name := parts[len(parts)-1]
	if dots := strings.Split(name, "."); len(dots) == 3 {
		return dots[1]
	}
	return ""
}

// realTranslations lists the other languages whose version of the same page is written
// in that language.
func realTranslations(all map[string][]Page, lang string, p Page) map[string]string {
	tr := map[string]string{}
	for other, list := range all {
		if other == lang {
			continue
		}
		i := sort.Search(len(list), func(i int) bool { return list[i].Path >= p.Path })
		if i < len(list) && list[i].Path == p.Path && !list[i].IsFallback() {
			tr[other] = list[i].Permalink
		}
	}
	return tr
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plainText turns Hugo's HTML summary into plain text.
func plainText(s string) string {
	s = tags.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// plainParams copies Hugo's params into plain maps (keys are lower case, as Hugo keeps
// them), so callers can read nested tables without Hugo's types.
func plainParams(p hmaps.Params) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v any) any {
	switch v := v.(type) {
	case hmaps.Params:
		return plainParams(v)
	case map[string]any:
		return plainParams(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plainValue(e)
		}
		return out
	default:
		return v
	}
}
