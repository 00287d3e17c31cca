package email

import (
	"math"
	"strings"

	"github.com/contratto/portal/newsletter/chartblock"
)

const (
	textBar      = "█"  // one column of a bar
	textStub     = "░░" // a hidden value: a light-shaded stub, then "c"
	rlm          = "\u200f"
	maxLabelCols = 30 // labels wider than this wrap inside their column
)

// chart lays a chart block out as text bars within width columns:
//
//	Casi per forma di sfruttamento
//	Sfruttamento sessuale  ██████████████████████████████████████ 28
//	Altre forme            ████████████ 9
//	Accattonaggio          ░░ c
//
// Labels are padded to one column (wrapped when wider than 30 columns), bars
// are proportional to the largest value (at least one block above 0), and
// the value follows its bar. A label with a word too long for the column
// puts every bar on a line of its own under its label, indented by two
// spaces. In RTL messages every line starts with a
// RIGHT-TO-LEFT MARK, so a line whose label is in Latin letters still lays
// out from the right like the others.
func (t *textRenderer) chart(c chartblock.Chart, width int) []string {
	opts := t.charts
	out := wrap(c.Title, width)
	labelW, valueW := 0, 0
	for _, b := range c.Bars {
		for _, l := range wrap(b.Label, maxLabelCols) {
			labelW = max(labelW, stringWidth(l))
		}
		valueW = max(valueW, stringWidth(opts.shown(b)))
	}
	stacked := labelW > maxLabelCols
	span := width - labelW - 2 - 1 - valueW // label, two spaces, bar, a space, value
	if stacked {
		span = width - 2 - 1 - valueW
	}
	span = max(span, 1)
	longest := c.Max()
	for _, b := range c.Bars {
		var bar string
		switch {
		case b.Hidden:
			bar = textStub
		case b.Value > 0:
			n := max(1, int(math.Round(float64(span)*float64(b.Value)/float64(longest))))
			bar = strings.Repeat(textBar, n)
		}
		value := opts.shown(b)
		if bar != "" {
			value = bar + " " + value
		}
		if stacked {
			out = append(out, wrap(b.Label, width)...)
			out = append(out, "  "+value)
			continue
		}
		for i, l := range wrap(b.Label, maxLabelCols) {
			line := l
			if i == 0 {
				line += strings.Repeat(" ", labelW-stringWidth(l)+2) + value
			}
			out = append(out, line)
		}
	}
	if opts.hiddenNote != "" && hasHidden(c) {
		out = append(out, wrap(opts.hiddenNote, width)...)
	}
	if t.rtl {
		for i := range out {
			out[i] = rlm + out[i]
		}
	}
	return out
}
