package email

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// everyKind is Markdown with one of each node kind the renderer styles.
const everyKind = `# Titolo uno

## Titolo due

### Titolo tre

Un paragrafo con *enfasi*, **forte**, ~~barrato~~, ` + "`codice`" + ` e un [link](https://contratto.example/aiuto/).

- voce uno
- voce due

1. primo
2. secondo

> una citazione

` + "```\nblocco di codice\n```" + `

---

| Colonna | Numero |
|---|---:|
| a | 1 |

![Grafico dei casi](https://contratto.example/grafico.png)
`

func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// elements calls f for every element under n.
func elements(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
		}
		elements(c, f)
	}
}

func find(n *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	elements(n, func(e *html.Node) {
		if pred(e) {
			out = append(out, e)
		}
	})
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestInlineStyleOnEveryNodeKind(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte(everyKind)
	out, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, out)
	content := find(doc, func(n *html.Node) bool { return n.Data == "td" && hasClass(n, "em-card") })
	if len(content) != 2 {
		t.Fatalf("found %d em-card cells, want 2 (title, content)", len(content))
	}
	want := map[string]string{
		"h1": "font-size:24px", "h2": "font-size:20px", "h3": "font-size:18px", "p": "margin:0 0 16px 0",
		"em": "font-style:italic", "strong": "font-weight:700", "del": "line-through", "code": "monospace",
		"a": "color:#0b57a4", "ul": "padding-left:24px", "ol": "padding-left:24px", "li": "margin:0 0 8px 0",
		"blockquote": "border-left:4px solid", "pre": "white-space:pre-wrap", "hr": "border-top:1px solid",
		"table": "border-collapse:collapse", "th": "font-weight:700", "td": "border-bottom:1px solid",
		"img": "max-width:552px",
	}
	seen := map[string]bool{}
	elements(content[1], func(n *html.Node) {
		wantStyle, ok := want[n.Data]
		if !ok {
			return
		}
		style, _ := attr(n, "style")
		if n.Data == "code" && n.Parent.Data == "pre" {
			return // the <pre> carries the code block's style
		}
		seen[n.Data] = true
		if !strings.Contains(style, wantStyle) {
			t.Errorf("<%s style=%q>: want %q in the style", n.Data, style, wantStyle)
		}
	})
	for tag := range want {
		if !seen[tag] {
			t.Errorf("no <%s> rendered from everyKind", tag)
		}
	}
	if th := find(content[1], func(n *html.Node) bool { return n.Data == "th" }); len(th) == 2 {
		if s, _ := attr(th[1], "style"); !strings.Contains(s, "text-align:right") {
			t.Errorf("right-aligned column header: style %q", s)
		}
	}
}

// TestNoStyleDependence checks that the content does not need the <style>
// block: every element in the body that draws something has its own style
// attribute, and the <style> block holds only the dark-mode enhancement.
func TestNoStyleDependence(t *testing.T) {
	for _, lang := range []string{"it", "ar"} {
		m := fixture(t, lang)
		m.Markdown = append(m.Markdown, "\n\n"+everyKind...)
		out, err := HTML(m)
		if err != nil {
			t.Fatal(err)
		}
		doc := parseHTML(t, out)
		structural := map[string]bool{"tr": true, "thead": true, "tbody": true, "bdi": true, "br": true}
		body := find(doc, func(n *html.Node) bool { return n.Data == "body" })[0]
		if _, ok := attr(body, "style"); !ok {
			t.Errorf("%s: <body> has no style", lang)
		}
		elements(body, func(n *html.Node) {
			if structural[n.Data] || (n.Data == "code" && n.Parent.Data == "pre") {
				return
			}
			if s, ok := attr(n, "style"); !ok || s == "" {
				t.Errorf("%s: <%s> (text %q) has no inline style", lang, n.Data, textOf(n))
			}
		})
		for _, s := range find(doc, func(n *html.Node) bool { return n.Data == "style" }) {
			css := strings.Split(strings.TrimSpace(textOf(s)), "\n")
			if len(css) < 3 || !strings.HasPrefix(css[0], ":root{") ||
				css[1] != "@media (prefers-color-scheme: dark){" || css[len(css)-1] != "}" {
				t.Errorf("%s: <style> holds more than the dark-mode block:\n%s", lang, css)
			}
		}
		// The document frame the clients need.
		for _, meta := range []string{`<meta name="color-scheme" content="light dark">`, `<meta name="supported-color-schemes" content="light dark">`} {
			if !bytes.Contains(out, []byte(meta)) {
				t.Errorf("%s: missing %s", lang, meta)
			}
		}
		if !bytes.HasPrefix(out, []byte("<!DOCTYPE html>\n")) {
			t.Errorf("%s: no doctype", lang)
		}
		column := find(doc, func(n *html.Node) bool { w, _ := attr(n, "width"); return n.Data == "table" && w == "600" })
		if len(column) != 1 {
			t.Errorf("%s: want one 600 px table, got %d", lang, len(column))
		} else if r, _ := attr(column[0], "role"); r != "presentation" {
			t.Errorf("%s: the layout table has role %q", lang, r)
		}
		pre := find(doc, func(n *html.Node) bool {
			s, _ := attr(n, "style")
			return n.Data == "div" && strings.Contains(s, "display:none")
		})
		if len(pre) != 1 || !strings.HasPrefix(textOf(pre[0]), m.Preheader+"\u200c\u00a0") {
			t.Errorf("%s: hidden preheader missing or not padded", lang)
		}
		// Raw HTML in the Markdown is not rendered.
		if lang == "it" && (bytes.Contains(out, []byte("<b>")) || !bytes.Contains(out, []byte("raw HTML omitted"))) {
			t.Errorf("%s: raw HTML from the Markdown was rendered", lang)
		}
	}
}

