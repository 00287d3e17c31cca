package bench

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/contratto/portal/internal/golden"
)

func timing(secs ...float64) Timing {
	var t Timing
	for i, s := range secs {
		d := time.Duration(s * float64(time.Second))
		t.Add(Sample{Wall: d, User: d, Sys: d / 10, MaxRSS: int64(100+i) << 20})
	}
	return t
}

func TestTimingStatistics(t *testing.T) {
	odd := timing(3, 1, 2)
	if odd.Median() != 2*time.Second || odd.Min() != time.Second || odd.Max() != 3*time.Second || odd.Spread() != 3 {
		t.Errorf("median %v min %v max %v spread %v", odd.Median(), odd.Min(), odd.Max(), odd.Spread())
	}
	if even := timing(4, 1, 2, 3); even.Median() != 2500*time.Millisecond {
		t.Errorf("median of 1..4 s = %v", even.Median())
	}
	if odd.PeakRSS() != 102<<20 {
		t.Errorf("peak RSS %d", odd.PeakRSS())
	}
	if odd.MedianCPU() != 2200*time.Millisecond {
		t.Errorf("median CPU %v", odd.MedianCPU())
	}
	var none Timing
	if none.Median() != 0 || none.Min() != 0 || none.Spread() != 0 {
		t.Error("an empty timing is not zero")
	}
}

