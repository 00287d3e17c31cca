package stats

import (
	"cmp"
	"slices"
)

// DecisionKind says what protection did to a table.
type DecisionKind int

// What protection can do to a table.
const (
	AsIs        DecisionKind = iota // activities, or persons with no small count
	TableHidden                     // the total itself is 1..k-1: everything hidden
	Merged                          // small counts merged into "other"
	Hidden                          // small counts hidden, with companions
)

// Decision records why a table was published the way it was, for the staff
// report. It never holds a hidden value.
type Decision struct {
	Table string
	Kind  DecisionKind
	// Small lists the categories whose count is 1..k-1 (primary suppression).
	Small []string
	// Companions lists the categories merged or hidden with them only so that
	// the small ones cannot be worked out from the total (secondary).
	Companions []string
}

// Protect applies disclosure control to one table with threshold k.
//
// Activities are published as they are. For persons:
//   - a total from 1 to k-1 hides the whole table;
//   - a count from 1 to k-1 is never shown (primary suppression);
//   - the protected group (the small counts, plus the smallest other nonzero
//     counts when needed) has at least two categories adding up to at least
//     k, so that neither the total minus the published cells nor anything
//     else pins a small count down (secondary suppression). With
//     MergeIntoOther the group is published as one "other" cell naming what
//     it holds; with HideCells its cells are shown as "c".
//
// Cells keep the order of t.Cells; an "other" cell comes last. The cells of
// t must add up to its total (the parsers make sure of it); a table whose
// cells do not is hidden whole.
func Protect(t Table, k int, m Method) (PublishedTable, Decision) {
	out := PublishedTable{ID: t.ID, Indicator: t.ID, Unit: t.Unit, Total: intPtr(t.Total), Cells: []Cell{}}
	d := Decision{Table: t.ID, Kind: AsIs}
	small := func(v int) bool { return v >= 1 && v < k }

	if t.Unit == Persons && small(t.Total) {
		return hideAll(out, t, d)
	}

	group := map[string]bool{}
	sum := 0
	if t.Unit == Persons {
		for _, c := range t.Cells {
			if small(c.Value) {
				group[c.Category] = true
				d.Small = append(d.Small, c.Category)
				sum += c.Value
			}
		}
	}
	if len(group) > 0 && (len(group) < 2 || sum < k) {
		// Add the smallest other nonzero count: it is at least k, so one is
		// enough. There is always one, since the total is at least k.
		candidates := slices.DeleteFunc(slices.Clone(t.Cells), func(c Count) bool { return c.Value == 0 || group[c.Category] })
		if len(candidates) == 0 { // only when the cells do not add up to the total
			return hideAll(out, t, d)
		}
		pick := slices.MinFunc(candidates, func(a, b Count) int { return cmp.Compare(a.Value, b.Value) })
		group[pick.Category] = true
		d.Companions = append(d.Companions, pick.Category)
		sum += pick.Value
	}
	if len(group) == 0 {
		for _, c := range t.Cells {
			out.Cells = append(out.Cells, Cell{Category: c.Category, Value: intPtr(c.Value)})
		}
		return out, d
	}

	var merged []string
	for _, c := range t.Cells {
		switch {
		case !group[c.Category]:
			out.Cells = append(out.Cells, Cell{Category: c.Category, Value: intPtr(c.Value)})
		case m == HideCells:
			out.Cells = append(out.Cells, Cell{Category: c.Category, Flag: Flag})
		default:
			merged = append(merged, c.Category)
		}
	}
	if m == HideCells {
		d.Kind = Hidden
		return out, d
	}
	slices.Sort(merged)
	out.Cells = append(out.Cells, Cell{Category: OtherCategory, Value: intPtr(sum), Merged: merged})
	d.Kind = Merged
	return out, d
}

// hideAll hides the total and every cell of a table.
func hideAll(out PublishedTable, t Table, d Decision) (PublishedTable, Decision) {
	out.Total, out.TotalFlag = nil, Flag
	out.Cells = []Cell{}
	for _, c := range t.Cells {
		out.Cells = append(out.Cells, Cell{Category: c.Category, Flag: Flag})
	}
	d.Kind = TableHidden
	d.Small, d.Companions = nil, nil
	return out, d
}

// protectInput protects every table of an input with the catalogue's method.
func protectInput(in Input, k int) (Release, []Decision) {
	r := Release{
		Period:    in.Period.String(),
		Start:     in.Period.Start().Format(dateLayout),
		End:       in.Period.End().Format(dateLayout),
		Threshold: k,
		Tables:    []PublishedTable{},
	}
	var ds []Decision
	for _, t := range in.Tables {
		ind, _ := LookupIndicator(t.ID)
		pt, d := Protect(t, k, ind.Method)
		r.Tables = append(r.Tables, pt)
		ds = append(ds, d)
	}
	return r, ds
}
