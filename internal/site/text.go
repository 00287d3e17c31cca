package site

import (
	"context"
	"strconv"
	"time"

	"github.com/bep/golocales"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/langs"
)

// texts keeps, per language, Hugo's own i18n lookup and date formatter, so Go code words
// and dates things exactly as the templates do.
type texts struct {
	translate map[string]func(context.Context, string, any) string
	dates     map[string]htime.TimeFormatter
	locations map[string]*time.Location
	numbers   map[string]golocales.Translator
}

func newTexts(h *hugolib.HugoSites) texts {
	t := texts{
		translate: map[string]func(context.Context, string, any) string{},
		dates:     map[string]htime.TimeFormatter{},
		locations: map[string]*time.Location{},
		numbers:   map[string]golocales.Translator{},
	}
	for _, s := range h.Sites {
		l := s.Language()
		t.translate[l.Lang] = s.Deps.Translate
		t.dates[l.Lang] = langs.GetTimeFormatter(l)
		t.locations[l.Lang] = langs.GetLocation(l)
		t.numbers[l.Lang] = langs.GetTranslator(l)
	}
	return t
}

// T returns the i18n string id in lang, filled with data, as the template function
// i18n does (falling back to the default language).
func (r *Result) T(lang, id string, data any) string {
	if f := r.texts.translate[lang]; f != nil {
		return f(context.Background(), id, data)
	}
	return ""
}

// FormatDate formats t in lang as Hugo's time.Format does, e.g. ":date_long" or
// "January 2006", with month and day names in that language.
func (r *Result) FormatDate(lang string, t time.Time, layout string) string {
	f, ok := r.texts.dates[lang]
	if !ok {
		return t.Format(layout)
	}
	if loc := r.texts.locations[lang]; loc != nil {
		t = t.In(loc)
	}
	return f.Format(t, layout)
}

// FormatNumber writes n as lang writes whole numbers ("2.651" in Italian), as the
// template function lang.FormatNumber does.
func (r *Result) FormatNumber(lang string, n int) string {
	if tr := r.texts.numbers[lang]; tr != nil {
		return tr.FormatNumber(float64(n), 0)
	}
	return strconv.Itoa(n)
}

// Location is the time zone of lang's site (site.toml's timeZone).
func (r *Result) Location(lang string) *time.Location {
	if loc := r.texts.locations[lang]; loc != nil {
		return loc
	}
	return time.UTC
}
