// Package po reads and writes gettext PO files, the format translation tools such as
// Poedit and Weblate open: a header, then entries with a context, a source text, a
// translation and comments. Plural forms are not supported.
package po

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// File is a gettext PO file: its header (the entry whose msgid is empty) and entries.
type File struct {
	// Comments are the header's translator comments ("# …"), without the "# ".
	Comments []string
	// Header holds the header's fields ("Language: fr"), in order.
	Header  []string
	Entries []Entry
}

// Entry is one message of a PO file.
type Entry struct {
	Extracted  []string // "#." comments, for the translator
	References []string // "#:" where the text comes from
	Flags      []string // "#," such as fuzzy
	Previous   string   // "#| msgid": the source text the msgstr was made for
	Context    string   // msgctxt
	ID         string   // msgid, the source text
	Str        string   // msgstr, the translation
	Line       int      // the file line the entry starts at
}

// Fuzzy tells an entry whose translation is a draft to review.
func (e Entry) Fuzzy() bool {
	for _, f := range e.Flags {
		if f == "fuzzy" {
			return true
		}
	}
	return false
}

// HeaderField returns the value of a header field, "" when it is not set.
func (po *File) HeaderField(name string) string {
	for _, h := range po.Header {
		if k, v, ok := strings.Cut(h, ":"); ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Write writes the PO file, every string on one line unless it holds line breaks.
func Write(w io.Writer, po *File) error {
	bw := bufio.NewWriter(w)
	for _, c := range po.Comments {
		writeComment(bw, "#", c)
	}
	fmt.Fprint(bw, "msgid \"\"\n")
	header := ""
	for _, h := range po.Header {
		header += h + "\n"
	}
	writeString(bw, "msgstr", header)
	for _, e := range po.Entries {
		bw.WriteString("\n")
		for _, c := range e.Extracted {
			writeComment(bw, "#.", c)
		}
		for _, r := range e.References {
			fmt.Fprintf(bw, "#: %s\n", r)
		}
		if len(e.Flags) > 0 {
			fmt.Fprintf(bw, "#, %s\n", strings.Join(e.Flags, ", "))
		}
		if e.Previous != "" {
			for i, l := range splitString(e.Previous) {
				if i == 0 {
					fmt.Fprintf(bw, "#| msgid %s\n", l)
				} else {
					fmt.Fprintf(bw, "#| %s\n", l)
				}
			}
		}
		if e.Context != "" {
			writeString(bw, "msgctxt", e.Context)
		}
		writeString(bw, "msgid", e.ID)
		writeString(bw, "msgstr", e.Str)
	}
	return bw.Flush()
}

// writeComment writes a comment of one or more lines.
func writeComment(w *bufio.Writer, mark, text string) {
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			fmt.Fprintf(w, "%s\n", mark)
		} else {
			fmt.Fprintf(w, "%s %s\n", mark, l)
		}
	}
}

func writeString(w *bufio.Writer, keyword, s string) {
	lines := splitString(s)
	fmt.Fprintf(w, "%s %s\n", keyword, lines[0])
	for _, l := range lines[1:] {
		fmt.Fprintf(w, "%s\n", l)
	}
}

// splitString quotes s for a PO file: one quoted line, or an empty first line and one
// line per line of s when it holds a line break before its end.
func splitString(s string) []string {
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		return []string{poQuote(s)}
	}
	out := []string{`""`}
	for rest := s; rest != ""; {
		line, after, found := strings.Cut(rest, "\n")
		if found {
			line += "\n"
		}
		out = append(out, poQuote(line))
		rest = after
	}
	return out
}

func poQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Error is a problem at a line of a PO file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Read parses a PO file; name is the file's name in errors. Obsolete entries ("#~")
// are left out; plural forms are an error, since pages have none.
func Read(name string, data []byte) (*File, error) {
	po := &File{}
	var e Entry
	var field *string // the string continuation lines add to
	var fieldName string
	started, headerSeen := false, false
	bad := func(line int, format string, args ...any) error {
		return &Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	finish := func(line int) error {
		if !started || fieldName == "" { // nothing, or comments alone
			e, started = Entry{}, false
			return nil
		}
		if fieldName != "msgstr" {
			return bad(e.Line, "the entry has no msgstr")
		}
		if e.ID == "" && e.Context == "" {
			if headerSeen {
				return bad(e.Line, "a second header (an entry with an empty msgid)")
			}
			headerSeen = true
			po.Header = strings.Split(strings.TrimSuffix(e.Str, "\n"), "\n")
			if e.Str == "" {
				po.Header = nil
			}
		} else {
			po.Entries = append(po.Entries, e)
		}
		e, field, fieldName, started = Entry{}, nil, "", false
		return nil
	}
	lines := bytes.Split(data, []byte("\n"))
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(strings.TrimSuffix(string(raw), "\r"))
		switch {
		case line == "":
			if err := finish(n); err != nil {
				return nil, err
			}
			continue
		case strings.HasPrefix(line, "#~"):
			continue
		case strings.HasPrefix(line, "#"):
			if fieldName != "" {
				if err := finish(n); err != nil {
					return nil, err
				}
			}
			if !started {
				e.Line = n
				started = true
			}
			mark, text, _ := strings.Cut(line, " ")
			switch mark {
			case "#.":
				e.Extracted = append(e.Extracted, text)
			case "#:":
				e.References = append(e.References, text)
			case "#,":
				for _, f := range strings.Split(text, ",") {
					if f = strings.TrimSpace(f); f != "" {
						e.Flags = append(e.Flags, f)
					}
				}
			case "#|":
				kw, q, _ := strings.Cut(text, " ")
				if kw == "msgid" {
					s, err := poUnquote(q)
					if err != nil {
						return nil, bad(n, "%v", err)
					}
					e.Previous += s
				} else if s, err := poUnquote(text); err == nil {
					e.Previous += s
				}
			case "#":
				if len(po.Entries) == 0 && !headerSeen {
					po.Comments = append(po.Comments, text)
				}
			}
			continue
		case strings.HasPrefix(line, `"`):
			if field == nil {
				return nil, bad(n, "a string that continues nothing")
			}
			s, err := poUnquote(line)
			if err != nil {
				return nil, bad(n, "%v", err)
			}
			*field += s
			continue
		}
		kw, q, _ := strings.Cut(line, " ")
		q = strings.TrimSpace(q)
		s, err := poUnquote(q)
		if err != nil {
			return nil, bad(n, "%s: %v", kw, err)
		}
		switch kw {
		case "msgctxt", "msgid":
			if fieldName == "msgstr" || (kw == "msgctxt" && fieldName != "") || (kw == "msgid" && fieldName == "msgid") {
				if err := finish(n); err != nil {
					return nil, err
				}
			}
			if !started {
				e.Line = n
				started = true
			}
		case "msgstr":
			if fieldName != "msgid" {
				return nil, bad(n, "msgstr without a msgid before it")
			}
		case "msgid_plural":
			return nil, bad(n, "plural forms are not used in the pages' text")
		default:
			if strings.HasPrefix(kw, "msgstr[") {
				return nil, bad(n, "plural forms are not used in the pages' text")
			}
			return nil, bad(n, "unknown keyword %q", kw)
		}
		fieldName = kw
		switch kw {
		case "msgctxt":
			e.Context, field = s, &e.Context
		case "msgid":
			e.ID, field = s, &e.ID
		case "msgstr":
			e.Str, field = s, &e.Str
		}
	}
	if err := finish(len(lines)); err != nil {
		return nil, err
	}
	return po, nil
}

// poUnquote reads a quoted PO string with its C escapes.
func poUnquote(q string) (string, error) {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return "", fmt.Errorf("not a quoted string: %s", q)
	}
	q = q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c == '"' {
			return "", fmt.Errorf("a quote inside a string must be written \\\"")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(q) {
			return "", fmt.Errorf("a string ends with a backslash")
		}
		switch q[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(q[i])
		default:
			return "", fmt.Errorf("unknown escape \\%c", q[i])
		}
	}
	return b.String(), nil
}
