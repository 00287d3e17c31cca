package check

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Write prints the report for an editor: the table of translations, the findings in
// order of file and line, then a one-line summary ("2 errors, 5 warnings").
func (r Report) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if len(r.Coverage.Rows) > 0 {
		r.Coverage.write(bw)
		fmt.Fprintln(bw)
	}
	for _, f := range r.Findings {
		fmt.Fprintln(bw, f)
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, r.Summary())
	return bw.Flush()
}

// Summary is the report in one line: "2 errors, 5 warnings".
func (r Report) Summary() string {
	return plural(r.Errors(), "error") + ", " + plural(r.Warnings(), "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// The marks of the table.
const (
	markTranslated = "✓"
	markBehind     = "old"
	markMissing    = "–"
)

func (c Coverage) write(w io.Writer) {
	fmt.Fprintf(w, "Translations: %s translated, %s translated from an older version of the page (see the warnings), en/it… a copy of the page in that language, %s missing\n\n", markTranslated, markBehind, markMissing)
	width := len("page")
	for _, r := range c.Rows {
		width = max(width, utf8.RuneCountInString(r.label()))
	}
	var head strings.Builder
	head.WriteString(pad("page", width))
	for _, l := range c.Languages {
		head.WriteString("  " + pad(l, cellWidth(l)))
	}
	fmt.Fprintln(w, strings.TrimRight(head.String(), " "))
	for _, r := range c.Rows {
		var line strings.Builder
		line.WriteString(pad(r.label(), width))
		for i, cell := range r.Cells {
			line.WriteString("  " + pad(cell.mark(), cellWidth(c.Languages[i])))
		}
		fmt.Fprintln(w, strings.TrimRight(line.String(), " "))
	}
	fmt.Fprintln(w, "\n* essential: every language needs its own translation")
}

func (r Row) label() string {
	if r.Essential {
		return r.Key + " *"
	}
	return r.Key
}

func (c Cell) mark() string {
	switch c.State {
	case Translated:
		if c.Behind {
			return markBehind
		}
		return markTranslated
	case Fallback:
		return c.From
	}
	return markMissing
}

func cellWidth(lang string) int { return max(len(lang), 3) }

// pad fills s with spaces to n characters (not bytes: the marks are not ASCII).
func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}
