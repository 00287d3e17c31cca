package stats

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func marshalJSONCompact(v any) ([]byte, error) { return json.Marshal(v) }

// cellsString renders published cells compactly: "sexual=28 other=9[begging+labour] x=c".
func cellsString(pt PublishedTable) string {
	var parts []string
	for _, c := range pt.Cells {
		s := c.Category + "=" + val(c.Value)
		if c.Flag != "" {
			s = c.Category + "=" + c.Flag
		}
		if c.Merged != nil {
			s += "[" + strings.Join(c.Merged, "+") + "]"
		}
		parts = append(parts, s)
	}
	total := val(pt.Total)
	if pt.TotalFlag != "" {
		total = pt.TotalFlag
	}
	return strings.Join(append(parts, "total="+total), " ")
}

func TestProtectRules(t *testing.T) {
	tests := []struct {
		name   string
		table  Table
		method Method
		want   string
		kind   DecisionKind
	}{
		{"activities are published as they are",
			table("drop_in_interviews", Activities, "a", 1, "b", 2), MergeIntoOther, "a=1 b=2 total=3", AsIs},
		{"a single activity figure below k is shown",
			Table{ID: "mobile_unit_contacts", Unit: Activities, Total: 2}, MergeIntoOther, "total=2", AsIs},
		{"persons with no small count are shown",
			table("t", Persons, "a", 5, "b", 0, "c", 12), MergeIntoOther, "a=5 b=0 c=12 total=17", AsIs},
		{"a single figure of persons below k is hidden",
			Table{ID: "t", Unit: Persons, Total: 4}, MergeIntoOther, "total=c", TableHidden},
		{"a single figure of zero persons is shown",
			Table{ID: "t", Unit: Persons, Total: 0}, MergeIntoOther, "total=0", AsIs},
		{"a table of fewer than k persons is hidden whole",
			table("t", Persons, "a", 3, "b", 0, "c", 1), MergeIntoOther, "a=c b=c c=c total=c", TableHidden},
		{"one small count is merged with the smallest other count",
			table("t", Persons, "a", 28, "b", 5, "c", 4), MergeIntoOther, "a=28 other=9[b+c] total=37", Merged},
		{"zeros are never companions",
			table("t", Persons, "a", 28, "z", 0, "b", 7, "c", 1), MergeIntoOther, "a=28 z=0 other=8[b+c] total=36", Merged},
		{"two small counts reaching k are merged alone",
			table("t", Persons, "a", 20, "b", 3, "c", 2), MergeIntoOther, "a=20 other=5[b+c] total=25", Merged},
		{"two small counts below k take a companion",
			table("t", Persons, "a", 20, "b", 2, "c", 1, "d", 9), MergeIntoOther, "a=20 other=12[b+c+d] total=32", Merged},
		{"small counts alone can make the whole table other",
			table("t", Persons, "a", 4, "b", 4), MergeIntoOther, "other=8[a+b] total=8", Merged},
		{"hiding marks the small count and its companion c",
			table("cases_by_age", Persons, "minor", 2, "adult", 30, "unknown", 0), HideCells, "minor=c adult=c unknown=0 total=32", Hidden},
		{"hiding two small counts that reach k",
			table("cases_by_age", Persons, "minor", 3, "adult", 30, "unknown", 4), HideCells, "minor=c adult=30 unknown=c total=37", Hidden},
		{"a tie between companions goes to the first in display order",
			table("t", Persons, "a", 6, "b", 6, "c", 1), MergeIntoOther, "b=6 other=7[a+c] total=13", Merged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, d := Protect(tt.table, 5, tt.method)
			if got := cellsString(pt); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if d.Kind != tt.kind {
				t.Errorf("decision %v, want %v", d.Kind, tt.kind)
			}
			if _, finds := AuditTable(pt, 5); len(finds) > 0 {
				t.Errorf("the audit refuses the protected table: %v", finds)
			}
		})
	}
}

// TestProtectThreshold shows that k changes what counts as small.
func TestProtectThreshold(t *testing.T) {
	tab := table("t", Persons, "a", 20, "b", 4, "c", 3)
	for k, want := range map[int]string{
		3:  "a=20 b=4 c=3 total=27",
		5:  "a=20 other=7[b+c] total=27",
		11: "other=27[a+b+c] total=27",
	} {
		if pt, _ := Protect(tab, k, MergeIntoOther); cellsString(pt) != want {
			t.Errorf("k=%d: got %s, want %s", k, cellsString(pt), want)
		}
	}
}

