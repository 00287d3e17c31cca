// Package chartblock reads and writes the one way the newsletter puts a small
// bar chart in its Markdown: a fenced code block whose info string is "chart".
//
//	```chart
//	Casi gestiti dal numero verde regionale
//	Sfruttamento sessuale | 28
//	Altre forme | 9
//	Accattonaggio | c
//	```
//
// The first line that is not blank is the title; every other line that is not
// blank is a bar, "label | value", where the value is a whole number (digits
// only) or "c", the confidentiality flag of a hidden value. Anything else is an
// error naming its line. The portal draws the block with a Hugo render hook
// (layouts/_markup/render-codeblock-chart.html), the email with
// newsletter/email; both follow these rules.
package chartblock

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden is how a hidden value is written: Eurostat's confidentiality flag.
const Hidden = "c"

// MaxDigits is the most digits a value may have (leading zeros aside): a
// count, not an identifier; the portal's render hook applies the same limit.
const MaxDigits = 12

// Chart is a parsed chart block.
type Chart struct {
	Title string
	Bars  []Bar
}

// Bar is one line of the chart: a label and its count, or a hidden count.
type Bar struct {
	Label  string
	Value  int  // 0 when Hidden
	Hidden bool // written "c": drawn as a stub labelled "c", never as a number
}

// Max is the largest value of the bars that are not hidden (0 when none is).
// Renderers scale bar lengths to it.
func (c Chart) Max() int {
	m := 0
	for _, b := range c.Bars {
		if !b.Hidden && b.Value > m {
			m = b.Value
		}
	}
	return m
}

