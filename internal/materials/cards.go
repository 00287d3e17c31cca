package materials

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/tdewolff/canvas"
)

// The colours: black and a dark blue on white, and white on the dark blue. Everything
// also reads in black and white (contrast_test.go checks the pairs in greyscale).
var (
	ink   = canvas.Paint{Color: canvas.Black}
	paper = canvas.Paint{Color: canvas.White}
	band  = canvas.Paint{Color: color.RGBA{0x1b, 0x36, 0x5d, 0xff}}
)

// The card: 85 × 55 mm, a 3 mm bleed, text at least 4 mm inside the trim.
const (
	cardW, cardH = 85.0, 55.0
	cardBleed    = 3.0
	cardSafe     = 4.0
	cardMinPt    = 7.0
	qrCardSize   = 22.0
)

// card draws the two sides of a card. The discreet card has the same numbers and layout
// but only neutral words, and no web address: the address names the project.
func card(s *setter, in Input, l Language, discreet bool) ([]*sheet, string, error) {
	get := l.texts
	titleKey, regionalKey, nationalKey := "mat_cardTitle", "line_regional", "line_national"
	if discreet {
		if err := checkDiscreet(l); err != nil {
			return nil, "", err
		}
		titleKey, regionalKey, nationalKey = "mat_discreetTitle", "mat_discreetRegional", "mat_discreetNational"
	}
	t, err := get(titleKey, regionalKey, nationalKey, "mat_cardNational", "line_emergency", "helplinesNote")
	if err != nil {
		return nil, "", err
	}
	W, H := cardW+2*cardBleed, cardH+2*cardBleed
	x0, x1 := cardBleed+cardSafe, W-cardBleed-cardSafe
	top, bottom := H-cardBleed-cardSafe, cardBleed+cardSafe
	label := style{size: 7.5, minSize: cardMinPt, color: ink}
	number := style{size: 17, minSize: 14, bold: true, color: ink}

	// front: the title on a band that bleeds off the top, then the numbers
	front := page(PocketCard)
	bandBottom := H - cardBleed - 10
	front.SetFillColor(band.Color)
	front.DrawPath(0, bandBottom, canvas.Rectangle(W, H-bandBottom))
	if err := column(s, front, x0, H-cardBleed-1.5, x1-x0, bandBottom+1, []entry{
		{key: titleKey, text: t[0], st: style{size: 9, minSize: cardMinPt, bold: true, color: paper}, maxLines: 2},
	}); err != nil {
		return nil, "", err
	}
	if err := column(s, front, x0, bandBottom-1.5, x1-x0, bottom, []entry{
		{key: regionalKey, text: t[1], st: label, maxLines: 2},
		{key: "regional", text: nbsp(in.Regional.Display), st: number, latin: true, maxLines: 1},
		{key: nationalKey, text: t[2], st: label, gap: 1, maxLines: 2},
		{key: "national", text: nbsp(in.National.Display), st: number, latin: true, maxLines: 1},
		{key: "mat_cardNational", text: t[3], st: label, maxLines: 2},
		{key: "line_emergency", text: t[4] + " " + nbsp(in.Emergency.Display), st: style{size: 10, minSize: 8, bold: true, color: ink}, gap: 1.2, maxLines: 1},
		{key: "helplinesNote", text: t[5], st: label, gap: 0.5, maxLines: 2},
	}); err != nil {
		return nil, "", err
	}

	// back: what happens when you call, the QR code to the help page and its address
	back := page(PocketCard)
	if discreet {
		b, err := get("mat_discreetBack", "mat_learn")
		if err != nil {
			return nil, "", err
		}
		if err := column(s, back, x0, top, x1-x0, bottom, []entry{
			{key: "mat_discreetBack", text: b[0], st: style{size: 9, minSize: cardMinPt, color: ink}},
			{key: "mat_learn", text: b[1], st: style{size: 8, minSize: cardMinPt, bold: true, color: ink}, gap: 3},
		}); err != nil {
			return nil, "", err
		}
		return []*sheet{front, back}, t[0], nil
	}
	b, err := get("mat_callHeading", "mat_call1", "mat_call2", "mat_call3", "mat_learn")
	if err != nil {
		return nil, "", err
	}
	address := strings.TrimPrefix(strings.TrimPrefix(l.HelpURL, "https://"), "http://")
	addressH := 4.0
	if err := column(s, back, x0, bottom+addressH, x1-x0, bottom, []entry{
		{key: "help page address", text: address, st: style{size: 7.5, minSize: cardMinPt, color: ink, center: true}, latin: true, maxLines: 1},
	}); err != nil {
		return nil, "", err
	}
	qrX := x1 - qrCardSize
	textX := x0
	if s.rtl {
		qrX, textX = x0, x0+qrCardSize+3
	}
	if err := drawQR(back.Context, l.HelpURL, qrX, top-qrCardSize, qrCardSize); err != nil {
		return nil, "", fmt.Errorf("materials: %s: QR code: %w", l.Code, err)
	}
	small := style{size: 7.5, minSize: cardMinPt, color: ink}
	if err := column(s, back, textX, top, x1-x0-qrCardSize-3, bottom+addressH+1, []entry{
		{key: "mat_callHeading", text: b[0], st: style{size: 8.5, minSize: cardMinPt, bold: true, color: ink}},
		{key: "mat_call1", text: b[1], st: small, gap: 0.8},
		{key: "mat_call2", text: b[2], st: small, gap: 0.8},
		{key: "mat_call3", text: b[3], st: small, gap: 0.8},
		{key: "mat_learn", text: b[4], st: style{size: 7.5, minSize: cardMinPt, bold: true, color: ink}, gap: 2},
	}); err != nil {
		return nil, "", err
	}
	return []*sheet{front, back}, t[0], nil
}
