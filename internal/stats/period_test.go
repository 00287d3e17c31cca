package stats

import (
	"strings"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct{ in, start, end string }{
		{"2012-06", "2012-06-01", "2012-06-30"},
		{"2012-02", "2012-02-01", "2012-02-29"},
		{"2012-Q2", "2012-04-01", "2012-06-30"},
		{"2012-Q4", "2012-10-01", "2012-12-31"},
		{"2012-H1", "2012-01-01", "2012-06-30"},
		{"2012-H2", "2012-07-01", "2012-12-31"},
		{"2012", "2012-01-01", "2012-12-31"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if p.String() != tt.in || p.Start().Format(dateLayout) != tt.start || p.End().Format(dateLayout) != tt.end {
			t.Errorf("%s: got %s from %s to %s", tt.in, p, p.Start().Format(dateLayout), p.End().Format(dateLayout))
		}
	}
	for _, bad := range []string{"", "12", "2012-6", "2012-13", "2012-00", "2012-Q5", "2012-Q0", "2012-H3", "2012-S1", "2012-q2", "1899", "2012-06-01", "２０１２"} {
		if _, err := ParsePeriod(bad); err == nil || !strings.Contains(err.Error(), "2012-H1") {
			t.Errorf("ParsePeriod(%q) = %v, want an error that shows the forms", bad, err)
		}
	}
}

func TestPeriodOverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2012-Q2", "2012-H1", true}, // a quarter inside a semester
		{"2012-06", "2012", true},    // a month beside its year
		{"2012-06", "2012-Q2", true},
		{"2012-H1", "2012-H2", false},
		{"2012-06", "2012-07", false},
		{"2012-Q3", "2012-H1", false},
		{"2012", "2013-01", false},
		{"2012-H1", "2012-H1", true},
	}
	for _, tt := range tests {
		a, b := MustParsePeriod(tt.a), MustParsePeriod(tt.b)
		if a.Overlaps(b) != tt.want || b.Overlaps(a) != tt.want {
			t.Errorf("%s overlaps %s: got %v, want %v", tt.a, tt.b, a.Overlaps(b), tt.want)
		}
	}
}

func TestPeriodContains(t *testing.T) {
	p := MustParsePeriod("2012-H1")
	rome := time.FixedZone("Rome", 2*3600)
	for d, want := range map[time.Time]bool{
		time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC):   true,
		time.Date(2012, 6, 30, 23, 59, 0, 0, rome):    true,
		time.Date(2012, 7, 1, 0, 0, 0, 0, time.UTC):   false,
		time.Date(2011, 12, 31, 0, 0, 0, 0, time.UTC): false,
	} {
		if p.Contains(d) != want {
			t.Errorf("2012-H1 contains %v: got %v", d, !want)
		}
	}
}
