package archive

import (
	"fmt"
	"net/url"
	"time"

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
				items = append(items, feedItem(p, host, l.Code))
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
func feedItem(p site.Page, host, lang string) feed.Item {
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
	if updated, err := time.Parse("2006-01-02", cast.ToString(p.Params[KeyUpdated])); err == nil {
		item.Updated = updated
	}
	return item
}

func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.Hostname()
}
