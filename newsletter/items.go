package newsletter

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/spf13/cast"
)

// Front matter values that steer the selection.
const (
	paramNewsletter = "newsletter" // "feature" puts an item first, "exclude" leaves it out
	featureItem     = "feature"
	excludeItem     = "exclude"
)

// Item is a page the issue shows.
type Item struct {
	Page     site.Page
	Featured bool
}

// Choice is what the selection decided for one page, and why — printed for staff.
type Choice struct {
	Page   site.Page
	Picked bool
	Reason string
}

// selectItems picks lang's pages of the month: the dated pages of the newsletter
// sections, minus those whose front matter excludes them; featured ones first, then by date.
func selectItems(pages []site.Page, sections []string, m Month, loc *time.Location) ([]Item, []Choice) {
	var items []Item
	var choices []Choice
	for _, p := range pages {
		if p.Kind != "page" || !slices.Contains(sections, p.Section) || p.Date.IsZero() {
			continue
		}
		if !m.Contains(p.Date, loc) {
			continue
		}
		switch flag := strings.ToLower(cast.ToString(p.Params[paramNewsletter])); flag {
		case excludeItem:
			choices = append(choices, Choice{Page: p, Reason: "front matter says newsletter: exclude"})
		case featureItem:
			items = append(items, Item{Page: p, Featured: true})
			choices = append(choices, Choice{Page: p, Picked: true, Reason: "featured (newsletter: feature)"})
		default:
			items = append(items, Item{Page: p})
			choices = append(choices, Choice{Page: p, Picked: true, Reason: fmt.Sprintf("dated %s, in %s", p.Date.In(loc).Format("2006-01-02"), p.Section)})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Featured != b.Featured {
			return a.Featured
		}
		if !a.Page.Date.Equal(b.Page.Date) {
			return a.Page.Date.Before(b.Page.Date)
		}
		return a.Page.Path < b.Page.Path
	})
	return items, choices
}

// itemWarnings are what staff should know about lang's pages in the newsletter sections,
// by the same rule as the news feed: an item summarized by its first paragraph or its
// title, and a page left out for want of a date (said once, in the language of its text).
func itemWarnings(res *site.Result, lang string, items []Item, sections []string) []string {
	var out []string
	for _, it := range items {
		for _, n := range it.Page.ItemNotes() {
			out = append(out, res.Warning(it.Page, n))
		}
	}
	for _, p := range res.Pages[lang] {
		if p.Kind == "page" && slices.Contains(sections, p.Section) && p.Date.IsZero() && !p.IsFallback() {
			for _, n := range p.ItemNotes() {
				out = append(out, res.Warning(p, n))
			}
		}
	}
	return out
}
