package site

import (
	"context"
	"time"

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
}

func newTexts(h *hugolib.HugoSites) texts {
	t := texts{
		translate: map[string]func(context.Context, string, any) string{},
		dates:     map[string]htime.TimeFormatter{},
		locations: map[string]*time.Location{},
	}
	for _, s := range h.Sites {
		l := s.Language()
		t.translate[l.Lang] = s.Deps.Translate
		t.dates[l.Lang] = langs.GetTimeFormatter(l)
		t.locations[l.Lang] = langs.GetLocation(l)
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
