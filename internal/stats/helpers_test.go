package stats

import (
	"os"
	"path/filepath"
	"testing"

	goldenfile "github.com/contratto/portal/internal/golden"
)

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Assert(t, filepath.Join("testdata", "golden", name), got)
}

// table builds a persons table from category/value pairs, total = sum.
func table(id string, unit Unit, pairs ...any) Table {
	t := Table{ID: id, Unit: unit}
	for i := 0; i < len(pairs); i += 2 {
		v := pairs[i+1].(int)
		t.Cells = append(t.Cells, Count{Category: pairs[i].(string), Value: v})
		t.Total += v
	}
	return t
}

// seedInput parses the committed seed file.
func seedInput(t *testing.T) Input {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "seed-2012-H1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inputs, err := ParseAggregate("testdata/seed-2012-H1.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 1 {
		t.Fatalf("seed has %d periods, want 1", len(inputs))
	}
	return inputs[0]
}

func val(p *int) string {
	if p == nil {
		return "null"
	}
	return itoa(*p)
}

func itoa(n int) string {
	b, _ := marshalJSONCompact(n)
	return string(b)
}
