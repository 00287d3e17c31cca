package archive

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/contratto/portal/internal/langtag"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/feed"
	"github.com/spf13/cast"
)

// WriteFeeds writes each language's newsletter feeds (RSS 2.0, Atom and JSON Feed) into
// the built site, next to the archive page, from the published issues Hugo built.
// A site without a newsletter section gets no feeds; an issue without a date is left
// out, with a warning.
func WriteFeeds(res *site.Result) error {
	if !hasArchive(res) || len(res.Languages) == 0 {
		return nil
	}
	host := hostOf(res.Languages[0].Home)
	newest := res.LastChange()
	for _, l := range res.Languages {
		var archive *site.Page
		var items []feed.Item
		for i, p := range res.Pages[l.Code] {
			if p.Section != Section {
				continue
			}
			switch {
			case p.Kind == "section":
				archive = &res.Pages[l.Code][i]
			case p.Kind != "page" || cast.ToString(p.Params[KeyStatus]) != StatusPublished:
			case p.Date.IsZero():
				res.Warnings = append(res.Warnings, res.Warning(p, site.Note{Key: "date", Message: "a published issue without a date: the newsletter feeds leave it out"}))
			default:
				items = append(items, feedItem(res, p, host, l.Code))
			}
		}
		if archive == nil {
			continue
		}
		f := feed.Feed{
			Lang:        l.Locale,
			Title:       res.T(l.Code, "nlFeedTitle", nil),
			Description: res.T(l.Code, "nlFeedDescription", nil),
			HomeURL:     archive.Permalink,
			BaseURL:     archive.Permalink,
			Author:      feed.Author{Name: Author(l)},
			Updated:     newest,
			Items:       items,
		}
		files, err := feed.Render(f)
		if err != nil {
			return fmt.Errorf("%s: newsletter feeds (%s): %w", archive.Origin(), l.Code, err)
		}
		dir, ok := res.OutputPath(archive.RelPermalink)
		if !ok {
			return fmt.Errorf("newsletter feeds (%s): %s is outside the site's base URL %s", l.Code, archive.RelPermalink, res.BaseURL)
		}
		if err := files.Write(res.Output, dir); err != nil {
			return fmt.Errorf("%s: newsletter feeds (%s): %w", archive.Origin(), l.Code, err)
		}
	}
	return nil
}

// Author is who the feeds of lang name as their author: [params.newsletter] author in
// site.toml, or else the site's name in that language.
func Author(l site.Language) string {
	if a := cast.ToString(cast.ToStringMap(l.Params["newsletter"])["author"]); a != "" {
		return a
	}
	return l.Name()
}

func hasArchive(res *site.Result) bool {
	for _, pages := range res.Pages {
		for _, p := range pages {
			if p.Section == Section && p.Kind == "section" {
				return true
			}
		}
	}
	return false
}

// feedItem is an issue as its feeds carry it; its id never changes once published.
func feedItem(res *site.Result, p site.Page, host, lang string) feed.Item {
	month := cast.ToString(p.Params[KeyMonth])
	summary, _ := p.Summary()
	item := feed.Item{
		ID:        fmt.Sprintf("tag:%s,%s:newsletter/%s/%s", host, p.Date.Format("2006-01-02"), month, lang),
		Title:     p.Title,
		URL:       p.Permalink,
		Summary:   summary,
		Published: p.Date,
		Source:    p.SourceFile,
	}
	item.ContentHTML = networkHTML(res, p, lang, summary)
	if updated, err := time.Parse("2006-01-02", cast.ToString(p.Params[KeyUpdated])); err == nil {
		item.Updated = updated
	}
	return item
}

// networkHTML is the content a feed carries for an issue with partners' items: its summary,
// then "From the network" with each item linked to the original, its partner, and its
// language where it is not the issue's. Issues without partners' items carry no content.
// Every text is escaped: it comes from the front matter assemble wrote from the snapshots.
func networkHTML(res *site.Result, p site.Page, lang, summary string) string {
	var b strings.Builder
	for _, v := range cast.ToSlice(p.Params[KeyNetwork]) {
		m := cast.ToStringMap(v)
		link := cast.ToString(m["url"])
		if u, err := url.Parse(link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			continue
		}
		b.WriteString("<li")
		if l := cast.ToString(m["lang"]); l != "" && !langtag.SameLanguage(l, lang) {
			fmt.Fprintf(&b, ` lang="%s"`, html.EscapeString(l))
		}
		fmt.Fprintf(&b, `><a href="%s">%s</a> — %s</li>`, html.EscapeString(link), html.EscapeString(cast.ToString(m["title"])), html.EscapeString(cast.ToString(m["partner"])))
	}
	if b.Len() == 0 {
		return ""
	}
	return fmt.Sprintf("<p>%s</p><h2>%s</h2><ul>%s</ul>", html.EscapeString(summary), html.EscapeString(res.T(lang, "nlNetworkHeading", nil)), b.String())
}

func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.Hostname()
}
