package materials

import (
	"fmt"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/tdewolff/canvas"
	"golang.org/x/text/unicode/norm"
)

// A PDF reader turns a drawn glyph back into text through the font's ToUnicode map,
// which canvas builds from the font's cmap. Shaping Arabic and Urdu picks glyphs the
// cmap does not list — the lam and the alef of a lam-alef, other contextual forms — and
// a reader drops them: «لا يلزمك ذكر اسمك» ("you need not give your name") would read
// «يلزمك ذكر اسمك» ("you need to give your name"). Words in left-to-right scripts get
// their text as an ActualText instead (actualtext.go); right-to-left words cannot,
// because pdftotext and other poppler-based readers spread an ActualText over its glyphs
// left to right and then reverse the line, spelling every word backwards. So a
// right-to-left font learns, as the words are shaped, which character each unlisted
// glyph stands for, and answers the writer's ToUnicode lookups with it.

// readingMap is a cmap subtable that only maps glyphs back to characters: canvas's
// writer asks the font's subtables in order, so it answers for the glyphs the font's
// own subtables do not list.
type readingMap struct {
	mu    sync.Mutex
	runes map[uint16]rune
}

// readable gives a font a readingMap, which its right-to-left words then fill.
func readable(f *canvas.Font) *readingMap {
	m := &readingMap{runes: map[uint16]rune{}}
	f.SFNT.Cmap.Subtables = append(f.SFNT.Cmap.Subtables, m)
	return m
}

// Get is part of the subtable interface: a reading map maps no character to a glyph.
func (m *readingMap) Get(rune) (uint16, bool) { return 0, false }

// ToUnicode returns the character a glyph was learnt to stand for.
func (m *readingMap) ToUnicode(glyph uint16) (rune, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.runes[glyph]
	return r, ok
}

// learn notes the glyphs of a shaped right-to-left text that the font's cmap does not
// list, each with the character it stands for: the one character of its cluster, or,
// for a ligature of several, the single presentation form Unicode has for them. It is
// an error when a glyph stands for letters no one character spells, or for different
// characters in different words.
func (m *readingMap) learn(f *canvas.Font, span canvas.TextSpan) error {
	var starts []int
	for _, g := range span.Glyphs {
		starts = append(starts, int(g.Cluster))
	}
	sort.Ints(starts)
	clusterText := func(start int) string {
		end := len(span.Text)
		for _, s := range starts {
			if s > start {
				end = s
				break
			}
		}
		if start < 0 || start > end {
			return ""
		}
		return span.Text[start:end]
	}
	glyphsOf := map[int]int{}
	for _, g := range span.Glyphs {
		glyphsOf[int(g.Cluster)]++
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, g := range span.Glyphs {
		if g.ID == 0 || invisible(g.Text) || m.listed(f, g.ID) {
			continue
		}
		text := clusterText(int(g.Cluster))
		var r rune
		switch {
		case utf8.RuneCountInString(text) == 1 || glyphsOf[int(g.Cluster)] > 1:
			// one glyph for one character, or one of several glyphs of a cluster (a
			// letter and its mark): the glyph is its cluster's first character
			r = g.Text
		default:
			var ok bool
			if r, ok = presentationForms()[text]; !ok {
				return fmt.Errorf("one glyph draws %q, and no single character spells it, so a PDF reader could not read it back", text)
			}
		}
		if had, ok := m.runes[g.ID]; ok && had != r {
			return fmt.Errorf("one glyph stands for both %q and %q", had, r)
		}
		m.runes[g.ID] = r
	}
	return nil
}

// listed reports whether the font's own cmap maps the glyph to a character.
func (m *readingMap) listed(f *canvas.Font, glyph uint16) bool {
	for _, t := range f.SFNT.Cmap.Subtables {
		if t == m {
			continue
		}
		if _, ok := t.ToUnicode(glyph); ok {
			return true
		}
	}
	return false
}

var (
	formsOnce sync.Once
	forms     map[string]rune
)

// presentationForms maps letters to the Arabic presentation form that is their
// ligature (ﻻ for لا), the first in Unicode's order where there are several.
func presentationForms() map[string]rune {
	formsOnce.Do(func() {
		forms = map[string]rune{}
		for _, block := range [][2]rune{{0xfb50, 0xfdff}, {0xfe70, 0xfeff}} {
			for r := block[0]; r <= block[1]; r++ {
				d := norm.NFKC.String(string(r))
				if utf8.RuneCountInString(d) < 2 || d == string(r) {
					continue
				}
				if _, ok := forms[d]; !ok {
					forms[d] = r
				}
			}
		}
	})
	return forms
}
