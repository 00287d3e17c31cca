package check

import (
	"strings"
	"testing"
)

var testLines = []Helpline{
	{Key: "emergency", Display: "112", Tel: "112"},
	{Key: "national", Display: "800 290 290", Tel: "800290290"},
	{Key: "regional", Display: "800 186 086", Tel: "800186086"},
}

func TestSiteHelplines(t *testing.T) {
	got, err := build(t, clean).Site.Helplines()
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range got {
		if h != testLines[i] {
			t.Errorf("helpline %d = %+v, want %+v", i, h, testLines[i])
		}
	}
	if len(got) != len(testLines) {
		t.Errorf("got %d helplines", len(got))
	}
}

func TestHelplinesCleanSite(t *testing.T) {
	expect(t, Helplines(build(t, clean)))
}

func TestHelplineNumbersInContent(t *testing.T) {
	cases := []struct {
		name, body string
		want       string // "" for no finding
	}{
		{"shortcode", `Chiama il {{< helpline "national" >}}.`, ""},
		{"wrong digit", "Chiama il 800 186 087.",
			`error: helpline: "800 186 087" is not a helpline of site.toml (the regional line is "800 186 086"): use {{< helpline "regional" >}}`},
		{"hyphens", "Chiama il 800-290-290.",
			`error: helpline: "800-290-290" is written differently from site.toml ("800 290 290"): use {{< helpline "national" >}}`},
		{"no spaces", "Chiama il 800290290.",
			`error: helpline: "800290290" is written differently from site.toml ("800 290 290"): use {{< helpline "national" >}}`},
		{"+39 link", "[Chiama](tel:+39800290290)",
			`error: helpline: "tel:+39800290290": Italian toll-free numbers are dialled without +39 and may not connect with it; use {{< helpline "national" >}}`},
		{"+39 text", "Dall'estero: +39 800 186 086",
			`error: helpline: "+39 800 186 086": Italian toll-free numbers are dialled without +39 and may not connect with it; use {{< helpline "regional" >}}`},
		{"another toll-free number", "Chiama l'800 123 456.",
			`error: helpline: "800 123 456" is not a helpline of site.toml (the regional line is "800 186 086"): use {{< helpline "regional" >}}`},
		{"a digit missing", "Chiama il 800 29 290.",
			`error: helpline: "800 29 290" is not a helpline of site.toml (the national line is "800 290 290"): use {{< helpline "national" >}}`},
		{"Arabic-Indic digits", "اتصل بالرقم ٨٠٠ ٢٩٠ ٢٩١",
			`error: helpline: "٨٠٠ ٢٩٠ ٢٩١" is not a helpline of site.toml (the national line is "800 290 290"): use {{< helpline "national" >}}`},
		{"no-break spaces", "Chiama il 800\u00a0290\u00a0290.",
			`warning: helpline: the national helpline typed by hand: use {{< helpline "national" >}}, so the number is kept in one place (site.toml)`},
		{"typed by hand", "Chiama il 800 290 290.",
			`warning: helpline: the national helpline typed by hand: use {{< helpline "national" >}}, so the number is kept in one place (site.toml)`},
		{"tel link by hand", "[Chiama](tel:800186086)",
			`warning: helpline: the regional helpline typed by hand: use {{< helpline "regional" >}}, so the number is kept in one place (site.toml)`},
		{"emergency by hand", "In pericolo? Chiama il 112.",
			`warning: helpline: the emergency helpline typed by hand: use {{< helpline "emergency" >}}, so the number is kept in one place (site.toml)`},
		{"other tel link", "[Chiama](tel:0551234567)",
			`error: helpline: phone link "tel:0551234567" does not dial a helpline of site.toml`},
		{"figures and dates", "Il 1 giugno 2012 (2012-06-01): 200.000 euro, 2.651 contatti, art. 18, D.Lgs. 286/1998, interrogazione 5-12632, c. 12-quater, 37 casi su 112.000.", ""},
		{"112 inside a number", "Codice 1120 e 2112.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := splitContent("content/it/x.md", "---\ntitle: t\n---\n\n"+c.body+"\n")
			got := strs(scanNumbers(f, testLines))
			want := ""
			if c.want != "" {
				want = "content/it/x.md:5: " + c.want + "\n"
			}
			if got != want {
				t.Errorf("got:\n%swant:\n%s", got, want)
			}
		})
	}
}

