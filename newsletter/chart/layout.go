package chart

import (
	"fmt"
	"strings"

	"golang.org/x/image/font"
)

// Layout, in pixels.
const (
	margin     = 48
	innerW     = Width - 2*margin
	axisW      = 2  // the axis line the bars grow from
	labelGap   = 16 // between a label and the axis
	valueGap   = 12 // between a bar's end and its value
	hiddenStub = 72 // length of a suppressed cell's stub
	maxBarH    = 56
	minBarLen  = 240 // the longest bar must get at least this much room
)

// textLine is one line of text. x is logical: the distance of the line's
// start from the start edge (left in LTR, right in RTL).
type textLine struct {
	text string
	face font.Face
	x, y int // y is the baseline
	w    int
}

// barGeom is one bar, in logical x (from the start edge) and physical y.
type barGeom struct {
	x0, x1, y0, y1 int
	hidden         bool
	label          []textLine
	value          textLine
}

// plan is everything to draw.
type plan struct {
	rtl                        bool
	text                       []textLine // title, subtitle, footnote
	bars                       []barGeom
	axisX, plotTop, plotBottom int
}

func width(f font.Face, s string) int { return font.MeasureString(f, s).Ceil() }

func lineHeight(size int) int { return size * 5 / 4 }

// wrap breaks s at spaces into lines no wider than maxW.
func wrap(f font.Face, s string, maxW int) ([]string, bool) {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		cand := w
		if cur != "" {
			cand = cur + " " + w
		}
		if width(f, cand) <= maxW {
			cur = cand
			continue
		}
		if cur == "" || width(f, w) > maxW {
			return nil, false
		}
		lines = append(lines, cur)
		cur = w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, true
}

// fit finds the largest size from max down to min (step 2) at which s wraps
// into at most maxLines lines of maxW.
func fit(fc faceCache, bold bool, max, min int, s string, maxW, maxLines int) (font.Face, int, []string, bool) {
	for size := max; size >= min; size -= 2 {
		f := fc.get(bold, size)
		if lines, ok := wrap(f, s, maxW); ok && len(lines) <= maxLines {
			return f, size, lines, true
		}
	}
	return nil, 0, nil, false
}

// block lays out lines from top, start-aligned; it returns the bottom.
func block(p *plan, f font.Face, size int, lines []string, top int) int {
	asc := f.Metrics().Ascent.Ceil()
	lh := lineHeight(size)
	for i, l := range lines {
		p.text = append(p.text, textLine{text: l, face: f, x: margin, y: top + i*lh + asc, w: width(f, l)})
	}
	return top + len(lines)*lh
}

func layout(t texts, bars []Bar, fc faceCache) (*plan, error) {
	p := &plan{rtl: t.rtl}

	// Header.
	f, size, lines, ok := fit(fc, true, 40, 26, t.title, innerW, 2)
	if !ok {
		return nil, fmt.Errorf("chart: the title %q does not fit two lines at 26 px; shorten it", t.title)
	}
	y := block(p, f, size, lines, margin)
	if strings.TrimSpace(t.subtitle) != "" {
		f, size, lines, ok = fit(fc, false, 26, 18, t.subtitle, innerW, 2)
		if !ok {
			return nil, fmt.Errorf("chart: the subtitle %q does not fit two lines at 18 px; shorten it", t.subtitle)
		}
		y = block(p, f, size, lines, y+6)
	}
	p.plotTop = y + 28

	// Footer.
	p.plotBottom = Height - margin
	if strings.TrimSpace(t.footnote) != "" {
		f, size, lines, ok = fit(fc, false, 20, 14, t.footnote, innerW, 3)
		if !ok {
			return nil, fmt.Errorf("chart: the footnote %q does not fit three lines at 14 px; shorten it", t.footnote)
		}
		top := Height - margin - len(lines)*lineHeight(size)
		block(p, f, size, lines, top)
		p.plotBottom = top - 24
	}

	// Labels: one size for all, at most two lines each, within 38% of the width.
	n := len(bars)
	slot := (p.plotBottom - p.plotTop) / n
	if slot < 28 {
		return nil, fmt.Errorf("chart: %d bars leave %d px each; use fewer bars or shorter texts", n, slot)
	}
	maxLabelW := innerW * 38 / 100
	var labelSize int
	var labelLines [][]string
	for size := 24; size >= 14 && labelLines == nil; size -= 2 {
		lf := fc.get(false, size)
		all := make([][]string, n)
		for i, l := range t.labels {
			ls, ok := wrap(lf, l, maxLabelW)
			if !ok || len(ls) > 2 || len(ls)*lineHeight(size) > slot {
				all = nil
				break
			}
			all[i] = ls
		}
		if all != nil {
			labelSize, labelLines = size, all
		}
	}
	if labelLines == nil {
		return nil, fmt.Errorf("chart: the bar labels do not fit %d px in two lines at 14 px; shorten them", maxLabelW)
	}
	lf := fc.get(false, labelSize)
	vf := fc.get(true, max(labelSize, 16))
	labelColW := 0
	for _, ls := range labelLines {
		for _, l := range ls {
			labelColW = max(labelColW, width(lf, l))
		}
	}
	valueW := 0
	for _, v := range t.values {
		valueW = max(valueW, width(vf, v))
	}
	p.axisX = margin + labelColW + labelGap + axisW
	room := Width - margin - p.axisX - valueGap - valueW
	if room < minBarLen {
		return nil, fmt.Errorf("chart: labels and values leave %d px for the bars (at least %d needed); shorten them", room, minBarLen)
	}

	// Bars.
	maxV := 0
	for _, b := range bars {
		if !b.Hidden {
			maxV = max(maxV, b.Value)
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	thick := min(maxBarH, slot*62/100)
	lAsc, lDesc := lf.Metrics().Ascent.Ceil(), lf.Metrics().Descent.Ceil()
	vAsc, vDesc := vf.Metrics().Ascent.Ceil(), vf.Metrics().Descent.Ceil()
	lh := lineHeight(labelSize)
	for i, b := range bars {
		cy := p.plotTop + i*slot + slot/2
		g := barGeom{x0: p.axisX, y0: cy - thick/2, hidden: b.Hidden}
		g.y1 = g.y0 + thick
		if b.Hidden {
			g.x1 = g.x0 + min(hiddenStub, room)
		} else {
			g.x1 = g.x0 + (2*room*b.Value+maxV)/(2*maxV) // rounded
		}
		g.value = textLine{text: t.values[i], face: vf, x: g.x1 + valueGap, y: cy + (vAsc-vDesc)/2, w: width(vf, t.values[i])}
		ls := labelLines[i]
		top := cy - len(ls)*lh/2
		for j, l := range ls {
			w := width(lf, l)
			g.label = append(g.label, textLine{text: l, face: lf, x: p.axisX - axisW - labelGap - w,
				y: top + j*lh + lh/2 + (lAsc-lDesc)/2, w: w})
		}
		p.bars = append(p.bars, g)
	}
	return p, nil
}
