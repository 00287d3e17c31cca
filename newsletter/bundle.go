package newsletter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contratto/portal/internal/frontmatter"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/goccy/go-yaml"
)

// FrontMatter is what an issue bundle (content/newsletter/YYYY-MM/index.LANG.md) records
// above its Markdown. Hugo reads it for the web version; the newsletter reads it back to
// render the email, the feeds and the social drafts.
type FrontMatter struct {
	Title          string `yaml:"title"`
	Description    string `yaml:"description"` // the preheader, at most email.MaxPreheaderRunes characters
	Date           string `yaml:"date"`        // the publication date once published, YYYY-MM-DD
	Draft          bool   `yaml:"draft"`       // drafts stay off the portal
	TranslationKey string `yaml:"translationKey"`
	Month          string `yaml:"month"`               // archive.KeyMonth
	Status         string `yaml:"status"`              // archive.KeyStatus: archive.StatusDraft or archive.StatusPublished
	Published      string `yaml:"published,omitempty"` // YYYY-MM-DD
	Updated        string `yaml:"updated,omitempty"`   // archive.KeyUpdated: YYYY-MM-DD of the last deliberate correction
	// ItemsLang is set when the items are shown in another language than the issue's.
	ItemsLang string    `yaml:"itemsLang,omitempty"`
	Items     []ItemRef `yaml:"items"`
	// Network are the partners' items shown under "From the network".
	Network []NetworkRef `yaml:"network,omitempty"`
	Stats   string       `yaml:"stats,omitempty"` // the statistics period shown
	// Checksum is the SHA-256 of the body as assembled (draft) or as published: a body
	// that no longer matches was edited by hand.
	Checksum string `yaml:"checksum"`
}

// ItemRef records one item the issue shows and why.
type ItemRef struct {
	Key    string `yaml:"translationKey"`
	Title  string `yaml:"title"`
	URL    string `yaml:"url"`
	Date   string `yaml:"date"`
	Lang   string `yaml:"lang"`             // the language its text is in
	Reason string `yaml:"reason,omitempty"` // "featured" when front matter asks
}

// Bundle is one language's file of an issue.
type Bundle struct {
	Lang string
	Path string // relative to the project: content/newsletter/2012-06/index.it.md
	FrontMatter
	Body []byte // Markdown
	// lines is where the lines of Body come from; its path and, for a bundle not read
	// from its file, its body line are filled in by origin.
	lines origin
}

// origin says where each line of the body comes from: the bundle file as read, or as
// Marshal writes it, and the editorial for a draft just assembled.
func (b *Bundle) origin() origin {
	o := b.lines
	o.path = b.Path
	if o.bodyLine == 0 {
		o.bodyLine = 1
		if data, err := b.Marshal(); err == nil {
			o.bodyLine += bytes.Count(data[:len(data)-len(b.Body)], []byte("\n"))
		}
	}
	return o
}

// bundlePath is where the issue of month in lang lives, relative to the project.
func bundlePath(m Month, lang string) string {
	return filepath.Join("content", archive.Section, m.String(), "index."+lang+".md")
}

// editorialPath is where staff write a month's editorial in lang (Hugo ignores it).
func editorialPath(m Month, lang string) string {
	return filepath.Join("content", archive.Section, m.String(), "editorial."+lang+".md")
}

// Checksum returns the checksum of a body as recorded in front matter.
func Checksum(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Edited reports whether the body differs from the one recorded at assembly or publication.
func (b *Bundle) Edited() bool { return b.Checksum != Checksum(b.Body) }

// Marshal returns the file: YAML front matter between --- lines, then the body.
func (b *Bundle) Marshal() ([]byte, error) {
	fm, err := yaml.MarshalWithOptions(b.FrontMatter, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	buf.Write(fm)
	buf.WriteString("---\n")
	buf.Write(b.Body)
	return buf.Bytes(), nil
}

// ParseBundle reads a bundle file. Errors name the file and the line.
func ParseBundle(path, lang string, data []byte) (*Bundle, error) {
	doc, err := frontmatter.Split(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	if doc.Format != "yaml" {
		return nil, fmt.Errorf("%s:1: front matter: an issue's front matter is YAML, between --- lines", path)
	}
	b := &Bundle{Lang: lang, Path: path, Body: doc.Body, lines: origin{bodyLine: doc.BodyLine}}
	if err := doc.Decode(&b.FrontMatter, true); err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	var problems []string
	for _, pr := range b.validate() {
		line := doc.KeyLine(pr.key)
		if line == 0 {
			line = 1
		}
		problems = append(problems, fmt.Sprintf("%s:%d: front matter: %s", path, line, pr.msg))
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return b, nil
}

// problem is what is wrong with one front matter key.
type problem struct{ key, msg string }

func (b *Bundle) validate() []problem {
	var problems []problem
	if b.Title == "" {
		problems = append(problems, problem{"title", "title is empty"})
	}
	if _, err := ParseMonth(b.Month); err != nil {
		problems = append(problems, problem{archive.KeyMonth, err.Error()})
	}
	switch b.Status {
	case archive.StatusDraft:
	case archive.StatusPublished:
		if b.Published == "" {
			problems = append(problems, problem{archive.KeyStatus, "a published issue needs its published date"})
		}
	default:
		problems = append(problems, problem{archive.KeyStatus, fmt.Sprintf("status %q is neither draft nor published", b.Status)})
	}
	return problems
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
