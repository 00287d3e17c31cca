package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// aggregateHeader is the required first row of an aggregate CSV file.
var aggregateHeader = []string{"period", "indicator", "category", "count", "unit"}

// aggRow is one data row of an aggregate file, with where each field was.
type aggRow struct {
	period    Period
	indicator Indicator
	category  string
	count     int
	line      int
	col       [5]int // byte column of each field
}

// ParseAggregate reads aggregate figures as CSV with the header
// period,indicator,category,count,unit. Lines starting with # are comments.
// The category "total" gives a table's total: a table with only a total is a
// single figure; a table with categories and a total must add up. A file may
// hold several periods if none overlaps another; the result has one Input
// per period, in date order. Errors name the file, line and column.
func ParseAggregate(name string, r io.Reader) ([]Input, error) {
	errs := &errorCollector{file: name}
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if err == io.EOF {
		errs.add(1, 1, "the file is empty; the first row must be %s", strings.Join(aggregateHeader, ","))
		return nil, errs.err()
	}
	if err != nil {
		addCSVError(errs, err)
		return nil, errs.err()
	}
	if !headerIs(header, aggregateHeader) {
		line, col := cr.FieldPos(0)
		errs.add(line, col, "the first row must be %s, found %q", strings.Join(aggregateHeader, ","), strings.Join(header, ","))
		return nil, errs.err()
	}

	var rows []aggRow
	seen := map[string]int{}          // period|indicator|category -> line
	periodLine := map[Period][2]int{} // first line and column of each period
	for !errs.full() {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			addCSVError(errs, err)
			if _, ok := errors.AsType[*csv.ParseError](err); ok {
				continue
			}
			break
		}
		row, ok := parseAggregateRow(cr, rec, errs)
		if !ok {
			continue
		}
		key := row.period.String() + "|" + row.indicator.ID + "|" + row.category
		if first, dup := seen[key]; dup {
			errs.add(row.line, row.col[0], "duplicate row: period %s, indicator %s, category %s is already on line %d",
				row.period, row.indicator.ID, row.category, first)
			continue
		}
		seen[key] = row.line
		if _, known := periodLine[row.period]; !known {
			if q, line, ok := overlapping(periodLine, row.period); ok {
				errs.add(row.line, row.col[0], "period %s overlaps period %s (line %d); a file may hold several periods only if none overlaps another, since one could be subtracted from the other",
					row.period, q, line)
				continue
			}
			periodLine[row.period] = [2]int{row.line, row.col[0]}
		}
		rows = append(rows, row)
	}
	if errs.err() != nil {
		return nil, errs.err()
	}
	if len(rows) == 0 {
		errs.add(1, 1, "the file has a header but no figures")
		return nil, errs.err()
	}
	inputs := buildAggregateInputs(name, rows, periodLine, errs)
	return inputs, errs.err()
}

// headerIs compares a header row with the expected names, ignoring case,
// surrounding spaces and a byte-order mark.
func headerIs(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if cleanHeader(got[i]) != want[i] {
			return false
		}
	}
	return true
}

func cleanHeader(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
}

// addCSVError turns an encoding/csv error into a positioned one.
func addCSVError(errs *errorCollector, err error) {
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		errs.add(pe.Line, pe.Column, "%v", pe.Err)
		return
	}
	errs.add(0, 0, "%v", err)
}

// overlapping finds an already seen period that overlaps p.
func overlapping(periods map[Period][2]int, p Period) (Period, int, bool) {
	var found []Period
	for q := range periods {
		if q.Overlaps(p) {
			found = append(found, q)
		}
	}
	if len(found) == 0 {
		return Period{}, 0, false
	}
	slices.SortFunc(found, func(a, b Period) int { return periods[a][0] - periods[b][0] })
	return found[0], periods[found[0]][0], true
}

func parseAggregateRow(cr *csv.Reader, rec []string, errs *errorCollector) (aggRow, bool) {
	var row aggRow
	for i := range rec {
		if i < len(row.col) {
			row.line, row.col[i] = cr.FieldPos(i)
		}
	}
	row.line, _ = cr.FieldPos(0)
	if len(rec) != len(aggregateHeader) {
		errs.add(row.line, row.col[0], "expected %d fields (%s), found %d",
			len(aggregateHeader), strings.Join(aggregateHeader, ","), len(rec))
		return row, false
	}
	ok := true
	p, err := ParsePeriod(strings.TrimSpace(rec[0]))
	if err != nil {
		errs.add(row.line, row.col[0], "%v", err)
		ok = false
	}
	row.period = p

	ind, known := LookupIndicator(strings.TrimSpace(rec[1]))
	if !known {
		errs.add(row.line, row.col[1], "unknown indicator %q; the catalogue has %s", rec[1], strings.Join(IndicatorIDs(), ", "))
		return row, false
	}
	row.indicator = ind

	cat := strings.TrimSpace(rec[2])
	switch {
	case cat == TotalCategory || ind.HasCategory(cat):
		row.category = cat
	case len(ind.Categories) == 0:
		errs.add(row.line, row.col[2], "unknown category %q: %s is a single figure, so its only category is %s", rec[2], ind.ID, TotalCategory)
		ok = false
	default:
		errs.add(row.line, row.col[2], "unknown category %q for %s; use one of %s, or %s", rec[2], ind.ID, strings.Join(ind.Categories, ", "), TotalCategory)
		ok = false
	}

	n, err := parseCount(rec[3])
	if err != nil {
		errs.add(row.line, row.col[3], "%v", err)
		ok = false
	}
	row.count = n

	switch unit := Unit(strings.TrimSpace(rec[4])); {
	case unit != Persons && unit != Activities:
		errs.add(row.line, row.col[4], "unit %q is neither %s nor %s", rec[4], Persons, Activities)
		ok = false
	case unit != ind.Unit:
		errs.add(row.line, row.col[4], "unit %s does not match the catalogue: %s counts %s", unit, ind.ID, ind.Unit)
		ok = false
	}
	return row, ok
}

