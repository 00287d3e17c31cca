// Package translations keeps the translated pages true to their source: it records which
// version of the source page each translation was made from, finds the outdated ones and
// what changed since, compares a translation's structure with its source, and exports the
// text to translate as a gettext PO file and imports it back.
package translations

import (
	"fmt"
	"strings"

	"github.com/contratto/portal/internal/frontmatter"
)

// Fields are the front matter keys whose text is translated, in the order they are
// hashed and exported.
var Fields = []string{"title", "linkTitle", "description", "summary"}

// HashKey is the front matter key of a translation that records its source's hash.
const HashKey = "sourceHash"

// Page is a content file read for translation.
type Page struct {
	Path string // relative to the project root, with forward slashes
	Text string // the whole file, without a byte-order mark
	BOM  bool   // the file started with a byte-order mark
	doc  frontmatter.Doc
	// Fields are the translated front matter values that are set, in the order of Fields.
	Fields []Segment
	// Body is where the body starts in Text.
	Body int
	// Blocks are the body's text blocks (headings, paragraphs, list items), in order.
	Blocks []Segment
	// Marks are what the translation must keep: headings, list items, code blocks,
	// shortcodes, links and images, in order.
	Marks []Mark
	// spans are the links, images and shortcodes (outside links) of the body, which a
	// translator's text keeps as placeholders.
	spans []span
}

// span is a link or image (with the label a translator translates) or a shortcode.
type span struct {
	Start, End int // in the file
	// LabelStart and LabelEnd delimit a link's text; LabelStart is -1 for a shortcode.
	LabelStart, LabelEnd int
}

// Segment is one piece of text to translate: a front matter value or a text block.
type Segment struct {
	ID   string // "title", "description", "b3" (the body's third block)
	Kind string // "title", …, "heading", "paragraph", "list item"
	// Start and End delimit the text in the file, exactly as written (a front matter
	// value with its quotes).
	Start, End int
	Line       int
	// Value is the text: a front matter value decoded, a block as written.
	Value string
}

// ReadPage parses a content file. A file whose front matter cannot be read is an error
// naming the file and line.
func ReadPage(path string, data []byte) (*Page, error) {
	text := string(data)
	p := &Page{Path: path, Text: strings.TrimPrefix(text, "\ufeff"), BOM: strings.HasPrefix(text, "\ufeff")}
	doc, err := frontmatter.Split([]byte(p.Text))
	if err != nil {
		return nil, located(path, err)
	}
	p.doc = doc
	p.Body = len(p.Text) - len(doc.Body)
	if doc.Format != "" {
		values := map[string]any{}
		if err := doc.Decode(&values, false); err != nil {
			return nil, located(path, err)
		}
		for _, key := range Fields {
			if seg, ok := p.field(key, values); ok {
				p.Fields = append(p.Fields, seg)
			}
		}
	}
	if err := p.parseBody(); err != nil {
		return nil, err
	}
	return p, nil
}

func located(path string, err error) error {
	if fe, ok := err.(*frontmatter.Error); ok {
		return fmt.Errorf("%s:%d: front matter: %s", path, fe.Line, fe.Msg)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// field finds a front matter key's value in the text: from after the key to the end of
// its line, with the more indented lines that continue it.
func (p *Page) field(key string, values map[string]any) (Segment, bool) {
	var value any
	for k, v := range values {
		if strings.EqualFold(k, key) {
			value = v
		}
	}
	s, ok := value.(string)
	line := p.doc.KeyLine(key)
	if !ok || line == 0 {
		return Segment{}, false
	}
	start := lineStart(p.Text, line)
	sep := ":"
	if p.doc.Format == "toml" {
		sep = "="
	}
	start += strings.Index(p.Text[start:], sep) + 1
	for start < len(p.Text) && (p.Text[start] == ' ' || p.Text[start] == '\t') {
		start++
	}
	end := start + strings.IndexByte(p.Text[start:], '\n')
	frontEnd := p.frontEnd()
	for end+1 < frontEnd {
		next := p.Text[end+1:]
		if next[0] != ' ' && next[0] != '\t' {
			break
		}
		end += 1 + strings.IndexByte(next, '\n')
	}
	end = trimCR(p.Text, start, end)
	return Segment{ID: key, Kind: key, Start: start, End: end, Line: line, Value: s}, true
}

// frontEnd is the offset of the closing delimiter line of the front matter.
func (p *Page) frontEnd() int {
	rest := strings.TrimSuffix(p.Text[:p.Body], "\n")
	return strings.LastIndexByte(rest, '\n') + 1
}

// lineStart is the offset of the 1-based line in text.
func lineStart(text string, line int) int {
	off := 0
	for i := 1; i < line; i++ {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	return off
}

// lineAt is the 1-based line of offset off in text.
func lineAt(text string, off int) int {
	return strings.Count(text[:off], "\n") + 1
}

func trimCR(text string, start, end int) int {
	for end > start && (text[end-1] == '\r' || text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return end
}

// Hash is the short hash of what a translation translates: the translated front matter
// values and the body's text, with runs of white space (line ends too) made one space. Shortcodes count
// as written, so a number kept in site.toml never changes it.
func (p *Page) Hash() string {
	var lines []string
	for _, f := range p.Fields {
		lines = append(lines, f.ID+": "+normalize(f.Value))
	}
	return hashText(append(lines, "", normalize(p.Text[p.Body:])))
}

// Source is the page's translated text as lines an editor reads: "title: …" for each
// front matter value, then the body's lines with white space normalised. It is what the
// diff of an outdated translation compares.
func (p *Page) Source() []string {
	var lines []string
	for _, f := range p.Fields {
		lines = append(lines, f.ID+": "+normalize(f.Value))
	}
	lines = append(lines, "")
	for _, l := range strings.Split(p.Text[p.Body:], "\n") {
		if l = normalize(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// RecordedHash is the source hash the translation records, "" when none.
func (p *Page) RecordedHash() string {
	values := map[string]any{}
	if p.doc.Format == "" || p.doc.Decode(&values, false) != nil {
		return ""
	}
	for k, v := range values {
		if strings.EqualFold(k, HashKey) {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

// WithHash returns the file with its record of the source set to hash: the sourceHash
// line replaced, or added at the end of the front matter.
func (p *Page) WithHash(hash string) (string, error) {
	if p.doc.Format == "" {
		return "", fmt.Errorf("%s:1: no front matter to record the source in", p.Path)
	}
	sep := ": "
	if p.doc.Format == "toml" {
		sep = " = "
	}
	entry := HashKey + sep + quote(hash)
	text := p.Text
	if line := p.doc.KeyLine(HashKey); line > 0 {
		start := lineStart(text, line)
		end := start + strings.IndexByte(text[start:], '\n')
		text = text[:start] + entry + text[trimCR(text, start, end):]
	} else {
		at := p.frontEnd()
		nl := "\n"
		if strings.HasSuffix(text[:at], "\r\n") {
			nl = "\r\n"
		}
		text = text[:at] + entry + nl + text[at:]
	}
	if p.BOM {
		text = "\ufeff" + text
	}
	return text, nil
}

// quote writes s as a double-quoted string that YAML and TOML read the same way.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
