package newsletter

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contratto/portal/internal/langtag"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter/chartblock"
	"github.com/contratto/portal/newsletter/email"
	"github.com/contratto/portal/newsletter/networkblock"
	"github.com/spf13/cast"
)

// detail is how much of each item an issue shows; an issue over the email budget is
// assembled again with less.
type detail int

const (
	withSummaries detail = iota // title, date and summary
	linksOnly                   // title and link
)

// layout is one way of fitting the items: how much of each, and at most how many (0: all;
// the rest are one link to the news on the portal).
type layout struct {
	detail detail
	limit  int
}

// layouts are tried in order until the email fits its budget.
var layouts = []layout{{withSummaries, 0}, {linksOnly, 0}, {linksOnly, 100}, {linksOnly, 40}}

// edition is one language's issue as assembled, before it is written as a bundle.
type edition struct {
	Lang      string
	Title     string
	Preheader string
	ItemsLang string // the language the items are in, when not Lang
	Items     []ItemRef
	Network   []NetworkRef
	Stats     string
	Body      []byte
}

// words looks up the interface strings and formats its dates and numbers in one
// language, through the portal's own i18n files and Hugo's formatters.
type words struct {
	res  *site.Result
	lang string
}

func (w words) t(id string, data ...any) string {
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	return w.res.T(w.lang, id, d)
}

func (w words) number(n int) string { return w.res.FormatNumber(w.lang, n) }

// item is "label: value" as the language writes it.
func (w words) item(label, value string) string {
	return w.t("statsChartItem", map[string]any{"Label": label, "Value": value})
}

// monthName is "giugno 2012".
func (w words) monthName(m Month) string { return w.monthOf(m.Start(w.res.Location(w.lang))) }

// monthOf writes the month and year of t as the language does (the i18n layout monthYear).
func (w words) monthOf(t time.Time) string { return w.res.FormatDate(w.lang, t, w.t("monthYear")) }

// pageDate is a page's date as the portal shows it: month and year when only the month is known.
func (w words) pageDate(p site.Page) string {
	if cast.ToString(p.Params["dateprecision"]) == "month" {
		return w.monthOf(p.Date)
	}
	return w.res.FormatDate(w.lang, p.Date, ":date_long")
}

// languageLabel is the native name of a language of the site.
func languageLabel(res *site.Result, code string) string {
	if l, ok := res.Language(code); ok {
		return l.Label
	}
	return code
}

// compose writes one language's issue in Markdown: the editorial (its text, as
// editorialText reads it), the items, the latest protected statistics with a small
// chart, and the helplines.
func compose(res *site.Result, cfg Config, lang string, m Month, items []Item, net []networkItem, release *stats.Release, editorial []byte, lay layout) (edition, error) {
	w := words{res: res, lang: lang}
	month := w.monthName(m)
	ed := edition{
		Lang:      lang,
		Title:     w.t("nlTitle", map[string]any{"Month": month}),
		Preheader: preheader(w.t("nlPreheader", map[string]any{"Month": month})),
	}
	var b bytes.Buffer
	if len(editorial) > 0 {
		b.Write(editorial)
		b.WriteString("\n\n")
	}

	fmt.Fprintf(&b, "## %s\n\n", w.t("nlNewsHeading"))
	for _, it := range items {
		if it.Page.IsFallback() && ed.ItemsLang == "" {
			ed.ItemsLang = it.Page.ContentLang
		}
	}
	if ed.ItemsLang != "" {
		fmt.Fprintf(&b, "*%s*\n\n", w.t("nlItemsInOtherLanguage", map[string]any{"Language": languageLabel(res, ed.ItemsLang)}))
	}
	shown, more := items, 0
	if lay.limit > 0 && len(items) > lay.limit {
		shown, more = items[:lay.limit], len(items)-lay.limit
	}
	for _, it := range shown {
		p := it.Page
		ref := ItemRef{Key: p.TranslationKey, Title: p.Title, URL: p.Permalink, Date: p.Date.In(res.Location(lang)).Format("2006-01-02"), Lang: p.ContentLang}
		if it.Featured {
			ref.Reason = featureItem
		}
		ed.Items = append(ed.Items, ref)
		switch lay.detail {
		case linksOnly:
			fmt.Fprintf(&b, "- [%s](%s) — %s\n", escapeText(p.Title), p.RelPermalink, w.pageDate(p))
		default:
			fmt.Fprintf(&b, "### [%s](%s)\n\n*%s*\n\n", escapeText(p.Title), p.RelPermalink, w.pageDate(p))
			if summary, from := p.Summary(); from != site.FromTitle { // the title is shown already
				fmt.Fprintf(&b, "%s\n\n", escapeText(summary))
			}
		}
	}
	if more > 0 {
		fmt.Fprintf(&b, "- [%s](%s)\n", escapeText(w.t("nlMoreItems", map[string]any{"Count": more})), sectionURL(res, lang, items[0].Page.Section))
	}
	if lay.detail == linksOnly {
		b.WriteString("\n")
	}
	if err := writeNetwork(&b, w, &ed, net, lay); err != nil {
		return edition{}, err
	}

	if release != nil {
		ed.Stats = release.Period
		if err := writeStatistics(&b, w, *release); err != nil {
			return edition{}, err
		}
	}

	fmt.Fprintf(&b, "## %s\n\n%s\n\n", w.t("nlHelpHeading"), w.t("nlHelpText"))
	for _, h := range cfg.Helplines {
		fmt.Fprintf(&b, "- %s\n", w.item(w.t("line_"+h.Key), fmt.Sprintf("[%s](tel:%s)", h.Display, h.Tel)))
	}
	ed.Body = b.Bytes()
	return ed, nil
}