// Error is a malformed chart block: the line, counted from 1 at the first
// line inside the fences, and what is wrong with it.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse reads the text between the fences of a chart block. Lines end with
// "\n" or "\r\n"; blank lines are ignored; labels and the title are trimmed of
// surrounding spaces. The error, an *Error, names the first bad line.
func Parse(src string) (Chart, error) {
	var c Chart
	titleLine := 0
	lines := strings.Split(src, "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSuffix(raw, "\r")
		if err := checkText(line); err != "" {
			return Chart{}, &Error{Line: n, Msg: err}
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if titleLine == 0 {
			if strings.Contains(line, "|") {
				return Chart{}, &Error{Line: n, Msg: fmt.Sprintf(
					"%q looks like a bar, but the first line of a chart is its title: write the title above the bars", line)}
			}
			c.Title, titleLine = line, n
			continue
		}
		bar, msg := parseBar(line)
		if msg != "" {
			return Chart{}, &Error{Line: n, Msg: msg}
		}
		c.Bars = append(c.Bars, bar)
	}
	switch {
	case titleLine == 0:
		return Chart{}, &Error{Line: 1, Msg: `the chart is empty: write its title, then one "label | value" line per bar`}
	case len(c.Bars) == 0:
		return Chart{}, &Error{Line: titleLine, Msg: fmt.Sprintf(
			`the chart %q has no bars: under the title, write one "label | value" line per bar`, c.Title)}
	}
	return c, nil
}

// parseBar reads "label | value"; the message says what is wrong, "" when
// nothing is.
func parseBar(line string) (Bar, string) {
	label, value, ok := strings.Cut(line, "|")
	switch {
	case !ok:
		return Bar{}, fmt.Sprintf(`%q is not a bar: write "label | value", e.g. "Sfruttamento sessuale | 28"`, line)
	case strings.Contains(value, "|"):
		return Bar{}, fmt.Sprintf(`%q has more than one "|": a label cannot contain "|"`, line)
	}
	label, value = strings.TrimSpace(label), strings.TrimSpace(value)
	if label == "" {
		return Bar{}, fmt.Sprintf(`%q has no label before "|"`, line)
	}
	n, msg := parseValue(value)
	if msg != "" {
		return Bar{}, fmt.Sprintf("%q: %s", line, msg)
	}
	if n < 0 {
		return Bar{Label: label, Hidden: true}, ""
	}
	return Bar{Label: label, Value: n}, ""
}

// parseValue reads a count (digits only) or "c" (returned as -1).
func parseValue(v string) (int, string) {
	switch {
	case v == Hidden:
		return -1, ""
	case v == "":
		return 0, `no value after "|": write a whole number, or c for a hidden value`
	case v == "C":
		return 0, `write a hidden value as a lowercase c`
	case strings.HasPrefix(v, "-") && isDigits(v[1:]):
		return 0, fmt.Sprintf("the value %s is negative: a count is 0 or more", v)
	case !isDigits(v):
		if isDigits(strings.Map(dropSeparator, v)) {
			return 0, fmt.Sprintf("write the value %s with digits only, without separators: %s", v, strings.Map(dropSeparator, v))
		}
		return 0, fmt.Sprintf("the value %q is not a whole number or c", v)
	}
	if digits := strings.TrimLeft(v, "0"); len(digits) > MaxDigits {
		return 0, fmt.Sprintf("the value %s is too large: a count has at most %d digits", v, MaxDigits)
	}
	n, _ := strconv.Atoi(v) // at most 12 significant digits: always fits
	return n, ""
}

func dropSeparator(r rune) rune {
	switch r {
	case '.', ',', ' ', '\'', '\u00a0', '\u202f', '\u2009':
		return -1
	}
	return r
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkText refuses what no chart may hold: bytes that are not UTF-8 and
// control characters other than tab. It returns the message, "" when fine.
func checkText(s string) string {
	if !utf8.ValidString(s) {
		return "the line is not valid UTF-8 text"
	}
	for _, r := range s {
		if r != '\t' && unicode.IsControl(r) {
			return fmt.Sprintf("the line contains the control character %+q: delete it", string(r))
		}
	}
	return ""
}

// Format writes the chart as a block's text (without the fences), one line
// each for the title and every bar, so that Parse gives the same chart back.
// That holds for every chart Validate accepts; Format does not check.
func Format(c Chart) string {
	var b strings.Builder
	b.WriteString(c.Title)
	b.WriteByte('\n')
	for _, bar := range c.Bars {
		b.WriteString(bar.Label)
		b.WriteString(" | ")
		if bar.Hidden {
			b.WriteString(Hidden)
		} else {
			b.WriteString(strconv.Itoa(bar.Value))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Validate reports why Format(c) would not parse back to c: an empty or
// untrimmed title or label, a line break, a control character or "|" in
// one, a negative value or one of more than MaxDigits digits, no bars. It returns
// all problems at once.
func (c Chart) Validate() error {
	var errs []error
	text := func(what, s string) {
		switch {
		case strings.TrimSpace(s) == "":
			errs = append(errs, fmt.Errorf("%s is empty", what))
		case strings.TrimSpace(s) != s:
			errs = append(errs, fmt.Errorf("%s %q starts or ends with a space", what, s))
		case strings.Contains(s, "|"):
			errs = append(errs, fmt.Errorf(`%s %q contains "|"`, what, s))
		case strings.ContainsAny(s, "\r\n"):
			errs = append(errs, fmt.Errorf("%s %q contains a line break", what, s))
		default:
			if msg := checkText(s); msg != "" {
				errs = append(errs, fmt.Errorf("%s %q: %s", what, s, strings.TrimPrefix(msg, "the line ")))
			}
		}
	}
	text("the title", c.Title)
	if len(c.Bars) == 0 {
		errs = append(errs, errors.New("the chart has no bars"))
	}
	for i, b := range c.Bars {
		text(fmt.Sprintf("the label of bar %d", i+1), b.Label)
		if b.Value < 0 {
			errs = append(errs, fmt.Errorf("bar %d (%q) has the negative value %d", i+1, b.Label, b.Value))
		}
		if len(strconv.Itoa(b.Value)) > MaxDigits {
			errs = append(errs, fmt.Errorf("bar %d (%q) has the value %d, more than %d digits", i+1, b.Label, b.Value, MaxDigits))
		}
		if b.Hidden && b.Value != 0 {
			errs = append(errs, fmt.Errorf("bar %d (%q) is hidden but has the value %d: a hidden bar keeps no count", i+1, b.Label, b.Value))
		}
	}
	return errors.Join(errs...)
}
