package materials

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tdewolff/canvas"
)

// The typesetter breaks a text into words, shapes each word on its own with the
// language's typeface (HarfBuzz-style shaping through go-text/typesetting: joined Arabic
// letters, Bengali and Gurmukhi conjuncts and vowel signs) and places the words itself:
// right to left for Arabic and Urdu, left to right otherwise. A number is one word (its
// groups are joined by no-break spaces), so it always reads left to right. Chinese breaks
// between characters. A text that does not fit its box is an error naming the language
// and the string: nothing is ever clipped.

// style is how a text is set.
type style struct {
	size    float64 // in points
	minSize float64 // the text may shrink down to this size to fit (points)
	bold    bool
	color   canvas.Paint
	center  bool
}

// word is one unbreakable piece of a line, shaped.
type word struct {
	text  string // as written, in reading order
	runs  []run  // in visual order, left to right
	spans int    // the text spans of its runs: the PDF writes one text object for each
	width float64
	space bool // a space separates it from the word before
}

// run is a part of a word set in one font.
type run struct {
	text *canvas.Text
	x    float64 // from the word's left edge
}

// drawWord draws w with its left edge at x and its baseline at y, and notes it on the
// sheet for the PDF's ActualText.
func drawWord(sh *sheet, w word, x, y float64) {
	for _, r := range w.runs {
		sh.DrawText(x+r.x, y, r.text)
	}
	sh.words = append(sh.words, spokenWord{actualText: actualText(w.text), textObjects: w.spans})
}

// line is words that fit one line.
type line struct {
	words []word
	width float64
}

// block is a text set in a box: its lines at one size.
type block struct {
	lines      []line
	lineHeight float64 // mm
	ascent     float64 // mm, above the baseline
	em         float64 // mm
	size       float64 // the size it was set at, in points
	rtl        bool
	center     bool
}

// Height is the height of the block's lines, in mm.
func (b *block) Height() float64 { return float64(len(b.lines)) * b.lineHeight }

// setter sets the texts of one language.
type setter struct {
	lang  string
	rtl   bool
	fonts *fontSet
	own   *typeface
}

// fitError is a text that does not fit its box, or a character no font has.
type fitError struct {
	Lang, Key, Text, Problem string
}

func (e *fitError) Error() string {
	return fmt.Sprintf("materials: language %s, string %s (%q): %s", e.Lang, e.Key, e.Text, e.Problem)
}

// set lays text out in a box width wide, at st.size or smaller down to st.minSize, so
// that it takes at most maxLines lines (0: any number) and at most maxHeight mm (0: any
// height). key names the string in errors.
func (s *setter) set(key, text string, st style, width, maxHeight float64, maxLines int) (*block, error) {
	if strings.TrimSpace(text) == "" {
		return nil, &fitError{s.lang, key, text, "the text is empty"}
	}
	minSize := st.minSize
	if minSize == 0 {
		minSize = st.size
	}
	var last *block
	for size := st.size; size >= minSize-1e-9; size -= 0.5 {
		b, err := s.setAt(key, text, st, size, width)
		if err != nil {
			return nil, err
		}
		last = b
		if (maxLines == 0 || len(b.lines) <= maxLines) && (maxHeight == 0 || b.Height() <= maxHeight+1e-9) {
			return b, nil
		}
	}
	problem := fmt.Sprintf("does not fit a box of %.1f × %.1f mm even at %.1f pt (%d lines, %.1f mm high)",
		width, maxHeight, minSize, len(last.lines), last.Height())
	if maxLines > 0 {
		problem = fmt.Sprintf("does not fit %d line(s) of %.1f mm even at %.1f pt (it takes %d)", maxLines, width, minSize, len(last.lines))
	}
	return nil, &fitError{s.lang, key, text, problem}
}

// setAt lays text out at one size.
func (s *setter) setAt(key, text string, st style, size, width float64) (*block, error) {
	pieces := split(text)
	var words []word
	for _, p := range pieces {
		w, err := s.shape(key, text, p.text, st, size)
		if err != nil {
			return nil, err
		}
		w.text, w.space = p.text, p.space
		if w.width > width+1e-9 {
			return nil, &fitError{s.lang, key, text, fmt.Sprintf("the word %q is %.1f mm wide, the box only %.1f mm", p.text, w.width, width)}
		}
		words = append(words, w)
	}
	space := s.spaceWidth(st, size)
	b := &block{size: size, rtl: s.rtl, center: st.center}
	var cur line
	for _, w := range words {
		add := w.width
		if len(cur.words) > 0 && w.space {
			add += space
		}
		if len(cur.words) > 0 && cur.width+add > width+1e-9 {
			b.lines = append(b.lines, cur)
			cur = line{}
			add = w.width
		}
		cur.words = append(cur.words, w)
		cur.width += add
	}
	b.lines = append(b.lines, cur)
	em := size * mmPerPt
	b.lineHeight = em * s.own.lineHeight
	b.em = em
	m := s.own.font(st.bold).SFNT
	b.ascent = em * float64(m.Hhea.Ascender) / float64(int(m.Hhea.Ascender)-int(m.Hhea.Descender))
	return b, nil
}

