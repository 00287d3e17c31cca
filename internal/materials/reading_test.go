package materials

import (
	"strings"
	"testing"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/text"
)

// arabicFont is a fresh copy of the Arabic font with a reading map of its own, so that
// a test never changes the one the material is drawn with.
func arabicFont(t *testing.T) (*canvas.Font, *readingMap) {
	t.Helper()
	b, err := fontFiles.ReadFile("fonts/NotoNaskhArabic-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := canvas.LoadFont(b, 0, canvas.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	return f, readable(f)
}

func shapedSpan(t *testing.T, f *canvas.Font, s string) canvas.TextSpan {
	t.Helper()
	var out canvas.TextSpan
	canvas.NewTextLine(f.Face(10, ink), s, canvas.Left).WalkSpans(func(_, _ float64, span canvas.TextSpan) { out = span })
	return out
}

// TestReadingMapLearnsTheLettersOfUnlistedGlyphs: the glyphs shaping picks for «لا» are
// not in the font's cmap; once learnt, each reads back as its letter.
func TestReadingMapLearnsTheLettersOfUnlistedGlyphs(t *testing.T) {
	f, m := arabicFont(t)
	span := shapedSpan(t, f, "لا")
	unlisted := 0
	for _, g := range span.Glyphs {
		if !m.listed(f, g.ID) {
			unlisted++
		}
	}
	if unlisted == 0 {
		t.Skip("this font lists every glyph of «لا»: nothing to learn")
	}
	if err := m.learn(f, span); err != nil {
		t.Fatal(err)
	}
	// the glyphs are in visual order: the alef (on the left) first
	var read []rune
	for _, g := range span.Glyphs {
		read = append(read, f.SFNT.Cmap.ToUnicode(g.ID))
	}
	if got := string(read); got != "ال" {
		t.Errorf("the glyphs of «لا» read back as %q, want the alef and the lam", got)
	}
}

func TestReadingMapRefusesWhatCannotBeReadBack(t *testing.T) {
	f, m := arabicFont(t)
	var unlisted uint16
	for id := uint16(1); id < f.SFNT.Maxp.NumGlyphs; id++ {
		if !m.listed(f, id) {
			unlisted = id
			break
		}
	}
	if unlisted == 0 {
		t.Fatal("the font lists every glyph")
	}
	glyph := func(cluster uint32, r rune) text.Glyph { return text.Glyph{ID: unlisted, Cluster: cluster, Text: r} }
	// one glyph for three letters no presentation form spells
	err := m.learn(f, canvas.TextSpan{Text: "لله", Glyphs: []text.Glyph{glyph(0, 'ل')}})
	if err == nil || !strings.Contains(err.Error(), "no single character spells it") {
		t.Errorf("a ligature of «لله»: want an error, got %v", err)
	}
	// one glyph for two different letters
	if err := m.learn(f, canvas.TextSpan{Text: "ب", Glyphs: []text.Glyph{glyph(0, 'ب')}}); err != nil {
		t.Fatal(err)
	}
	err = m.learn(f, canvas.TextSpan{Text: "ت", Glyphs: []text.Glyph{glyph(0, 'ت')}})
	if err == nil || !strings.Contains(err.Error(), "stands for both") {
		t.Errorf("one glyph for ب and ت: want an error, got %v", err)
	}
	// a ligature Unicode has one character for reads back as it
	if r := presentationForms()["لا"]; r != 'ﻻ' {
		t.Errorf("the presentation form of «لا» is %q, want ﻻ", r)
	}
}
