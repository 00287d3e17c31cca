// Package materials makes the printed information material of the portal — the pocket
// card, the discreet card and the others — as print-ready PDF files in every language,
// from the same strings (i18n/LANG.toml) and the same helpline numbers (site.toml) as the
// pages. It is pure Go: canvas lays out and writes the PDF, shaping every script with
// go-text/typesetting; the fonts are in fonts/, under the SIL Open Font License.
//
// A text that does not fit its place, or a character no font has, is an error that names
// the language and the string. The same input gives the same bytes.
package materials

import (
	"crypto/sha256"
	"fmt"
	"sort"
	"strings"
)

// Number is one helpline as site.toml gives it.
type Number struct {
	Display string // "800 186 086"
	Tel     string // "800186086"
}

// Language is one language's part of the input.
type Language struct {
	Code      string            // "ar"
	Name      string            // the name in the language itself: "العربية"
	Direction string            // "rtl" or "ltr"
	HelpURL   string            // the absolute address of the language's help page
	Folder    string            // where its files go, below the site's root: "ar/materiali"
	Strings   map[string]string // its interface strings (i18n/LANG.toml)
	Source    string            // the file the strings come from, for errors: "i18n/ar.toml"
}

// Input is everything the material is made of.
type Input struct {
	Regional, National, Emergency Number
	Languages                     []Language
}

// Kind is one of the items.
type Kind string

// The items, in the order the materials page lists them.
const (
	PocketCard        Kind = "card"
	DiscreetCard      Kind = "discreet"
	Leaflet           Kind = "leaflet"
	Poster            Kind = "poster"
	TwoLanguagePoster Kind = "poster-two-languages" // the default language (Italian) and one other
)

// Kinds lists every kind of item, in order.
var Kinds = []Kind{PocketCard, DiscreetCard, Leaflet, Poster, TwoLanguagePoster}

// KindsOf lists the items of language i of the input: all but the two-language poster
// for the default language (the first), which would be one language twice.
func KindsOf(i int) []Kind {
	if i == 0 {
		return Kinds[:len(Kinds)-1]
	}
	return Kinds
}

// HasQR reports whether an item of kind k carries the QR code of its language's help
// page. The discreet card has none: the address names the project.
func HasQR(k Kind) bool { return k != DiscreetCard }

// File is one rendered item.
type File struct {
	Kind   Kind
	Lang   string  // the language code
	Path   string  // below the site's root, with "/": "ar/materiali/biglietto-ar.pdf"
	Width  float64 // trim size, mm
	Height float64
	Bleed  float64 // mm on every side beyond the trim size
	Pages  int
	Data   []byte
}

// Name is the file's name, without its folder.
func (f File) Name() string { return f.Path[strings.LastIndex(f.Path, "/")+1:] }

// fileNames are the files' names, in Italian like the portal's paths; the language code
// follows, so files saved into one folder stay apart.
var fileNames = map[Kind]string{
	PocketCard:        "biglietto",
	DiscreetCard:      "biglietto-discreto",
	Leaflet:           "volantino",
	Poster:            "manifesto",
	TwoLanguagePoster: "manifesto-bilingue",
}

// FileName is the beginning of the name of an item's file: "biglietto" for
// "biglietto-ar.pdf".
func FileName(k Kind) string { return fileNames[k] }

// Render makes every item in every language.
func Render(in Input) ([]File, error) {
	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	var out []File
	for i, l := range in.Languages {
		for _, k := range KindsOf(i) {
			f, err := renderItem(fonts, in, l, k)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// Hash is a digest of everything the items are made of — every string of each language,
// the numbers, the addresses, the fonts, this package's code and the versions of the
// modules that draw — so a cache keyed by it can never hand back a PDF made from other
// inputs.
func Hash(in Input) (string, error) {
	fonts, err := fontDigest()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "fonts %s\n", fonts)
	sourceHash(func(format string, a ...any) { fmt.Fprintf(h, format, a...) })
	for _, n := range []Number{in.Regional, in.National, in.Emergency} {
		fmt.Fprintf(h, "number %q %q\n", n.Display, n.Tel)
	}
	for _, l := range in.Languages {
		fmt.Fprintf(h, "lang %q %q %q %q %q\n", l.Code, l.Name, l.Direction, l.HelpURL, l.Folder)
		// every string of the language, not only those the items take today: a list
		// kept beside the layout code would fall behind it
		keys := make([]string, 0, len(l.Strings))
		for k := range l.Strings {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(h, "%q=%q\n", k, l.Strings[k])
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// text returns a language's string, or an error naming the file and the key.
func (l Language) text(key string) (string, error) {
	s, ok := l.Strings[key]
	if !ok || strings.TrimSpace(s) == "" {
		return "", fmt.Errorf("%s: the string %s is missing (the printed material needs it)", l.Source, key)
	}
	return s, nil
}

// nbsp joins a number's groups so that it is one word: never broken over two lines and
// always read left to right, in Arabic text too.
func nbsp(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