// piece is a word of the text before shaping.
type piece struct {
	text  string
	space bool
}

// split cuts text at spaces, and between Chinese characters (punctuation stays with the
// character before it, so no line starts with a comma).
func split(text string) []piece {
	var out []piece
	for _, f := range strings.Split(text, " ") {
		if f == "" {
			continue
		}
		first := true
		var cur []rune
		flush := func() {
			if len(cur) > 0 {
				out = append(out, piece{string(cur), first})
				first = false
				cur = nil
			}
		}
		for _, r := range f {
			if unicode.Is(unicode.Han, r) && len(cur) > 0 {
				flush()
			}
			cur = append(cur, r)
		}
		flush()
	}
	return out
}

// fontRuns cuts a word into runs of one typeface each: the language's own where it has
// the character, else Latin (numbers, addresses, quotation marks in Urdu text). A
// character neither has is an error naming the language and the string.
func (s *setter) fontRuns(key, text, w string, bold bool) ([]string, []*typeface, error) {
	var parts []string
	var faces []*typeface
	for _, r := range w {
		t := s.own
		if _, ok := t.has(string(r), bold); !ok {
			t = s.fonts.latin
			if _, ok := t.has(string(r), bold); !ok {
				return nil, nil, &fitError{s.lang, key, text, fmt.Sprintf("no font has the character %q (U+%04X)", r, r)}
			}
		}
		if n := len(faces); n > 0 && (faces[n-1] == t || invisible(r)) {
			parts[n-1] += string(r)
			continue
		}
		parts = append(parts, string(r))
		faces = append(faces, t)
	}
	return parts, faces, nil
}

// shape shapes a word, run by run, and places the runs: right to left in a right-to-left
// language (the first run on the right), left to right otherwise.
func (s *setter) shape(key, text, w string, st style, size float64) (word, error) {
	parts, faces, err := s.fontRuns(key, text, w, st.bold)
	if err != nil {
		return word{}, err
	}
	var out word
	var widths []float64
	for i, p := range parts {
		font := faces[i].font(st.bold)
		reading := faces[i].readings[font]
		t := canvas.NewTextLine(font.Face(size, st.color), p, canvas.Left)
		missing := false
		width := 0.0
		var unreadable error
		t.WalkSpans(func(x, _ float64, span canvas.TextSpan) {
			if span.IsText() {
				out.spans++
			}
			if reading != nil && unreadable == nil {
				unreadable = reading.learn(font, span)
			}
			for _, g := range span.Glyphs {
				if g.ID == 0 && !invisible(g.Text) {
					missing = true
				}
			}
			if x+span.Width > width {
				width = x + span.Width
			}
		})
		if missing {
			return word{}, &fitError{s.lang, key, text, fmt.Sprintf("the font draws an empty box in %q", w)}
		}
		if unreadable != nil {
			return word{}, &fitError{s.lang, key, text, fmt.Sprintf("in %q, %v", w, unreadable)}
		}
		out.runs = append(out.runs, run{text: t})
		widths = append(widths, width)
		out.width += width
	}
	x := 0.0
	if s.rtl {
		x = out.width
		for i := range out.runs {
			x -= widths[i]
			out.runs[i].x = x
		}
	} else {
		for i := range out.runs {
			out.runs[i].x = x
			x += widths[i]
		}
	}
	return out, nil
}

func (s *setter) spaceWidth(st style, size float64) float64 {
	f := s.own.font(st.bold)
	face := f.Face(size, st.color)
	return face.TextWidth(" ")
}

// draw puts the block with its top at top, in a box from x to x+width.
func (b *block) draw(sh *sheet, x, top, width float64) {
	for i, l := range b.lines {
		y := top - float64(i)*b.lineHeight - (b.lineHeight-b.em)/2 - b.ascent
		start := 0.0
		switch {
		case b.center:
			start = (width - l.width) / 2
		case b.rtl:
			start = width - l.width
		}
		pos := start
		if b.rtl {
			// the first word goes to the right
			pos = start + l.width
			for j, w := range l.words {
				if j > 0 && w.space {
					pos -= l.spaceOf(j)
				}
				pos -= w.width
				drawWord(sh, w, x+pos, y)
			}
			continue
		}
		for j, w := range l.words {
			if j > 0 && w.space {
				pos += l.spaceOf(j)
			}
			drawWord(sh, w, x+pos, y)
			pos += w.width
		}
	}
}

// spaceOf is the space before word j: the line's width less its words, shared out.
func (l line) spaceOf(j int) float64 {
	words, spaces := 0.0, 0
	for k, w := range l.words {
		words += w.width
		if k > 0 && w.space {
			spaces++
		}
	}
	if spaces == 0 {
		return 0
	}
	return (l.width - words) / float64(spaces)
}

const mmPerPt = 25.4 / 72