func TestUTMOnPortalLinksOnly(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte(`[portale](https://contratto.example/aiuto/?b=2&a=1#numeri)
[portale maiuscolo](HTTPS://Contratto.Example/x)
[relativo](/aiuto/)
[altro sito](https://www.regione.toscana.it/?a=1)
[telefono](tel:800186086)
[posta](mailto:info@contratto.example)
<info@contratto.example>
https://contratto.example/nude
[ancora](#sopra)
`)
	out, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	hrefs := map[string]string{}
	for _, a := range find(parseHTML(t, out), func(n *html.Node) bool { return n.Data == "a" }) {
		h, _ := attr(a, "href")
		hrefs[textOf(a)] = h
	}
	tags := "utm_campaign=2012-06&utm_medium=email&utm_source=newsletter"
	want := map[string]string{
		"portale":                        "https://contratto.example/aiuto/?a=1&b=2&" + tags + "#numeri",
		"portale maiuscolo":              "https://Contratto.Example/x?" + tags,
		"relativo":                       "https://contratto.example/aiuto/?" + tags,
		"altro sito":                     "https://www.regione.toscana.it/?a=1",
		"telefono":                       "tel:800186086",
		"posta":                          "mailto:info@contratto.example",
		"info@contratto.example":         "mailto:info@contratto.example",
		"https://contratto.example/nude": "https://contratto.example/nude?" + tags,
		"ancora":                         "#sopra",
		m.Labels.ViewOnline:              m.WebURL + "?" + tags,
		m.Labels.Unsubscribe:             m.Unsubscribe,
		"800 186 086":                    "tel:800186086",
		"800 290 290":                    "tel:800290290",
	}
	for text, href := range want {
		if hrefs[text] != href {
			t.Errorf("link %q: href %q, want %q", text, hrefs[text], href)
		}
	}

	// The text version carries the same URLs.
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"portale", "relativo", "altro sito", "telefono", "posta"} {
		if !bytes.Contains(txt, []byte("] "+want[text]+"\n")) {
			t.Errorf("text version lacks footnote %s", want[text])
		}
	}
	if bytes.Contains(txt, []byte("#sopra")) {
		t.Error("text version has a footnote for an in-page anchor")
	}
}

