package materials

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/tdewolff/canvas"
)

// fixture is a made-up site: numbers that are nobody's, and the frozen strings of
// testdata/i18n in a Latin, an Arabic (right to left), a Chinese, a Bengali and a
// Gurmukhi script.
func fixture(t testing.TB) Input {
	t.Helper()
	in := Input{
		Regional:  Number{"800 000 001", "800000001"},
		National:  Number{"800 000 002", "800000002"},
		Emergency: Number{"999", "999"},
	}
	for _, code := range []string{"en", "ar", "zh", "bn", "pa"} {
		src := filepath.Join("testdata", "i18n", code+".toml")
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseStrings(src, b)
		if err != nil {
			t.Fatal(err)
		}
		dir := "ltr"
		if code == "ar" {
			dir = "rtl"
		}
		in.Languages = append(in.Languages, Language{
			Code: code, Name: code, Direction: dir,
			HelpURL: "https://example.org/site/" + code + "/aiuto/",
			Folder:  code + "/materiali", Strings: s, Source: src,
		})
	}
	return in
}

// only keeps one language of the input, with a string changed.
func only(in Input, code, key, text string) Input {
	for _, l := range in.Languages {
		if l.Code == code {
			s := map[string]string{}
			for k, v := range l.Strings {
				s[k] = v
			}
			if key != "" {
				s[key] = text
			}
			l.Strings = s
			in.Languages = []Language{l}
			return in
		}
	}
	panic(code)
}

func TestEveryItemInEveryLanguage(t *testing.T) {
	in := fixture(t)
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range in.Languages {
		want += len(KindsOf(i))
	}
	if len(files) != want {
		t.Fatalf("%d files for %d languages, want %d", len(files), len(in.Languages), want)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f.Path] {
			t.Errorf("two files at %s", f.Path)
		}
		seen[f.Path] = true
		if !strings.HasPrefix(f.Path, f.Lang+"/materiali/") || !strings.HasSuffix(f.Path, "-"+f.Lang+".pdf") {
			t.Errorf("%s: not in its language's folder, or its name lacks the language", f.Path)
		}
		if !bytes.HasPrefix(f.Data, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF", f.Path)
		}
		checkBoxes(t, f)
		checkTextSizes(t, f, specs[f.Kind].minPt)
		if bytes.Contains(f.Data, []byte("CreationDate")) {
			t.Errorf("%s: has a creation date: two builds would differ", f.Path)
		}
	}
}

var (
	reMedia = regexp.MustCompile(`/MediaBox\[([-\d. ]+)\]`)
	reTrim  = regexp.MustCompile(`/TrimBox ?\[([-\d. ]+)\]`)
	reBleed = regexp.MustCompile(`/BleedBox ?\[([-\d. ]+)\]`)
	rePage  = regexp.MustCompile(`<</Type/Page/`)
)