// thousands matches a number written with thousands separators: 2.651.
var thousands = regexp.MustCompile(`^[0-9]{1,3}([.,' ][0-9]{3})+$`)

// parseCount reads a non-negative whole number written with digits only.
func parseCount(raw string) (int, error) {
	s := strings.TrimSpace(raw)
	if !allDigits(s) {
		hint := ""
		if thousands.MatchString(s) {
			hint = " (write digits only, without thousands separators: 2651, not 2.651)"
		}
		return 0, fmt.Errorf("count %q is not a non-negative whole number%s", raw, hint)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > maxCount {
		return 0, fmt.Errorf("count %q is larger than %d, the largest count accepted", raw, maxCount)
	}
	return n, nil
}

// buildAggregateInputs groups checked rows into tables, one Input per period.
func buildAggregateInputs(name string, rows []aggRow, periodLine map[Period][2]int, errs *errorCollector) []Input {
	type tableKey struct {
		period Period
		id     string
	}
	byTable := map[tableKey][]aggRow{}
	for _, row := range rows {
		k := tableKey{row.period, row.indicator.ID}
		byTable[k] = append(byTable[k], row)
	}
	periods := make([]Period, 0, len(periodLine))
	for p := range periodLine {
		periods = append(periods, p)
	}
	sort.Slice(periods, func(i, j int) bool { return periodLine[periods[i]][0] < periodLine[periods[j]][0] })

	var inputs []Input
	for _, p := range periods {
		at := periodLine[p]
		in := Input{Period: p, Where: PosError{File: name, Line: at[0], Col: at[1]}}
		firstLine := map[string]aggRow{}
		for _, ind := range catalogue {
			tr, ok := byTable[tableKey{p, ind.ID}]
			if !ok {
				continue
			}
			firstLine[ind.ID] = tr[0]
			if t, ok := buildTable(ind, tr, errs); ok {
				in.Tables = append(in.Tables, t)
			}
		}
		checkTogether(in, func(id string, format string, args ...any) {
			r := firstLine[id]
			errs.add(r.line, r.col[1], format, args...)
		})
		inputs = append(inputs, in)
	}
	slices.SortStableFunc(inputs, func(a, b Input) int { return a.Period.Start().Compare(b.Period.Start()) })
	return inputs
}

// buildTable makes one table out of its rows and checks that it adds up.
func buildTable(ind Indicator, rows []aggRow, errs *errorCollector) (Table, bool) {
	t := Table{ID: ind.ID, Unit: ind.Unit}
	var total *aggRow
	sum := 0
	for i := range rows {
		if rows[i].category == TotalCategory {
			total = &rows[i]
			continue
		}
		t.Cells = append(t.Cells, Count{Category: rows[i].category, Value: rows[i].count})
		sum += rows[i].count
	}
	slices.SortFunc(t.Cells, func(a, b Count) int { return ind.categoryIndex(a.Category) - ind.categoryIndex(b.Category) })
	t.Total = sum
	if total != nil {
		t.Total = total.count
		if len(t.Cells) > 0 && total.count != sum {
			errs.add(total.line, total.col[3], "the total of %s is %d but its categories add up to %d; give every category (0 for none) or leave the total row out",
				ind.ID, total.count, sum)
			return t, false
		}
	}
	return t, true
}

// checkTogether refuses tables that may not be released side by side:
// excluded pairs, and margins of one population whose totals differ.
func checkTogether(in Input, fail func(id string, format string, args ...any)) {
	has := map[string]Table{}
	for _, t := range in.Tables {
		has[t.ID] = t
	}
	for _, t := range in.Tables {
		ind, _ := LookupIndicator(t.ID)
		for _, x := range ind.Excludes {
			if _, both := has[x]; both && catalogueIndex(x) < catalogueIndex(t.ID) {
				fail(t.ID, "%s cannot be released together with %s for %s: one is part of the other, and the difference could reveal small counts",
					t.ID, x, in.Period)
			}
		}
	}
	firstOf := map[string]Table{}
	for _, t := range in.Tables {
		ind, _ := LookupIndicator(t.ID)
		first, seen := firstOf[ind.Population]
		if !seen {
			firstOf[ind.Population] = t
			continue
		}
		if first.Total != t.Total {
			fail(t.ID, "%s adds up to %d but %s adds up to %d; both count the same cases, so their totals must match",
				t.ID, t.Total, first.ID, first.Total)
		}
	}
}
