package translations

import "fmt"

// Difference is the first place where a translation's structure leaves its source's.
type Difference struct {
	Source, Translation string // the files
	// SourceLine and TranslationLine are where they differ; at a file's last mark, or
	// its last line, when that file has nothing more of the kind.
	SourceLine, TranslationLine int
	Message                     string
}

func (d Difference) Error() string {
	return fmt.Sprintf("%s:%d: %s (source %s:%d)", d.Translation, d.TranslationLine, d.Message, d.Source, d.SourceLine)
}

// markClasses group the marks that are compared in order among themselves: the blocks,
// then each kind of inline mark (a sentence may move a link before a shortcode).
var markClasses = []map[string]bool{
	{"heading": true, "list item": true, "numbered step": true, "code block": true},
	{"shortcode": true},
	{"link": true},
	{"image": true},
}

// Compare reports the first difference between the structure of a translation and its
// source's: headings and their levels, list items, numbered steps and code blocks in
// order, the shortcodes in order, the internal links and the images in order. It is
// nil when they match.
func Compare(src, t *Page) *Difference {
	var first *Difference
	for _, class := range markClasses {
		d := compareMarks(src, t, filter(src.Marks, class), filter(t.Marks, class))
		if d != nil && (first == nil || d.SourceLine < first.SourceLine) {
			first = d
		}
	}
	return first
}

func filter(marks []Mark, class map[string]bool) []Mark {
	var out []Mark
	for _, m := range marks {
		if class[m.Kind] {
			out = append(out, m)
		}
	}
	return out
}

func compareMarks(src, t *Page, a, b []Mark) *Difference {
	d := &Difference{Source: src.Path, Translation: t.Path}
	for i := 0; i < len(a) || i < len(b); i++ {
		switch {
		case i >= len(b):
			d.SourceLine, d.TranslationLine = a[i].Line, lastLine(t, b)
			d.Message = fmt.Sprintf("the translation lacks %s that its source has", a[i])
		case i >= len(a):
			d.SourceLine, d.TranslationLine = lastLine(src, a), b[i].Line
			d.Message = fmt.Sprintf("the translation has %s more than its source", b[i])
		case a[i].Kind != b[i].Kind || a[i].What != b[i].What:
			d.SourceLine, d.TranslationLine = a[i].Line, b[i].Line
			d.Message = fmt.Sprintf("the translation has %s where its source has %s", b[i], a[i])
		default:
			continue
		}
		return d
	}
	return nil
}

// lastLine is the line of the last mark, or the file's last line when there is none.
func lastLine(p *Page, marks []Mark) int {
	if len(marks) > 0 {
		return marks[len(marks)-1].Line
	}
	return lineAt(p.Text, len(p.Text))
}