func numbers(t *testing.T, s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// checkBoxes: every page is the trim size plus the bleed on each side, its TrimBox the
// trim size inside it and its BleedBox the whole page.
func checkBoxes(t *testing.T, f File) {
	t.Helper()
	pages := len(rePage.FindAll(f.Data, -1))
	if pages != f.Pages {
		t.Errorf("%s: %d pages, want %d", f.Path, pages, f.Pages)
	}
	media, trim, bleed := reMedia.FindAllSubmatch(f.Data, -1), reTrim.FindAllSubmatch(f.Data, -1), reBleed.FindAllSubmatch(f.Data, -1)
	if len(media) != pages || len(trim) != pages || len(bleed) != pages {
		t.Fatalf("%s: %d pages with %d MediaBox, %d TrimBox, %d BleedBox", f.Path, pages, len(media), len(trim), len(bleed))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
	for i := range media {
		m, tr, bl := numbers(t, string(media[i][1])), numbers(t, string(trim[i][1])), numbers(t, string(bleed[i][1]))
		w, h := (f.Width+2*f.Bleed)*ptPerMm, (f.Height+2*f.Bleed)*ptPerMm
		b := f.Bleed * ptPerMm
		if !near(m[0], 0) || !near(m[1], 0) || !near(m[2], w) || !near(m[3], h) {
			t.Errorf("%s page %d: MediaBox %v, want 0 0 %.2f %.2f", f.Path, i+1, m, w, h)
		}
		if !near(tr[0], b) || !near(tr[1], b) || !near(tr[2], w-b) || !near(tr[3], h-b) {
			t.Errorf("%s page %d: TrimBox %v, want %.2f %.2f %.2f %.2f", f.Path, i+1, tr, b, b, w-b, h-b)
		}
		for j := range bl {
			if !near(bl[j], m[j]) {
				t.Errorf("%s page %d: BleedBox %v, want the MediaBox %v", f.Path, i+1, bl, m)
				break
			}
		}
	}
}

var (
	reStream = regexp.MustCompile(`(?s)stream\n(.*?)\nendstream`)
	reTf     = regexp.MustCompile(`/F\d+ ([\d.]+) Tf`)
)

// checkTextSizes reads every font size the pages set (Tf, in mm: canvas scales the page
// to millimetres) and fails on any below min points.
func checkTextSizes(t *testing.T, f File, min float64) {
	t.Helper()
	n := 0
	for _, m := range reStream.FindAllSubmatch(f.Data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil || !bytes.Contains(b, []byte(" Tf")) {
			continue
		}
		for _, tf := range reTf.FindAllSubmatch(b, -1) {
			mm, _ := strconv.ParseFloat(string(tf[1]), 64)
			if pt := mm * ptPerMm; pt < min-0.01 {
				t.Errorf("%s: text at %.2f pt, less than %.1f pt", f.Path, pt, min)
			}
			n++
		}
	}
	if n == 0 {
		t.Errorf("%s: no text found", f.Path)
	}
}

// TestSmallestTextOfEachItem: nothing on a card smaller than 7 pt, nothing on the
// leaflet smaller than 10 pt (the PDFs' own sizes are checked above).
func TestSmallestTextOfEachItem(t *testing.T) {
	for k, min := range map[Kind]float64{PocketCard: 7, DiscreetCard: 7, Leaflet: 10, Poster: 8, TwoLanguagePoster: 8} {
		if specs[k].minPt < min {
			t.Errorf("%s: text may shrink to %.1f pt, below %.0f pt", k, specs[k].minPt, min)
		}
	}
}

func TestTwoRendersAreByteIdentical(t *testing.T) {
	a, err := Render(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two renders", a[i].Path)
		}
	}
}

func TestTextThatDoesNotFitNamesLanguageAndString(t *testing.T) {
	long := strings.Repeat("Someone who works against trafficking answers the phone. ", 6)
	for _, c := range []struct{ lang, key, text string }{
		{"en", "mat_call1", long},
		{"ar", "mat_learn", strings.Repeat("احفظ الرقم. بعد ذلك يمكنك أن ترمي هذه البطاقة. ", 6)},
		{"en", "mat_cardTitle", long},
		{"zh", "line_regional", strings.Repeat("大区反人口贩运免费热线", 10)},
		{"en", "mat_discreetBack", strings.Repeat("You can call at any time. ", 40)},
	} {
		_, err := Render(only(fixture(t), c.lang, c.key, c.text))
		if err == nil {
			t.Errorf("%s %s: a text far too long was set without an error", c.lang, c.key)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "language "+c.lang) || !strings.Contains(msg, c.key) {
			t.Errorf("%s %s: the error does not name the language and the string: %v", c.lang, c.key, err)
		}
	}
}

func TestACharacterNoFontHasIsAnError(t *testing.T) {
	// Thai and Ethiopic: no font of the material has them.
	for _, text := range []string{"โทรฟรี", "ነጻ ስልክ"} {
		_, err := Render(only(fixture(t), "en", "mat_call2", text))
		if err == nil || !strings.Contains(err.Error(), "no font has the character") || !strings.Contains(err.Error(), "mat_call2") {
			t.Errorf("%q: want an error naming the missing character and the string, got %v", text, err)
		}
	}
}

func TestAMissingStringNamesItsFile(t *testing.T) {
	in := only(fixture(t), "bn", "", "")
	delete(in.Languages[0].Strings, "mat_call3")
	_, err := Render(in)
	if err == nil || !strings.Contains(err.Error(), filepath.Join("testdata", "i18n", "bn.toml")) || !strings.Contains(err.Error(), "mat_call3") {
		t.Errorf("want an error naming testdata/i18n/bn.toml and mat_call3, got %v", err)
	}
}

// TestALanguageWithoutItsOwnListIsHeldToEnglishAndItalian: a language added to the site
// before anyone wrote its list still has a discreet card that says none of the English
// and Italian words, and the build can tell it has no list of its own.
func TestALanguageWithoutItsOwnListIsHeldToEnglishAndItalian(t *testing.T) {
	words, own := Forbidden("xx")
	if own {
		t.Error(`Forbidden("xx"): a made-up language has a list of its own`)
	}
	for _, w := range []string{"victim", "vittim", "police", "polizi"} {
		if !strings.Contains(strings.Join(words, " "), w) {
			t.Errorf("Forbidden(\"xx\") lacks %q: %v", w, words)
		}
	}
	if _, own := Forbidden("en"); !own {
		t.Error(`Forbidden("en"): English has no list of its own`)
	}
	in := only(fixture(t), "en", "mat_discreetBack", "Chiamate la polizia.")
	in.Languages[0].Code = "xx"
	if _, err := Render(in); err == nil || !strings.Contains(err.Error(), "polizi") {
		t.Errorf("want the discreet card of a language with no list refused for an Italian word, got %v", err)
	}
}

func TestADiscreetCardRefusesAGivingAwayWord(t *testing.T) {
	_, err := Render(only(fixture(t), "en", "mat_discreetBack", "Call if you are a victim."))
	if err == nil || !strings.Contains(err.Error(), "mat_discreetBack") || !strings.Contains(err.Error(), "victim") {
		t.Errorf("want the discreet card refused naming the string and the word, got %v", err)
	}
}

// TestNoDiscreetStringOfTheSiteGivesItAway: no discreet string of the site's languages
// (site.toml, i18n/) has a word its language's list, or the English and Italian one,
// forbids.
func TestNoDiscreetStringOfTheSiteGivesItAway(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Languages map[string]any `toml:"languages"`
	}
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Languages) == 0 {
		t.Fatal("site.toml has no languages")
	}
	for code := range cfg.Languages {
		src := filepath.Join("..", "..", "i18n", code+".toml")
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseStrings(src, b)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s["mat_discreetTitle"]; !ok {
			continue // the language has no printed material yet: the build says so
		}
		if err := checkDiscreet(Language{Code: code, Strings: s, Source: src}); err != nil {
			t.Error(err)
		}
	}
}