// TestProtectSeedHelplineCases is the expected protection of the seed's
// helpline cases with k = 5: sexual 28 is shown; begging 4 is below k, and
// hiding it alone would let anyone take it from the total, so it is merged
// with labour 5 into "other" = 9.
func TestProtectSeedHelplineCases(t *testing.T) {
	in := seedInput(t)
	got, d := Protect(in.Tables[0], 5, MergeIntoOther)
	want := PublishedTable{
		ID: "helpline_cases", Indicator: "helpline_cases", Unit: Persons, Total: intPtr(37),
		Cells: []Cell{
			{Category: "sexual", Value: intPtr(28)},
			{Category: "other", Value: intPtr(9), Merged: []string{"begging", "labour"}},
		},
	}
	if g, w := marshalJSON(got), marshalJSON(want); string(g) != string(w) {
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
	if !slices.Equal(d.Small, []string{"begging"}) || !slices.Equal(d.Companions, []string{"labour"}) {
		t.Errorf("decision: small %v, companions %v; want [begging], [labour]", d.Small, d.Companions)
	}
	// Hiding begging alone instead would be derivable: the audit says so.
	alone := PublishedTable{ID: "helpline_cases", Indicator: "helpline_cases", Unit: Persons, Total: intPtr(37),
		Cells: []Cell{{Category: "sexual", Value: intPtr(28)}, {Category: "labour", Value: intPtr(5)}, {Category: "begging", Flag: Flag}}}
	exps, finds := AuditTable(alone, 5)
	if len(finds) != 1 || len(exps) != 1 || !exps[0].Interval.Derivable || exps[0].Interval.Low != 4 {
		t.Errorf("hiding begging alone: exposures %v findings %v; want begging derivable as exactly 4", exps, finds)
	}
}

// TestSeedReleaseGolden compares the whole protected seed release with
// testdata/golden/2012-H1.json.
func TestSeedReleaseGolden(t *testing.T) {
	rel, _ := protectInput(seedInput(t), 5)
	golden(t, "2012-H1.json", marshalJSON(rel))
}

// TestProtectProperty protects many random tables and shows, by exact
// reasoning about what a reader sees, that no published count of persons is
// from 1 to k-1 and no hidden count is pinned to a range narrower than k.
func TestProtectProperty(t *testing.T) {
	kinds := map[DecisionKind]int{}
	companions := 0
	for seed := uint64(1); seed <= 8; seed++ {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		for i := range 1500 {
			k := 3 + rng.IntN(9)
			tab := randomTable(rng, k)
			method := Method(rng.IntN(2))
			pt, d := Protect(tab, k, method)
			if err := checkProtected(tab, pt, k); err != nil {
				t.Fatalf("seed %d, table %d, k=%d, method %d: %v\ninput %+v\noutput %s", seed, i, k, method, err, tab, cellsString(pt))
			}
			kinds[d.Kind]++
			companions += len(d.Companions)
		}
	}
	// The random tables exercise every path, secondary suppression included.
	for _, kind := range []DecisionKind{AsIs, TableHidden, Merged, Hidden} {
		if kinds[kind] < 100 {
			t.Errorf("only %d tables took decision %d", kinds[kind], kind)
		}
	}
	if companions < 100 {
		t.Errorf("only %d companions chosen", companions)
	}
}

// randomTable draws a table of persons rich in zeros and small counts.
func randomTable(rng *rand.Rand, k int) Table {
	t := Table{ID: "t", Unit: Persons}
	n := rng.IntN(7)
	draw := func() int {
		switch rng.IntN(4) {
		case 0:
			return 0
		case 1:
			return 1 + rng.IntN(k-1)
		case 2:
			return k + rng.IntN(k)
		default:
			return rng.IntN(4 * k)
		}
	}
	if n == 0 {
		t.Total = draw()
		return t
	}
	for j := range n {
		v := draw()
		t.Cells = append(t.Cells, Count{Category: fmt.Sprintf("c%d", j), Value: v})
		t.Total += v
	}
	return t
}

// checkProtected verifies a protected table against its input, on its own
// and independently of AuditTable, whose intervals it also cross-checks.
func checkProtected(in Table, pt PublishedTable, k int) error {
	small := func(v int) bool { return v >= 1 && v < k }
	orig := map[string]int{}
	for _, c := range in.Cells {
		orig[c.Category] = c.Value
	}
	// What a reader sees: published values, and groups of unknowns with a
	// known sum (or an unknown sum when the total is hidden).
	type group struct {
		members []string
		sum     int
		known   bool
	}
	var groups []group
	accounted := map[string]bool{}
	publishedSum := 0
	var hidden []string
	for _, c := range pt.Cells {
		switch {
		case c.Merged != nil:
			if c.Value == nil || small(*c.Value) || len(c.Merged) < 2 {
				return fmt.Errorf("bad merged group %v", c)
			}
			sum := 0
			for _, m := range c.Merged {
				sum += orig[m]
				accounted[m] = true
			}
			if sum != *c.Value {
				return fmt.Errorf("other = %d but its members add up to %d", *c.Value, sum)
			}
			publishedSum += sum
			groups = append(groups, group{c.Merged, sum, true})
		case c.Value == nil:
			hidden = append(hidden, c.Category)
			accounted[c.Category] = true
		default:
			if *c.Value != orig[c.Category] {
				return fmt.Errorf("%s published as %d, is %d", c.Category, *c.Value, orig[c.Category])
			}
			if small(*c.Value) {
				return fmt.Errorf("%s = %d published", c.Category, *c.Value)
			}
			publishedSum += *c.Value
			accounted[c.Category] = true
		}
	}
	if len(accounted) != len(in.Cells) {
		return fmt.Errorf("%d categories accounted for, %d in the input", len(accounted), len(in.Cells))
	}
	switch {
	case pt.Total == nil:
		if !small(in.Total) {
			return fmt.Errorf("total %d hidden", in.Total)
		}
		if len(in.Cells) > 0 && len(hidden) == 0 {
			return fmt.Errorf("total hidden but every cell published")
		}
		// No equation ties the hidden cells: each is unbounded.
	case *pt.Total != in.Total:
		return fmt.Errorf("total %d published as %d", in.Total, *pt.Total)
	case small(*pt.Total):
		return fmt.Errorf("total %d published", *pt.Total)
	case len(hidden) > 0:
		groups = append(groups, group{hidden, *pt.Total - publishedSum, true})
	}
	// Exact reasoning: within a group of m non-negative unknowns adding up to
	// s, enumerate every assignment and take each unknown's least and
	// greatest value.
	audited := map[string]Interval{}
	exps, finds := AuditTable(pt, k)
	if len(finds) > 0 {
		return fmt.Errorf("the audit refuses it: %v", finds)
	}
	for _, e := range exps {
		audited[e.Category] = e.Interval
	}
	for _, g := range groups {
		lo, hi := enumerateRange(len(g.members), g.sum)
		if hi-lo < k {
			return fmt.Errorf("hidden %v lie in [%d, %d], narrower than k=%d", g.members, lo, hi, k)
		}
		for _, m := range g.members {
			if iv := audited[m]; !iv.Bounded || iv.Low != lo || iv.High != hi {
				return fmt.Errorf("AuditTable gives %s %v, enumeration [%d, %d]", m, iv, lo, hi)
			}
		}
	}
	return nil
}

// enumerateRange finds, by exhaustive search over whole numbers, the least
// and greatest value one of m non-negative unknowns can take when they add
// up to s: value v is possible when the other m-1 can add up to s-v. The
// search is memoised, so it stays fast for large sums.
func enumerateRange(m, s int) (lo, hi int) {
	memo := map[[2]int]bool{}
	var possible func(parts, left int) bool
	possible = func(parts, left int) bool {
		if parts == 0 {
			return left == 0
		}
		key := [2]int{parts, left}
		if v, ok := memo[key]; ok {
			return v
		}
		ok := false
		for v := 0; v <= left && !ok; v++ {
			ok = possible(parts-1, left-v)
		}
		memo[key] = ok
		return ok
	}
	lo, hi = -1, -1
	for v := 0; v <= s; v++ {
		if possible(m-1, s-v) {
			if lo < 0 {
				lo = v
			}
			hi = v
		}
	}
	return lo, hi
}

func TestEnumerateRange(t *testing.T) {
	for _, tc := range []struct{ m, s, lo, hi int }{{1, 7, 7, 7}, {2, 7, 0, 7}, {3, 0, 0, 0}, {4, 9, 0, 9}} {
		if lo, hi := enumerateRange(tc.m, tc.s); lo != tc.lo || hi != tc.hi {
			t.Errorf("enumerateRange(%d, %d) = [%d, %d], want [%d, %d]", tc.m, tc.s, lo, hi, tc.lo, tc.hi)
		}
	}
}

// BenchmarkProtect protects and audits 10,000 cells: 500 tables of 20.
func BenchmarkProtect(b *testing.B) {
	rng := rand.New(rand.NewPCG(42, 42))
	tables := make([]Table, 500)
	for i := range tables {
		t := Table{ID: "t", Unit: Persons}
		for j := range 20 {
			v := rng.IntN(40)
			t.Cells = append(t.Cells, Count{Category: fmt.Sprintf("c%d", j), Value: v})
			t.Total += v
		}
		tables[i] = t
	}
	for b.Loop() {
		for i, t := range tables {
			pt, _ := Protect(t, 5, Method(i%2))
			AuditTable(pt, 5)
		}
	}
}