// writeNetwork adds the partners' items ("From the network") as a network block: each
// with its partner, its date in the language, its language where it is not the
// issue's, and the link to the original; summaries only in the full layout, and no more
// items than the layout allows.
func writeNetwork(b *bytes.Buffer, w words, ed *edition, net []networkItem, lay layout) error {
	if lay.limit > 0 && len(net) > lay.limit {
		net = net[:lay.limit]
	}
	if len(net) == 0 {
		return nil
	}
	loc := w.res.Location(w.lang)
	var block []networkblock.Item
	for _, n := range net {
		it := n.Item
		ref := NetworkRef{Partner: n.Partner, Title: it.Title, URL: it.Link, Date: it.Time().In(loc).Format("2006-01-02"), Lang: it.Lang}
		if n.Featured {
			ref.Reason = featureItem
		}
		ed.Network = append(ed.Network, ref)
		bi := networkblock.Item{Partner: n.Partner, Title: it.Title, Link: it.Link, Date: w.res.FormatDate(w.lang, it.Time().In(loc), ":date_long")}
		if !langtag.SameLanguage(it.Lang, w.lang) {
			bi.Lang = it.Lang
		}
		if lay.detail == withSummaries {
			bi.Summary = it.Summary
		}
		block = append(block, bi)
	}
	text, err := networkblock.Format(block)
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "## %s\n\n```%s\n%s```\n\n", w.t("nlNetworkHeading"), networkblock.Info, text)
	return nil
}

// sectionURL is the address of a section's page in lang.
func sectionURL(res *site.Result, lang, section string) string {
	for _, p := range res.Pages[lang] {
		if p.Kind == "section" && p.Section == section {
			return p.RelPermalink
		}
	}
	return "/"
}

// writeStatistics adds the period's protected figures: a chart of the first table with
// categories, then every table's total (and its categories) in one table. The chart's
// title and labels are interface strings: one that a chart block cannot hold is an error
// naming the strings to fix.
func writeStatistics(b *bytes.Buffer, w words, r stats.Release) error {
	start, end := w.monthOf(mustDate(r.Start)), w.monthOf(mustDate(r.End))
	fmt.Fprintf(b, "## %s\n\n%s\n\n", w.t("nlStatsHeading", map[string]any{"Start": start, "End": end}), w.t("nlStatsIntro"))
	hidden, merged := false, false
	for _, t := range r.Tables {
		if len(t.Cells) < 2 {
			continue
		}
		chart := chartblock.Chart{Title: w.t("stats_indicator_" + t.Indicator)}
		for _, c := range t.Cells {
			bar := chartblock.Bar{Label: w.t("stats_category_" + c.Category), Hidden: c.Hidden()}
			if c.Value != nil {
				bar.Value = *c.Value
			}
			chart.Bars = append(chart.Bars, bar)
		}
		if err := chart.Validate(); err != nil {
			return fmt.Errorf("i18n/%s.toml: the chart of %s cannot be written (its title and labels are stats_indicator_%s and stats_category_*): %w",
				w.lang, t.Indicator, t.Indicator, err)
		}
		fmt.Fprintf(b, "```chart\n%s```\n\n", chartblock.Format(chart))
		break
	}
	fmt.Fprintf(b, "| %s | %s |\n|:--|--:|\n", w.t("statsColumnCategory"), w.t("statsColumnValue"))
	cell := func(v *int) string {
		if v == nil {
			hidden = true
			return stats.Flag
		}
		return w.number(*v)
	}
	for _, t := range r.Tables {
		caption := w.t("statsCaption", map[string]any{"Indicator": w.t("stats_indicator_" + t.Indicator), "Unit": w.t("statsUnit_" + string(t.Unit))})
		fmt.Fprintf(b, "| **%s** | **%s** |\n", escapeCell(caption), cell(t.Total))
		for _, c := range t.Cells {
			if len(c.Merged) > 0 {
				merged = true
			}
			fmt.Fprintf(b, "| %s | %s |\n", escapeCell(w.t("stats_category_"+c.Category)), cell(c.Value))
		}
	}
	b.WriteString("\n")
	if hidden {
		fmt.Fprintf(b, "%s\n\n", w.t("statsFootnoteC", map[string]any{"Threshold": r.Threshold}))
	}
	if merged {
		fmt.Fprintf(b, "%s\n\n", w.t("statsFootnoteOther"))
	}
	return nil
}

// preheader keeps the preview text within email.MaxPreheaderRunes characters, cutting at
// a word.
func preheader(s string) string {
	const max = email.MaxPreheaderRunes
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)[:max-1]
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

// escapeText keeps a title or summary from being read as Markdown syntax.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeCell also keeps a table cell from breaking its row.
func escapeCell(s string) string { return escapeText(strings.ReplaceAll(s, "\n", " ")) }
