package newsletter

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/contratto/portal/newsletter/chart"
	"github.com/contratto/portal/newsletter/email"
	"github.com/contratto/portal/newsletter/eml"
	"github.com/contratto/portal/newsletter/social"
)

// The artefacts of one language's issue, in dist/newsletter/YYYY-MM/LANG/.
const (
	EmailHTMLFile = "email.html"
	EmailTextFile = "email.txt"
	EMLFile       = "issue.eml"
	ChartFile     = "chart.png"
)

// artefacts maps file names to their content.
type artefacts map[string][]byte

// renderer turns issue bundles into artefacts, with the site's words and settings.
type renderer struct {
	res      *site.Result
	cfg      Config
	releases []stats.Release
}

// language returns the site's language with code.
func (r *renderer) language(code string) (site.Language, error) {
	if l, ok := r.res.Language(code); ok {
		return l, nil
	}
	return site.Language{}, fmt.Errorf("unknown language %q: site.toml declares %s", code, strings.Join(r.languageCodes(), ", "))
}

func (r *renderer) languageCodes() []string {
	var codes []string
	for _, l := range r.res.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

// issueURL is the web version of the issue in lang, as Hugo publishes the bundle: below
// the language's home page, which carries the base URL's path and the language prefix.
func (r *renderer) issueURL(m Month, lang site.Language) string {
	return lang.Home + archive.Section + "/" + m.String() + "/"
}

// issueDate is the date an issue carries: its publication date, or the first of its
// month while it is a draft.
func (r *renderer) issueDate(b *Bundle, m Month) time.Time {
	loc := r.res.Location(b.Lang)
	if b.Published != "" {
		if t, err := time.ParseInLocation("2006-01-02", b.Published, loc); err == nil {
			return t
		}
	}
	return m.Start(loc)
}

// threshold is the disclosure threshold of the statistics an issue shows.
func (r *renderer) threshold(b *Bundle) int {
	if rel := r.release(b.Stats); rel != nil {
		return rel.Threshold
	}
	return 0
}

// release returns the protected statistics of a period, if published.
func (r *renderer) release(period string) *stats.Release {
	for i := range r.releases {
		if r.releases[i].Period == period {
			return &r.releases[i]
		}
	}
	return nil
}

// render produces every artefact of one bundle. Warnings are things staff should look
// at that do not stop the issue (an item without a summary, a chart drawn in Italian).
func (r *renderer) render(b *Bundle) (artefacts, []string, error) {
	m, err := ParseMonth(b.Month)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", b.Path, err)
	}
	lang, err := r.language(b.Lang)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", b.Path, err)
	}
	w := words{res: r.res, lang: b.Lang}
	web := r.issueURL(m, lang)
	out := artefacts{}
	var warnings []string

	msg := email.Message{
		Lang:          lang.Locale,
		Dir:           lang.Direction,
		Title:         b.Title,
		Preheader:     b.Description,
		Markdown:      b.Body,
		WebURL:        web,
		Unsubscribe:   r.cfg.unsubscribeLink(),
		PortalBaseURL: r.cfg.BaseURL,
		Campaign:      m.String(),
		FormatNumber:  w.number,
		Labels: email.Labels{
			ViewOnline:   w.t("nlViewOnline"),
			Unsubscribe:  w.t("nlUnsubscribe"),
			WhyReceiving: w.t("nlWhyReceiving"),
			Links:        w.t("nlLinks"),
			HiddenNote:   w.t("statsFootnoteC", map[string]any{"Threshold": r.threshold(b)}),
		},
	}
	for _, h := range r.cfg.Helplines {
		msg.Helplines = append(msg.Helplines, email.Helpline{Label: w.t("line_" + h.Key), Number: h.Display, Dial: h.Tel})
	}
	html, err := email.HTML(msg)
	if err != nil {
		return nil, nil, b.origin().locate(err)
	}
	text, err := email.Text(msg)
	if err != nil {
		return nil, nil, b.origin().locate(err)
	}
	out[EmailHTMLFile], out[EmailTextFile] = html, text

	message, err := eml.Build(eml.Header{
		From:                r.cfg.From,
		ReplyTo:             r.cfg.ReplyTo,
		Subject:             b.Title,
		Date:                r.issueDate(b, m),
		MessageID:           fmt.Sprintf("<newsletter-%s.%s@%s>", m, b.Lang, r.cfg.MessageIDDomain),
		Lang:                lang.Locale,
		UnsubscribeMailto:   r.cfg.UnsubscribeMailto,
		UnsubscribeOneClick: r.cfg.UnsubscribeOneClick,
	}, text, html)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", b.Path, err)
	}
	out[EMLFile] = message

	post := social.Post{
		Lang:      lang.Locale,
		RTL:       lang.Direction == "rtl",
		Date:      r.issueDate(b, m),
		Headline:  b.Title,
		Helpline:  w.t("nlSocialHelpline", map[string]any{"Number": r.socialHelpline(b.Lang).Display}),
		Hashtags:  r.cfg.Hashtags,
		Link:      func(platform string) string { return withUTM(web, platform, m) },
		LinkInBio: w.t("nlLinkInBio"),
	}
	for _, it := range b.Items {
		post.Points = append(post.Points, it.Title)
	}
	if names := networkPartners(b.Network); len(names) > 0 {
		// one point for the partners' news, naming them: the posts link to the issue
		post.Points = append(post.Points, w.t("nlSocialNetwork", map[string]any{"Partners": strings.Join(names, ", ")}))
	}
	if rel := r.release(b.Stats); rel != nil {
		post.Points = append(post.Points, figures(w, *rel)...)
		png, alt, warn, err := r.chart(w, lang, *rel)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: chart: %w", b.Path, err)
		}
		warnings = append(warnings, warn...)
		if png != nil {
			out[ChartFile] = png
			post.ImageAlt = alt
		}
	}
	drafts, err := social.Drafts(post)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: social drafts: %w", b.Path, err)
	}
	for _, d := range drafts {
		for _, note := range d.Notes {
			warnings = append(warnings, d.Platform+": "+note)
		}
	}
	out[social.MarkdownFile] = social.Markdown(drafts, post)
	if out[social.JSONFile], err = social.JSON(drafts); err != nil {
		return nil, nil, err
	}
	if out[social.CSVFile], err = social.CSV(drafts, post); err != nil {
		return nil, nil, err
	}
	return out, warnings, nil
}

