package email

import (
	"fmt"
	"strings"
)

// palette is the set of colours of one colour scheme. The light palette is
// written inline on every element; the dark one is applied by a
// prefers-color-scheme block in <head> where clients support it. Clients that
// invert colours themselves (Gmail apps, Outlook.com) get mid-to-dark tones
// that invert to readable light-on-dark, never pure black or white text.
type palette struct {
	Page   string // background around the 600 px column
	Card   string // background of the column
	Text   string // body text
	Muted  string // footer text, "view online"
	Link   string // links
	Accent string // headings
	Rule   string // borders and thematic breaks
	Code   string // code and table-header background
}

var (
	lightPalette = palette{
		Page: "#f3f1ed", Card: "#ffffff", Text: "#1f2933", Muted: "#52606d",
		Link: "#0b57a4", Accent: "#7a1f3d", Rule: "#d8d3cb", Code: "#f1efeb",
	}
	darkPalette = palette{
		Page: "#121416", Card: "#1c1f22", Text: "#e6e6e6", Muted: "#b4bcc4",
		Link: "#8cc4ff", Accent: "#f2a7c0", Rule: "#3a3f44", Code: "#2a2e33",
	}
)

// typeface is the font stack and line height for a language. Only fonts
// installed on readers' devices: no web fonts, no request to another host.
type typeface struct {
	Family     string
	LineHeight string
}

func typefaceFor(lang string) typeface {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "ar":
		return typeface{"Tahoma,'Segoe UI','Noto Naskh Arabic',Arial,sans-serif", "1.8"}
	case "ur":
		return typeface{"'Noto Nastaliq Urdu','Jameel Noori Nastaleeq',Tahoma,Arial,sans-serif", "2"}
	case "zh":
		return typeface{"'PingFang SC','Microsoft YaHei','Noto Sans SC',Arial,sans-serif", "1.7"}
	case "bn":
		return typeface{"'Noto Sans Bengali',Vrinda,Arial,sans-serif", "1.7"}
	case "pa":
		return typeface{"'Noto Sans Gurmukhi',Raavi,Arial,sans-serif", "1.7"}
	}
	return typeface{"Arial,Helvetica,sans-serif", "1.6"}
}

// styles holds the inline style attribute of every element kind for one
// message (they depend on the text direction and the language's fonts).
type styles struct {
	dir       string // "ltr" or "rtl"
	align     string // "left" or "right": the start side
	Body      string // <body>
	Page      string // outer table cell
	Column    string // the 600 px table
	Top       string // "view online" row
	TopLink   string
	Header    string // title row
	Title     string // <h1> of the title
	Content   string // content cell
	Footer    string // footer cell
	FooterP   string
	FooterA   string
	Preheader string

	Heading    [7]string // by level
	Paragraph  string
	Link       string
	TelLink    string
	List       string
	ListItem   string
	Blockquote string
	Code       string
	Pre        string
	Em         string
	Strong     string
	Del        string
	Hr         string
	Img        string
	Table      string
	Th         string
	Td         string
}

