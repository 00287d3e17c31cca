package feedlinttest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// rfc2822Date is the date format the validator accepts without comment:
// RFC 822 with a four-digit year, single spaces, and a numeric or US zone.
var rfc2822Date = regexp.MustCompile(`^((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d\d\d\d) (\d\d):(\d\d)(:(\d\d))? (([+-]?\d\d[03]0)|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$`)

// rfc822Date is the looser RFC 822 grammar (two-digit years, any spacing,
// any case, military zones): valid, but "problematical".
var rfc822Date = regexp.MustCompile(`^(((mon)|(tue)|(wed)|(thu)|(fri)|(sat)|(sun))\s*,\s*)?\d\d?\s+((jan)|(feb)|(mar)|(apr)|(may)|(jun)|(jul)|(aug)|(sep)|(oct)|(nov)|(dec))\s+\d\d(\d\d)?\s+\d\d:\d\d(:\d\d)?\s+(([+-]\d\d\d\d)|(ut)|(gmt)|(est)|(edt)|(cst)|(cdt)|(mst)|(mdt)|(pst)|(pdt)|[a-ik-z])?$`)

var rfc822Comment = regexp.MustCompile(`\([^(]*?\)`)

// rfc822Escape is a backslash-quoted character, dropped before the loose match.
var rfc822Escape = regexp.MustCompile(`\\.`)

var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

var zoneOffsets = map[string]int{
	"UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// checkRFC822 applies the validator's rules to an RSS date (pubDate,
// lastBuildDate): InvalidRFC2822Date and IncorrectDOW (errors),
// ProblematicalRFC822Date (warning: e.g. a two-digit year) and
// ImplausibleDate (warning: before 1990, or in the future).
func checkRFC822(c *checker, n *node) {
	v := n.value()
	m := rfc2822Date.FindStringSubmatch(v)
	if m == nil && len(v) > 200 {
		c.errorf(n.start, "InvalidRFC2822Date", "%s must be an RFC-822 date-time, not %d characters of text", n.name(), len(v))
		return
	}
	if m == nil {
		loose := rfc822Escape.ReplaceAllString(v, "")
		for prev := ""; prev != loose; {
			prev, loose = loose, rfc822Comment.ReplaceAllString(loose, " ")
		}
		if rfc822Date.MatchString(strings.ToLower(strings.TrimSpace(loose))) {
			c.warnf(n.start, "ProblematicalRFC822Date", "Problematical RFC 822 date-time value: %s %q (use a four-digit year, single spaces and a numeric zone)", n.name(), v)
		} else {
			c.errorf(n.start, "InvalidRFC2822Date", "%s must be an RFC-822 date-time: %q", n.name(), v)
		}
		return
	}
	day, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[5])
	hour, _ := strconv.Atoi(m[6])
	minute, _ := strconv.Atoi(m[7])
	sec, _ := strconv.Atoi(m[9])
	month := months[m[4]]
	date := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if date.Day() != day {
		c.errorf(n.start, "InvalidRFC2822Date", "%s must be an RFC-822 date-time: %q (day is out of range for month)", n.name(), v)
		return
	}
	if m[2] != "" && date.Weekday().String()[:3] != m[2] {
		c.errorf(n.start, "IncorrectDOW", "Incorrect day of week: %s %q (%d %s %d is a %s)", n.name(), v, day, m[4], year, date.Weekday())
		return
	}
	offset := 0
	if z, ok := zoneOffsets[m[10]]; ok {
		offset = z * 3600
	} else {
		zone := strings.TrimLeft(m[10], "+-")
		hh, _ := strconv.Atoi(zone[:2])
		mm, _ := strconv.Atoi(zone[2:])
		offset = hh*3600 + mm*60
		if strings.HasPrefix(m[10], "-") {
			offset = -offset
		}
	}
	t := time.Date(year, month, day, hour, minute, sec, 0, time.FixedZone("", offset))
	checkPlausible(c, n, t, v)
}

// rfc3339Date is the validator's grammar for Atom dates: only the seconds'
// fraction is optional, and the zone is required.
var rfc3339Date = regexp.MustCompile(`^(\d\d\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d*)?(Z|([+-]\d\d:\d\d))$`)

// checkRFC3339 applies the validator's rules to an Atom date (updated,
// published): InvalidRFC3339Date (error) and ImplausibleDate (warning).
func checkRFC3339(c *checker, n *node) {
	v := n.value()
	t, msg := parseRFC3339(v)
	if msg != "" {
		c.errorf(n.start, "InvalidRFC3339Date", "%s must be an RFC-3339 date-time: %q%s", n.name(), v, msg)
		return
	}
	checkPlausible(c, n, t, v)
}

// parseRFC3339 parses v, or says what is wrong with it ("" when nothing).
func parseRFC3339(v string) (time.Time, string) {
	m := rfc3339Date.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, " (like 2012-06-30T10:00:00Z)"
	}
	num := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	year, month, day := num(1), num(2), num(3)
	if month < 1 || month > 12 || day < 1 || time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC).Day() != day {
		return time.Time{}, " (no such date)"
	}
	if num(4) > 23 || num(5) > 60 || num(6) > 60 {
		return time.Time{}, " (no such time)"
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		// Leap seconds (":60") are valid RFC 3339 that Go cannot parse.
		return time.Date(year, time.Month(month), day, num(4), num(5), 59, 0, time.UTC), ""
	}
	return t, ""
}

// checkPlausible is ImplausibleDate: a feed date before 1990, or more than
// ten minutes after Options.Now when that is set.
func checkPlausible(c *checker, n *node, t time.Time, v string) {
	if msg := implausible(c, t); msg != "" {
		c.warnf(n.start, "ImplausibleDate", "Implausible date: %s %q %s", n.name(), v, msg)
	}
}

func implausible(c *checker, t time.Time) string {
	if t.Year() < 1990 {
		return "(before 1990)"
	}
	if !c.opts.Now.IsZero() && t.After(c.opts.Now.Add(10*time.Minute)) {
		return fmt.Sprintf("(in the future: it is %s)", c.opts.Now.UTC().Format(time.RFC3339))
	}
	return ""
}
