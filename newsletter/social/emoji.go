package social

import (
	"unicode"
	"unicode/utf8"
)

//go:generate go run gen_tables.go

const (
	zwj             = 0x200D
	vs15            = 0xFE0E // text presentation selector
	vs16            = 0xFE0F // emoji presentation selector
	combiningKeycap = 0x20E3
	tagCancel       = 0xE007F
)

// emojiSequence returns the byte length of the emoji sequence starting at
// s[i:], or 0. A sequence (UTS #51, ED-17 emoji ZWJ sequence) is one or more
// elements joined by U+200D; an element is a flag (two regional indicators), a
// keycap ([0-9#*] FE0F? 20E3), or an Extended_Pictographic code point or emoji
// modifier with an optional FE0F, an optional skin-tone modifier and an
// optional tag sequence.
func emojiSequence(s string, i int) int {
	n := emojiElement(s, i)
	if n == 0 {
		return 0
	}
	end := i + n
	for {
		r, rn := utf8.DecodeRuneInString(s[end:])
		if r != zwj {
			break
		}
		m := emojiElement(s, end+rn)
		if m == 0 {
			break
		}
		end += rn + m
	}
	return end - i
}

func emojiElement(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	next := func(at int) (rune, int) {
		if at >= len(s) {
			return -1, 0
		}
		return utf8.DecodeRuneInString(s[at:])
	}
	switch {
	case isRegionalIndicator(r):
		if r2, n2 := next(i + n); isRegionalIndicator(r2) {
			return n + n2
		}
		return n
	case r == '#' || r == '*' || (r >= '0' && r <= '9'):
		j := i + n
		if r2, n2 := next(j); r2 == vs16 {
			j += n2
		}
		if r2, n2 := next(j); r2 == combiningKeycap {
			return j + n2 - i
		}
		return 0
	case isEmojiModifier(r) || unicode.Is(extendedPictographic, r):
		j := i + n
		r2, n2 := next(j)
		if r2 == vs15 {
			return 0
		}
		if (r == 0xA9 || r == 0xAE || r == 0x2122) && r2 != vs16 {
			return 0
		}
		if r2 == vs16 {
			j += n2
			r2, n2 = next(j)
		}
		if isEmojiModifier(r2) && !isEmojiModifier(r) {
			j += n2
			r2, n2 = next(j)
		}
		// Tag sequence: tag characters ending in CANCEL TAG.
		k := j
		for r2 >= 0xE0020 && r2 <= 0xE007E {
			k += n2
			r2, n2 = next(k)
		}
		if k > j && r2 == tagCancel {
			j = k + n2
		}
		return j - i
	}
	return 0
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isEmojiModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }
