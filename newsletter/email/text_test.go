package email

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestTextFootnotes(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte(`Leggi [la guida](https://contratto.example/aiuto/) e [i diritti](https://www.regione.toscana.it/diritti).

Di nuovo [la guida](https://contratto.example/aiuto/), poi [chiama](tel:800186086).
`)
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	for _, want := range []string{
		"Leggi la guida [1] e i diritti [2].",
		"Di nuovo la guida [1], poi chiama [3].",
		"Link:\n[1] https://contratto.example/aiuto/?utm_campaign=2012-06&utm_medium=email&utm_source=newsletter\n" +
			"[2] https://www.regione.toscana.it/diritti\n[3] tel:800186086\n",
		"\n-- \n",
		"Leggi la newsletter nel browser:\nhttps://contratto.example/newsletter/2012-06/?utm_campaign=2012-06&utm_medium=email&utm_source=newsletter\n",
		"Annulla l'iscrizione:\nmailto:disiscrizione@contratto.example?subject=unsubscribe\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q:\n%s", want, s)
		}
	}
	if strings.Count(s, "[4]") != 0 {
		t.Errorf("a repeated URL got a new number:\n%s", s)
	}
}

// TestUnsubscribePlaceholderIntact: the sending service's per-recipient placeholder reaches
// the HTML href and the text byte for byte, however long the label before it.
func TestUnsubscribePlaceholderIntact(t *testing.T) {
	for _, placeholder := range []string{"{{ UnsubscribeURL }}", "*|UNSUB|*", "https://lists.contratto.example/u?l=it&id=%%ID%%"} {
		for _, label := range []string{"Annulla l'iscrizione", strings.Repeat("Annulla l'iscrizione ", 5)} {
			m := fixture(t, "it")
			m.Unsubscribe, m.Labels.Unsubscribe = placeholder, label
			out, err := HTML(m)
			if err != nil {
				t.Fatal(err)
			}
			href := `href="` + strings.ReplaceAll(placeholder, "&", "&amp;") + `"`
			if !strings.Contains(string(out), href) {
				t.Errorf("the HTML lacks %s", href)
			}
			for _, a := range find(parseHTML(t, out), func(n *html.Node) bool { return n.Data == "a" }) {
				if got, _ := attr(a, "href"); strings.TrimSpace(textOf(a)) == strings.TrimSpace(label) && got != placeholder {
					t.Errorf("the unsubscribe link reads back as %q, want %q", got, placeholder)
				}
			}
			txt, err := Text(m)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(txt), "\n")
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, placeholder) }) {
				t.Errorf("no line of the text ends with %q:\n%s", placeholder, txt)
			}
		}
	}
}

func TestTextBlocks(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte(everyKind)
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	for _, want := range []string{
		"Titolo uno\n==========\n",
		"Titolo due\n----------\n",
		"\nTitolo tre\n\n",
		"Un paragrafo con enfasi, forte, barrato, codice e un link [1].",
		"- voce uno\n- voce due\n",
		"1. primo\n2. secondo\n",
		"> una citazione\n",
		"    blocco di codice\n",
		"* * *\n",
		"Colonna  Numero\n-------  ------\na             1\n",
		"\nGrafico dei casi\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q:\n%s", want, s)
		}
	}
}

func TestWrap(t *testing.T) {
	long := "https://contratto.example/" + strings.Repeat("lungo/", 20)
	para := strings.Repeat("parola ", 30) + long + " fine"
	for _, line := range wrap(para, 72) {
		if stringWidth(line) > 72 && line != long {
			t.Errorf("line over 72 columns: %q", line)
		}
		if strings.Contains(line, "lungo") && line != long {
			t.Errorf("URL broken or sharing a line: %q", line)
		}
	}

	zh := strings.Repeat("人口贩运受害者可以拨打免费电话，", 8)
	lines := wrap(zh, 72)
	if len(lines) < 2 {
		t.Fatalf("Chinese text not wrapped: %q", lines)
	}
	if strings.Join(lines, "") != zh {
		t.Errorf("wrapping Chinese changed the text (spaces added?): %q", lines)
	}
	for _, l := range lines {
		if w := stringWidth(l); w > 72 {
			t.Errorf("Chinese line %d columns wide: %q", w, l)
		}
		if strings.HasPrefix(l, "，") {
			t.Errorf("line starts with a closing mark: %q", l)
		}
	}

	if got := wrap("vedi la guida\x00[12] adesso", 16); strings.Join(got, "|") != "vedi la|guida [12] adesso" && strings.Join(got, "|") != "vedi la|guida [12]|adesso" {
		t.Errorf("footnote marker separated from its word: %q", got)
	}
}

func TestTextChineseSoftBreak(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("人口贩运\n受害者\n\nEnglish\nwords\n")
	txt, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(txt), "人口贩运受害者\n") || !strings.Contains(string(txt), "English words\n") {
		t.Errorf("soft line breaks: got\n%s", txt)
	}
}
