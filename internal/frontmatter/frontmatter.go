// Package frontmatter reads the front matter of content files (YAML between --- lines or
// TOML between +++ lines) with errors that give the line in the file.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"
)

// Doc is a content file split into its front matter and its body.
type Doc struct {
	Format string // "yaml" or "toml"
	Front  []byte // the front matter, without its delimiter lines
	Body   []byte
}

// Error is a problem at a line of the file (1-based).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%d: front matter: %s", e.Line, e.Msg) }

// Split finds the front matter at the start of data. A file without any has an empty
// Format and all of data as its body.
func Split(data []byte) (Doc, error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	for _, d := range []struct{ format, delim string }{{"yaml", "---"}, {"toml", "+++"}} {
		open := []byte(d.delim + "\n")
		if !bytes.HasPrefix(data, open) {
			continue
		}
		rest := data[len(open):]
		if bytes.HasPrefix(rest, []byte(d.delim+"\n")) {
			return Doc{Format: d.format, Body: rest[len(open):]}, nil
		}
		end := bytes.Index(rest, []byte("\n"+d.delim+"\n"))
		if end < 0 {
			if bytes.HasSuffix(rest, []byte("\n"+d.delim)) {
				return Doc{Format: d.format, Front: rest[:len(rest)-len(d.delim)]}, nil
			}
			return Doc{}, &Error{Line: 1, Msg: fmt.Sprintf("no closing %s line", d.delim)}
		}
		return Doc{Format: d.format, Front: rest[:end+1], Body: rest[end+len(d.delim)+2:]}, nil
	}
	return Doc{Body: data}, nil // no front matter at all: Format is ""
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
