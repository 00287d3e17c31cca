package materials

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// A PDF maps the glyphs it draws back to text through each font's character map, and
// that map knows only glyphs that stand for one character. The glyphs shaping makes —
// a Bengali or Gurmukhi conjunct, a vowel sign drawn before its consonant — stand for
// several characters, or sit out of reading order, so a reader that copies, searches or
// speaks the text loses or scrambles them. So every word drawn is wrapped in a
// marked-content sequence whose ActualText is the word as written (PDF 32000-1,
// 14.9.4), which pdftotext, screen readers and copy and paste use in place of the
// glyphs. Right-to-left words are the exception: see reading.go.

// spokenWord is a word drawn on a page: the ActualText it gets (none when empty) and the
// number of text objects (BT … ET) the PDF writer makes of it, one for each span of its
// runs.
type spokenWord struct {
	actualText  string
	textObjects int
}

// actualText is the ActualText of a word: the word as written, except in right-to-left
// script, where poppler-based readers would spell it backwards (reading.go says how
// those words are read instead).
func actualText(word string) string {
	for _, r := range word {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return ""
		}
	}
	return word
}

// speakWords wraps the text objects of a page's content stream, word by word in drawing
// order, in /Span <</ActualText …>> BDC … EMC. It is an error when the stream does not
// hold exactly the text objects the words account for.
func speakWords(content []byte, words []spokenWord) ([]byte, error) {
	objects, err := textObjects(content)
	if err != nil {
		return nil, err
	}
	want := 0
	for _, w := range words {
		want += w.textObjects
	}
	if len(objects) != want {
		return nil, fmt.Errorf("the page has %d text objects where its %d words make %d", len(objects), len(words), want)
	}
	var out bytes.Buffer
	at, next := 0, 0
	for _, w := range words {
		if w.textObjects == 0 {
			continue
		}
		first, last := objects[next], objects[next+w.textObjects-1]
		next += w.textObjects
		if w.actualText == "" {
			continue
		}
		out.Write(content[at:first.start])
		out.WriteString("/Span<</ActualText<")
		fmt.Fprintf(&out, "%X", utf16BE(w.actualText))
		out.WriteString(">>>BDC ")
		out.Write(content[first.start:last.end])
		out.WriteString(" EMC")
		at = last.end
	}
	out.Write(content[at:])
	return out.Bytes(), nil
}

// utf16BE is s as a PDF text string: UTF-16 big-endian after a byte order mark.
func utf16BE(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// span is where a text object lies in a content stream: from its BT to past its ET.
type span struct{ start, end int }

// textObjects finds the text objects of a content stream, reading it token by token so
// that the bytes of a string (glyph numbers, which may spell "BT") are never taken for
// an operator.
func textObjects(content []byte) ([]span, error) {
	var out []span
	open := -1
	for i := 0; i < len(content); {
		c := content[i]
		switch {
		case c == '(':
			end, err := skipString(content, i)
			if err != nil {
				return nil, err
			}
			i = end
		case c == '%':
			for i < len(content) && content[i] != '\n' && content[i] != '\r' {
				i++
			}
		case isDelimiter(c) || isSpace(c):
			i++
		default:
			j := i
			for j < len(content) && !isDelimiter(content[j]) && !isSpace(content[j]) {
				j++
			}
			switch string(content[i:j]) {
			case "BT":
				if open >= 0 {
					return nil, fmt.Errorf("a text object begins at byte %d inside the one at byte %d", i, open)
				}
				open = i
			case "ET":
				if open < 0 {
					return nil, fmt.Errorf("a text object ends at byte %d without beginning", i)
				}
				out = append(out, span{open, j})
				open = -1
			}
			i = j
		}
	}
	if open >= 0 {
		return nil, fmt.Errorf("the text object at byte %d never ends", open)
	}
	return out, nil
}

// skipString returns the index just past the literal string that opens at i, minding
// escapes and balanced parentheses.
func skipString(b []byte, i int) (int, error) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("the string at byte %d never ends", i)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// Letters is what a PDF reader extracted, reduced to what reads the same whatever the
// reader: the text in compatibility form (an Arabic presentation form is its letter), with
// only its letters, marks and digits, since readers place spaces, and the punctuation of
// right-to-left lines, each their own way. The tests compare what pdftotext extracts from
// the material with the strings it was drawn from this way.
func Letters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inflate and deflate read and write a Flate stream.
func inflate(b []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}
