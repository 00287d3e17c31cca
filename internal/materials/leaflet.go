package materials

import (
	"fmt"
	"strings"

	"github.com/tdewolff/canvas"
)

// leaflet draws the A5 leaflet. Front: the title, the signs of exploitation, "it is not
// your fault", what happens when you call. Back: your rights in brief, the numbers, the QR
// code of the help page and its address. No text is smaller than 10 pt.
func leaflet(s *setter, in Input, l Language) ([]*sheet, string, error) {
	t, err := l.texts("mat_cardTitle", "mat_signsHeading", "mat_sign1", "mat_sign2", "mat_sign3", "mat_sign4", "mat_sign5",
		"mat_notYourFault", "menu_calling", "mat_call1", "mat_call2", "mat_call3")
	if err != nil {
		return nil, "", err
	}
	sp := specs[Leaflet]
	W, H := sp.w+2*sp.bleed, sp.h+2*sp.bleed
	const safe = 10.0
	x0, x1 := sp.bleed+safe, W-sp.bleed-safe
	top, bottom := H-sp.bleed-safe, sp.bleed+safe
	heading := style{size: 15, minSize: 12, bold: true, color: ink}
	body := style{size: 12.5, minSize: sp.minPt, color: ink}

	front := page(Leaflet)
	bandBottom := H - sp.bleed - 32
	front.SetFillColor(band.Color)
	front.DrawPath(0, bandBottom, canvas.Rectangle(W, H-bandBottom))
	if err := column(s, front, x0, H-sp.bleed-6, x1-x0, bandBottom+3, []entry{
		{key: "mat_cardTitle", text: t[0], st: style{size: 20, minSize: 14, bold: true, color: paper}, maxLines: 3},
	}); err != nil {
		return nil, "", err
	}
	entries := []entry{{key: "mat_signsHeading", text: t[1], st: heading}}
	for i := 0; i < 5; i++ {
		entries = append(entries, entry{key: fmt.Sprintf("mat_sign%d", i+1), text: "• " + t[2+i], st: body, gap: 1.5})
	}
	entries = append(entries,
		entry{key: "mat_notYourFault", text: t[7], st: style{size: 13, minSize: 11, bold: true, color: ink}, gap: 5},
		entry{key: "menu_calling", text: t[8], st: heading, gap: 7},
		entry{key: "mat_call1", text: t[9], st: body, gap: 1.5},
		entry{key: "mat_call2", text: t[10], st: body, gap: 1.5},
		entry{key: "mat_call3", text: t[11], st: body, gap: 1.5},
	)
	if err := column(s, front, x0, bandBottom-8, x1-x0, bottom, entries); err != nil {
		return nil, "", err
	}

	b, err := l.texts("mat_rightsHeading", "mat_rights1", "mat_rights2", "mat_rights3",
		"line_regional", "line_national", "mat_cardNational", "line_emergency", "helplinesNote")
	if err != nil {
		return nil, "", err
	}
	back := page(Leaflet)
	const qr = 32.0
	address := strings.TrimPrefix(strings.TrimPrefix(l.HelpURL, "https://"), "http://")
	if err := column(s, back, x0, top, x1-x0, top-95, []entry{
		{key: "mat_rightsHeading", text: b[0], st: heading},
		{key: "mat_rights1", text: b[1], st: body, gap: 2},
		{key: "mat_rights2", text: b[2], st: body, gap: 2},
		{key: "mat_rights3", text: b[3], st: body, gap: 2},
	}); err != nil {
		return nil, "", err
	}
	// the numbers, on a rule, and the QR code beside them
	back.SetFillColor(band.Color)
	back.DrawPath(x0, top-100, canvas.Rectangle(x1-x0, 1.2))
	numX, qrX := x0, x1-qr
	if s.rtl {
		numX, qrX = x0+qr+5, x0
	}
	number := style{size: 26, minSize: 22, bold: true, color: ink}
	label := style{size: 11, minSize: sp.minPt, color: ink}
	if err := column(s, back, numX, top-105, x1-x0-qr-5, bottom, []entry{
		{key: "line_regional", text: b[4], st: label, maxLines: 2},
		{key: "regional", text: nbsp(in.Regional.Display), st: number, latin: true, maxLines: 1},
		{key: "line_national", text: b[5], st: label, gap: 3, maxLines: 2},
		{key: "national", text: nbsp(in.National.Display), st: number, latin: true, maxLines: 1},
		{key: "mat_cardNational", text: b[6], st: label, maxLines: 2},
		{key: "line_emergency", text: b[7] + " " + nbsp(in.Emergency.Display), st: style{size: 16, minSize: 12, bold: true, color: ink}, gap: 4, maxLines: 1},
		{key: "helplinesNote", text: b[8], st: label, gap: 2, maxLines: 2},
	}); err != nil {
		return nil, "", err
	}
	if err := drawQR(back.Context, l.HelpURL, qrX, top-105-qr, qr); err != nil {
		return nil, "", fmt.Errorf("materials: %s: QR code: %w", l.Code, err)
	}
	if err := column(s, back, x0, bottom+6, x1-x0, bottom, []entry{
		{key: "help page address", text: address, st: style{size: 11, minSize: sp.minPt, color: ink, center: true}, latin: true, maxLines: 1},
	}); err != nil {
		return nil, "", err
	}
	return []*sheet{front, back}, t[0], nil
}
