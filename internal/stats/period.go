package stats

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the length of a calendar period.
type PeriodKind int

// The period lengths a release may cover. Any two periods of these kinds are
// either nested or disjoint, never partly overlapping.
const (
	Month    PeriodKind = iota + 1 // "2012-06"
	Quarter                        // "2012-Q2"
	Semester                       // "2012-H1"
	Year                           // "2012"
)

// Period is a calendar month, quarter, semester or year.
type Period struct {
	Kind PeriodKind
	Year int
	N    int // month 1-12, quarter 1-4, semester 1-2; 1 for a year
}

// ParsePeriod reads "2012-06", "2012-Q2", "2012-H1" or "2012".
func ParsePeriod(s string) (Period, error) {
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("period %q %s; write a month (2012-06), quarter (2012-Q2), semester (2012-H1) or year (2012)", s, why)
	}
	yearPart, rest, hasRest := strings.Cut(s, "-")
	if len(yearPart) != 4 || !allDigits(yearPart) {
		return bad("does not start with a four-digit year")
	}
	year, _ := strconv.Atoi(yearPart)
	if year < 1900 {
		return bad("is before 1900")
	}
	if !hasRest {
		return Period{Kind: Year, Year: year, N: 1}, nil
	}
	kind, digits, limit := Month, rest, 12
	switch {
	case strings.HasPrefix(rest, "Q"):
		kind, digits, limit = Quarter, rest[1:], 4
	case strings.HasPrefix(rest, "H"):
		kind, digits, limit = Semester, rest[1:], 2
	}
	if kind == Month && len(digits) != 2 || kind != Month && len(digits) != 1 || !allDigits(digits) {
		return bad("is not in a known form")
	}
	n, _ := strconv.Atoi(digits)
	if n < 1 || n > limit {
		return bad(fmt.Sprintf("has no number %d in a year", n))
	}
	return Period{Kind: kind, Year: year, N: n}, nil
}

// MustParsePeriod is ParsePeriod for constants in code and tests; it panics
// on a malformed period.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String gives the period back in the form ParsePeriod reads.
func (p Period) String() string {
	switch p.Kind {
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case Semester:
		return fmt.Sprintf("%04d-H%d", p.Year, p.N)
	default:
		return fmt.Sprintf("%04d", p.Year)
	}
}

// months gives the first month and the number of months of the period.
func (p Period) months() (first time.Month, count int) {
	switch p.Kind {
	case Month:
		return time.Month(p.N), 1
	case Quarter:
		return time.Month(3*(p.N-1) + 1), 3
	case Semester:
		return time.Month(6*(p.N-1) + 1), 6
	default:
		return time.January, 12
	}
}

// Start is the first day of the period (midnight UTC).
func (p Period) Start() time.Time {
	first, _ := p.months()
	return time.Date(p.Year, first, 1, 0, 0, 0, 0, time.UTC)
}

// End is the last day of the period (midnight UTC), inclusive.
func (p Period) End() time.Time {
	first, count := p.months()
	return time.Date(p.Year, first+time.Month(count), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// Contains reports whether the calendar day d lies in the period.
func (p Period) Contains(d time.Time) bool {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(p.Start()) && !day.After(p.End())
}

// Overlaps reports whether the two periods share at least one day.
func (p Period) Overlaps(q Period) bool {
	return !p.End().Before(q.Start()) && !q.End().Before(p.Start())
}

const dateLayout = "2006-01-02"
