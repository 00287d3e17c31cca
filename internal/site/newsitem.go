package site

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/contratto/portal/internal/frontmatter"
	"github.com/spf13/afero"
	"github.com/spf13/cast"
)

// NewsSection is the section whose pages are the portal's dated news: the news feed
// lists them, and the newsletter picks its items among them.
const NewsSection = "notizie"

// SummarySource says where a page's summary comes from.
type SummarySource int

const (
	FromFrontMatter SummarySource = iota // its description, or its summary
	FromParagraph                        // the first paragraph of its text
	FromTitle                            // its title: it has no description and no text
)

// Summary is what the feeds and the newsletter show of a page under its title, as plain
// text, by one rule: the front matter's description (or summary), else the first
// paragraph of the text, else the title. Hugo renders the text only when it is needed.
func (p Page) Summary() (string, SummarySource) {
	if s := plainText(p.Description); s != "" {
		return s, FromFrontMatter
	}
	if p.hugo != nil && !isBlank(cast.ToString(p.Params["summary"])) {
		// Hugo renders a summary written in front matter as Markdown.
		if s := plainText(string(p.hugo.Summary(context.Background()))); s != "" {
			return s, FromFrontMatter
		}
	}
	if s := p.firstParagraph(); s != "" {
		return s, FromParagraph
	}
	return p.Title, FromTitle
}

var paragraph = regexp.MustCompile(`(?s)<p(?:\s[^>]*)?>(.*?)</p>`)

// firstParagraph is the text of the first paragraph of the rendered page that has any.
func (p Page) firstParagraph() string {
	if p.hugo == nil {
		return ""
	}
	content, err := p.hugo.Content(context.Background())
	if err != nil {
		return "" // a page that does not render fails the build itself
	}
	for _, m := range paragraph.FindAllStringSubmatch(cast.ToString(content), -1) {
		if s := plainText(m[1]); s != "" {
			return s
		}
	}
	return ""
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Note is what an editor should know about a page that does not stop the build.
type Note struct {
	Key     string // the front matter key it is about: "date", "description"
	Message string
}

// ItemNotes says what the news feed and the newsletter do with a page that lacks a date
// or a description: they leave an undated page out, and summarize a page without a
// description by its first paragraph, or by its title when it has no text either.
func (p Page) ItemNotes() []Note {
	if p.Date.IsZero() {
		return []Note{{"date", "no date: the news feed and the newsletter leave it out, as they list dated pages only"}}
	}
	switch _, from := p.Summary(); from {
	case FromParagraph:
		return []Note{{"description", "no description: the news feed and the newsletter show its first paragraph as its summary"}}
	case FromTitle:
		return []Note{{"description", "no description and no text: the news feed and the newsletter show its title as its summary"}}
	}
	return nil
}

// Warning words a note as the build prints it: "content/it/notizie/x.md:LINE: message",
// at the line of the front matter key when it is written, else at line 1.
func (r *Result) Warning(p Page, n Note) string {
	if p.SourceFile == "" {
		return fmt.Sprintf("%s: %s", p.Origin(), n.Message)
	}
	line := 1
	if data, err := afero.ReadFile(r.source, filepath.Join(r.dir, p.SourceFile)); err == nil {
		if doc, err := frontmatter.Split(data); err == nil && doc.KeyLine(n.Key) > 0 {
			line = doc.KeyLine(n.Key)
		}
	}
	return fmt.Sprintf("%s:%d: %s", p.Origin(), line, n.Message)
}
