package email

import (
	"fmt"
	"math"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Colours of the chart that must read on the light card and on the dark one
// (dark-mode styles and clients that invert colours), both at least 3:1
// against #ffffff and #1c1f22 (WCAG 1.4.11, graphical objects).
const (
	chartBarColour  = "#3d7cc9" // 4.3:1 on white, 3.9:1 on the dark card
	chartStubColour = "#707c89" // the dashed outline of a hidden value
)

// chartStyles are the inline styles of a chart table.
type chartStyles struct {
	Table, Caption, Label, BarCell, Bar, Rest, Stub, Value, Note string
}

func newChartStyles(s *styles, lang string) chartStyles {
	p, t := lightPalette, typefaceFor(lang)
	font := fmt.Sprintf("font-family:%s;", t.Family)
	end := "right" // the side away from the reader's start
	if s.dir == "rtl" {
		end = "left"
	}
	return chartStyles{
		Table: "width:100%;margin:0 0 16px 0;border-collapse:collapse;",
		// No colour: the caption inherits the card's, which the dark-mode styles change.
		Caption: fmt.Sprintf("caption-side:top;padding:0 0 8px 0;%sfont-size:16px;line-height:1.4;font-weight:700;text-align:%s;", font, s.align),
		Label:   fmt.Sprintf("width:38%%;padding:4px 0;padding-%s:8px;%sfont-size:15px;line-height:1.3;color:%s;text-align:%s;vertical-align:middle;", end, font, p.Text, s.align),
		BarCell: "width:47%;padding:4px 0;vertical-align:middle;",
		Bar: fmt.Sprintf("height:18px;background-color:%s;font-size:1px;line-height:1px;mso-line-height-rule:exactly;",
			chartBarColour),
		Rest: "font-size:1px;line-height:1px;mso-line-height-rule:exactly;",
		// !important keeps the outline's colour against the dark-mode border rule.
		Stub: fmt.Sprintf("height:14px;border:2px dashed %s !important;font-size:1px;line-height:1px;mso-line-height-rule:exactly;", chartStubColour),
		// The value starts right after the bars' column, next to the longest bar.
		Value: fmt.Sprintf("width:15%%;padding:4px 0;padding-%s:8px;%sfont-size:15px;line-height:1.3;font-weight:700;color:%s;text-align:%s;white-space:nowrap;vertical-align:middle;", s.align, font, p.Text, s.align),
		Note:  fmt.Sprintf("margin:0 0 16px 0;%sfont-size:13px;line-height:1.5;color:%s;text-align:%s;", font, p.Muted, s.align),
	}
}

// chartRenderer draws chart blocks as email-safe bar charts: a data table
// with the title as caption and one row per bar (label, bar, value). A bar is
// a nested table whose coloured cell's width is proportional to the value
// (at least 2% when the value is above 0), so it shows with images off and
// needs no CSS beyond inline styles and bgcolor. A hidden value is a short
// dashed, uncoloured stub and the letter c: never colour alone.
type chartRenderer struct {
	s    *styles
	cs   chartStyles
	opts chartOptions
}

var _ renderer.NodeRenderer = (*chartRenderer)(nil)

// RegisterFuncs implements renderer.NodeRenderer.
func (r *chartRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, r.render)
}

func (r *chartRenderer) render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c := node.(*chartNode).chart
	longest := c.Max()
	esc := func(s string) []byte { return util.EscapeHTML([]byte(s)) }
	fmt.Fprintf(w, `<table dir="%s" width="100%%" cellpadding="0" cellspacing="0" border="0" style="%s">`+"\n", r.s.dir, r.cs.Table)
	fmt.Fprintf(w, `<caption align="top" style="%s">%s</caption>`+"\n", r.cs.Caption, esc(c.Title))
	for _, b := range c.Bars {
		_, _ = w.WriteString("<tr>\n")
		fmt.Fprintf(w, `<td width="38%%" align="%s" style="%s">%s</td>`+"\n", r.s.align, r.cs.Label, esc(b.Label))
		fmt.Fprintf(w, `<td width="47%%" aria-hidden="true" style="%s">`, r.cs.BarCell)
		fmt.Fprintf(w, `<table role="presentation" dir="%s" width="100%%" cellpadding="0" cellspacing="0" border="0" style="width:100%%;border-collapse:collapse;"><tr>`, r.s.dir)
		switch pct := barPercent(b.Value, longest); {
		case b.Hidden:
			fmt.Fprintf(w, `<td width="8%%" height="14" style="width:8%%;%s">&nbsp;</td><td style="%s">&nbsp;</td>`, r.cs.Stub, r.cs.Rest)
		case pct == 0:
			fmt.Fprintf(w, `<td style="%s">&nbsp;</td>`, r.cs.Rest)
		case pct == 100:
			fmt.Fprintf(w, `<td width="100%%" height="18" bgcolor="%s" style="width:100%%;%s">&nbsp;</td>`, chartBarColour, r.cs.Bar)
		default:
			fmt.Fprintf(w, `<td width="%d%%" height="18" bgcolor="%s" style="width:%d%%;%s">&nbsp;</td><td style="%s">&nbsp;</td>`,
				pct, chartBarColour, pct, r.cs.Bar, r.cs.Rest)
		}
		_, _ = w.WriteString("</tr></table></td>\n")
		fmt.Fprintf(w, `<td width="15%%" align="%s" style="%s">%s</td>`+"\n", r.s.align, r.cs.Value, esc(r.opts.shown(b)))
		_, _ = w.WriteString("</tr>\n")
	}
	_, _ = w.WriteString("</table>\n")
	if r.opts.hiddenNote != "" && hasHidden(c) {
		fmt.Fprintf(w, `<p style="%s">%s</p>`+"\n", r.cs.Note, esc(r.opts.hiddenNote))
	}
	return ast.WalkSkipChildren, nil
}

// barPercent is the bar's length in percent of the longest: proportional,
// rounded, at least 2 for a value above 0 so that it shows.
func barPercent(value, longest int) int {
	if value <= 0 || longest <= 0 {
		return 0
	}
	return min(100, max(2, int(math.Round(100*float64(value)/float64(longest)))))
}
