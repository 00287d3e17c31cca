package materials

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestSpeakWordsWrapsEachWordsTextObjects: each word's text objects, and only they, are
// wrapped in one marked-content sequence carrying the word; a string whose glyph bytes
// spell BT or ET, or hold escaped parentheses, is not taken for an operator; a
// right-to-left word keeps its text objects bare.
func TestSpeakWordsWrapsEachWordsTextObjects(t *testing.T) {
	content := []byte(`1 0 0 1 0 0 cm BT /F1 3 Tf [(\(BT\)ET)]TJ ET q 0 0 5 5 re f Q BT [(a)]TJ ET BT [(b) -12 (ET)]TJ ET BT [(x)]TJ ET`)
	got, err := speakWords(content, []spokenWord{
		{actualText: "কি", textObjects: 1},
		{actualText: "ab", textObjects: 2},
		{actualText: "", textObjects: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`1 0 0 1 0 0 cm /Span<</ActualText<%X>>>BDC BT /F1 3 Tf [(\(BT\)ET)]TJ ET EMC q 0 0 5 5 re f Q /Span<</ActualText<%X>>>BDC BT [(a)]TJ ET BT [(b) -12 (ET)]TJ ET EMC BT [(x)]TJ ET`,
		utf16BE("কি"), utf16BE("ab"))
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestSpeakWordsRefusesAStreamItCannotAccountFor(t *testing.T) {
	for _, c := range []struct {
		content string
		words   []spokenWord
		problem string
	}{
		{"BT (a) Tj ET BT (b) Tj ET", []spokenWord{{"a", 1}}, "2 text objects where its 1 words make 1"},
		{"BT (a) Tj", []spokenWord{{"a", 1}}, "never ends"},
		{"BT BT (a) Tj ET", []spokenWord{{"a", 1}}, "inside"},
		{"ET", nil, "without beginning"},
		{"BT (a Tj ET", []spokenWord{{"a", 1}}, "never ends"},
	} {
		_, err := speakWords([]byte(c.content), c.words)
		if err == nil || !strings.Contains(err.Error(), c.problem) {
			t.Errorf("%q: want an error saying %q, got %v", c.content, c.problem, err)
		}
	}
}

// FuzzSpeakWords: whatever the bytes, the content stream reader never panics, and what
// it wraps keeps every byte of the stream, in order.
func FuzzSpeakWords(f *testing.F) {
	f.Add([]byte(`BT [(\(BT\)ET)]TJ ET q Q BT (a) Tj ET`), 2)
	f.Add([]byte(`% BT comment
BT (x\\) Tj ET`), 1)
	f.Fuzz(func(t *testing.T, content []byte, n int) {
		if n < 0 || n > 64 {
			return
		}
		words := make([]spokenWord, n)
		for i := range words {
			words[i] = spokenWord{actualText: "w", textObjects: 1}
		}
		got, err := speakWords(content, words)
		if err != nil {
			return
		}
		stripped := bytes.ReplaceAll(got, []byte(fmt.Sprintf("/Span<</ActualText<%X>>>BDC ", utf16BE("w"))), nil)
		stripped = bytes.ReplaceAll(stripped, []byte(" EMC"), nil)
		if !bytes.Equal(stripped, bytes.ReplaceAll(content, []byte(" EMC"), nil)) {
			t.Errorf("the stream changed beyond its marks:\n%q\n%q", content, got)
		}
	})
}
