package email

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// styledRenderer is the node renderer of the email extension. It is
// registered with a higher priority than goldmark's HTML and table renderers
// and writes every element with an inline style attribute, because many mail
// clients drop or ignore <style> blocks. Raw HTML stays with goldmark's
// default renderer, which omits it.
type styledRenderer struct {
	s *styles
	w html.Writer
}

var _ renderer.NodeRenderer = (*styledRenderer)(nil)

func newStyledRenderer(s *styles) *styledRenderer {
	return &styledRenderer{s: s, w: html.DefaultWriter}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *styledRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindBlockquote, r.blockquote)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindList, r.list)
	reg.Register(ast.KindListItem, r.listItem)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindThematicBreak, r.thematicBreak)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindCodeSpan, r.codeSpan)
	reg.Register(ast.KindEmphasis, r.emphasis)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindText, r.text)
	reg.Register(east.KindStrikethrough, r.strikethrough)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTableHeader, r.tableHeader)
	reg.Register(east.KindTableRow, r.tableRow)
	reg.Register(east.KindTableCell, r.tableCell)
}

func (r *styledRenderer) open(w util.BufWriter, tag, style string) {
	fmt.Fprintf(w, `<%s style="%s">`, tag, style)
}

func (r *styledRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		r.open(w, fmt.Sprintf("h%d", n.Level), r.s.Heading[n.Level])
	} else {
		fmt.Fprintf(w, "</h%d>\n", n.Level)
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) blockquote(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.open(w, "blockquote", r.s.Blockquote)
		_ = w.WriteByte('\n')
	} else {
		_, _ = w.WriteString("</blockquote>\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) codeBlock(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.open(w, "pre", r.s.Pre)
		_, _ = w.WriteString("<code>")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			line := lines.At(i)
			r.w.RawWrite(w, line.Value(source))
		}
	} else {
		_, _ = w.WriteString("</code></pre>\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) list(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.List)
	tag := "ul"
	if n.IsOrdered() {
		tag = "ol"
	}
	if entering {
		_, _ = w.WriteString("<" + tag)
		if n.IsOrdered() && n.Start != 1 {
			fmt.Fprintf(w, ` start="%d"`, n.Start)
		}
		fmt.Fprintf(w, ` style="%s">`+"\n", r.s.List)
	} else {
		_, _ = w.WriteString("</" + tag + ">\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) listItem(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.open(w, "li", r.s.ListItem)
		if fc := n.FirstChild(); fc != nil && fc.Kind() != ast.KindTextBlock {
			_ = w.WriteByte('\n')
		}
	} else {
		_, _ = w.WriteString("</li>\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) paragraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if lang, ok := n.Attribute(langAttr); ok {
			// a partner's words in another language than the (a network block):
			// marked for screen readers and hyphenation, laid out by their own direction
			fmt.Fprintf(w, `<p lang="%s" dir="auto" style="%s">`, util.EscapeHTML(lang.([]byte)), r.s.Paragraph)
			return ast.WalkContinue, nil
		}
		r.open(w, "p", r.s.Paragraph)
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) thematicBreak(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		fmt.Fprintf(w, `<hr style="%s">`+"\n", r.s.Hr)
	}
	return ast.WalkContinue, nil
}

// autoLink renders the autolinks the transformer leaves in place: e-mail
// addresses (URL autolinks have become ordinary links).
func (r *styledRenderer) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := n.URL(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	r.anchorOpen(w, url, nil, false, r.s.Link)
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (r *styledRenderer) codeSpan(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	r.open(w, "code", r.s.Code)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		var value []byte
		switch c := c.(type) {
		case *ast.Text:
			value = c.Segment.Value(source)
		case *ast.String:
			value = c.Value
		}
		if bytes.HasSuffix(value, []byte("\n")) {
			value = append(value[:len(value)-1:len(value)-1], ' ')
		}
		r.w.RawWrite(w, value)
	}
	return ast.WalkSkipChildren, nil
}

func (r *styledRenderer) emphasis(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	tag, style := "em", r.s.Em
	if node.(*ast.Emphasis).Level == 2 {
		tag, style = "strong", r.s.Strong
	}
	if entering {
		r.open(w, tag, style)
	} else {
		_, _ = w.WriteString("</" + tag + ">")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) strikethrough(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.open(w, "del", r.s.Del)
	} else {
		_, _ = w.WriteString("</del>")
	}
	return ast.WalkContinue, nil
}

// image writes the image at the column's width (552 px inside the 24 px
// padding; the width attribute is for Outlook, which ignores max-width).
// The transformer has already refused images without alt text.
func (r *styledRenderer) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(strings.TrimSpace(plainText(n, source)))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.w.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	fmt.Fprintf(w, ` width="552" style="%s">`, r.s.Img)
	return ast.WalkSkipChildren, nil
}

// link writes an anchor with its (already tagged) destination. In RTL text a
// tel: link is isolated as left-to-right so the number reads in its order.
func (r *styledRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	tel := isTel(n.Destination)
	isolate := tel && r.s.dir == "rtl"
	if entering {
		if isolate {
			_, _ = w.WriteString(`<bdi dir="ltr">`)
		}
		style := r.s.Link
		if tel {
			style = r.s.TelLink
		}
		r.anchorOpen(w, n.Destination, n.Title, isolate, style)
	} else {
		_, _ = w.WriteString("</a>")
		if isolate {
			_, _ = w.WriteString("</bdi>")
		}
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) anchorOpen(w util.BufWriter, destination, title []byte, ltr bool, style string) {
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(destination, true)
	if !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if title != nil {
		_, _ = w.WriteString(` title="`)
		r.w.Write(w, title)
		_ = w.WriteByte('"')
	}
	if ltr {
		_, _ = w.WriteString(` dir="ltr"`)
	}
	fmt.Fprintf(w, ` style="%s">`, style)
}

func isTel(dest []byte) bool {
	return len(dest) >= 4 && strings.EqualFold(string(dest[:4]), "tel:")
}

// text writes a text node like goldmark's default renderer and, in RTL
// messages, isolates phone numbers outside tel: links as left-to-right.
func (r *styledRenderer) text(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(source)
	switch {
	case n.IsRaw():
		r.w.RawWrite(w, value)
	case r.s.dir == "rtl" && !insideTelLink(n):
		last := 0
		for _, run := range phoneRuns(string(value)) {
			r.w.Write(w, value[last:run[0]])
			_, _ = w.WriteString(`<bdi dir="ltr">`)
			r.w.Write(w, value[run[0]:run[1]])
			_, _ = w.WriteString(`</bdi>`)
			last = run[1]
		}
		r.w.Write(w, value[last:])
	default:
		r.w.Write(w, value)
	}
	if n.HardLineBreak() {
		_, _ = w.WriteString("<br>\n")
	} else if n.SoftLineBreak() {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

func insideTelLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if l, ok := p.(*ast.Link); ok {
			return isTel(l.Destination)
		}
	}
	return false
}

// table writes a GFM table as a data table (not role="presentation") with
// the message's direction, so the columns run from the reader's start side
// and column alignments are mirrored in RTL.
func (r *styledRenderer) table(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		fmt.Fprintf(w, `<table dir="%s" width="100%%" cellpadding="0" cellspacing="0" border="0" style="%s">`+"\n", r.s.dir, r.s.Table)
	} else {
		_, _ = w.WriteString("</table>\n")
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) tableHeader(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<thead>\n<tr>\n")
	} else {
		_, _ = w.WriteString("</tr>\n</thead>\n")
		if n.NextSibling() != nil {
			_, _ = w.WriteString("<tbody>\n")
		}
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) tableRow(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<tr>\n")
	} else {
		_, _ = w.WriteString("</tr>\n")
		if n.Parent().LastChild() == n {
			_, _ = w.WriteString("</tbody>\n")
		}
	}
	return ast.WalkContinue, nil
}

func (r *styledRenderer) tableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag, style, scope := "td", r.s.Td, ""
	if n.Parent().Kind() == east.KindTableHeader {
		tag, style, scope = "th", r.s.Th, ` scope="col"`
	}
	if !entering {
		fmt.Fprintf(w, "</%s>\n", tag)
		return ast.WalkContinue, nil
	}
	align := r.s.align
	switch n.Alignment {
	case east.AlignCenter:
		align = "center"
	case east.AlignLeft, east.AlignRight:
		// Translators keep the Markdown of the Italian table, where ":---"
		// means "the start side". In RTL the start side is the right.
		align = n.Alignment.String()
		if r.s.dir == "rtl" {
			align = map[east.Alignment]string{east.AlignLeft: "right", east.AlignRight: "left"}[n.Alignment]
		}
	}
	fmt.Fprintf(w, `<%s%s align="%s" style="%stext-align:%s;">`, tag, scope, align, style, align)
	return ast.WalkContinue, nil
}