func TestLinkTagger(t *testing.T) {
	tg, err := newLinkTagger("https://contratto.example/", "2012-06")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"https://contratto.example/?utm_source=x": "https://contratto.example/?utm_campaign=2012-06&utm_medium=email&utm_source=newsletter",
		"http://contratto.example:8080/a":         "http://contratto.example:8080/a?utm_campaign=2012-06&utm_medium=email&utm_source=newsletter",
		"https://contratto.example.evil/a":        "https://contratto.example.evil/a",
		"ftp://contratto.example/a":               "ftp://contratto.example/a",
		"tel:112":                                 "tel:112",
		"javascript:alert(1)":                     "javascript:alert(1)",
	} {
		if got := tg.link(in); got != want {
			t.Errorf("link(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkTaggerUnderASubPath(t *testing.T) {
	tg, err := newLinkTagger("https://www.example.org/contratto/", "2012-06")
	if err != nil {
		t.Fatal(err)
	}
	tags := "?utm_campaign=2012-06&utm_medium=email&utm_source=newsletter"
	for in, want := range map[string]string{
		"/contratto/notizie/x/":                  "https://www.example.org/contratto/notizie/x/" + tags,
		"notizie/x/":                             "https://www.example.org/contratto/notizie/x/" + tags,
		"https://www.example.org/contratto":      "https://www.example.org/contratto" + tags,
		"https://www.example.org/contratto/en/":  "https://www.example.org/contratto/en/" + tags,
		"https://www.example.org/altro/":         "https://www.example.org/altro/",
		"https://www.example.org/contrattolibro": "https://www.example.org/contrattolibro",
		"/":                                      "https://www.example.org/",
	} {
		if got := tg.link(in); got != want {
			t.Errorf("link(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRTL(t *testing.T) {
	out, err := HTML(fixture(t, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, out)
	root := find(doc, func(n *html.Node) bool { return n.Data == "html" })[0]
	if l, _ := attr(root, "lang"); l != "ar" {
		t.Errorf("<html lang=%q>", l)
	}
	if d, _ := attr(root, "dir"); d != "rtl" {
		t.Errorf("<html dir=%q>", d)
	}
	for _, tbl := range find(doc, func(n *html.Node) bool { return n.Data == "table" }) {
		if d, _ := attr(tbl, "dir"); d != "rtl" {
			t.Errorf("a <table> has dir=%q", d)
		}
	}
	for _, n := range find(doc, func(n *html.Node) bool { return n.Data == "p" || n.Data == "h2" }) {
		if s, _ := attr(n, "style"); !strings.Contains(s, "text-align:right") {
			t.Errorf("<%s> %q is not aligned right: %s", n.Data, textOf(n), s)
		}
	}
	// Every phone number, linked or not, sits in an LTR isolate.
	isolated := map[string]bool{}
	for _, b := range find(doc, func(n *html.Node) bool { return n.Data == "bdi" }) {
		if d, _ := attr(b, "dir"); d == "ltr" {
			isolated[textOf(b)] = true
		}
	}
	for _, num := range []string{"800 290 290", "800 186 086", "112"} {
		if !isolated[num] {
			t.Errorf("%q is not in a <bdi dir=\"ltr\">", num)
		}
	}
	if !strings.Contains(string(out), `<th scope="col" align="right"`) {
		t.Error("the start column of the RTL table is not aligned right")
	}
	txt, err := Text(fixture(t, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), lri+"800 186 086"+pdi) || !strings.Contains(string(txt), lri+"800 290 290"+pdi+" [2]") {
		t.Errorf("text version does not isolate phone numbers:\n%s", txt)
	}
}

func TestPhoneRuns(t *testing.T) {
	for in, want := range map[string][]string{
		"chiama 800 186 086 oppure 800 290 290.": {"800 186 086", "800 290 290"},
		"+39 055 1234":                           {"+39 055 1234"},
		"nel 2012 28 casi":                       nil,
		"112":                                    nil,
		"2.651 contatti, 1 2 3":                  nil,
		"x800 186 086":                           {"800 186 086"},
	} {
		var got []string
		for _, r := range phoneRuns(in) {
			got = append(got, in[r[0]:r[1]])
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("phoneRuns(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContrast keeps the palettes readable: WCAG 2 contrast of at least
// 4.5:1 for text on its background, in both schemes.
func TestContrast(t *testing.T) {
	for name, p := range map[string]palette{"light": lightPalette, "dark": darkPalette} {
		pairs := [][3]string{
			{"text on card", p.Text, p.Card}, {"link on card", p.Link, p.Card}, {"accent on card", p.Accent, p.Card},
			{"muted on page", p.Muted, p.Page}, {"link on page", p.Link, p.Page}, {"text on code", p.Text, p.Code},
			{"accent on code", p.Accent, p.Code},
		}
		for _, pr := range pairs {
			if c := contrast(pr[1], pr[2]); c < 4.5 {
				t.Errorf("%s: %s %s on %s has contrast %.2f, want ≥ 4.5", name, pr[0], pr[1], pr[2], c)
			}
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func TestImagesKeepAltAndAbsoluteSource(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("![Logo della rete](/img/logo.png \"ConTratTo\")\n")
	out, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	img := find(parseHTML(t, out), func(n *html.Node) bool { return n.Data == "img" })
	if len(img) != 1 {
		t.Fatalf("want 1 <img>, got %d", len(img))
	}
	src, _ := attr(img[0], "src")
	alt, _ := attr(img[0], "alt")
	if u, _ := url.Parse(src); src != "https://contratto.example/img/logo.png" || u.RawQuery != "" {
		t.Errorf("src %q: want the absolute URL without UTM tags", src)
	}
	if alt != "Logo della rete" {
		t.Errorf("alt %q", alt)
	}
}
