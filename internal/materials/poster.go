package materials

import (
	"fmt"
	"strings"

	"github.com/tdewolff/canvas"
)

// posterStrips is the number of tear-off strips at the foot of the poster.
const posterStrips = 8

// poster draws the A4 poster of a language: the title, the numbers large, the QR code of
// the help page, and eight tear-off strips with the numbers, rotated, between dashed cut
// lines. With two (a setter of the default language), it is the two-language poster: every
// text in Italian and then in the language, the QR code and the strips in the language.
func poster(s, two *setter, in Input, l Language) ([]*sheet, string, error) {
	keys := []string{"mat_cardTitle", "line_regional", "line_national", "mat_cardNational", "line_emergency", "helplinesNote", "mat_takeStrip", "mat_discreetRegional", "mat_discreetNational"}
	t, err := l.texts(keys...)
	if err != nil {
		return nil, "", err
	}
	var it []string
	var itLang Language
	if two != nil {
		itLang = in.Languages[0]
		if it, err = itLang.texts(keys...); err != nil {
			return nil, "", err
		}
	}
	k := Poster
	if two != nil {
		k = TwoLanguagePoster
	}
	sp := specs[k]
	W, H := sp.w+2*sp.bleed, sp.h+2*sp.bleed
	const safe, qr, stripH = 12.0, 38.0, 72.0
	x0, x1 := sp.bleed+safe, W-sp.bleed-safe
	stripTop := sp.bleed + stripH

	sh := page(k)
	bandH := 50.0
	if two != nil {
		bandH = 64
	}
	bandBottom := H - sp.bleed - bandH
	sh.SetFillColor(band.Color)
	sh.DrawPath(0, bandBottom, canvas.Rectangle(W, H-bandBottom))
	titleSt := style{size: 30, minSize: 18, bold: true, color: paper}
	var title []entry
	if two != nil {
		titleSt.size = 24
		title = append(title, entry{key: "mat_cardTitle", text: it[0], st: titleSt, in: two, maxLines: 2})
	}
	title = append(title, entry{key: "mat_cardTitle", text: t[0], st: titleSt, maxLines: 3, gap: 2})
	if err := column(s, sh, x0, H-sp.bleed-8, x1-x0, bandBottom+4, title); err != nil {
		return nil, "", err
	}

	label := style{size: 16, minSize: 12, color: ink}
	number := style{size: 44, minSize: 36, bold: true, color: ink}
	both := func(key string, i int, st style, gap float64) []entry {
		var out []entry
		if two != nil {
			out = append(out, entry{key: key, text: it[i], st: st, in: two, maxLines: 2, gap: gap})
			gap = 0.5
		}
		return append(out, entry{key: key, text: t[i], st: st, maxLines: 2, gap: gap})
	}
	var entries []entry
	entries = append(entries, both("line_regional", 1, label, 0)...)
	entries = append(entries, entry{key: "regional", text: nbsp(in.Regional.Display), st: number, latin: true, maxLines: 1})
	entries = append(entries, both("line_national", 2, label, 4)...)
	entries = append(entries, entry{key: "national", text: nbsp(in.National.Display), st: number, latin: true, maxLines: 1})
	entries = append(entries, both("mat_cardNational", 3, label, 0)...)
	emergency := style{size: 24, minSize: 16, bold: true, color: ink}
	if two != nil {
		entries = append(entries, entry{key: "line_emergency", text: it[4] + " " + nbsp(in.Emergency.Display), st: emergency, in: two, maxLines: 1, gap: 5})
		entries = append(entries, entry{key: "line_emergency", text: t[4] + " " + nbsp(in.Emergency.Display), st: emergency, maxLines: 1, gap: 0.5})
	} else {
		entries = append(entries, entry{key: "line_emergency", text: t[4] + " " + nbsp(in.Emergency.Display), st: emergency, maxLines: 1, gap: 5})
	}
	entries = append(entries, both("helplinesNote", 5, label, 3)...)
	// the numbers on the left (on the right in a right-to-left language), the QR code of
	// the help page beside them, its address and "take a strip" above the strips
	colX, qrX := x0, x1-qr
	if s.rtl {
		colX, qrX = x0+qr+6, x0
	}
	if err := column(s, sh, colX, bandBottom-8, x1-x0-qr-6, stripTop+22, entries); err != nil {
		return nil, "", err
	}
	if err := drawQR(sh.Context, l.HelpURL, qrX, bandBottom-8-qr, qr); err != nil {
		return nil, "", fmt.Errorf("materials: %s: QR code: %w", l.Code, err)
	}
	address := strings.TrimPrefix(strings.TrimPrefix(l.HelpURL, "https://"), "http://")
	take := style{size: 14, minSize: 11, bold: true, color: ink, center: true}
	foot := []entry{{key: "help page address", text: address, st: style{size: 13, minSize: 10, color: ink, center: true}, latin: true, maxLines: 1}}
	if two != nil {
		foot = append(foot, entry{key: "mat_takeStrip", text: it[6], st: take, in: two, maxLines: 1, gap: 2})
	}
	foot = append(foot, entry{key: "mat_takeStrip", text: t[6], st: take, maxLines: 1, gap: 1})
	if err := column(s, sh, x0, stripTop+21, x1-x0, stripTop+1.5, foot); err != nil {
		return nil, "", err
	}

	// the strips: cut lines, then each strip's text turned a quarter to read upwards
	sh.SetStrokeColor(canvas.Black)
	sh.SetStrokeWidth(0.3)
	sh.SetDashes(0, 2, 1.5)
	sh.MoveTo(0, stripTop)
	sh.LineTo(W, stripTop)
	sh.Stroke()
	stripW := sp.w / posterStrips
	for i := 1; i < posterStrips; i++ {
		x := sp.bleed + float64(i)*stripW
		sh.MoveTo(x, 0)
		sh.LineTo(x, stripTop)
		sh.Stroke()
	}
	sh.SetDashes(0)
	strip := style{size: 9, minSize: 8, color: ink}
	stripNumber := style{size: 14, minSize: 12, bold: true, color: ink}
	for i := 0; i < posterStrips; i++ {
		cx := sp.bleed + float64(i)*stripW
		sh.Push()
		// local x runs up the strip, local y across it (from its right edge to its left)
		sh.ComposeView(canvas.Identity.Translate(cx+stripW, sp.bleed+3).Rotate(90))
		if err := column(s, sh, 0, stripW-2, stripH-8, 2, []entry{
			{key: "mat_discreetRegional", text: t[7], st: strip, maxLines: 1},
			{key: "regional", text: nbsp(in.Regional.Display), st: stripNumber, latin: true, maxLines: 1},
			{key: "mat_discreetNational", text: t[8], st: strip, maxLines: 1},
			{key: "national", text: nbsp(in.National.Display), st: stripNumber, latin: true, maxLines: 1},
		}); err != nil {
			sh.Pop()
			return nil, "", err
		}
		sh.Pop()
	}
	return []*sheet{sh}, t[0], nil
}