func TestHelplineNumbersInFrontMatter(t *testing.T) {
	f := splitContent("content/it/x.md", "---\ntitle: t\ndescription: Chiama il 800 290 290 o il 800-186-086, o il 112.\n---\nBody.\n")
	expect(t, scanNumbers(f, testLines),
		`content/it/x.md:3: error: helpline: "800-186-086" is written differently from site.toml ("800 186 086"): write "800 186 086"`)
}

func TestHelplineNumbersInNewsletterIssues(t *testing.T) {
	f := splitContent("content/newsletter/2012-06/index.it.md",
		"---\ntitle: t\n---\n- Linea nazionale: [800 290 290](tel:800290290)\n- Linea regionale: [800 186 087](tel:800186087)\n")
	expect(t, scanNumbers(f, testLines),
		`content/newsletter/2012-06/index.it.md:5: error: helpline: "800 186 087" is not a helpline of site.toml (the regional line is "800 186 086"): use {{< helpline "regional" >}}`,
		`content/newsletter/2012-06/index.it.md:5: error: helpline: "tel:800186087" is not a helpline of site.toml (the regional line is "800 186 086"): use {{< helpline "regional" >}}`)
}

func TestHelplineSeveralNumbersInARow(t *testing.T) {
	f := splitContent("content/it/x.md", "Numeri: 112 800 290 290.\n")
	expect(t, scanNumbers(f, testLines),
		`content/it/x.md:1: warning: helpline: the national helpline typed by hand: use {{< helpline "national" >}}, so the number is kept in one place (site.toml)`)
}

func TestHelplinesInContentOfASite(t *testing.T) {
	in := build(t, replace(t, "In pericolo? {{< helpline \"emergency\" >}}.", "Regionale: 800 186 087."))
	expect(t, Helplines(in),
		`content/it/aiuto.md:9: error: helpline: "800 186 087" is not a helpline of site.toml (the regional line is "800 186 086"): use {{< helpline "regional" >}}`)
}

func TestTelLinksInBuiltPages(t *testing.T) {
	in := build(t, replace(t, `<a href="#main">`, `<a href="tel:+39800290290">800 290 290</a><a href="#main">`))
	expect(t, Helplines(in),
		`public/index.html: error: helpline: phone link "tel:+39800290290" does not dial a number of site.toml (tel: 112, 800290290, 800186086) (on / and 8 other pages)`)
}

func TestTelLinksFromContentAreReportedOnce(t *testing.T) {
	in := build(t, replace(t, "Call {{< helpline \"national\" >}}", "Call [the line](tel:+39800290290)"))
	got := strs(Helplines(in))
	if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, `content/en/aiuto.md:10: error: helpline: "tel:+39800290290"`) {
		t.Errorf("findings:\n%s", got)
	}
}

func TestHelplinesMissingFromSiteToml(t *testing.T) {
	files := strings.Replace(clean, "[params.helplines.", "[params.numbers.", -1)
	files = strings.Replace(files, "index site.Params.helplines", "index site.Params.numbers", 1)
	expect(t, Helplines(build(t, files)), "site.toml: error: helpline: [params.helplines] is missing")
}

func TestLevenshtein(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"800290290", "800290290", 0},
		{"800186087", "800186086", 1},
		{"80029029", "800290290", 1},
		{"", "112", 3},
		{"800168086", "800186086", 2},
	}
	for _, c := range cases {
		if got := levenshtein(c.a, c.b); got != c.want {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// FuzzScanNumbers: any text gives findings on lines of the text, never a panic.
func FuzzScanNumbers(f *testing.F) {
	f.Add("Chiama il 800 290 290 o +39 800-186-087, tel:112 ٨٠٠ ٢٩٠ ٢٩٠")
	f.Add("---\ndescription: 800 186 086\n---\n{{< helpline \"national\" >}} tel:+3980029029")
	f.Add("tel:")
	f.Fuzz(func(t *testing.T, text string) {
		c := splitContent("content/it/x.md", text)
		lines := strings.Count(strings.TrimPrefix(text, "\ufeff"), "\n") + 1
		for _, fd := range scanNumbers(c, testLines) {
			if fd.Line < 1 || fd.Line > lines {
				t.Errorf("line %d outside the text's %d lines: %s", fd.Line, lines, fd)
			}
		}
	})
}
