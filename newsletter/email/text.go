package email

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
)

// Text renders the message as plain text from the same syntax tree as HTML:
// the title underlined, headings underlined, paragraphs wrapped at 72
// columns (never inside a URL; East Asian text may break between
// characters), lists with "- " or "1. ", tables as aligned columns, images as
// their alt text, links as numbered footnotes "text [1]" listed at the end
// (a repeated URL keeps its number), then the footer with the web version
// and unsubscribe links. Link URLs carry the same UTM tags as in the HTML.
//
// Errors are those of HTML, except that there is no size budget.
func Text(m Message) ([]byte, error) {
	doc, err := parse(&m, nil)
	if err != nil {
		return nil, err
	}
	t := &textRenderer{source: doc.source, rtl: m.Dir == "rtl", notes: map[string]int{}, charts: newChartOptions(&m)}

	var lines []string
	lines = append(lines, underline(wrap(m.Title, textWidth), '=')...)
	if body := t.blocks(doc.root, textWidth); len(body) > 0 {
		lines = append(lines, "")
		lines = append(lines, body...)
	}
	if len(t.urls) > 0 {
		lines = append(lines, "", m.Labels.Links)
		for i, u := range t.urls {
			lines = append(lines, fmt.Sprintf("[%d] %s", i+1, u))
		}
	}
	lines = append(lines, "", "-- ")
	for _, h := range m.Helplines {
		lines = append(lines, wrap(h.Label+":"+string(glue)+t.isolate(h.Number), textWidth)...)
	}
	lines = append(lines, wrap(m.Labels.WhyReceiving, textWidth)...)
	lines = append(lines, wrap(m.Labels.ViewOnline+": "+doc.tagger.link(m.WebURL), textWidth)...)
	lines = append(lines, addressLine(m.Labels.Unsubscribe, m.Unsubscribe)...)

	var b strings.Builder
	for _, l := range lines {
		if l != "-- " { // the signature separator keeps its space
			l = strings.TrimRight(l, " ")
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// addressLine is "label: address" on one line when it fits, else the label
// wrapped and the address on a line of its own. The address is never broken
// (a placeholder such as "{{ UnsubscribeURL }}" holds spaces).
func addressLine(label, address string) []string {
	if line := label + ": " + address; stringWidth(line) <= textWidth {
		return []string{line}
	}
	return append(wrap(label+":", textWidth), address)
}

// textRenderer walks the goldmark tree and collects link footnotes.
type textRenderer struct {
	source []byte
	rtl    bool
	urls   []string       // footnote URLs in order of first use
	notes  map[string]int // URL → footnote number
	charts chartOptions   // how chart blocks print their values
}

// note returns the footnote number of url, adding it on first use.
func (t *textRenderer) note(url string) int {
	if n, ok := t.notes[url]; ok {
		return n
	}
	t.urls = append(t.urls, url)
	t.notes[url] = len(t.urls)
	return len(t.urls)
}

// isolate marks s as left-to-right inside RTL text.
func (t *textRenderer) isolate(s string) string {
	if !t.rtl {
		return s
	}
	return lri + s + pdi
}

// blocks renders the block children of parent, separated by blank lines
// (except inside the items of a tight list).
func (t *textRenderer) blocks(parent ast.Node, width int) []string {
	tight := false
	if li, ok := parent.(*ast.ListItem); ok {
		if l, ok := li.Parent().(*ast.List); ok {
			tight = l.IsTight
		}
	}
	var out []string
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		lines := t.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func (t *textRenderer) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		s := strings.TrimSpace(t.inline(n))
		if s == "" {
			return nil
		}
		return wrap(s, width)
	case *ast.Heading:
		lines := wrap(strings.TrimSpace(t.inline(n)), width)
		switch n.Level {
		case 1:
			return underline(lines, '=')
		case 2:
			return underline(lines, '-')
		}
		return lines
	case *ast.ThematicBreak:
		return []string{"* * *"}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var out []string
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			out = append(out, "    "+strings.TrimRight(string(line.Value(t.source)), "\r\n"))
		}
		return out
	case *ast.Blockquote:
		inner := t.blocks(n, width-2)
		for i, l := range inner {
			if l == "" {
				inner[i] = ">"
			} else {
				inner[i] = "> " + l
			}
		}
		return inner
	case *ast.List:
		return t.list(n, width)
	case *east.Table:
		return t.table(n)
	case *chartNode:
		return t.chart(n.chart, width)
	case *ast.HTMLBlock:
		return nil // raw HTML is dropped, as in the HTML version
	}
	return t.blocks(n, width)
}

func (t *textRenderer) list(l *ast.List, width int) []string {
	var out []string
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = strconv.Itoa(number) + ". "
			number++
		}
		pad := strings.Repeat(" ", len(marker))
		if len(out) > 0 && !l.IsTight {
			out = append(out, "")
		}
		for i, line := range t.blocks(item, width-len(marker)) {
			switch {
			case i == 0:
				out = append(out, marker+line)
			case line == "":
				out = append(out, "")
			default:
				out = append(out, pad+line)
			}
		}
	}
	return out
}

