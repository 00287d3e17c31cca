package bench

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// Micro is one result line of `go test -bench`.
type Micro struct {
	Package string // import path
	Name    string // without the "Benchmark" prefix and the -GOMAXPROCS suffix: "Protect", "CountX/cjk"
	Runs    int
	// Metrics by unit: "ns/op", "B/op", "allocs/op", "MB/s" and any the benchmark reports.
	Metrics map[string]float64
	Units   []string // the units in the order go test printed them
}

// ParseGoBench reads the output of `go test -bench` (several packages at once) and
// returns its results in order. Lines that are not results are skipped.
func ParseGoBench(r io.Reader) ([]Micro, error) {
	var out []Micro
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			continue // a name alone, or a benchmark's own log line
		}
		runs, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		m := Micro{Package: pkg, Name: benchName(f[0]), Runs: runs, Metrics: map[string]float64{}}
		ok := true
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				ok = false
				break
			}
			m.Metrics[f[i+1]] = v
			m.Units = append(m.Units, f[i+1])
		}
		if ok {
			out = append(out, m)
		}
	}
	return out, sc.Err()
}

// benchName drops "Benchmark" and the trailing -N (GOMAXPROCS) of a benchmark's name.
func benchName(s string) string {
	s = strings.TrimPrefix(s, "Benchmark")
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		if _, err := strconv.Atoi(s[i+1:]); err == nil {
			s = s[:i]
		}
	}
	return s
}
