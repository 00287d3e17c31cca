package chart

import (
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

var fonts struct {
	once          sync.Once
	regular, bold *sfnt.Font
}

type faceKey struct {
	bold bool
	size int
}

func loadFonts() {
	fonts.once.Do(func() {
		var err error
		if fonts.regular, err = opentype.Parse(goregular.TTF); err != nil {
			panic("chart: Go Regular font: " + err.Error()) // embedded data: cannot fail
		}
		if fonts.bold, err = opentype.Parse(gobold.TTF); err != nil {
			panic("chart: Go Bold font: " + err.Error())
		}
	})
}

// faceCache holds the faces of one drawing: a font.Face is not safe for
// concurrent use, so every PNG call has its own.
type faceCache map[faceKey]font.Face

// get returns a Go font face of the given pixel size, hinted for crisp,
// deterministic glyphs.
func (fc faceCache) get(bold bool, size int) font.Face {
	loadFonts()
	k := faceKey{bold, size}
	if f, ok := fc[k]; ok {
		return f
	}
	src := fonts.regular
	if bold {
		src = fonts.bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("chart: font face: " + err.Error())
	}
	fc[k] = f
	return f
}

// covered reports whether both Go fonts have a glyph for r. Control
// characters are never drawable.
func covered(r rune) bool {
	if unicode.IsControl(r) {
		return false
	}
	loadFonts()
	var buf sfnt.Buffer
	for _, f := range []*sfnt.Font{fonts.regular, fonts.bold} {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}
