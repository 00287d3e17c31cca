package email

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// chartFixture is the message of fixture(lang) with the body of
// testdata/chart-LANG.md, numbers written as the portal writes them and the
// note that explains "c".
func chartFixture(t *testing.T, lang string) Message {
	t.Helper()
	m := fixture(t, lang)
	md, err := os.ReadFile(filepath.Join("testdata", "chart-"+lang+".md"))
	if err != nil {
		t.Fatal(err)
	}
	m.Markdown = md
	switch lang {
	case "it":
		m.FormatNumber = func(n int) string { return groupThousands(n, ".") }
		m.Labels.HiddenNote = "c = dato riservato: per proteggere le persone, i numeri di persone più piccoli di 5 non sono pubblicati."
	case "ar":
		m.FormatNumber = func(n int) string { return groupThousands(n, ",") }
		m.Labels.HiddenNote = "c = بيانات سرية: لحماية الأشخاص، لا تُنشر أعداد الأشخاص الأقل من 5."
	}
	return m
}

func groupThousands(n int, sep string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

func TestChartGolden(t *testing.T) {
	for _, lang := range []string{"it", "ar"} {
		t.Run(lang, func(t *testing.T) {
			m := chartFixture(t, lang)
			h, err := HTML(m)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "chart-"+lang+".html", h)
			txt, err := Text(m)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "chart-"+lang+".txt", txt)
		})
	}
}

// chartRows returns, for every bar row of the HTML, the width of its coloured
// cell in percent (0 for none, -1 for a hidden stub) and the value printed.
func chartRows(t *testing.T, h string) (widths []int, values []string) {
	t.Helper()
	row := regexp.MustCompile(`(?s)<td width="47%" aria-hidden="true"[^>]*>(.*?)</td>\n<td width="15%"[^>]*>([^<]*)</td>`)
	for _, m := range row.FindAllStringSubmatch(h, -1) {
		w := 0
		switch bar := regexp.MustCompile(`<td width="(\d+)%" height="18" bgcolor=`).FindStringSubmatch(m[1]); {
		case strings.Contains(m[1], "dashed"):
			w = -1
		case bar != nil:
			w, _ = strconv.Atoi(bar[1])
		}
		widths = append(widths, w)
		values = append(values, m[2])
	}
	return widths, values
}

