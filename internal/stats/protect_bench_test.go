package stats

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkProtectLargeTable protects and audits one table of 5,000 categories, a third
// of them small counts, with each method: the cost of a single large breakdown (the
// 500 tables of BenchmarkProtect are small).
func BenchmarkProtectLargeTable(b *testing.B) {
	rng := rand.New(rand.NewPCG(8, 8))
	t := Table{ID: "large", Unit: Persons}
	for i := range 5000 {
		v := 5 + rng.IntN(200)
		if i%3 == 0 {
			v = rng.IntN(5) // 0 to 4: hidden or merged at k = 5
		}
		t.Cells = append(t.Cells, Count{Category: fmt.Sprintf("c%04d", i), Value: v})
		t.Total += v
	}
	for _, m := range []struct {
		name   string
		method Method
	}{{"merge", MergeIntoOther}, {"hide", HideCells}} {
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pt, _ := Protect(t, 5, m.method)
				if _, finds := AuditTable(pt, 5); len(finds) > 0 {
					b.Fatalf("the protected table breaks a rule: %v", finds[0])
				}
			}
		})
	}
}
