package stats

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Report writes, for staff, what the plan will publish and why: what was
// shown, merged, hidden or refused, in plain words. It names categories and
// published figures only, never a hidden value, so it is safe to keep in a
// log.
func (p *Plan) Report(w io.Writer) {
	for _, pr := range p.Releases {
		writeRelease(w, pr.Release, pr.Decisions, pr.Exposures)
		switch {
		case pr.Unchanged:
			fmt.Fprintf(w, "Ledger: %s is already published with exactly these figures; nothing changes.\n", pr.Release.Period)
		default:
			fmt.Fprintf(w, "Ledger: %s is new and overlaps no published period with tables of persons; it will be recorded.\n", pr.Release.Period)
		}
		for _, n := range pr.Notes {
			fmt.Fprintf(w, "Note: %s\n", n)
		}
		fmt.Fprintln(w)
	}
}

// WriteAudit writes the audit of committed releases for staff: each table as
// a reader sees it, and the range each hidden count could take.
func WriteAudit(w io.Writer, releases []Release) {
	for _, r := range releases {
		exps, _ := AuditRelease(r)
		writeRelease(w, r, nil, exps)
		fmt.Fprintln(w)
	}
}

func writeRelease(w io.Writer, r Release, decisions []Decision, exps []Exposure) {
	k := r.Threshold
	fmt.Fprintf(w, "Release %s (%s to %s), threshold k = %d: tables of persons show no count from 1 to %d.\n",
		r.Period, r.Start, r.End, k, k-1)
	for i, t := range r.Tables {
		var d *Decision
		if i < len(decisions) {
			d = &decisions[i]
		}
		writeTable(w, t, d, exps, k)
	}
	_, finds := AuditRelease(r)
	if len(finds) == 0 {
		fmt.Fprintf(w, "Audit: passed. No count of persons from 1 to %d is shown, and every hidden count could lie anywhere in a range at least %d wide.\n", k-1, k)
		return
	}
	fmt.Fprintln(w, "Audit: FAILED.")
	for _, f := range finds {
		fmt.Fprintf(w, "  - %s\n", f)
	}
}

func writeTable(w io.Writer, t PublishedTable, d *Decision, exps []Exposure, k int) {
	head := fmt.Sprintf("  %s (%s)", t.ID, t.Unit)
	if t.Total == nil {
		fmt.Fprintf(w, "%s: hidden whole (c): it counts fewer than %d persons, so neither its total nor any category is shown.\n", head, k)
		return
	}
	if t.Unit == Activities {
		fmt.Fprintf(w, "%s, total %d: published as it is (activities, not persons).\n", head, *t.Total)
		return
	}
	if len(t.Cells) == 0 {
		fmt.Fprintf(w, "%s: %d, shown.\n", head, *t.Total)
		return
	}
	fmt.Fprintf(w, "%s, total %d:\n", head, *t.Total)
	var shown, hidden []string
	var merged []Cell
	for _, c := range t.Cells {
		switch {
		case c.Merged != nil:
			merged = append(merged, c)
		case c.Value == nil:
			hidden = append(hidden, c.Category)
		default:
			shown = append(shown, fmt.Sprintf("%s %d", c.Category, *c.Value))
		}
	}
	if len(shown) > 0 {
		fmt.Fprintf(w, "    shown: %s.\n", strings.Join(shown, ", "))
	}
	for _, c := range merged {
		value := "hidden"
		if c.Value != nil {
			value = strconv.Itoa(*c.Value)
		}
		fmt.Fprintf(w, "    merged into %q (%s): %s.%s%s\n", c.Category, value, strings.Join(c.Merged, ", "),
			why(d, "merged", k), rangeOf(exps, t.ID, c.Merged))
	}
	if len(hidden) > 0 {
		fmt.Fprintf(w, "    hidden (c): %s.%s%s\n", strings.Join(hidden, ", "), why(d, "hidden", k), rangeOf(exps, t.ID, hidden))
	}
}

// why explains a decision: which counts were small, which were added.
func why(d *Decision, verb string, k int) string {
	if d == nil || len(d.Small) == 0 {
		return ""
	}
	s := fmt.Sprintf(" %s %s fewer than %d persons (primary suppression).", joinAnd(d.Small), plural(len(d.Small), "counts", "count"), k)
	if len(d.Companions) > 0 {
		s += fmt.Sprintf(" %s was %s with %s only so that %s cannot be worked out from the total (secondary suppression).",
			joinAnd(d.Companions), verb, plural(len(d.Small), "it", "them"), plural(len(d.Small), "it", "they"))
	}
	return s
}

// joinAnd lists words as "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// rangeOf says what a reader can learn of the given hidden categories.
func rangeOf(exps []Exposure, table string, cats []string) string {
	for _, e := range exps {
		if e.Table == table && len(cats) > 0 && e.Category == cats[0] {
			return fmt.Sprintf(" A reader can tell only that each is %s.", e.Interval)
		}
	}
	return ""
}