func TestChartHTML(t *testing.T) {
	h, err := HTML(chartFixture(t, "it"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	widths, values := chartRows(t, s)
	// 28 is the longest (100%), 9 is 32%; hidden is a stub; 0 has no bar; 2.651 is
	// the longest of the second chart; 1 gets the 2% minimum.
	wantW := []int{100, 32, -1, 0, 100, 3, 2}
	wantV := []string{"28", "9", "c", "0", "2.651", "89", "1"}
	if fmt.Sprint(widths) != fmt.Sprint(wantW) {
		t.Errorf("bar widths = %v, want %v", widths, wantW)
	}
	if strings.Join(values, "|") != strings.Join(wantV, "|") {
		t.Errorf("values = %q, want %q", values, wantV)
	}
	for _, want := range []string{
		`<caption align="top" style="`,
		`>Casi gestiti dal numero verde regionale, gennaio–giugno 2012</caption>`,
		`<td width="38%" align="left" style="`,
		`>Sfruttamento sessuale</td>`,
		`bgcolor="#3d7cc9"`,
		`border:2px dashed #707c89 !important;`,
		`<table role="presentation" dir="ltr"`,
		`c = dato riservato: per proteggere le persone`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	if strings.Count(s, "c = dato riservato") != 1 {
		t.Error("the note on c must follow only the chart with a hidden value")
	}
	if strings.Contains(s, "```") || strings.Contains(s, "<pre") || strings.Contains(s, "| 28") {
		t.Error("the chart block was also printed as code")
	}
	if strings.Contains(s, "<img") || strings.Contains(s, "background-image") {
		t.Error("the chart must not depend on images")
	}
}

func TestChartHTMLRightToLeft(t *testing.T) {
	h, err := HTML(chartFixture(t, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	for _, want := range []string{
		`<table dir="rtl" width="100%"`,
		`<table role="presentation" dir="rtl"`,
		`<td width="38%" align="right" style="`,
		`<td width="15%" align="right" style="`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
}

func TestChartText(t *testing.T) {
	txt, err := Text(chartFixture(t, "it"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	for _, line := range strings.Split(s, "\n") {
		if stringWidth(line) > textWidth && !strings.Contains(line, "://") {
			t.Errorf("line over %d columns (%d): %q", textWidth, stringWidth(line), line)
		}
	}
	lines := strings.Split(s, "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no line starting %q:\n%s", prefix, s)
		return ""
	}
	sexual, hidden, zero := find("Sfruttamento sessuale "), find("Elemosina forzata "), find("Nessun caso ")
	other := find("Altre forme di sfruttamento")
	// Bars start in one column, after the widest label line (wrapped at 30).
	col := strings.Index(sexual, textBar)
	for _, l := range []string{other, hidden, zero} {
		if i := strings.IndexAny(l, "█░0"); stringWidth(l[:i]) != stringWidth(sexual[:col]) {
			t.Errorf("%q: bar not in the column of %q", l, sexual)
		}
	}
	n28, n9 := strings.Count(sexual, textBar), strings.Count(other, textBar)
	if n28 == 0 || n9 == 0 || abs(float64(n9)/float64(n28)-9.0/28) > 0.05 {
		t.Errorf("bars of %d and %d blocks are not in the ratio 9:28", n28, n9)
	}
	if !strings.HasSuffix(sexual, " 28") || !strings.HasSuffix(other, " 9") || !strings.HasSuffix(hidden, "░░ c") || !strings.HasSuffix(zero, "  0") {
		t.Errorf("values:\n%s\n%s\n%s\n%s", sexual, other, hidden, zero)
	}
	if one := find("Una persona "); !strings.HasSuffix(one, "  █ 1") {
		t.Errorf("a value of 1 must show one block: %q", one)
	}
	if !strings.Contains(s, "\n(gruppi piccoli riuniti per\n") && !strings.Contains(s, "\nproteggere le persone)\n") {
		t.Errorf("the long label is not wrapped in its column:\n%s", s)
	}
	if !strings.Contains(s, "2.651") || !strings.Contains(s, "c = dato riservato:") {
		t.Errorf("number format or note missing:\n%s", s)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestChartTextRightToLeft(t *testing.T) {
	txt, err := Text(chartFixture(t, "ar"))
	if err != nil {
		t.Fatal(err)
	}
	var chart []string
	for _, l := range strings.Split(string(txt), "\n") {
		if strings.HasPrefix(l, rlm) {
			chart = append(chart, l)
		}
	}
	// The title, four bars and the note, each starting with RLM, the Latin label too.
	if len(chart) != 6 || !strings.HasPrefix(chart[4], rlm+"Drop-in ") {
		t.Errorf("RTL chart lines = %q", chart)
	}
}

func TestChartTextStacksLongWords(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("```chart\nT\nPneumonoultramicroscopicsilicovolcanoconiosis | 10\nB | 5\n```\n")
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	if !strings.Contains(s, "\nPneumonoultramicroscopicsilicovolcanoconiosis\n  ████") || !strings.Contains(s, "\nB\n  ███") {
		t.Errorf("a label too wide for the column should stack the bars:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		if stringWidth(line) > textWidth && !strings.Contains(line, "://") {
			t.Errorf("line over 72 columns: %q", line)
		}
	}
}

func TestChartInsideQuoteKeepsWidth(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("> ```chart\n> Titolo\n> Una voce piuttosto lunga da leggere | 123456\n> Breve | 7\n> ```\n")
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, line := range strings.Split(string(txt), "\n") {
		if strings.HasPrefix(line, "> ") {
			got++
			if stringWidth(line) > textWidth {
				t.Errorf("quoted chart line over 72 columns: %q", line)
			}
		}
	}
	if got != 4 {
		t.Errorf("%d quoted lines, want the title and three lines of bars:\n%s", got, txt)
	}
}

func TestChartErrors(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("Testo.\n\n```chart\nTitolo\nSessuale | 28\nLavoro 5\n```\n\n![](a.png)\n\n```chart\n```\n\n- voce\n\n  ```chart\n  Titolo\n  A | 2.651\n  ```\n")
	for name, render := range map[string]func(Message) ([]byte, error){"HTML": HTML, "Text": Text} {
		out, err := render(m)
		if err == nil || out != nil {
			t.Fatalf("%s: got output and %v", name, err)
		}
		var charts []*BlockError
		var alts []*MissingAltError
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var c *BlockError
			var a *MissingAltError
			switch {
			case errors.As(e, &c):
				charts = append(charts, c)
			case errors.As(e, &a):
				alts = append(alts, a)
			}
		}
		if len(alts) != 1 || len(charts) != 3 {
			t.Fatalf("%s: %v", name, err)
		}
		want := []string{
			`markdown:6: chart block: "Lavoro 5" is not a bar`,
			`markdown:12: chart block: the chart is empty`,
			`markdown:18: chart block: "A | 2.651": write the value 2.651 with digits only, without separators: 2651`,
		}
		for i, c := range charts {
			if !strings.HasPrefix(c.Error(), want[i]) {
				t.Errorf("%s: error %d = %q, want %q", name, i, c.Error(), want[i])
			}
		}
	}
}

func TestChartWithoutFormatter(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("```chart\nT\nA | 2651\nB | c\n```\n")
	h, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), ">2651</td>") {
		t.Error("without FormatNumber values are plain digits")
	}
	if strings.Contains(string(h), "dato riservato") {
		t.Error("a note without Labels.HiddenNote")
	}
}

// FuzzChartBlock renders any chart block: HTML and text agree on whether it is
// valid, a bad one is a *BlockError on a line inside the block, and a good
// one's text stays within 72 columns when no word of it is wider than 40.
func FuzzChartBlock(f *testing.F) {
	for _, s := range []string{
		"Titolo\nA | 28\nB | 9\nC | c\n",
		"标题\n性剥削 | 28\n劳动剥削 | c\n",
		"عنوان\nأخرى | 9\nDrop-in | 2651\n",
		"T\nA 3\n",
		"T\n" + strings.Repeat("parola ", 20) + "| 999999999999\n",
	} {
		f.Add(s)
	}
	base := Message{
		Lang: "it", Dir: "ltr", Title: "T", Preheader: "P",
		WebURL: "https://contratto.example/n/", Unsubscribe: "mailto:u@contratto.example",
		PortalBaseURL: "https://contratto.example/", Campaign: "2012-06",
		Labels: Labels{ViewOnline: "v", Unsubscribe: "u", WhyReceiving: "w", Links: "l", HiddenNote: "c = riservato"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsAny(src, "`~") {
			return // would close or reopen the fence
		}
		m := base
		m.Markdown = []byte("Testo.\n\n```chart\n" + src + "\n```\n")
		h, herr := HTML(m)
		txt, terr := Text(m)
		if (herr == nil) != (terr == nil) {
			t.Fatalf("HTML: %v; Text: %v", herr, terr)
		}
		if herr != nil {
			var c *BlockError
			if !errors.As(herr, &c) {
				return // not about the chart (e.g. an invalid byte the validator refuses)
			}
			if last := 3 + strings.Count(src, "\n") + 1; c.Line < 4 || c.Line > last {
				t.Fatalf("error on line %d, outside the block (lines 4–%d): %v", c.Line, last, c)
			}
			return
		}
		if !utf8Valid(h) {
			t.Fatal("HTML is not UTF-8")
		}
		for _, word := range strings.Fields(src) {
			if stringWidth(word) > 40 {
				return
			}
		}
		for _, line := range strings.Split(string(txt), "\n") {
			if stringWidth(line) > textWidth && !strings.Contains(line, "://") {
				t.Fatalf("line over 72 columns: %q", line)
			}
		}
	})
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }
