package email

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// textWidth is the column the plain-text version wraps at.
const textWidth = 72

// glue joins a footnote marker to the word before it: the wrapper never
// breaks there, and it is written out as an ordinary space.
const glue = '\x00'

// runeWidth is the number of terminal columns a rune takes: 0 for combining
// marks and format characters, 2 for East Asian wide and full-width runes, 1
// otherwise. An approximation of UAX #11, good enough to wrap text mail.
func runeWidth(r rune) int {
	switch {
	case r < 0x300: // Latin, no combining marks: the common case
		return 1
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

func isWide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) || // Hangul Jamo
		(r >= 0x2E80 && r <= 0x303E) || // CJK radicals, punctuation
		(r >= 0x3041 && r <= 0x33FF) || // kana, CJK symbols
		(r >= 0x3400 && r <= 0x4DBF) || // CJK extension A
		(r >= 0x4E00 && r <= 0x9FFF) || // CJK unified ideographs
		(r >= 0xA000 && r <= 0xA4CF) || // Yi
		(r >= 0xAC00 && r <= 0xD7A3) || // Hangul syllables
		(r >= 0xF900 && r <= 0xFAFF) || // CJK compatibility ideographs
		(r >= 0xFE30 && r <= 0xFE4F) || // CJK compatibility forms
		(r >= 0xFF00 && r <= 0xFF60) || // full-width forms
		(r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x20000 && r <= 0x3FFFD) // CJK extensions B and beyond
}

// stringWidth is the display width of s in columns.
func stringWidth(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// noBreakBefore are the CJK closing marks a line must not start with.
const noBreakBefore = "，。、；：？！）」』》〉】’”…・ー"

// token is one unbreakable piece of a line: a word, or a single wide rune
// (East Asian text may break between any two characters).
type token struct {
	text       string
	spaceAfter bool // a space separates it from the next token
}

// tokenize splits a hard line into tokens. Spaces separate words; wide runes
// are tokens of their own, joined to their neighbours without a space.
func tokenize(line string) []token {
	var toks []token
	// Split on ASCII space and tab only: a no-break space stays inside its word.
	for _, word := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' }) {
		if !strings.ContainsFunc(word, isWide) {
			toks = append(toks, token{text: word, spaceAfter: true})
			continue
		}
		start := len(toks)
		var cur strings.Builder
		flush := func() {
			if cur.Len() > 0 {
				toks = append(toks, token{text: cur.String()})
				cur.Reset()
			}
		}
		for _, r := range word {
			switch {
			case isWide(r) && !strings.ContainsRune(noBreakBefore, r):
				flush()
				cur.WriteRune(r)
			case isWide(r):
				cur.WriteRune(r) // stays with the rune before it
			default:
				if cur.Len() > 0 {
					last, _ := utf8.DecodeLastRuneInString(cur.String())
					if isWide(last) && !strings.ContainsRune(noBreakBefore, last) && r != glue {
						flush()
					}
				}
				cur.WriteRune(r)
			}
		}
		flush()
		if len(toks) > start {
			toks[len(toks)-1].spaceAfter = true
		}
	}
	return toks
}

// wrap breaks s into lines of at most width columns. Newlines in s are hard
// breaks. A token wider than the line (a long URL) gets a line of its own and
// is never split. Glue characters come out as spaces.
func wrap(s string, width int) []string {
	var lines []string
	for _, hard := range strings.Split(s, "\n") {
		toks := tokenize(hard)
		var line strings.Builder
		lineWidth := 0
		space := false // the previous token wants a space before the next one
		for _, t := range toks {
			w := stringWidth(t.text)
			sep := 0
			if space {
				sep = 1
			}
			if lineWidth > 0 && lineWidth+sep+w > width {
				lines = append(lines, line.String())
				line.Reset()
				lineWidth, sep = 0, 0
			}
			if sep == 1 {
				line.WriteByte(' ')
			}
			line.WriteString(t.text)
			lineWidth += sep + w
			space = t.spaceAfter
		}
		lines = append(lines, line.String())
	}
	for i := range lines {
		lines[i] = strings.ReplaceAll(lines[i], string(glue), " ")
	}
	return lines
}
