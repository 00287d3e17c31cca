// Command bench measures the portal against the Hugo CLI of the same version, on the real
// site and on synthetic sites of growing size, times the newsletter, runs the Go
// micro-benchmarks and writes what it found to BENCHMARKS.md. It takes many minutes;
// run it from the project root on a machine that is otherwise quiet:
//
//	go run ./internal/bench/cmd/bench -out BENCHMARKS.md
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/bench"
	"github.com/spf13/afero"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// options are the command's flags.
type options struct {
	out        string
	sizes      []int
	runs       int
	largeRuns  int
	largePages int
	seed       uint64
	keep       bool
	micro      bool
	phases     bool
	cpuProfile string
	save       string
	render     string
}

func run(args []string, log io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(log)
	var o options
	sizes := fs.String("sizes", "500,2000,10000", "synthetic site sizes, in pages per language")
	fs.StringVar(&o.out, "out", "BENCHMARKS.md", "the report to write")
	fs.IntVar(&o.runs, "runs", 5, "timed runs of each command per site")
	fs.IntVar(&o.largeRuns, "large-runs", 3, "timed runs per command on sites of -large pages or more")
	fs.IntVar(&o.largePages, "large", 10000, "pages per language from which -large-runs applies")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the synthetic sites")
	fs.BoolVar(&o.keep, "keep", false, "keep the sites and outputs in the temporary folder")
	fs.BoolVar(&o.micro, "micro", true, "run the Go micro-benchmarks")
	fs.BoolVar(&o.phases, "phases", true, "time the steps of one portal build of the largest site in this process")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of that in-process build to this file")
	fs.StringVar(&o.save, "save", "", "also write the measurements as JSON to this file")
	fs.StringVar(&o.render, "render", "", "measure nothing: write the report from measurements saved with -save")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < bench.MinPages {
			fmt.Fprintf(log, "bench: -sizes %q: each size is a whole number of pages, at least %d\n", *sizes, bench.MinPages)
			return 2
		}
		o.sizes = append(o.sizes, n)
	}
	if o.runs < 1 || o.largeRuns < 1 {
		fmt.Fprintln(log, "bench: -runs and -large-runs must be at least 1")
		return 2
	}
	if o.render != "" {
		if err := renderSaved(o); err != nil {
			fmt.Fprintf(log, "bench: %v\n", err)
			return 1
		}
		return 0
	}
	if err := bench1(o, args, log); err != nil {
		fmt.Fprintf(log, "bench: %v\n", err)
		return 1
	}
	return 0
}

func bench1(o options, args []string, log io.Writer) error {
	root, err := projectRoot()
	if err != nil {
		return err
	}
	osFs := afero.NewOsFs()
	work, err := afero.TempDir(osFs, "", "contratto-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintf(log, "bench: working in %s (kept)\n", work)
	} else {
		defer osFs.RemoveAll(work)
	}

	rep := &bench.Report{
		Date:       time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Command:    commandLine(args),
		Runs:       o.runs,
		LargeRuns:  o.largeRuns,
		LargePages: o.largePages,
	}
	rep.Machine = machine(osFs)
	fmt.Fprintf(log, "bench: %d CPUs, load %s\n", rep.Machine.CPUs, rep.Machine.LoadBefore)

	t, err := buildTools(osFs, root, work, log)
	if err != nil {
		return err
	}
	rep.Machine.HugoVersion = t.hugoVersion
	rep.Machine.GoVersion = t.goVersion

	realDir := filepath.Join(work, "sites", "real")
	if err := bench.CopyRealSite(osFs, root, osFs, realDir); err != nil {
		return err
	}
	sites := []siteToMeasure{{dir: realDir, name: "real site", months: map[string]int{bench.SmallMonth: 0}}}
	for _, n := range o.sizes {
		dir := filepath.Join(work, "sites", fmt.Sprintf("synthetic-%d", n))
		fmt.Fprintf(log, "bench: writing a synthetic site of %d pages per language\n", n)
		s, err := bench.Generate(osFs, root, osFs, dir, bench.Spec{Pages: n, Seed: o.seed})
		if err != nil {
			return err
		}
		sites = append(sites, siteToMeasure{dir: dir, name: "synthetic " + thousandsInt(n), synthetic: true, pages: n, months: s.Months})
	}

	for _, s := range sites {
		runs := o.runs
		if s.pages >= o.largePages {
			runs = o.largeRuns
		}
		res, err := measureSite(osFs, t, s, runs, filepath.Join(work, "out"), log)
		if err != nil {
			return err
		}
		rep.Sites = append(rep.Sites, res)
	}

	if o.phases && len(o.sizes) > 0 {
		largest := sites[len(sites)-1]
		fmt.Fprintf(log, "bench: timing the steps of one build of %s in this process\n", largest.name)
		p, err := phases(largest.dir, filepath.Join(work, "out", "phases"), o.cpuProfile)
		if err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("The step-by-step timing failed: %v", err))
		} else {
			p.Site = largest.name
			rep.Phases = p
		}
	}

	if o.micro {
		fmt.Fprintln(log, "bench: running the Go micro-benchmarks")
		cmd, micro, err := microBenchmarks(root)
		rep.MicroCommand = cmd
		if err != nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("The Go micro-benchmarks failed: %v", err))
		}
		rep.Micro = micro
	}
	rep.Machine.LoadAfter = loadAverage(osFs)
	rep.Notes = append(rep.Notes, t.notes...)

	if o.save != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := atomicfs.WriteFile(osFs, o.save, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	if err := atomicfs.WriteFile(osFs, o.out, rep.Markdown(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(log, "bench: wrote %s\n", o.out)
	return nil
}

// renderSaved writes the report of measurements saved by an earlier run.
func renderSaved(o options) error {
	data, err := afero.ReadFile(afero.NewOsFs(), o.render)
	if err != nil {
		return err
	}
	var rep bench.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return fmt.Errorf("%s: %w", o.render, err)
	}
	return atomicfs.WriteFile(afero.NewOsFs(), o.out, rep.Markdown(), 0o644)
}

// projectRoot is the working directory, checked to be this project's root.
func projectRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	mod, err := afero.ReadFile(afero.NewOsFs(), filepath.Join(dir, "go.mod"))
	if err != nil || !strings.Contains(string(mod), "module github.com/contratto/portal\n") {
		return "", fmt.Errorf("run it from the project root (the folder with the portal's go.mod and site.toml), not %s", dir)
	}
	return dir, nil
}

// commandLine is how the report names the command that wrote it.
// -save only keeps a copy of the numbers, so it is left out.
func commandLine(args []string) string {
	cmd := "go run ./internal/bench/cmd/bench"
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-save" || a == "--save":
			i++
		case strings.HasPrefix(a, "-save=") || strings.HasPrefix(a, "--save="):
		default:
			cmd += " " + a
		}
	}
	if cmd == "go run ./internal/bench/cmd/bench -runs 9 -out BENCHMARKS.md" { // the Makefile's recipe
		return "make bench    # = " + cmd
	}
	return cmd
}

func thousandsInt(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
