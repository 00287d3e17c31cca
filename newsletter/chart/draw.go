package chart

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Colours. Ink on paper is 17.4:1; the bars on paper 8.3:1, above WCAG AA
// for text (4.5:1) and for graphics (3:1).
var (
	paper = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	ink   = color.RGBA{0x1A, 0x1A, 0x1A, 0xFF}
	barC  = color.RGBA{0x1F, 0x4E, 0x8C, 0xFF}
)

// palette: paper, ink, bar, and 13 blends of ink on paper for antialiased
// text — 16 colours, so the PNG stores 4 bits a pixel.
var palette = func() color.Palette {
	p := color.Palette{paper, ink, barC}
	for k := 1; k <= 13; k++ {
		mix := func(a, b uint8) uint8 { return uint8((int(a)*(14-k) + int(b)*k + 7) / 14) }
		p = append(p, color.RGBA{mix(paper.R, ink.R), mix(paper.G, ink.G), mix(paper.B, ink.B), 0xFF})
	}
	return p
}()

// physX turns a logical span [x, x+w) into physical pixels.
func (p *plan) physX(x, w int) int {
	if p.rtl {
		return Width - x - w
	}
	return x
}

func (p *plan) rect(x0, x1, y0, y1 int) image.Rectangle {
	px := p.physX(x0, x1-x0)
	return image.Rect(px, y0, px+(x1-x0), y1)
}

func render(p *plan) *image.Paletted {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	inkU := image.NewUniform(ink)

	for _, b := range p.bars {
		r := p.rect(b.x0, b.x1, b.y0, b.y1)
		if b.hidden {
			hatch(img, r)
		} else {
			draw.Draw(img, r, image.NewUniform(barC), image.Point{}, draw.Src)
		}
	}
	draw.Draw(img, p.rect(p.axisX-axisW, p.axisX, p.plotTop, p.plotBottom), inkU, image.Point{}, draw.Src)

	lines := append([]textLine(nil), p.text...)
	for _, b := range p.bars {
		lines = append(lines, b.label...)
		lines = append(lines, b.value)
	}
	for _, l := range lines {
		d := font.Drawer{Dst: img, Src: inkU, Face: l.face, Dot: fixed.P(p.physX(l.x, l.w), l.y)}
		d.DrawString(l.text)
	}

	out := image.NewPaletted(img.Bounds(), palette)
	draw.Draw(out, out.Bounds(), img, image.Point{}, draw.Src) // nearest colour, no dithering
	return out
}

// hatch draws a suppressed cell: a 2-pixel ink outline around diagonal ink
// stripes on paper.
func hatch(img *image.RGBA, r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			edge := x < r.Min.X+2 || x >= r.Max.X-2 || y < r.Min.Y+2 || y >= r.Max.Y-2
			if edge || (x+y)%10 < 3 {
				img.SetRGBA(x, y, ink)
			}
		}
	}
}