func newStyles(lang, dir string) *styles {
	p, t := lightPalette, typefaceFor(lang)
	start := "left"
	if dir == "rtl" {
		start = "right"
	}
	font := fmt.Sprintf("font-family:%s;", t.Family)
	text := fmt.Sprintf("%sfont-size:16px;line-height:%s;color:%s;text-align:%s;", font, t.LineHeight, p.Text, start)
	s := &styles{dir: dir, align: start}
	s.Body = fmt.Sprintf("margin:0;padding:0;width:100%%;background-color:%s;", p.Page)
	s.Page = fmt.Sprintf("padding:16px 8px;background-color:%s;", p.Page)
	s.Column = "width:100%;max-width:600px;border-collapse:collapse;"
	s.Top = fmt.Sprintf("padding:8px 24px;%sfont-size:13px;line-height:1.5;color:%s;text-align:center;", font, p.Muted)
	s.TopLink = fmt.Sprintf("color:%s;text-decoration:underline;", p.Link)
	s.Header = fmt.Sprintf("padding:24px 24px 8px 24px;background-color:%s;border-top:4px solid %s;", p.Card, p.Accent)
	s.Title = fmt.Sprintf("margin:0;%sfont-size:26px;line-height:1.3;font-weight:700;color:%s;text-align:%s;", font, p.Accent, start)
	s.Content = fmt.Sprintf("padding:8px 24px 24px 24px;background-color:%s;%s", p.Card, text)
	s.Footer = fmt.Sprintf("padding:16px 24px 24px 24px;%sfont-size:13px;line-height:1.5;color:%s;text-align:%s;", font, p.Muted, start)
	s.FooterP = fmt.Sprintf("margin:0 0 8px 0;%sfont-size:13px;line-height:1.5;color:%s;text-align:%s;", font, p.Muted, start)
	s.FooterA = fmt.Sprintf("color:%s;text-decoration:underline;", p.Link)
	s.Preheader = "display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;"

	sizes := [7]string{"", "24px", "20px", "18px", "16px", "16px", "16px"}
	for level := 1; level <= 6; level++ {
		s.Heading[level] = fmt.Sprintf("margin:24px 0 8px 0;%sfont-size:%s;line-height:1.3;font-weight:700;color:%s;text-align:%s;",
			font, sizes[level], p.Accent, start)
	}
	s.Paragraph = "margin:0 0 16px 0;" + text
	s.Link = fmt.Sprintf("color:%s;text-decoration:underline;", p.Link)
	s.TelLink = fmt.Sprintf("color:%s;text-decoration:underline;font-weight:700;white-space:nowrap;", p.Link)
	s.List = fmt.Sprintf("margin:0 0 16px 0;padding:0;padding-%s:24px;", start)
	s.ListItem = "margin:0 0 8px 0;" + text
	s.Blockquote = fmt.Sprintf("margin:0 0 16px 0;padding:4px 16px;border-%s:4px solid %s;color:%s;", start, p.Accent, p.Text)
	s.Code = fmt.Sprintf("font-family:Menlo,Consolas,'Courier New',monospace;font-size:14px;background-color:%s;color:%s;padding:1px 4px;", p.Code, p.Text)
	s.Pre = fmt.Sprintf("margin:0 0 16px 0;padding:12px;font-family:Menlo,Consolas,'Courier New',monospace;font-size:14px;line-height:1.5;"+
		"white-space:pre-wrap;background-color:%s;color:%s;direction:ltr;text-align:left;", p.Code, p.Text)
	s.Em = "font-style:italic;"
	s.Strong = "font-weight:700;"
	s.Del = "text-decoration:line-through;"
	s.Hr = fmt.Sprintf("border:0;border-top:1px solid %s;height:0;margin:24px 0;", p.Rule)
	// A white plate under every image: charts drawn in black on a
	// transparent background stay readable when a client darkens the page.
	s.Img = fmt.Sprintf("display:block;width:100%%;max-width:552px;height:auto;border:0;outline:none;background-color:%s;", lightPalette.Card)
	s.Table = "width:100%;margin:0 0 16px 0;border-collapse:collapse;"
	cell := fmt.Sprintf("padding:6px 8px;%sfont-size:15px;line-height:1.4;color:%s;", font, p.Text)
	s.Th = cell + fmt.Sprintf("font-weight:700;background-color:%s;border-bottom:2px solid %s;", p.Code, p.Accent)
	s.Td = cell + fmt.Sprintf("border-bottom:1px solid %s;", p.Rule)
	return s
}

// darkCSS is the prefers-color-scheme block for <head>. It is an enhancement
// only: every element already carries its light colours inline, and the
// content reads the same without it.
func darkCSS() string {
	d := darkPalette
	var b strings.Builder
	b.WriteString(":root{color-scheme:light dark;supported-color-schemes:light dark;}\n")
	b.WriteString("@media (prefers-color-scheme: dark){\n")
	fmt.Fprintf(&b, "body,.em-page{background-color:%s !important;}\n", d.Page)
	fmt.Fprintf(&b, ".em-card{background-color:%s !important;color:%s !important;}\n", d.Card, d.Text)
	fmt.Fprintf(&b, ".em-card p,.em-card li,.em-card td,.em-card blockquote,.em-card code,.em-card pre{color:%s !important;}\n", d.Text)
	fmt.Fprintf(&b, ".em-card h1,.em-card h2,.em-card h3,.em-card h4,.em-card h5,.em-card h6,.em-card th{color:%s !important;}\n", d.Accent)
	fmt.Fprintf(&b, ".em-card th,.em-card code,.em-card pre{background-color:%s !important;}\n", d.Code)
	fmt.Fprintf(&b, ".em-card td,.em-card hr{border-color:%s !important;}\n", d.Rule)
	fmt.Fprintf(&b, ".em-muted,.em-muted p{color:%s !important;}\n", d.Muted)
	fmt.Fprintf(&b, "a,.em-card a,.em-muted a{color:%s !important;}\n", d.Link)
	b.WriteString("}\n")
	return b.String()
}