// networkPartners are the partners whose items an issue shows, each once, in order.
func networkPartners(refs []NetworkRef) []string {
	var names []string
	for _, r := range refs {
		if !slices.Contains(names, r.Partner) {
			names = append(names, r.Partner)
		}
	}
	return names
}

// socialHelpline is the number a post carries: the regional line in Italian, the
// national line (whose mediators speak many languages) in every other language.
func (r *renderer) socialHelpline(lang string) Helpline {
	if lang == r.res.Languages[0].Code {
		return r.cfg.helpline("regional")
	}
	return r.cfg.helpline("national")
}

// chartTable is the table a chart shows: the first with at least two categories.
func chartTable(rel stats.Release) (stats.PublishedTable, bool) {
	for _, t := range rel.Tables {
		if len(t.Cells) >= 2 {
			return t, true
		}
	}
	return stats.PublishedTable{}, false
}

// chartFallbackLang is the language a chart's words are drawn in when the Go fonts cannot
// draw the reader's script: English, the portal's own fallback language.
const chartFallbackLang = "en"

// chart draws the release's chart as a PNG for the posts, with its alt text. Labels the
// Go fonts cannot draw are drawn in English, and the alt text stays in lang.
func (r *renderer) chart(w words, lang site.Language, rel stats.Release) ([]byte, string, []string, error) {
	t, ok := chartTable(rel)
	if !ok {
		return nil, "", nil, nil
	}
	def := words{res: r.res, lang: chartFallbackLang}
	c := chart.Chart{
		Title:    w.t("stats_indicator_" + t.Indicator),
		Subtitle: periodText(w, rel),
		RTL:      lang.Direction == "rtl",
		Format:   w.number,
		Fallback: &chart.Fallback{Title: def.t("stats_indicator_" + t.Indicator), Subtitle: periodText(def, rel), Format: def.number},
	}
	var items []string
	for _, cell := range t.Cells {
		label := w.t("stats_category_" + cell.Category)
		bar := chart.Bar{Label: label, Hidden: cell.Hidden()}
		value := stats.Flag
		if cell.Value != nil {
			bar.Value = *cell.Value
			value = w.number(*cell.Value)
		}
		c.Bars = append(c.Bars, bar)
		c.Fallback.Labels = append(c.Fallback.Labels, def.t("stats_category_"+cell.Category))
		items = append(items, w.item(label, value))
	}
	if hiddenAny(t) {
		c.Footnote = w.t("statsFootnoteC", map[string]any{"Threshold": rel.Threshold})
		c.Fallback.Footnote = def.t("statsFootnoteC", map[string]any{"Threshold": rel.Threshold})
	}
	png, rep, err := chart.PNG(c)
	if err != nil {
		return nil, "", nil, err
	}
	var warnings []string
	if rep.UsedFallback {
		warnings = append(warnings, fmt.Sprintf("chart.png: the image's words are in %s (the fonts cannot draw this script); its alt text is in this language", languageLabel(r.res, def.lang)))
	}
	alt := w.t("nlChartAlt", map[string]any{"Title": c.Title + ", " + c.Subtitle, "Items": strings.Join(items, w.t("statsListSeparator"))})
	return png, alt, warnings, nil
}

func hiddenAny(t stats.PublishedTable) bool {
	for _, c := range t.Cells {
		if c.Hidden() {
			return true
		}
	}
	return false
}

// periodText is "gennaio 2012 – giugno 2012".
func periodText(w words, rel stats.Release) string {
	return w.monthOf(mustDate(rel.Start)) + " – " + w.monthOf(mustDate(rel.End))
}

// figures are short sentences with the release's published totals, for the posts.
func figures(w words, rel stats.Release) []string {
	var out []string
	for _, t := range rel.Tables {
		if t.Total == nil || t.Unit != "persons" {
			continue
		}
		out = append(out, w.item(w.t("stats_indicator_"+t.Indicator), w.number(*t.Total)))
	}
	return out
}

// withUTM tags a portal link for a social platform.
func withUTM(link, platform string, m Month) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	q.Set("utm_source", platform)
	q.Set("utm_medium", "social")
	q.Set("utm_campaign", m.String())
	u.RawQuery = q.Encode()
	return u.String()
}

func mustDate(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// names returns the artefact names in a fixed order.
func (a artefacts) names() []string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var errTooLarge *email.TooLargeError

func isTooLarge(err error) bool { return errors.As(err, &errTooLarge) }
