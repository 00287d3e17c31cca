package stats

import (
	"strings"
	"testing"
)

func pub(cat string, v int) Cell { return Cell{Category: cat, Value: intPtr(v)} }
func hid(cat string) Cell        { return Cell{Category: cat, Flag: Flag} }

func findingsOf(t PublishedTable, k int) string {
	_, finds := AuditTable(t, k)
	var s []string
	for _, f := range finds {
		s = append(s, f.String())
	}
	return strings.Join(s, "; ")
}

func TestAuditTable(t *testing.T) {
	persons := func(total *int, cells ...Cell) PublishedTable {
		return PublishedTable{ID: "t", Indicator: "t", Unit: Persons, Total: total, Cells: cells}
	}
	tests := []struct {
		name  string
		table PublishedTable
		want  string // findings; "" for none
	}{
		{"clean", persons(intPtr(30), pub("a", 20), pub("b", 10), pub("z", 0)), ""},
		{"a small published cell", persons(intPtr(24), pub("a", 20), pub("b", 4)), "t, b: shows a count of persons from 1 to 4"},
		{"a small published total", persons(intPtr(4)), "t, total: shows a total of persons from 1 to 4"},
		{"one hidden cell is derivable", persons(intPtr(30), pub("a", 20), hid("b")),
			"t, b: is the only hidden cell, so it equals the total minus the published cells"},
		{"two hidden cells below k", persons(intPtr(24), pub("a", 20), hid("b"), hid("c")),
			"t, b, c: the hidden cells add up to fewer than 5 persons, so each lies in a range narrower than 5"},
		{"two hidden cells reaching k", persons(intPtr(25), pub("a", 20), hid("b"), hid("c")), ""},
		{"a merged group below k", persons(intPtr(24), pub("a", 20), Cell{Category: "other", Value: intPtr(4), Merged: []string{"b", "c"}}),
			"t, other: the merged group adds up to fewer than 5 persons"},
		{"a merged group of one", persons(intPtr(30), pub("a", 20), Cell{Category: "other", Value: intPtr(10), Merged: []string{"b"}}),
			"t, other: merges fewer than two categories"},
		{"hidden total but all cells shown", persons(nil, pub("a", 0), pub("b", 0)), "t, total: is hidden, but it is the sum of the published cells"},
		{"hidden total and cells", persons(nil, hid("a"), hid("b")), ""},
		{"cells above the total", persons(intPtr(10), pub("a", 20)), "t: the published cells add up to more than the total"},
		{"activities are not audited", PublishedTable{ID: "x", Unit: Activities, Total: intPtr(2), Cells: []Cell{pub("a", 1), pub("b", 1)}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findingsOf(tt.table, 5)
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAuditTableIntervals(t *testing.T) {
	tab := PublishedTable{ID: "t", Unit: Persons, Total: intPtr(40), Cells: []Cell{pub("a", 28), hid("b"), hid("c")}}
	exps, _ := AuditTable(tab, 5)
	if len(exps) != 2 || exps[0].Interval.String() != "from 0 to 12" || exps[0].Interval.Width() != 12 {
		t.Errorf("got %+v", exps)
	}
	hiddenTotal := PublishedTable{ID: "t", Unit: Persons, TotalFlag: Flag, Cells: []Cell{hid("a"), hid("b")}}
	exps, _ = AuditTable(hiddenTotal, 5)
	for _, e := range exps {
		if e.Interval.Bounded || e.Interval.Width() != -1 {
			t.Errorf("with the total hidden nothing is bounded: %+v", e)
		}
	}
}

func TestAuditRelease(t *testing.T) {
	rel := Release{Period: "2012-H1", Threshold: 5, Tables: []PublishedTable{
		{ID: "helpline_cases", Indicator: "helpline_cases", Unit: Persons, Total: intPtr(37), Cells: []Cell{}},
		{ID: "cases_by_channel", Indicator: "cases_by_channel", Unit: Persons, Total: intPtr(50), Cells: []Cell{pub("helpline", 50)}},
		{ID: "cases_by_gender", Indicator: "cases_by_gender", Unit: Persons, Total: intPtr(51), Cells: []Cell{pub("female", 51)}},
		{ID: "mobile_unit_contacts", Indicator: "mobile_unit_contacts", Unit: Persons, Total: intPtr(7), Cells: []Cell{}},
		{ID: "victims", Indicator: "victims", Unit: Persons, Total: intPtr(7), Cells: []Cell{}},
	}}
	_, finds := AuditRelease(rel)
	var got []string
	for _, f := range finds {
		got = append(got, f.String())
	}
	want := []string{
		"cases_by_channel: cannot be released together with helpline_cases: one is part of the other",
		"cases_by_gender, total: must show the same total as cases_by_channel: both count the same cases",
		"mobile_unit_contacts: must be indicator mobile_unit_contacts in activities",
		"victims: is not in the catalogue",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rel.Threshold = 2
	if _, finds := AuditRelease(Release{Period: "2012", Threshold: 2}); len(finds) != 1 {
		t.Errorf("a threshold below the floor must be a finding: %v", finds)
	}
}
