package materials

import (
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"
	"github.com/tdewolff/canvas"
)

// renderItem makes one item in one language.
func renderItem(fonts *fontSet, in Input, l Language, k Kind) (File, error) {
	s := newSetter(fonts, l)
	var pages []*sheet
	var title string
	var err error
	switch k {
	case PocketCard, DiscreetCard:
		pages, title, err = card(s, in, l, k == DiscreetCard)
	case Leaflet:
		pages, title, err = leaflet(s, in, l)
	case Poster:
		pages, title, err = poster(s, nil, in, l)
	case TwoLanguagePoster:
		pages, title, err = poster(s, newSetter(fonts, in.Languages[0]), in, l)
	default:
		return File{}, fmt.Errorf("materials: unknown item %q", k)
	}
	if err != nil {
		return File{}, err
	}
	data, err := writePDF(pages, specs[k].bleed, title, l.Code)
	if err != nil {
		return File{}, fmt.Errorf("materials: %s %s: %w", l.Code, k, err)
	}
	f := describe(l, k)
	f.Data = data
	return f, nil
}

// describe is what is known of an item before it is drawn: its path and sizes.
func describe(l Language, k Kind) File {
	sp := specs[k]
	return File{
		Kind: k, Lang: l.Code,
		Path:  strings.Trim(l.Folder, "/") + "/" + fileNames[k] + "-" + l.Code + ".pdf",
		Width: sp.w, Height: sp.h, Bleed: sp.bleed, Pages: sp.pages,
	}
}

// spec is an item's trim size, bleed, number of pages and smallest text.
type spec struct {
	w, h, bleed float64 // mm
	pages       int
	minPt       float64
}

var specs = map[Kind]spec{
	PocketCard:        {85, 55, 3, 2, 7},
	DiscreetCard:      {85, 55, 3, 2, 7},
	Leaflet:           {148, 210, 3, 2, 10},
	Poster:            {210, 297, 3, 1, 8},
	TwoLanguagePoster: {210, 297, 3, 1, 8},
}

// newSetter sets the texts of one language.
func newSetter(fonts *fontSet, l Language) *setter {
	return &setter{lang: l.Code, rtl: l.Direction == "rtl", fonts: fonts, own: fonts.script(l.Code)}
}

// sheet is one page of an item being drawn: its canvas, a context to draw on it, and the
// words drawn so far, in drawing order (the PDF gives each its text as written).
type sheet struct {
	*canvas.Context
	canvas *canvas.Canvas
	words  []spokenWord
}

// page is a new white page of an item, bleed included.
func page(k Kind) *sheet {
	sp := specs[k]
	W, H := sp.w+2*sp.bleed, sp.h+2*sp.bleed
	c := canvas.New(W, H)
	sh := &sheet{Context: canvas.NewContext(c), canvas: c}
	white(sh.Context, W, H)
	return sh
}

// texts returns a language's strings for keys, or an error naming the first one missing.
func (l Language) texts(keys ...string) ([]string, error) {
	var out []string
	for _, k := range keys {
		t, err := l.text(k)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// entry is one text of a column, set from the top down.
type entry struct {
	key, text string
	st        style
	latin     bool    // set in the Latin typeface (numbers, addresses)
	in        *setter // set by another language's setter (the Italian of a two-language poster)
	gap       float64 // mm of space above it
	maxLines  int
}

// column sets entries one under the other in a box and draws them. When they do not fit
// at their sizes, every text that may shrink is set at its smallest; when they still do
// not fit, the error names the first string that runs out of the box.
func column(s *setter, sh *sheet, x, top, width, bottom float64, entries []entry) error {
	for pass := 0; pass < 2; pass++ {
		var blocks []*block
		y := top
		var overflow error
		for _, e := range entries {
			st := e.st
			if pass == 1 && st.minSize > 0 {
				st.size = st.minSize
			}
			ss := s
			if e.in != nil {
				ss = e.in
			}
			if e.latin {
				ss = &setter{lang: s.lang, rtl: s.rtl, fonts: s.fonts, own: s.fonts.latin}
			}
			b, err := ss.set(e.key, e.text, st, width, 0, e.maxLines)
			if err != nil {
				return err
			}
			y -= e.gap
			blocks = append(blocks, b)
			y -= b.Height()
		}
		if y < bottom-1e-9 {
			// name the text that takes the most room: the one to shorten
			tallest := -1
			for i, b := range blocks {
				if !entries[i].latin && (tallest < 0 || b.Height() > blocks[tallest].Height()) {
					tallest = i
				}
			}
			if tallest < 0 {
				tallest = len(blocks) - 1
			}
			e := entries[tallest]
			overflow = &fitError{s.lang, e.key, e.text, fmt.Sprintf("it takes %d lines (%.1f mm), and with the texts around it the column needs %.1f mm where it has %.1f mm: shorten it",
				len(blocks[tallest].lines), blocks[tallest].Height(), top-y, top-bottom)}
		}
		if overflow != nil {
			if pass == 0 {
				continue
			}
			return overflow
		}
		y = top
		for i, b := range blocks {
			y -= entries[i].gap
			b.draw(sh, x, y, width)
			y -= b.Height()
		}
		return nil
	}
	return nil
}

// white paints the whole page, bleed included, white.
func white(ctx *canvas.Context, w, h float64) {
	ctx.SetFillColor(canvas.White)
	ctx.DrawPath(0, 0, canvas.Rectangle(w, h))
}

// drawQR draws a QR code of url, error correction M, with its quiet zone of four modules
// (white), size mm wide with its lower left corner at x, y.
func drawQR(ctx *canvas.Context, url string, x, y, size float64) error {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return err
	}
	bm := q.Bitmap() // with the quiet zone
	n := len(bm)
	m := size / float64(n)
	ctx.SetFillColor(canvas.White)
	ctx.DrawPath(x, y, canvas.Rectangle(size, size))
	p := &canvas.Path{}
	for r, row := range bm {
		for c, on := range row {
			if on {
				px, py := float64(c)*m, size-float64(r+1)*m
				p.MoveTo(px, py)
				p.LineTo(px+m, py)
				p.LineTo(px+m, py+m)
				p.LineTo(px, py+m)
				p.Close()
			}
		}
	}
	ctx.SetFillColor(canvas.Black)
	ctx.DrawPath(x, y, p)
	return nil
}