func TestGrowthExponent(t *testing.T) {
	if k := GrowthExponent(1000, time.Second, 5000, 5*time.Second); math.Abs(k-1) > 1e-9 {
		t.Errorf("linear growth: k = %v", k)
	}
	if k := GrowthExponent(1000, time.Second, 4000, 16*time.Second); math.Abs(k-2) > 1e-9 {
		t.Errorf("quadratic growth: k = %v", k)
	}
	if k := GrowthExponent(1000, 0, 4000, time.Second); !math.IsNaN(k) {
		t.Errorf("no time: k = %v", k)
	}
	if q := Ratio(time.Second, 0); !math.IsNaN(q) {
		t.Errorf("ratio over zero = %v", q)
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/contratto/portal/internal/stats
cpu: AMD EPYC
BenchmarkProtect-2   	      21	  55011234 ns/op	 1234567 B/op	   12345 allocs/op
PASS
ok  	github.com/contratto/portal/internal/stats	2.1s
pkg: github.com/contratto/portal/newsletter/email
BenchmarkHTML-2      	     500	   2400000 ns/op	       56789 html-bytes	  800000 B/op	    9000 allocs/op
BenchmarkCountX/cjk-2         	  100000	     10500 ns/op	  42.50 MB/s
BenchmarkNoResult
    bench_test.go:12: a log line
`
	got, err := ParseGoBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d results: %+v", len(got), got)
	}
	p := got[0]
	if p.Package != "github.com/contratto/portal/internal/stats" || p.Name != "Protect" || p.Runs != 21 ||
		p.Metrics["ns/op"] != 55011234 || p.Metrics["B/op"] != 1234567 || p.Metrics["allocs/op"] != 12345 {
		t.Errorf("Protect: %+v", p)
	}
	h := got[1]
	if h.Package != "github.com/contratto/portal/newsletter/email" || h.Metrics["html-bytes"] != 56789 || strings.Join(h.Units, " ") != "ns/op html-bytes B/op allocs/op" {
		t.Errorf("HTML: %+v", h)
	}
	if got[2].Name != "CountX/cjk" || got[2].Metrics["MB/s"] != 42.5 {
		t.Errorf("CountX/cjk: %+v", got[2])
	}
}

// fixtureReport is a report with every section, numbers made up.
func fixtureReport() *Report {
	return &Report{
		Date:    "2026-01-02 03:04 UTC",
		Command: "make bench    # = go run ./internal/bench/cmd/bench -out BENCHMARKS.md",
		Machine: Machine{CPUs: 2, CPUModel: "AMD EPYC", MemoryBytes: 24 << 30, OS: "Debian GNU/Linux 12 (bookworm), linux/amd64",
			GoVersion: "go1.26.8", HugoVersion: "hugo v0.165.0 linux/amd64", LoadBefore: "0.10, 0.20, 0.30", LoadAfter: "1.90, 1.20, 0.70"},
		Runs: 5, LargeRuns: 3, LargePages: 10000,
		Sites: []SiteResult{
			{Name: "real site", Languages: 17, PagesPerLanguage: 18, OutputFiles: 418, OutputBytes: 5 << 20,
				Portal: timing(1.0, 1.1, 1.2), Hugo: timing(1.0, 1.0, 1.1),
				Output:     OutputComparison{Same: 360, OnlyPortal: []string{"a", "b", "c", "d"}},
				Newsletter: []AssembleResult{{Month: SmallMonth, Items: 1, Timing: timing(0.5, 0.6, 0.7), EmailHTML: 18000}}},
			{Name: "synthetic 2,000", Synthetic: true, Languages: 2, PagesPerLanguage: 2000, OutputFiles: 4022,
				Portal: timing(10, 12, 14), Hugo: timing(6, 7, 8),
				Output: OutputComparison{Same: 4009, OnlyPortal: []string{"data/stats.json"}, Different: []string{"index.html"}},
				Newsletter: []AssembleResult{
					{Month: SmallMonth, Items: 50, Timing: timing(3, 3, 3), EmailHTML: 56000},
					{Month: LargeMonth, Items: 500, Error: "en: email.html is 120000 bytes\nover the budget"},
				}},
			{Name: "synthetic 500", Synthetic: true, Languages: 2, PagesPerLanguage: 500, OutputFiles: 1022,
				Portal: timing(2, 2, 2), Hugo: timing(2, 2, 2),
				Newsletter: []AssembleResult{{Month: SmallMonth, Items: 50, Timing: timing(1, 1, 1), EmailHTML: 95000, Trimmed: true}}},
		},
		Phases:       &Phases{Site: "synthetic 2,000", SiteBuild: 6 * time.Second, HugoRender: 4 * time.Second, AfterHugo: 50 * time.Millisecond, Swap: 2 * time.Millisecond, Files: 4022, Bytes: 50 << 20},
		MicroCommand: "go " + strings.Join([]string{"test", "-bench", "."}, " "),
		Micro: []Micro{{Package: "github.com/contratto/portal/internal/stats", Name: "Protect", Runs: 21,
			Metrics: map[string]float64{"ns/op": 55011234, "B/op": 1234567, "allocs/op": 12345}, Units: []string{"ns/op", "B/op", "allocs/op"}},
			{Package: "github.com/contratto/portal/newsletter/social", Name: "CountX/cjk", Runs: 100000,
				Metrics: map[string]float64{"ns/op": 10500, "MB/s": 42.5}, Units: []string{"ns/op", "MB/s"}}},
		Notes: []string{"Something was left out."},
	}
}

func TestReportMarkdown(t *testing.T) {
	got := fixtureReport().Markdown()
	goldenfile.Assert(t, filepath.Join("testdata", "report.golden.md"), got)
}

func TestReportVerdicts(t *testing.T) {
	v := strings.Join(fixtureReport().verdicts(), "\n")
	for _, want := range []string{
		"at most 1.05× the Hugo CLI at every size: **missed** at real site 1.10×; synthetic 2,000 1.71×; met at synthetic 500 1.00×.",
		"**missed** at synthetic 2,000, 500 items failed; met at real site, 1 items 0.55×; synthetic 2,000, 50 items 0.25×; synthetic 500, 50 items 0.50×.",
		"Portal cost about linear in pages (growth exponent k at most 1.15): **missed** (1,000→4,000 pages k = 1.29 (Hugo CLI 0.90)).",
		"email.html within 90 KB at 50 items, with summaries: **missed** at synthetic 500 92.8 KB after trimming to links; met at synthetic 2,000 54.7 KB.",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("verdicts lack %q:\n%s", want, v)
		}
	}
}
