package newsletter

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/contratto/portal/internal/frontmatter"
	"github.com/contratto/portal/newsletter/email"
)

// origin says which file, and which line of it, each line of an issue's Markdown comes
// from, so that an error in the Markdown names a line staff can open.
type origin struct {
	path     string // the bundle file
	bodyLine int    // the line of the bundle file its Markdown starts at
	// editorial, set on a draft just assembled, is the editorial file whose text opens
	// the Markdown: its first editorialLines lines are that file's from editorialLine on.
	editorial      string
	editorialLine  int
	editorialLines int
}

// at returns the file and the file line of line n of the Markdown.
func (o origin) at(n int) (string, int) {
	if o.editorial != "" && n <= o.editorialLines {
		return o.editorial, o.editorialLine + n - 1
	}
	return o.path, o.bodyLine + n - 1
}

// locate words the errors of rendering the Markdown with the file and line each comes
// from ("content/newsletter/2012-06/editorial.it.md:7: chart block: ..."); any other
// error is named by the bundle file.
func (o origin) locate(err error) error {
	list := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		list = joined.Unwrap()
	}
	var out []error
	for _, e := range list {
		var block *email.BlockError
		var alt *email.MissingAltError
		switch {
		case errors.As(e, &block):
			file, line := o.at(block.Line)
			out = append(out, fmt.Errorf("%s:%d: %s", file, line, block.Problem()))
		case errors.As(e, &alt):
			file, line := o.at(alt.Line)
			out = append(out, fmt.Errorf("%s:%d:%d: %s", file, line, alt.Column, alt.Problem()))
		default:
			out = append(out, fmt.Errorf("%s: %w", o.path, e))
		}
	}
	return errors.Join(out...)
}

// editorialText is the Markdown of an editorial file, without its front matter (if it
// has one) and without the blank lines around it, and the file line it starts at.
func editorialText(path string, data []byte) ([]byte, int, error) {
	doc, err := frontmatter.Split(data)
	if err != nil {
		return nil, 0, fmt.Errorf("%s:%w", path, err)
	}
	text, line := doc.Body, doc.BodyLine
	for {
		first, rest, found := bytes.Cut(text, []byte("\n"))
		if !found || len(bytes.TrimSpace(first)) > 0 {
			break
		}
		text, line = rest, line+1
	}
	return bytes.TrimRight(text, " \t\r\n"), line, nil
}
