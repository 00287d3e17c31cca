package newsletter

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/spf13/afero"
)

const statsUsage = `Usage:
  newsletter stats release -aggregate FILE [-period P] [flags]
  newsletter stats release -cases FILE -period P [flags]
  newsletter stats audit [flags]

release  protects the figures of a period, audits them, checks them against
         the ledger and writes data/stats/<period>.json and the ledger.
         -aggregate FILE   aggregate CSV: period,indicator,category,count,unit
         -cases FILE       case-level export (must be outside the repository;
                           it is read, never copied)
         -period P         2012-06, 2012-Q2, 2012-H1 or 2012
         -dry-run          report only, write nothing
audit    checks every committed release against the rules and the ledger.

Flags for both:
  -config FILE   the site configuration with [params.statistics] threshold (default site.toml)
  -data DIR      where releases and the ledger live (default data/stats)
`

// runStats runs `newsletter stats ...` (args without "stats") on fsys, from the
// project root. It returns the exit status: 0 done, 1 bad input or refused
// (nothing written), 2 wrong usage.
func runStats(fsys afero.Fs, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, statsUsage)
		return 2
	}
	switch args[0] {
	case "release":
		return statsRelease(fsys, args[1:], stdout, stderr)
	case "audit":
		return statsAudit(fsys, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, statsUsage)
		return 0
	}
	fmt.Fprintf(stderr, "newsletter stats: unknown command %q\n\n%s", args[0], statsUsage)
	return 2
}

// statsFlags are the flags every stats command shares.
type statsFlags struct {
	project func() (site.Project, error)
	data    string
}

func newStatsFlagSet(fsys afero.Fs, name string, stderr io.Writer) (*flag.FlagSet, *statsFlags) {
	fs := flag.NewFlagSet("newsletter stats "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, statsUsage) }
	sf := &statsFlags{project: site.ProjectFlag(fs, fsys)}
	fs.StringVar(&sf.data, "data", filepath.Join("data", "stats"), "the statistics folder")
	return fs, sf
}

// threshold reads k from the project's config file.
func (sf *statsFlags) threshold() (site.Project, int, error) {
	p, err := sf.project()
	if err != nil {
		return p, 0, err
	}
	k, err := stats.LoadThreshold(p.Fs, p.ConfigPath())
	return p, k, err
}

func statsRelease(fsys afero.Fs, args []string, stdout, stderr io.Writer) int {
	fs, sf := newStatsFlagSet(fsys, "release", stderr)
	aggregate := fs.String("aggregate", "", "aggregate CSV file")
	cases := fs.String("cases", "", "case-level CSV export, outside the repository")
	period := fs.String("period", "", "the period to release")
	dryRun := fs.Bool("dry-run", false, "report only, write nothing")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "newsletter stats release: %s\n\n%s", msg, statsUsage)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case (*aggregate == "") == (*cases == ""):
		return usage("give exactly one of -aggregate and -cases")
	case *cases != "" && *period == "":
		return usage("-cases needs -period")
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "Nothing was written.")
		return 1
	}

	p, k, err := sf.threshold()
	if err != nil {
		return fail(err)
	}
	var want stats.Period
	if *period != "" {
		if want, err = stats.ParsePeriod(*period); err != nil {
			return fail(fmt.Errorf("-period: %w", err))
		}
	}
	var inputs []stats.Input
	if *aggregate != "" {
		inputs, err = readAggregate(fsys, *aggregate, *period, want)
	} else {
		inputs, err = readCases(p, *cases, want)
	}
	if err != nil {
		return fail(err)
	}
	plan, err := stats.Prepare(fsys, sf.data, k, inputs)
	if err != nil {
		return fail(err)
	}
	plan.Report(stdout)
	if *dryRun {
		fmt.Fprintln(stdout, "Dry run: nothing written.")
		return 0
	}
	if err := plan.Write(fsys); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "Wrote %s.\n", strings.Join(plan.Files(), ", "))
	return 0
}

// readAggregate parses an aggregate file, keeping only one period if asked.
func readAggregate(fsys afero.Fs, name, period string, want stats.Period) ([]stats.Input, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inputs, err := stats.ParseAggregate(name, f)
	if err != nil || period == "" {
		return inputs, err
	}
	for _, in := range inputs {
		if in.Period == want {
			return []stats.Input{in}, nil
		}
	}
	return nil, fmt.Errorf("%s: no figures for period %s", name, want)
}

// readCases parses a case-level export, which must lie outside the working
// tree of the project so that it is never committed or copied with it.
func readCases(p site.Project, name string, period stats.Period) ([]stats.Input, error) {
	fsys := p.Fs
	if root, inside := insideProject(p, name); inside {
		return nil, fmt.Errorf("%s: case-level files must be kept outside the project (%s), so that they are never committed or published; move it and try again", name, root)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	file, err := stats.ParseCases(name, f)
	if err != nil {
		return nil, err
	}
	return []stats.Input{file.Input(period)}, nil
}

// insideProject reports whether path lies inside the project: the folder of
// the site configuration, or the enclosing Git working tree if there is one.
// On the real file system symbolic links are resolved first.
func insideProject(p site.Project, path string) (string, bool) {
	fsys := p.Fs
	real := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if _, isOS := fsys.(*afero.OsFs); isOS {
			if resolved, err := filepath.EvalSymlinks(abs); err == nil {
				return resolved
			}
		}
		return abs
	}
	root := filepath.Dir(real(p.ConfigPath()))
	for dir := root; ; dir = filepath.Dir(dir) {
		if _, err := fsys.Stat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	rel, err := filepath.Rel(root, real(path))
	inside := err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	return root, inside
}

func statsAudit(fsys afero.Fs, args []string, stdout, stderr io.Writer) int {
	fs, sf := newStatsFlagSet(fsys, "audit", stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "newsletter stats audit: unexpected argument %q\n\n%s", fs.Arg(0), statsUsage)
		return 2
	}
	_, k, err := sf.threshold()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	releases, err := stats.LoadReleases(fsys, sf.data)
	if err != nil {
		var pe *stats.PosError
		if !errors.As(err, &pe) {
			err = fmt.Errorf("audit failed:\n%w", err)
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	stats.WriteAudit(stdout, releases)
	for _, r := range releases {
		if r.Threshold < k {
			fmt.Fprintf(stdout, "Note: %s was released with k = %d, below today's threshold of %d. Published figures are never changed; later releases use %d.\n",
				r.Period, r.Threshold, k, k)
		}
	}
	fmt.Fprintf(stdout, "%d release(s) checked against the rules and the ledger: all pass.\n", len(releases))
	return 0
}
