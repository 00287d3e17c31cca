package stats

import (
	"fmt"
	"strings"
)

// The audit is a check made after protection and independent of it: it looks
// only at what a release publishes, as a reader would, and works out for every
// hidden value the range of values it could take.
//
// A one-way table with a published total gives exactly one equation: the
// hidden cells add up to R = total - (sum of published cells, "other"
// included). Counts are never negative, so with one hidden cell its value is
// exactly R; with two or more each lies anywhere in [0, R]. The members of an
// "other" group lie anywhere in [0, other] the same way. With the total
// hidden there is no equation at all. Tables of one release are either about
// different persons or margins of one population that share only their
// total (catalogue.go), and releases never overlap in time (ledger.go); so
// these per-table intervals are exact for everything published.

// Interval is the range of values a hidden count can take given what is
// published. An unbounded interval has no upper end.
type Interval struct {
	Low       int
	High      int // meaningful only when Bounded
	Bounded   bool
	Hidden    bool // whether the count is hidden (false for a published one)
	Derivable bool // true when Low == High on a bounded interval
}

// Width is High-Low, or -1 when the interval is unbounded.
func (iv Interval) Width() int {
	if !iv.Bounded {
		return -1
	}
	return iv.High - iv.Low
}

func (iv Interval) String() string {
	if !iv.Bounded {
		return fmt.Sprintf("%d or more", iv.Low)
	}
	return fmt.Sprintf("from %d to %d", iv.Low, iv.High)
}

// Exposure is what a reader can learn about one hidden count.
type Exposure struct {
	Table    string
	Category string // a hidden category, a member of "other", or "total"
	Interval Interval
}

// Finding is a rule that a release breaks. Its text never holds a hidden
// value.
type Finding struct {
	Table    string
	Category string // "" when about the whole table
	Problem  string
}

func (f Finding) String() string {
	if f.Category == "" {
		return f.Table + ": " + f.Problem
	}
	return f.Table + ", " + f.Category + ": " + f.Problem
}

// AuditTable works out the interval of every hidden count of a table of
// persons and lists the rules it breaks with threshold k: no shown count
// from 1 to k-1, no hidden count whose interval is narrower than k.
// Activities are not audited.
func AuditTable(t PublishedTable, k int) ([]Exposure, []Finding) {
	if t.Unit != Persons {
		return nil, nil
	}
	var exps []Exposure
	var finds []Finding
	find := func(cat, format string, args ...any) {
		finds = append(finds, Finding{Table: t.ID, Category: cat, Problem: fmt.Sprintf(format, args...)})
	}
	small := func(v int) bool { return v >= 1 && v < k }

	published := 0
	var hidden []string
	for _, c := range t.Cells {
		switch {
		case c.Merged != nil || c.Category == OtherCategory:
			if c.Category != OtherCategory {
				find(c.Category, "lists merged categories but is not the %q group", OtherCategory)
			}
			if len(c.Merged) < 2 {
				find(c.Category, "merges fewer than two categories, so the group is one category under another name")
			}
			if c.Value == nil {
				hidden = append(hidden, c.Category)
				continue
			}
			v := *c.Value
			published += v
			for _, m := range c.Merged {
				exps = append(exps, Exposure{Table: t.ID, Category: m,
					Interval: Interval{Low: 0, High: v, Bounded: true, Hidden: true, Derivable: v == 0}})
			}
			if v < k {
				find(c.Category, "the merged group adds up to fewer than %d persons, so each category in it lies in a range narrower than %d", k, k)
			}
		case c.Value == nil:
			hidden = append(hidden, c.Category)
		default:
			if *c.Value < 0 {
				find(c.Category, "is negative")
			}
			if small(*c.Value) {
				find(c.Category, "shows a count of persons from 1 to %d", k-1)
			}
			published += *c.Value
		}
	}

	if t.Total == nil {
		for _, h := range hidden {
			exps = append(exps, Exposure{Table: t.ID, Category: h, Interval: Interval{Hidden: true}})
		}
		exps = append(exps, Exposure{Table: t.ID, Category: TotalCategory, Interval: Interval{Low: published, Hidden: true}})
		if len(t.Cells) > 0 && len(hidden) == 0 {
			find(TotalCategory, "is hidden, but it is the sum of the published cells")
		}
		return exps, finds
	}

	total := *t.Total
	if small(total) {
		find(TotalCategory, "shows a total of persons from 1 to %d", k-1)
	}
	if len(t.Cells) == 0 {
		return exps, finds
	}
	rest := total - published
	switch {
	case rest < 0:
		find("", "the published cells add up to more than the total")
	case len(hidden) == 0 && rest != 0:
		find("", "the published cells do not add up to the total")
	case len(hidden) == 1:
		exps = append(exps, Exposure{Table: t.ID, Category: hidden[0],
			Interval: Interval{Low: rest, High: rest, Bounded: true, Hidden: true, Derivable: true}})
		find(hidden[0], "is the only hidden cell, so it equals the total minus the published cells")
	case len(hidden) > 1:
		for _, h := range hidden {
			exps = append(exps, Exposure{Table: t.ID, Category: h,
				Interval: Interval{Low: 0, High: rest, Bounded: true, Hidden: true, Derivable: rest == 0}})
		}
		if rest < k {
			find(strings.Join(hidden, ", "), "the hidden cells add up to fewer than %d persons, so each lies in a range narrower than %d", k, k)
		}
	}
	return exps, finds
}

// AuditRelease audits every table of a release and the rules between its
// tables: tables known to the catalogue in their own unit, the threshold not
// below the floor, no pair the catalogue excludes, and margins of one
// population showing (or hiding) the same total.
func AuditRelease(r Release) ([]Exposure, []Finding) {
	var exps []Exposure
	var finds []Finding
	if r.Threshold < ThresholdFloor {
		finds = append(finds, Finding{Table: r.Period, Problem: fmt.Sprintf("threshold %d is below the floor of %d", r.Threshold, ThresholdFloor)})
	}
	seen := map[string]bool{}
	byPopulation := map[string]PublishedTable{}
	for _, t := range r.Tables {
		ind, known := LookupIndicator(t.ID)
		switch {
		case !known:
			finds = append(finds, Finding{Table: t.ID, Problem: "is not in the catalogue"})
			continue
		case seen[t.ID]:
			finds = append(finds, Finding{Table: t.ID, Problem: "appears twice"})
			continue
		case t.Unit != ind.Unit || t.Indicator != ind.ID:
			finds = append(finds, Finding{Table: t.ID, Problem: fmt.Sprintf("must be indicator %s in %s", ind.ID, ind.Unit)})
		}
		seen[t.ID] = true
		e, f := AuditTable(t, r.Threshold)
		exps, finds = append(exps, e...), append(finds, f...)
		for _, x := range ind.Excludes {
			if seen[x] {
				finds = append(finds, Finding{Table: t.ID, Problem: fmt.Sprintf("cannot be released together with %s: one is part of the other", x)})
			}
		}
		if other, ok := byPopulation[ind.Population]; ok {
			if (other.Total == nil) != (t.Total == nil) || other.Total != nil && *other.Total != *t.Total {
				finds = append(finds, Finding{Table: t.ID, Category: TotalCategory,
					Problem: fmt.Sprintf("must show the same total as %s: both count the same cases", other.ID)})
			}
		} else {
			byPopulation[ind.Population] = t
		}
	}
	return exps, finds
}
