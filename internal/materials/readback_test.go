package materials

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// drawnStrings are, per item, strings it draws whole (each in one column).
var drawnStrings = map[Kind][]string{
	PocketCard:        {"mat_cardTitle", "line_regional", "mat_cardNational", "helplinesNote", "mat_call1", "mat_call2", "mat_call3", "mat_learn"},
	DiscreetCard:      {"mat_discreetTitle", "mat_discreetRegional", "mat_discreetBack", "mat_learn"},
	Leaflet:           {"mat_cardTitle", "mat_sign1", "mat_notYourFault", "mat_call2", "mat_rights1", "mat_rights3", "helplinesNote"},
	Poster:            {"mat_cardTitle", "line_regional", "helplinesNote", "mat_takeStrip"},
	TwoLanguagePoster: {"mat_cardTitle", "line_national", "mat_takeStrip"},
}

// TestPdftotextReadsEveryWordBack: poppler's pdftotext, the way copy and paste, a search
// and a screen reader get the text, gives every drawn string of every item back in
// reading order, letter for letter — the joined Arabic letters and the lam-alef
// («لا يلزمك», "you need not", must never read «يلزمك», "you need"), the Bengali and
// Gurmukhi conjuncts and vowel signs, the Chinese — and both numbers digit for digit.
func TestPdftotextReadsEveryWordBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: run tests/materials/install (make test does) to install poppler-utils")
	}
	in := fixture(t)
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		l := languageOf(in, f.Lang)
		path := filepath.Join(dir, filepath.Base(f.Path))
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", f.Path, err)
		}
		got := Letters(string(out))
		for _, key := range drawnStrings[f.Kind] {
			if want := Letters(l.Strings[key]); !strings.Contains(got, want) {
				t.Errorf("%s: pdftotext does not give %s, %q, in reading order:\n%s", f.Path, key, l.Strings[key], out)
			}
		}
		for _, n := range []Number{in.Regional, in.National} {
			if !strings.Contains(strings.ReplaceAll(string(out), "\u00a0", " "), n.Display) {
				t.Errorf("%s: pdftotext does not give the number %s:\n%s", f.Path, n.Display, out)
			}
		}
	}
}

func languageOf(in Input, code string) Language {
	for _, l := range in.Languages {
		if l.Code == code {
			return l
		}
	}
	panic(code)
}
