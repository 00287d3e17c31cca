package newsletter

import (
	"fmt"
	"time"
)

// Month is the month of an issue.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || t.Format("2006-01") != s {
		return Month{}, fmt.Errorf("month %q: write it as YYYY-MM, for example 2012-06", s)
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// String returns "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Start is the first instant of the month in loc.
func (m Month) Start(loc *time.Location) time.Time {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc)
}

// End is the first instant after the month in loc.
func (m Month) End(loc *time.Location) time.Time {
	return m.Start(loc).AddDate(0, 1, 0)
}

// Contains reports whether t falls in the month, as seen in loc.
func (m Month) Contains(t time.Time, loc *time.Location) bool {
	return !t.Before(m.Start(loc)) && t.Before(m.End(loc))
}
