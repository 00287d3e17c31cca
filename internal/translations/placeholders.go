package translations

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A translator's text keeps the Markdown a translation must not change as numbered
// placeholders, the way gettext tools show markup: a shortcode is "{1}", a link or an
// image is "<2>its text</2>", the text translated and the tags kept.

// markup is what a placeholder stands for: the whole shortcode, or the part of a link
// before its text and the part after.
type markup struct {
	Open, Close string
	Wrap        bool
}

// protected is a segment's text with placeholders, and what they stand for (the first
// is number 1).
type protected struct {
	Text    string
	Markups []markup
}

// protect writes the text of a segment with placeholders. Text that looks like a
// placeholder already is an error, since it could not be told apart.
func (p *Page) protect(seg Segment) (protected, error) {
	if seg.Kind != "heading" && seg.Kind != "paragraph" && seg.Kind != "list item" {
		return protected{Text: seg.Value}, checkLiteral(p, seg, seg.Value)
	}
	var spans []span
	for _, s := range p.spans {
		if s.Start >= seg.Start && s.End <= seg.End {
			spans = append(spans, s)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out protected
	var b strings.Builder
	var write func(from, to int, spans []span) []span
	write = func(from, to int, spans []span) []span {
		for from < to {
			if len(spans) == 0 || spans[0].Start >= to {
				b.WriteString(p.Text[from:to])
				return spans
			}
			s := spans[0]
			spans = spans[1:]
			b.WriteString(p.Text[from:s.Start])
			n := len(out.Markups) + 1
			if s.LabelStart < 0 {
				out.Markups = append(out.Markups, markup{Open: p.Text[s.Start:s.End]})
				fmt.Fprintf(&b, "{%d}", n)
			} else {
				out.Markups = append(out.Markups, markup{Open: p.Text[s.Start:s.LabelStart], Close: p.Text[s.LabelEnd:s.End], Wrap: true})
				fmt.Fprintf(&b, "<%d>", n)
				spans = write(s.LabelStart, s.LabelEnd, spans)
				fmt.Fprintf(&b, "</%d>", n)
			}
			from = s.End
		}
		return spans
	}
	write(seg.Start, seg.End, spans)
	out.Text = b.String()
	return out, checkLiteral(p, seg, p.Text[seg.Start:seg.End])
}

// checkLiteral refuses text written like a placeholder.
func checkLiteral(p *Page, seg Segment, text string) error {
	if found := placeholders(text); len(found) > 0 {
		return fmt.Errorf("%s:%d: %q looks like a translator's placeholder: write it another way", p.Path, seg.Line, found[0].text)
	}
	return nil
}

// token is a placeholder found in a translator's text.
type token struct {
	start, end int
	n          int
	kind       byte // '{' for {n}, '<' for <n>, '/' for </n>
	text       string
}

// placeholders finds "{n}", "<n>" and "</n>" in s.
func placeholders(s string) []token {
	var out []token
	for i := 0; i < len(s); i++ {
		var kind, closer byte
		j := i + 1
		switch {
		case s[i] == '{':
			kind, closer = '{', '}'
		case s[i] == '<' && j < len(s) && s[j] == '/':
			kind, closer = '/', '>'
			j++
		case s[i] == '<':
			kind, closer = '<', '>'
		default:
			continue
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j || k >= len(s) || s[k] != closer || k-j > 6 {
			continue
		}
		n, _ := strconv.Atoi(s[j:k])
		out = append(out, token{start: i, end: k + 1, n: n, kind: kind, text: s[i : k+1]})
		i = k
	}
	return out
}

// unprotect puts the Markdown back in place of the placeholders of a translation. Each
// placeholder of the source must be there once, a link's tags in order and properly
// nested, and no other.
func unprotect(s string, markups []markup) (string, error) {
	seen := make([]int, len(markups)) // 1: opened, 2: closed (or a shortcode seen)
	var open []int
	var b strings.Builder
	last := 0
	for _, t := range placeholders(s) {
		if t.n < 1 || t.n > len(markups) {
			return "", fmt.Errorf("%s is not a placeholder of the source text", t.text)
		}
		m, i := markups[t.n-1], t.n-1
		switch {
		case t.kind == '{' && m.Wrap, t.kind != '{' && !m.Wrap:
			return "", fmt.Errorf("%s is not a placeholder of the source text (it has %s)", t.text, placeholderText(t.n, m))
		case t.kind == '/' && (len(open) == 0 || open[len(open)-1] != i):
			return "", fmt.Errorf("%s closes nothing open: close the tags in the order they were opened", t.text)
		case t.kind != '/' && seen[i] > 0:
			return "", fmt.Errorf("%s is there twice", t.text)
		}
		b.WriteString(s[last:t.start])
		switch t.kind {
		case '{':
			b.WriteString(m.Open)
			seen[i] = 2
		case '<':
			b.WriteString(m.Open)
			seen[i] = 1
			open = append(open, i)
		case '/':
			b.WriteString(m.Close)
			seen[i] = 2
			open = open[:len(open)-1]
		}
		last = t.end
	}
	b.WriteString(s[last:])
	for i, m := range markups {
		if seen[i] == 1 {
			return "", fmt.Errorf("<%d> is not closed by </%d>", i+1, i+1)
		}
		if seen[i] != 2 {
			return "", fmt.Errorf("%s is missing: keep every placeholder of the source text", placeholderText(i+1, m))
		}
	}
	return b.String(), nil
}

func placeholderText(n int, m markup) string {
	if m.Wrap {
		return fmt.Sprintf("<%d>…</%d>", n, n)
	}
	return fmt.Sprintf("{%d}", n)
}
