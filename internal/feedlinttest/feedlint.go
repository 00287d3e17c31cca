// Package feedlinttest is a test oracle: it checks RSS 2.0, Atom 1.0 and JSON Feed 1.1
// documents offline against the rules of the W3C Feed Validator
// (validator.w3.org/feed), grading each finding as that validator does:
// an error, a warning, or a recommendation (the validator's "interoperability
// could be improved" notes).
//
// Each rule is a small function named after the validator's message class
// (MissingAtomSelfLink, InvalidRFC2822Date, ContainsRelRef…), and each
// Finding carries that name, so a finding can be looked up in the
// validator's documentation. JSON Feed has no W3C validator; its rules come
// from the JSON Feed 1.1 specification (MUST → error, SHOULD → warning).
package feedlinttest

import (
	"bytes"
	"fmt"
	"sort"
	"time"
)

// Severity grades a Finding the way the W3C Feed Validator does.
type Severity int

// Severities, worst first.
const (
	Error          Severity = iota + 1 // the feed is invalid
	Warning                            // valid, but likely to cause trouble in some readers
	Recommendation                     // valid; the validator suggests an improvement
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Recommendation:
		return "recommendation"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Finding is one problem in a feed.
type Finding struct {
	File     string   // the name passed to Check
	Line     int      // 1-based line of the element concerned; 0 when unknown
	Column   int      // 1-based column; 0 when unknown
	Severity Severity // as the W3C validator grades it
	Rule     string   // the validator's name for the problem, e.g. "MissingGuid"
	Message  string   // what is wrong, in the validator's words, with the value at fault
}

// String formats f as "file:line:column: severity: message [Rule]".
func (f Finding) String() string {
	pos := f.File
	if f.Line > 0 {
		pos += fmt.Sprintf(":%d", f.Line)
		if f.Column > 0 {
			pos += fmt.Sprintf(":%d", f.Column)
		}
	}
	return fmt.Sprintf("%s: %s: %s [%s]", pos, f.Severity, f.Message, f.Rule)
}

// Options tell Check what it cannot see in the file itself.
type Options struct {
	// Location is the absolute URL the feed is served from. When set, a
	// self link (or JSON feed_url) that points elsewhere is reported.
	Location string
	// Charset is the charset parameter the web server sends with the feed's
	// Content-Type, if it sends one; it must agree with the XML declaration.
	Charset string
	// Now, when set, lets dates more than ten minutes after it be reported as
	// implausible. Zero leaves the clock out: only dates before 1990 are.
	Now time.Time
}

// Check checks one feed document, whatever its format, and returns its
// findings sorted by position. name is used in the findings only.
func Check(name string, data []byte) []Finding {
	return CheckWith(name, data, Options{})
}

// CheckWith is Check with what the file cannot tell: see Options.
func CheckWith(name string, data []byte, opts Options) []Finding {
	c := &checker{name: name, opts: opts}
	if isJSON(data) {
		checkJSONFeed(c, data)
	} else {
		checkXMLFeed(c, data)
	}
	sort.SliceStable(c.findings, func(i, j int) bool {
		a, b := c.findings[i], c.findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	return c.findings
}

// Failing returns the errors and warnings among findings: what the project
// treats as a failed feed.
func Failing(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Severity == Error || f.Severity == Warning {
			out = append(out, f)
		}
	}
	return out
}

// isJSON reports whether data looks like a JSON document rather than XML.
func isJSON(data []byte) bool {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// checker collects the findings of one Check.
type checker struct {
	name     string
	opts     Options
	findings []Finding
	// charRefLines marks the lines that contain a hexadecimal character
	// reference ("&#x"): the RSS profile rules about "&" and "<" in plain
	// text look for one on the element's lines, as the validator does.
	charRefLines []bool
}

// pos is a position in the document.
type pos struct{ line, col int }

func (c *checker) add(p pos, sev Severity, rule, format string, args ...any) {
	c.findings = append(c.findings, Finding{
		File: c.name, Line: p.line, Column: p.col,
		Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...),
	})
}

func (c *checker) errorf(p pos, rule, format string, args ...any) {
	c.add(p, Error, rule, format, args...)
}

func (c *checker) warnf(p pos, rule, format string, args ...any) {
	c.add(p, Warning, rule, format, args...)
}

func (c *checker) recommendf(p pos, rule, format string, args ...any) {
	c.add(p, Recommendation, rule, format, args...)
}
