package eml

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"
)

// headerWriter writes "Name: value" header fields, folded at spaces (between
// entries, for a list) so that lines stay within maxLine where the value
// allows it (a long URL in List-Unsubscribe does not), and never over the hard
// limit of 998 characters.
type headerWriter struct {
	buf *bytes.Buffer
	err error
}

func (w *headerWriter) write(name, value string) {
	w.writeWords(name, strings.Split(value, " "))
}

// writeList writes a comma-separated list, folded only between its entries:
// an entry (a placeholder such as "<{{ UnsubscribeURL }}>") is never split.
func (w *headerWriter) writeList(name string, entries ...string) {
	words := make([]string, len(entries))
	for i, e := range entries {
		words[i] = e
		if i < len(entries)-1 {
			words[i] += ","
		}
	}
	w.writeWords(name, words)
}

// writeWords writes the words separated by single spaces, folding before a
// word where the line would grow over maxLine.
func (w *headerWriter) writeWords(name string, words []string) {
	if w.err != nil {
		return
	}
	for _, word := range words {
		if strings.ContainsAny(word, "\r\n") {
			w.err = fmt.Errorf("eml: header %s contains a line break", name)
			return
		}
	}
	line := name + ":"
	for i, word := range words {
		// Fold before a word (never before an empty one: a continuation
		// line must not be blank), never right after the colon.
		if i > 0 && word != "" && len(line)+1+len(word) > maxLine && strings.TrimSpace(line) != "" {
			if err := w.flush(name, line); err != nil {
				return
			}
			line = ""
		}
		line += " " + word
	}
	_ = w.flush(name, line)
}

func (w *headerWriter) flush(name, line string) error {
	if len(line) > 998 {
		w.err = fmt.Errorf("eml: header %s has a line of %d characters, over the limit of 998", name, len(line))
		return w.err
	}
	w.buf.WriteString(line)
	w.buf.WriteString("\r\n")
	return nil
}

// maxWord is the longest encoded word written: "Subject: " (9) plus the
// word stays within 76 characters on the first line, " " plus the word on
// the others.
const maxWord = maxLine - len("Subject: ")

// encodeSubject returns the subject as it goes in the header: unchanged when
// it is printable ASCII (folding happens at its spaces), otherwise as RFC 2047
// encoded words of at most maxWord characters separated by spaces, in
// Q encoding when that is no longer than B (mostly-Latin text stays
// readable), in B encoding otherwise (Arabic, Chinese). Words never split a
// character.
func encodeSubject(s string) string {
	if isPrintableASCII(s) && !strings.Contains(s, "=?") {
		return s
	}
	q, b := encodeWords(s, qWord), encodeWords(s, bWord)
	if len(q) <= len(b) {
		return q
	}
	return b
}

// wordEncoder encodes a run of bytes as one encoded word.
type wordEncoder func(chunk []byte) string

// encodeWords splits s into the longest chunks of whole characters whose
// encoded word fits in maxWord, and joins the words with spaces (which a
// decoder drops between adjacent encoded words).
func encodeWords(s string, enc wordEncoder) string {
	var words []string
	var chunk []byte
	for _, r := range s {
		next := utf8.AppendRune(append([]byte(nil), chunk...), r)
		if len(chunk) > 0 && len(enc(next)) > maxWord {
			words = append(words, enc(chunk))
			next = utf8.AppendRune(nil, r)
		}
		chunk = next
	}
	if len(chunk) > 0 {
		words = append(words, enc(chunk))
	}
	return strings.Join(words, " ")
}

func bWord(chunk []byte) string {
	return "=?utf-8?b?" + base64.StdEncoding.EncodeToString(chunk) + "?="
}

// qWord is the RFC 2047 Q encoding: letters and digits as themselves, space
// as "_", every other byte as =XX (a conservative choice that is safe in any
// header).
func qWord(chunk []byte) string {
	var b strings.Builder
	b.WriteString("=?utf-8?q?")
	for _, c := range chunk {
		switch {
		case c == ' ':
			b.WriteByte('_')
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '!' || c == '*' || c == '+' || c == '-' || c == '/':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	b.WriteString("?=")
	return b.String()
}
