package email

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	goldenfile "github.com/contratto/portal/internal/golden"
)

// fixture is the message of testdata/LANG.md, as the newsletter command
// would fill it for the 2012-06 issue.
func fixture(t testing.TB, lang string) Message {
	t.Helper()
	md, err := os.ReadFile(filepath.Join("testdata", lang+".md"))
	if err != nil {
		t.Fatal(err)
	}
	m := Message{
		Lang: lang, Dir: "ltr", Markdown: md,
		WebURL:        "https://contratto.example/newsletter/2012-06/",
		Unsubscribe:   "mailto:disiscrizione@contratto.example?subject=unsubscribe",
		PortalBaseURL: "https://contratto.example/",
		Campaign:      "2012-06",
	}
	switch lang {
	case "it":
		m.Title = "ConTratTo, newsletter di giugno 2012"
		m.Preheader = "Un seminario a Livorno e i primi dati del numero verde regionale"
		m.Labels = Labels{
			ViewOnline:   "Leggi la newsletter nel browser",
			Unsubscribe:  "Annulla l'iscrizione",
			WhyReceiving: "Ricevi questa email perché ti sei iscritto alla newsletter mensile di ConTratTo, la rete toscana contro la tratta.",
			Links:        "Link:",
		}
		m.Helplines = []Helpline{
			{Label: "Numero verde regionale antitratta", Number: "800 186 086", Dial: "800186086"},
			{Label: "Numero verde nazionale antitratta", Number: "800 290 290", Dial: "800290290"},
		}
	case "ar":
		m.Dir = "rtl"
		m.Unsubscribe = "{{ UnsubscribeURL }}" // the sending service's one-click endpoint
		m.WebURL = "https://contratto.example/ar/newsletter/2012-06/"
		m.Title = "ConTratTo، النشرة الإخبارية لشهر يونيو 2012"
		m.Preheader = "ندوة في ليفورنو وأولى أرقام الخط الإقليمي المجاني"
		m.Labels = Labels{
			ViewOnline:   "اقرأ النشرة في المتصفح",
			Unsubscribe:  "إلغاء الاشتراك",
			WhyReceiving: "تصلك هذه الرسالة لأنك مشترك في النشرة الشهرية لشبكة ConTratTo في توسكانا ضد الاتجار بالبشر.",
			Links:        "الروابط:",
		}
		m.Helplines = []Helpline{
			{Label: "الخط الإقليمي المجاني", Number: "800 186 086", Dial: "800186086"},
			{Label: "الخط الوطني المجاني لمكافحة الاتجار", Number: "800 290 290", Dial: "800290290"},
		}
	default:
		t.Fatalf("no fixture for %q", lang)
	}
	return m
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Assert(t, filepath.Join("testdata", name), got)
}

func TestGolden(t *testing.T) {
	for _, lang := range []string{"it", "ar"} {
		t.Run(lang, func(t *testing.T) {
			m := fixture(t, lang)
			h, err := HTML(m)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, lang+".html", h)
			txt, err := Text(m)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, lang+".txt", txt)

			h2, _ := HTML(m)
			txt2, _ := Text(m)
			if !bytes.Equal(h, h2) || !bytes.Equal(txt, txt2) {
				t.Error("two renderings of the same message differ")
			}
		})
	}
}

func TestPreheaderLength(t *testing.T) {
	m := fixture(t, "ar")
	m.Preheader = strings.Repeat("ب", MaxPreheaderRunes) // 180 bytes, 90 characters
	if _, err := HTML(m); err != nil {
		t.Fatalf("90 characters must pass: %v", err)
	}
	m.Preheader += "ب"
	for name, render := range map[string]func(Message) ([]byte, error){"HTML": HTML, "Text": Text} {
		_, err := render(m)
		if !errors.Is(err, ErrPreheaderTooLong) {
			t.Fatalf("%s: 91 characters: got %v, want ErrPreheaderTooLong", name, err)
		}
		if !strings.Contains(err.Error(), "91 characters") {
			t.Errorf("%s: error does not give the length: %v", name, err)
		}
	}
}

func TestMissingAltText(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("Intro.\n\nTesto ![](https://contratto.example/a.png) e\n![  ](grafico.png)\n\n![ok](https://contratto.example/b.png)\n")
	for name, render := range map[string]func(Message) ([]byte, error){"HTML": HTML, "Text": Text} {
		out, err := render(m)
		if out != nil {
			t.Errorf("%s: returned output with an error", name)
		}
		var alts []*MissingAltError
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var a *MissingAltError
			if errors.As(e, &a) {
				alts = append(alts, a)
			}
		}
		if len(alts) != 2 {
			t.Fatalf("%s: got %v, want two *MissingAltError", name, err)
		}
		if a := alts[0]; a.Src != "https://contratto.example/a.png" || a.Line != 3 || a.Column != 7 {
			t.Errorf("%s: first error = %+v, want a.png at 3:7", name, *a)
		}
		if a := alts[1]; a.Src != "grafico.png" || a.Line != 4 || a.Column != 1 {
			t.Errorf("%s: second error = %+v, want grafico.png at 4:1", name, *a)
		}
		if !strings.Contains(err.Error(), `image "grafico.png" has no alt text`) {
			t.Errorf("%s: message does not name the image: %v", name, err)
		}
	}
}