// table lays a GFM table out as columns padded to their widest cell, two
// spaces apart, with a rule under the header. Cells are not wrapped.
func (t *textRenderer) table(tbl *east.Table) []string {
	var rows [][]string
	for row := tbl.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			s := strings.ReplaceAll(strings.TrimSpace(t.inline(cell)), "\n", " ")
			cells = append(cells, strings.ReplaceAll(s, string(glue), " "))
		}
		rows = append(rows, cells)
	}
	widths := make([]int, len(tbl.Alignments))
	for _, r := range rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], stringWidth(c))
			}
		}
	}
	format := func(cells []string) string {
		parts := make([]string, len(widths))
		for i := range widths {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			gap := widths[i] - stringWidth(c)
			switch tbl.Alignments[i] {
			case east.AlignRight:
				c = strings.Repeat(" ", gap) + c
			case east.AlignCenter:
				c = strings.Repeat(" ", gap/2) + c + strings.Repeat(" ", gap-gap/2)
			default:
				c += strings.Repeat(" ", gap)
			}
			parts[i] = c
		}
		return strings.TrimRight(strings.Join(parts, "  "), " ")
	}
	var out []string
	for i, r := range rows {
		out = append(out, format(r))
		if i == 0 {
			rules := make([]string, len(widths))
			for j, w := range widths {
				rules[j] = strings.Repeat("-", max(w, 1))
			}
			out = append(out, strings.Join(rules, "  "))
		}
	}
	return out
}

// inline renders the inline children of n as one string: newlines are hard
// breaks, glue joins footnote markers to their words.
func (t *textRenderer) inline(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := string(textValue(c, t.source))
			if t.rtl && !c.IsRaw() && !insideTelLink(c) {
				v = isolatePhones(v)
			}
			b.WriteString(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				if !wideJoin(v, c.NextSibling(), t.source) {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					b.WriteString(strings.ReplaceAll(string(tx.Segment.Value(t.source)), "\n", " "))
				} else if s, ok := g.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
		case *ast.Link:
			label := strings.TrimSpace(t.inline(c))
			dest := string(c.Destination)
			if isTel(c.Destination) {
				label = t.isolate(label)
			}
			if dest == "" || strings.HasPrefix(dest, "#") || html.IsDangerousURL(c.Destination) {
				b.WriteString(label)
				continue
			}
			if label != "" {
				b.WriteString(label)
				b.WriteRune(glue)
			}
			fmt.Fprintf(&b, "[%d]", t.note(dest))
		case *ast.AutoLink: // e-mail addresses: the label is the address
			b.Write(c.Label(t.source))
		case *ast.Image:
			b.WriteString(strings.TrimSpace(plainText(c, t.source)))
		case *ast.RawHTML:
			// dropped, as in the HTML version
		default:
			b.WriteString(t.inline(c))
		}
	}
	return b.String()
}

// wideJoin reports whether a soft line break between v and the next node
// joins two East Asian characters, which take no space between them.
func wideJoin(v string, next ast.Node, source []byte) bool {
	tx, ok := next.(*ast.Text)
	if !ok || v == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(v)
	first, _ := utf8.DecodeRune(tx.Segment.Value(source))
	return isWide(last) && isWide(first)
}

// isolatePhones wraps phone-number runs of s in LRI … PDI.
func isolatePhones(s string) string {
	runs := phoneRuns(s)
	if len(runs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, r := range runs {
		b.WriteString(s[last:r[0]])
		b.WriteString(lri + s[r[0]:r[1]] + pdi)
		last = r[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// underline adds a line of c as wide as the widest of lines.
func underline(lines []string, c byte) []string {
	w := 0
	for _, l := range lines {
		w = max(w, stringWidth(l))
	}
	return append(lines, strings.Repeat(string(c), max(w, 1)))
}
