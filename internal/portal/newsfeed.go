package portal

import (
	"fmt"
	"path"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/feed"
	"github.com/spf13/afero"
)

// writeNewsFeeds writes each language's RSS feed of the news (notizie/index.xml), with the
// same writer as the newsletter's feeds. A feed is in the language its text is in: a
// fallback copy of the news (English text under /ar/) says "en". A page without a date is
// left out, and a page without a description is summarized by the rule of
// site.Page.Summary; the build warns about both, once for each file.
func writeNewsFeeds(_ site.Project, res *site.Result) error {
	warned := map[string]bool{}
	for _, l := range res.Languages {
		var section *site.Page
		var items []feed.Item
		for i, p := range res.Pages[l.Code] {
			switch {
			case p.Section != site.NewsSection:
			case p.Kind == "section":
				section = &res.Pages[l.Code][i]
			case p.Kind == "page":
				if !warned[p.SourceFile] {
					warned[p.SourceFile] = true
					for _, n := range p.ItemNotes() {
						res.Warnings = append(res.Warnings, res.Warning(p, n))
					}
				}
				if p.Date.IsZero() {
					continue
				}
				summary, _ := p.Summary()
				items = append(items, feed.Item{ID: p.Permalink, Title: p.Title, URL: p.Permalink, Summary: summary, Published: p.Date, Source: p.SourceFile})
			}
		}
		if section == nil {
			continue
		}
		description, _ := section.Summary()
		lang := l
		if text, ok := res.Language(section.ContentLang); ok {
			lang = text
		}
		files, err := feed.Render(feed.Feed{
			Lang:        lang.Locale,
			Title:       section.Title + " · ConTratTo",
			Description: description,
			HomeURL:     section.Permalink,
			BaseURL:     section.Permalink,
			Author:      feed.Author{Name: l.Name()},
			Updated:     res.LastChange(),
			Items:       items,
		})
		if err != nil {
			return fmt.Errorf("%s: news feed (%s): %w", section.Origin(), l.Code, err)
		}
		dir, ok := res.OutputPath(section.RelPermalink)
		if !ok {
			return fmt.Errorf("news feed (%s): %s is outside the site's base URL %s", l.Code, section.RelPermalink, res.BaseURL)
		}
		if err := res.Output.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(res.Output, path.Join(dir, feed.RSSFile), files.RSS, 0o644); err != nil {
			return fmt.Errorf("%s: news feed (%s): %w", section.Origin(), l.Code, err)
		}
	}
	return nil
}
