// Package frontmatter reads the front matter of content files (YAML between --- lines or
// TOML between +++ lines) with errors that give the line in the file.
package frontmatter

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"
)

// Doc is a content file split into its front matter and its body.
type Doc struct {
	Format   string // "yaml", "toml", or "" when the file has no front matter
	Front    []byte // the front matter, without its delimiter lines
	Body     []byte
	BodyLine int // the file line the body starts at
}

// Error is a problem at a line of the file (1-based).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: front matter: %s", e.Line, e.Msg) }

// Split finds the front matter at the start of data (YAML between --- lines, TOML
// between +++ lines; a byte-order mark, CR line ends and trailing blanks on the
// delimiter lines are allowed, as Hugo allows them). A file without any has an empty
// Format and all of data as its body. An unclosed front matter is an *Error; the Doc
// then still holds the rest of the file as Front.
func Split(data []byte) (Doc, error) {
	text := strings.TrimPrefix(string(data), "\ufeff")
	first, rest, _ := strings.Cut(text, "\n")
	var d Doc
	var delim string
	switch strings.TrimRight(first, " \t\r") {
	case "---":
		d.Format, delim = "yaml", "---"
	case "+++":
		d.Format, delim = "toml", "+++"
	default:
		return Doc{Body: []byte(text), BodyLine: 1}, nil
	}
	offset, line := 0, 2
	for offset <= len(rest) {
		l, _, _ := strings.Cut(rest[offset:], "\n")
		if strings.TrimRight(l, " \t\r") == delim {
			end := offset + len(l)
			if end < len(rest) {
				end++ // the newline after the closing delimiter
			}
			d.Front, d.Body, d.BodyLine = []byte(rest[:offset]), []byte(rest[end:]), line+1
			return d, nil
		}
		if offset+len(l) >= len(rest) {
			break
		}
		offset += len(l) + 1
		line++
	}
	d.Front, d.BodyLine = []byte(rest), line+1
	return d, &Error{Line: 1, Msg: fmt.Sprintf("no closing %s line", delim)}
}

// Decode reads the front matter into v (a map or a struct). With strict, a key that v
// has no field for is an error (YAML only).
func (d Doc) Decode(v any, strict bool) error {
	switch d.Format {
	case "yaml":
		var opts []yaml.DecodeOption
		if strict {
			opts = append(opts, yaml.DisallowUnknownField())
		}
		err := yaml.UnmarshalWithOptions(d.Front, v, opts...)
		var yerr yaml.Error
		if errors.As(err, &yerr) {
			line := 1
			if tok := yerr.GetToken(); tok != nil {
				line = tok.Position.Line + 1 // the front matter starts on the file's line 2
			}
			return &Error{Line: line, Msg: yerr.GetMessage()}
		}
		if err != nil {
			return &Error{Line: 2, Msg: err.Error()}
		}
		return nil
	case "toml":
		err := toml.Unmarshal(d.Front, v)
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, _ := derr.Position()
			return &Error{Line: row + 1, Msg: derr.Error()}
		}
		if err != nil {
			return &Error{Line: 2, Msg: err.Error()}
		}
		return nil
	}
	return &Error{Line: 1, Msg: "none found: the file must start with a --- (YAML) or +++ (TOML) line"}
}

// KeyLine returns the file line where a top-level key of the front matter is written
// (case-insensitive, as Hugo reads keys), or 0 when it is not.
func (d Doc) KeyLine(key string) int {
	sep := ":"
	if d.Format == "toml" {
		sep = "="
	}
	for i, l := range strings.Split(string(d.Front), "\n") {
		if d.Format == "toml" && strings.HasPrefix(strings.TrimSpace(l), "[") {
			return 0 // the top-level keys come before the first table
		}
		name, _, ok := strings.Cut(l, sep)
		if ok && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") && strings.EqualFold(strings.Trim(strings.TrimSpace(name), `"'`), key) {
			return i + 2 // the front matter starts on line 2, after its delimiter
		}
	}
	return 0
}
