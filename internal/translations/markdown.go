package translations

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Mark is one thing a translation must keep from its source, where it is.
type Mark struct {
	Kind string // "heading", "list item", "numbered step", "code block", "shortcode", "link", "image"
	// What tells two marks of a kind apart: a heading's level, a link's target, a
	// shortcode as written (white space normalised).
	What string
	Line int
}

func (m Mark) String() string {
	switch m.Kind {
	case "heading":
		return "a level " + m.What + " heading"
	case "list item", "numbered step", "code block":
		return "a " + m.Kind
	case "shortcode":
		return m.What
	}
	return fmt.Sprintf("the %s %q", m.Kind, m.What)
}

// shortcode is one Hugo shortcode of the body, "{{< helpline "regional" >}}".
type shortcode struct {
	Start, End int // in the file
	Name       string
	Args       string
}

// shortcodes finds the shortcodes of text between start and end: "{{<" or "{{%", up to
// the closing ">}}" or "%}}".
func shortcodes(text string, start, end int) []shortcode {
	var out []shortcode
	for i := start; i < end; {
		j := strings.Index(text[i:end], "{{")
		if j < 0 || i+j+2 >= end {
			break
		}
		open := i + j
		kind := text[open+2]
		if kind != '<' && kind != '%' {
			i = open + 2
			continue
		}
		closing := "%}}"
		if kind == '<' {
			closing = ">}}"
		}
		k := strings.Index(text[open+3:end], closing)
		if k < 0 {
			break
		}
		close := open + 3 + k + 3
		inner := strings.TrimSpace(text[open+3 : close-3])
		name, args, _ := strings.Cut(inner, " ")
		out = append(out, shortcode{Start: open, End: close, Name: name, Args: normalize(args)})
		i = close
	}
	return out
}

// masked is the body with every shortcode replaced by letters of the same length, so
// Markdown reads it as a word and every offset stays the same.
func masked(text string, body int, scs []shortcode) []byte {
	b := []byte(text[body:])
	for _, sc := range scs {
		for i := sc.Start; i < sc.End; i++ {
			if b[i-body] != '\n' {
				b[i-body] = 'z'
			}
		}
	}
	return b
}

// parseBody reads the body's blocks and marks with goldmark.
func (p *Page) parseBody() error {
	scs := shortcodes(p.Text, p.Body, len(p.Text))
	src := masked(p.Text, p.Body, scs)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	inLink := map[int]bool{} // shortcodes inside a link's destination, by start
	var marks []Mark
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		line := func(off int) int { return lineAt(p.Text, p.Body+off) }
		switch n := n.(type) {
		case *ast.Heading:
			marks = append(marks, Mark{Kind: "heading", What: fmt.Sprint(n.Level), Line: line(n.Pos())})
			p.addBlock("heading", n)
		case *ast.ListItem:
			kind := "list item"
			if l, ok := n.Parent().(*ast.List); ok && l.IsOrdered() {
				kind = "numbered step"
			}
			marks = append(marks, Mark{Kind: kind, Line: line(n.Pos())})
		case *ast.Paragraph, *ast.TextBlock:
			kind := "paragraph"
			if _, ok := n.Parent().(*ast.ListItem); ok && n.PreviousSibling() == nil {
				kind = "list item"
			}
			p.addBlock(kind, n)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			marks = append(marks, Mark{Kind: "code block", Line: line(n.Pos())})
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image:
			kind, dest := "link", ""
			if l, ok := n.(*ast.Link); ok {
				dest = string(l.Destination)
			} else {
				kind, dest = "image", string(n.(*ast.Image).Destination)
			}
			start, labelEnd, end, ok := linkSpan(src, n.Pos())
			if !ok {
				return ast.WalkStop, fmt.Errorf("%s:%d: cannot find where this %s ends", p.Path, line(n.Pos()), kind)
			}
			target := dest
			for _, sc := range scs {
				if sc.Start >= p.Body+start && sc.End <= p.Body+end {
					inLink[sc.Start] = true
					if sc.Name == "relref" || sc.Name == "ref" {
						target = strings.Trim(sc.Args, `"`)
					}
				}
			}
			label := start + 1
			if kind == "image" {
				label++
			}
			p.spans = append(p.spans, span{Start: p.Body + start, End: p.Body + end, LabelStart: p.Body + label, LabelEnd: p.Body + labelEnd})
			if kind == "image" || isInternal(target) {
				marks = append(marks, Mark{Kind: kind, What: p.sameInEveryLanguage(target), Line: line(n.Pos())})
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return err
	}
	for _, sc := range scs {
		if !inLink[sc.Start] {
			p.spans = append(p.spans, span{Start: sc.Start, End: sc.End, LabelStart: -1})
			marks = append(marks, Mark{Kind: "shortcode", What: "{{< " + strings.TrimSpace(sc.Name+" "+sc.Args) + " >}}", Line: lineAt(p.Text, sc.Start)})
		}
	}
	p.Marks = marks
	return nil
}

// addBlock adds a text block: its lines, from the first one's start to the last one's
// end, without the line end.
func (p *Page) addBlock(kind string, n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start := p.Body + lines.At(0).Start
	end := trimCR(p.Text, start, p.Body+lines.At(lines.Len()-1).Stop)
	for end > start && p.Text[end-1] == '\n' {
		end = trimCR(p.Text, start, end-1)
	}
	p.Blocks = append(p.Blocks, Segment{ID: fmt.Sprintf("b%d", len(p.Blocks)+1), Kind: kind,
		Start: start, End: end, Line: lineAt(p.Text, start), Value: p.Text[start:end]})
}

// sameInEveryLanguage is an internal link's target as every translation writes it:
// without the language's folder ("/en/progetto/" is "/progetto/" in content/en/) and
// without a fragment, since a heading's anchor is made from its translated text.
func (p *Page) sameInEveryLanguage(target string) string {
	target, _, _ = strings.Cut(target, "#")
	if parts := strings.Split(p.Path, "/"); len(parts) > 2 && parts[0] == "content" {
		if rest, ok := strings.CutPrefix(target, "/"+parts[1]+"/"); ok {
			target = "/" + rest
		}
	}
	if target == "" {
		return "#…"
	}
	return target
}

// isInternal tells a link into the site from one to another host, an e-mail or a phone.
func isInternal(target string) bool {
	return !strings.Contains(target, ":") && !strings.HasPrefix(target, "//")
}

// linkSpan finds the end of the link or image that starts at start in src ("[" or
// "!["): past its label's closing bracket, its destination and title in parentheses.
// It returns the link's start, its label's closing bracket and its end.
func linkSpan(src []byte, start int) (int, int, int, bool) {
	i := start
	if i < len(src) && src[i] == '!' {
		i++
	}
	if i >= len(src) || src[i] != '[' {
		return 0, 0, 0, false
	}
	label := matching(src, i, '[', ']')
	if label < 0 || label+1 >= len(src) || src[label+1] != '(' {
		return 0, 0, 0, false
	}
	close := matching(src, label+1, '(', ')')
	if close < 0 {
		return 0, 0, 0, false
	}
	return start, label, close + 1, true
}

// matching finds the bracket that closes the one at i, skipping escaped characters and
// nested pairs; -1 when there is none.
func matching(src []byte, i int, open, close byte) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
