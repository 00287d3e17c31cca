package materials

import (
	"crypto/sha256"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/tdewolff/canvas"
)

// The fonts are in the package (fonts/README.md says which files and why), so a fresh
// clone renders the material with Go alone. All are under the SIL Open Font License.
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

// typeface is a regular and a bold font of one family; bold is the regular font when the
// family has no bold file in the repository.
type typeface struct {
	name          string
	regular, bold *canvas.Font
	// lineHeight is the distance between two lines, in ems: scripts with tall marks
	// (Nastaliq, Bengali) need more room than Latin.
	lineHeight float64
	// readings are the reading maps of a right-to-left typeface's fonts (reading.go).
	readings map[*canvas.Font]*readingMap
}

// family is what canvas draws with: one family per typeface and weight.
func (t *typeface) font(bold bool) *canvas.Font {
	if bold && t.bold != nil {
		return t.bold
	}
	return t.regular
}

// has reports whether the typeface has a glyph for every character of s that needs one.
func (t *typeface) has(s string, bold bool) (rune, bool) {
	f := t.font(bold)
	for _, r := range s {
		if invisible(r) {
			continue
		}
		if f.SFNT.GlyphIndex(r) == 0 {
			return r, false
		}
	}
	return 0, true
}

// invisible are the characters no font needs a glyph for: they only steer shaping.
func invisible(r rune) bool {
	switch r {
	case '\u200c', '\u200d', '\u200e', '\u200f', '\u2066', '\u2067', '\u2068', '\u2069':
		return true
	}
	return false
}

// fontSet holds every typeface, loaded once.
type fontSet struct {
	latin, arabic, bengali, gurmukhi, chinese *typeface
}

// loadFonts reads and parses every typeface, once.
var loadFonts = sync.OnceValues(readFonts)

// fontDigest is a digest of every font file, for the cache key: a changed font renders
// new PDFs. It reads the files without parsing them, so a build whose material is cached
// never loads a font.
var fontDigest = sync.OnceValues(func() (string, error) {
	h := sha256.New()
	names, err := fs.Glob(fontFiles, "fonts/*.ttf")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fontFiles.ReadFile(n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", n, len(b))
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
})

func readFonts() (*fontSet, error) {
	load := func(file string) (*canvas.Font, error) {
		if file == "" {
			return nil, nil
		}
		b, err := fontFiles.ReadFile("fonts/" + file)
		if err != nil {
			return nil, err
		}
		f, err := canvas.LoadFont(b, 0, canvas.FontRegular)
		if err != nil {
			return nil, fmt.Errorf("fonts/%s: %w", file, err)
		}
		return f, nil
	}
	face := func(name, regular, bold string, lineHeight float64) (*typeface, error) {
		r, err := load(regular)
		if err != nil {
			return nil, err
		}
		b, err := load(bold)
		if err != nil {
			return nil, err
		}
		return &typeface{name: name, regular: r, bold: b, lineHeight: lineHeight}, nil
	}
	s := &fontSet{}
	for _, f := range []struct {
		dst                 **typeface
		name, regular, bold string
		lineHeight          float64
	}{
		{&s.latin, "Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 1.25},
		{&s.arabic, "Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 1.55},
		{&s.bengali, "Noto Sans Bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", 1.5},
		{&s.gurmukhi, "Noto Sans Gurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", 1.5},
		{&s.chinese, "Noto Sans SC", "NotoSansSC-Regular.ttf", "", 1.35},
	} {
		t, err := face(f.name, f.regular, f.bold, f.lineHeight)
		if err != nil {
			return nil, err
		}
		*f.dst = t
	}
	// No optional ligatures in Latin text (a leaflet gains nothing from an "fi" glyph)
	// nor in Arabic, where one glyph for the three letters of «لله» has no single
	// character a reader could map it back to (reading.go). Arabic keeps its required
	// ligatures, and Indic scripts their conjuncts.
	for _, f := range []*canvas.Font{s.latin.regular, s.latin.bold} {
		f.SetFeatures("liga=0,clig=0")
	}
	s.arabic.readings = map[*canvas.Font]*readingMap{}
	for _, f := range []*canvas.Font{s.arabic.regular, s.arabic.bold} {
		f.SetFeatures("liga=0")
		s.arabic.readings[f] = readable(f)
	}
	return s, nil
}

// script returns the typeface for a language's own script; words it lacks a glyph for
// (numbers, addresses) fall back to Latin.
func (s *fontSet) script(lang string) *typeface {
	switch lang {
	case "ar", "ur":
		// Urdu in Naskh: canvas does not attach Nastaliq's letters (checked on a
		// rendering), and Naskh is what Urdu phones and signs also use.
		return s.arabic
	case "bn":
		return s.bengali
	case "pa":
		return s.gurmukhi
	case "zh":
		return s.chinese
	}
	return s.latin
}