// TestColoursReadInGreyscale: every pair of text and background colour the material uses
// keeps a contrast of at least 4.5:1 once printed in greyscale.
func TestColoursReadInGreyscale(t *testing.T) {
	grey := func(p canvas.Paint) float64 {
		r, g, b, _ := p.Color.RGBA()
		lin := func(c uint32) float64 {
			v := float64(c) / 0xffff
			if v <= 0.04045 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	}
	for _, pair := range [][2]canvas.Paint{{ink, paper}, {paper, band}} {
		a, b := grey(pair[0]), grey(pair[1])
		if a < b {
			a, b = b, a
		}
		if c := (a + 0.05) / (b + 0.05); c < 4.5 {
			t.Errorf("colours %v on %v: contrast %.2f in greyscale, want at least 4.5", pair[0].Color, pair[1].Color, c)
		}
	}
}

func TestSplitKeepsNumbersWholeAndBreaksChinese(t *testing.T) {
	got := split("Call 800\u00a0000\u00a0001 now 免费电话，24小时")
	var texts []string
	for _, p := range got {
		texts = append(texts, p.text)
	}
	want := []string{"Call", "800\u00a0000\u00a0001", "now", "免", "费", "电", "话，24", "小", "时"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("split = %q, want %q", texts, want)
	}
}

func TestHashChangesWithEveryInput(t *testing.T) {
	base, err := Hash(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]func(*Input){
		"a number": func(in *Input) { in.National.Display = "800 000 003" },
		"a string": func(in *Input) { in.Languages[0].Strings["mat_call1"] += "!" },
		// the leaflet's heading over what happens when you call is a menu string
		"a string from the menu": func(in *Input) { in.Languages[0].Strings["menu_calling"] += "!" },
		"an address":             func(in *Input) { in.Languages[1].HelpURL += "x" },
	}
	for name, change := range changes {
		in := fixture(t)
		change(&in)
		h, err := Hash(in)
		if err != nil {
			t.Fatal(err)
		}
		if h == base {
			t.Errorf("changing %s leaves the hash as it was: a stale PDF could be served", name)
		}
	}
}

// FuzzFinishPDF: the rewriting of canvas's PDF never panics, whatever the bytes; it either
// finishes the file or says what it could not read.
func FuzzFinishPDF(f *testing.F) {
	files, err := Render(only(fixture(f), "en", "", ""))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files[:2] {
		f.Add(file.Data)
	}
	f.Add([]byte("xref\n0 3\nstartxref\n0\n%%EOF\n"))
	// the words of the first seed's pages, one per text object, so that a mutation
	// reaches the rewriting of every object and not only the first check
	var words [][]spokenWord
	for _, m := range reStream.FindAllSubmatch(files[0].Data, -1) {
		content, err := inflate(m[1])
		if err != nil || !bytes.Contains(content, []byte(" cm")) {
			continue
		}
		objects, err := textObjects(content)
		if err != nil {
			f.Fatal(err)
		}
		page := make([]spokenWord, len(objects))
		for i := range page {
			page[i] = spokenWord{actualText: "w", textObjects: 1}
		}
		words = append(words, page)
	}
	if _, err := finishPDF(files[0].Data, 91, 61, 3, "en", words); err != nil {
		f.Fatalf("the seed does not reach the rewriting: %v", err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = finishPDF(b, 91, 61, 3, "en", words)
	})
}