func TestSizeBudget(t *testing.T) {
	m := fixture(t, "it")
	var md strings.Builder
	for i := 0; md.Len() < 120_000; i++ {
		fmt.Fprintf(&md, "## [Notizia %d](https://contratto.example/notizie/%d/)\n\n%s\n\n", i, i,
			strings.Repeat("La rete regionale offre protezione e sostegno alle vittime. ", 4))
	}
	m.Markdown = []byte(md.String())
	h, err := HTML(m)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("got %v, want *TooLargeError", err)
	}
	if tooLarge.Size != len(h) || tooLarge.Size <= MaxHTMLBytes || tooLarge.Limit != MaxHTMLBytes {
		t.Errorf("TooLargeError = %+v for %d bytes of HTML", *tooLarge, len(h))
	}
	if !strings.Contains(err.Error(), fmt.Sprint(len(h))) {
		t.Errorf("message does not give the size: %v", err)
	}

	// A realistic 50-item issue stays within the budget.
	m.Markdown = fiftyItems()
	h, err = HTML(m)
	if err != nil {
		t.Fatalf("50 items: %v", err)
	}
	t.Logf("50-item issue: %d bytes of HTML (budget %d)", len(h), MaxHTMLBytes)
}

func TestValidation(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Message)
		want   string
	}{
		{"http unsubscribe", func(m *Message) { m.Unsubscribe = "http://contratto.example/u" }, "must be an https URL"},
		{"script unsubscribe", func(m *Message) { m.Unsubscribe = "javascript:alert(1)" }, "neither a mailto: address nor a one-click endpoint"},
		{"no unsubscribe", func(m *Message) { m.Unsubscribe = "" }, "Unsubscribe is empty"},
		{"quoted unsubscribe", func(m *Message) { m.Unsubscribe = `mailto:a@b" onclick="x` }, "must be a mailto: address"},
		{"relative web URL", func(m *Message) { m.WebURL = "/newsletter/" }, "WebURL \"/newsletter/\" is not absolute"},
		{"bad dir", func(m *Message) { m.Dir = "right" }, `Dir "right" must be "ltr" or "rtl"`},
		{"no campaign", func(m *Message) { m.Campaign = "" }, "Campaign is empty"},
		{"no label", func(m *Message) { m.Labels.Unsubscribe = "" }, "Labels.Unsubscribe is empty"},
		{"empty preheader", func(m *Message) { m.Preheader = " " }, "Preheader is empty"},
		{"bad dial", func(m *Message) { m.Helplines[0].Dial = "800 186 086" }, `Helplines[0].Dial "800 186 086" must be digits`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fixture(t, "it")
			c.change(&m)
			if _, err := HTML(m); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("HTML: got %v, want an error containing %q", err, c.want)
			}
			if _, err := Text(m); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Text: got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// fiftyItems is a realistic issue body: an editorial, 50 items with a
// linked heading, a date line and a two-sentence summary, the statistics
// table with its chart, and the call to action.
func fiftyItems() []byte {
	var b strings.Builder
	b.WriteString("Care lettrici e cari lettori, ecco le notizie del mese dalla rete regionale **ConTratTo**: " +
		"seminari, incontri con i servizi territoriali e i dati del numero verde.\n\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, "## [Incontro della rete regionale n. %d con i servizi territoriali](https://contratto.example/notizie/2012-06-%02d-incontro/)\n\n", i, i)
		fmt.Fprintf(&b, "*%d giugno 2012* · Notizie\n\n", (i%30)+1)
		b.WriteString("Gli operatori delle unità mobili e degli sportelli di ascolto si sono incontrati per condividere procedure " +
			"e strumenti. L'incontro fa parte della formazione continua prevista dal progetto.\n\n")
	}
	b.WriteString("## I numeri: gennaio–giugno 2012\n\n| Casi gestiti | Casi |\n|:---|---:|\n| Sfruttamento sessuale | 28 |\n" +
		"| Altre forme | 9 |\n| **Totale** | **37** |\n\n" +
		"![Grafico a barre dei casi per forma di sfruttamento](https://contratto.example/newsletter/2012-06/grafico.png)\n\n---\n\n" +
		"Hai bisogno di aiuto? Chiama il numero verde regionale [800 186 086](tel:800186086) o il numero verde nazionale " +
		"[800 290 290](tel:800290290). In emergenza chiama il [112](tel:112).\n")
	return []byte(b.String())
}

func BenchmarkHTML(b *testing.B) {
	m := fixture(b, "it")
	m.Markdown = fiftyItems()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		h, err := HTML(m)
		if err != nil {
			b.Fatal(err)
		}
		size = len(h)
	}
	b.ReportMetric(float64(size), "html-bytes")
}

func BenchmarkText(b *testing.B) {
	m := fixture(b, "it")
	m.Markdown = fiftyItems()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Text(m); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRender feeds arbitrary Markdown through both renderers: they must not
// panic, must agree on failing, and the text must be valid UTF-8 when the
// input is.
func FuzzRender(f *testing.F) {
	for _, lang := range []string{"it", "ar"} {
		m := fixture(f, lang)
		f.Add(string(m.Markdown), lang == "ar")
	}
	f.Add("| a | b |\n|---|--:|\n| [x](tel:1) | ![y](/z.png) |\n", false)
	f.Add("中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文。", false)
	f.Fuzz(func(t *testing.T, md string, rtl bool) {
		m := fixture(t, "it")
		if rtl {
			m.Dir = "rtl"
		}
		m.Markdown = []byte(md)
		h, errH := HTML(m)
		txt, errT := Text(m)
		var tooLarge *TooLargeError
		if errors.As(errH, &tooLarge) {
			errH = nil
		}
		if (errH == nil) != (errT == nil) {
			t.Fatalf("HTML error %v, Text error %v", errH, errT)
		}
		if errH == nil && (len(h) == 0 || len(txt) == 0) {
			t.Fatal("empty output without error")
		}
		if utf8.ValidString(md) && !utf8.Valid(txt) {
			t.Fatal("text output is not valid UTF-8")
		}
	})
}
