package portal

import (
	"fmt"
	"path"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/feed"
	"github.com/spf13/afero"
)

// newsSection is the section whose pages are the portal's dated news.
const newsSection = "notizie"

// writeNewsFeeds writes each language's RSS feed of the news (notizie/index.xml), with the
// same writer as the newsletter's feeds. A feed is in the language its text is in: a
// fallback copy of the news (English text under /ar/) says "en".
func writeNewsFeeds(_ Project, res *site.Result) error {
	for _, l := range res.Languages {
		var section *site.Page
		var items []feed.Item
		for i, p := range res.Pages[l.Code] {
			switch {
			case p.Section != newsSection:
			case p.Kind == "section":
				section = &res.Pages[l.Code][i]
			case p.Kind == "page":
				items = append(items, feed.Item{ID: p.Permalink, Title: p.Title, URL: p.Permalink, Summary: p.Summary(), Published: p.Date})
			}
		}
		if section == nil {
			continue
		}
		lang := l
		if text, ok := res.Language(section.ContentLang); ok {
			lang = text
		}
		files, err := feed.Render(feed.Feed{
			Lang:        lang.Locale,
			Title:       section.Title + " · ConTratTo",
			Description: section.Description,
			HomeURL:     section.Permalink,
			BaseURL:     section.Permalink,
			Author:      feed.Author{Name: l.Title},
			Updated:     res.LastChange(),
			Items:       items,
		})
		if err != nil {
			return fmt.Errorf("news feed (%s): %w", l.Code, err)
		}
		dir, ok := res.OutputPath(section.RelPermalink)
		if !ok {
			return fmt.Errorf("news feed (%s): %s is outside the site's base URL %s", l.Code, section.RelPermalink, res.BaseURL)
		}
		if err := res.Output.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(res.Output, path.Join(dir, feed.RSSFile), files.RSS, 0o644); err != nil {
			return fmt.Errorf("news feed (%s): %w", l.Code, err)
		}
	}
	return nil
}
