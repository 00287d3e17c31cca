package stats

import (
	"fmt"
	"strings"
)

// PosError is a problem at a place in an input file: it prints as
// "path:line:col: what is wrong", the form editors and terminals understand.
type PosError struct {
	File string // the path as the user gave it
	Line int    // 1-based; 0 when the problem is about the whole file
	Col  int    // 1-based byte column; 0 when unknown
	Msg  string // what is wrong, in plain words
}

func (e *PosError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
}

// ErrorList is several input problems reported together, one per line, so a
// person can fix a file in one pass.
type ErrorList []*PosError

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// maxErrors bounds how many problems a parser collects before it stops.
const maxErrors = 25

// errorCollector gathers positioned errors for one file.
type errorCollector struct {
	file string
	list ErrorList
}

func (c *errorCollector) add(line, col int, format string, args ...any) {
	c.list = append(c.list, &PosError{File: c.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (c *errorCollector) full() bool { return len(c.list) >= maxErrors }

func (c *errorCollector) err() error {
	if len(c.list) == 0 {
		return nil
	}
	return c.list
}
