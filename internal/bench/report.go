package bench

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// The budgets of issue 8.
const (
	MaxBuildRatio    = 1.05       // portal build over the Hugo CLI, at every size
	MaxAssembleRatio = 1.5        // newsletter assemble over a portal build of the same site
	MaxGrowth        = 1.15       // growth exponent between two sizes still called "about linear"
	MaxEmailHTML     = 90 * 1024  // bytes of email.html at SmallMonthItems items
	email50Label     = "50 items" // how the report names the email budget
)

// Report is everything one `make bench` measured, ready to be written as Markdown.
type Report struct {
	Date         string // when it was measured, given by the runner
	Command      string // the command that produced it
	Machine      Machine
	Runs         int // timed runs of each command per site
	LargeRuns    int // timed runs on sites of LargePages pages or more
	LargePages   int
	Sites        []SiteResult
	Phases       *Phases
	MicroCommand string
	Micro        []Micro
	Notes        []string // anything the runner could not do, said plainly
}

// Machine is what the numbers were measured on.
type Machine struct {
	CPUs        int
	CPUModel    string
	MemoryBytes int64
	OS          string
	GoVersion   string
	HugoVersion string
	LoadBefore  string // /proc/loadavg when the run started
	LoadAfter   string // and when it ended
}

// SiteResult is one site's builds and newsletter runs.
type SiteResult struct {
	Name             string // "real site", "synthetic 2,000"
	Synthetic        bool
	Languages        int
	PagesPerLanguage int   // Markdown files per language (the default language's, for the real site)
	OutputFiles      int   // files the portal wrote
	OutputBytes      int64 // and their size
	Portal           Timing
	Hugo             Timing
	Output           OutputComparison
	Newsletter       []AssembleResult
}

// OutputComparison says how the two builds' outputs differ, file by file.
type OutputComparison struct {
	Same       int      // files present in both with the same bytes
	OnlyPortal []string // files only the portal wrote (its steps after Hugo)
	OnlyHugo   []string
	Different  []string
}

// AssembleResult is `newsletter assemble` of one month on one site.
type AssembleResult struct {
	Month     string
	Items     int // news items per language dated in the month
	Timing    Timing
	EmailHTML int    // the largest email.html of the languages, bytes
	Trimmed   bool   // the issue was cut to titles and links to stay within the budget
	Error     string // the command's message when it failed
}

// Phases splits one portal build, run in the runner's own process, into its steps.
type Phases struct {
	Site       string
	SiteBuild  time.Duration // site.Build: Hugo into memory, static files, the page list
	HugoRender time.Duration // Hugo's own measure of rendering the pages, summed over languages
	AfterHugo  time.Duration // the statistics export and the newsletter feeds
	CopyToDisk time.Duration // copying the output from memory to a new folder on disk, then the swap
	Files      int
	Bytes      int64
}

// Total is the whole build.
func (p Phases) Total() time.Duration { return p.SiteBuild + p.AfterHugo + p.CopyToDisk }

// Markdown writes the report.
func (r *Report) Markdown() []byte {
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Benchmarks\n\n")
	w("How fast the portal builds compared with the Hugo command-line program of the same version, how the cost grows with the number of pages, and what the newsletter costs. Issue 8 sets the budgets; `make bench` measures them and rewrites this file.\n\n")

	w("## Verdict\n\n")
	for _, v := range r.verdicts() {
		w("- %s\n", v)
	}
	w("\n")

	w("Where a target is missed, the section *What profiling found* says why and what would fix it.\n\n")
	w("## How it was measured\n\n")
	w("- Measured on %s with:\n\n  ```\n  %s\n  ```\n\n", r.Date, r.Command)
	m := r.Machine
	w("- Machine: %d CPUs (%s), %s of memory, %s; %s; %s.\n", m.CPUs, orUnknown(m.CPUModel), sizeGB(m.MemoryBytes), orUnknown(m.OS), orUnknown(m.GoVersion), orUnknown(m.HugoVersion))
	w("- Load average (1, 5, 15 min) at the start: %s; at the end: %s. Other work on the machine slows the runs unevenly: the min–max columns show how much.", orUnknown(m.LoadBefore), orUnknown(m.LoadAfter))
	if name, t := r.noisiest(); t.Min() > 0 {
		w(" The noisiest was %s: %s to %s, the slowest run %.1f× the fastest.", name, secs(t.Min()), secs(t.Max()), t.Spread())
	}
	w("\n")
	w("- Each command runs in a new process, %d times per site (%d on sites of %s pages or more), after one untimed warm-up run; the two builds alternate (portal, Hugo, then Hugo, portal, …) and the newsletter runs take their turn in the same rounds, so a slow moment of the machine falls on all of them. Times are medians of wall time; memory is the largest peak resident set (`getrusage` of the child).\n",
		r.Runs, r.LargeRuns, thousands(r.LargePages))
	w("- The two builds do the same work: the same `site.toml`, content, layouts and static files, a cold process, and output written to an empty folder on disk. `portal build -config site.toml -out DIR` builds through Hugo as a library and then adds its own steps (statistics export, newsletter feeds); `hugo --config site.toml --destination DIR --quiet --cacheDir EMPTY --noBuildLock` is the CLI built from the same module versions (`go build github.com/gohugoio/hugo`, without cgo). The outputs are compared file by file after the warm-up run (table below).\n")
	w("- Synthetic sites: N Markdown pages in each of two languages (it, en), seeded and so the same on every run: the project's own layouts, interface strings, static files and statistics, and `site.toml` reduced to those two languages. Pages have front matter, headings, lists, links between pages (`relref`), tables and the helpline shortcode; 30%% of them are news in `notizie`, %d dated in %s and, on sites of %s pages per language or more (a smaller site's news cannot hold both months), %d in %s. The real site is built as it is, with its %d languages.\n\n",
		SmallMonthItems, SmallMonth, thousands(LargeMonthMinPages), LargeMonthItems, LargeMonth, r.realLanguages())

	w("## Portal build and Hugo CLI\n\n")
	w("The verdict uses the ratio of the medians of wall time, which is what a person waits for. Two more ratios help when the machine was busy: the ratio of the fastest runs (the run least slowed by other programs), and the ratio of CPU time (user + system over all threads: the work done, whatever the waiting).\n\n")
	w("| site | languages | pages per language | output files | portal median | Hugo median | portal / Hugo | fastest runs, portal / Hugo | CPU, portal / Hugo | portal min–max | Hugo min–max | peak memory, portal / Hugo |\n")
	w("|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range r.Sites {
		w("| %s | %d | %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s / %s |\n", s.Name, s.Languages, thousands(s.PagesPerLanguage), thousands(s.OutputFiles),
			secs(s.Portal.Median()), secs(s.Hugo.Median()), ratio(Ratio(s.Portal.Median(), s.Hugo.Median())), ratio(Ratio(s.Portal.Min(), s.Hugo.Min())),
			ratio(Ratio(s.Portal.MedianCPU(), s.Hugo.MedianCPU())), minMax(s.Portal), minMax(s.Hugo), sizeMB(s.Portal.PeakRSS()), sizeMB(s.Hugo.PeakRSS()))
	}
	w("\n")

	w("Same output? ")
	var same []string
	for _, s := range r.Sites {
		o := s.Output
		line := fmt.Sprintf("%s: %s identical files", s.Name, thousands(o.Same))
		if len(o.OnlyPortal) > 0 {
			line += fmt.Sprintf(", %d only from the portal (%s)", len(o.OnlyPortal), sample(o.OnlyPortal))
		}
		if len(o.OnlyHugo) > 0 {
			line += fmt.Sprintf(", %d only from Hugo (%s)", len(o.OnlyHugo), sample(o.OnlyHugo))
		}
		if len(o.Different) > 0 {
			line += fmt.Sprintf(", **%d differ** (%s)", len(o.Different), sample(o.Different))
		}
		same = append(same, line)
	}
	w("%s.\n\n", strings.Join(same, "; "))

	r.writeGrowth(&b)
	r.writeNewsletter(&b)
	r.writePhases(&b)
	w("%s", profileFindings)
	r.writeMicro(&b)

	if len(r.Notes) > 0 {
		w("## Left out or not measured\n\n")
		for _, n := range r.Notes {
			w("- %s\n", n)
		}
		w("\n")
	}
	return b.Bytes()
}

func (r *Report) writeGrowth(b *bytes.Buffer) {
	syn := r.synthetic()
	if len(syn) == 0 {
		return
	}
	fmt.Fprintf(b, "## How the cost grows with pages\n\n")
	fmt.Fprintf(b, "Pages are counted over both languages. The exponent k says how time grew from the previous size: time ∝ pages^k, so 1 is linear, less is cheaper than linear (start-up cost spread over more pages), more is worse.\n\n")
	fmt.Fprintf(b, "| pages (2 languages) | portal | portal ms per 1,000 pages | k | Hugo | Hugo ms per 1,000 pages | k |\n|--:|--:|--:|--:|--:|--:|--:|\n")
	for i, s := range syn {
		pages := 2 * s.PagesPerLanguage
		kp, kh := "–", "–"
		if i > 0 {
			prev := syn[i-1]
			kp = fmt.Sprintf("%.2f", GrowthExponent(2*prev.PagesPerLanguage, prev.Portal.Median(), pages, s.Portal.Median()))
			kh = fmt.Sprintf("%.2f", GrowthExponent(2*prev.PagesPerLanguage, prev.Hugo.Median(), pages, s.Hugo.Median()))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", thousands(pages), secs(s.Portal.Median()), perThousand(s.Portal.Median(), pages), kp,
			secs(s.Hugo.Median()), perThousand(s.Hugo.Median(), pages), kh)
	}
	fmt.Fprintf(b, "\n```\n%s```\n\n", r.growthChart(syn))
}

// growthChart draws the median build times against pages as a text chart, one row per
// site and tool, bars scaled to the slowest.
func (r *Report) growthChart(syn []SiteResult) string {
	var slowest time.Duration
	for _, s := range syn {
		slowest = max(slowest, s.Portal.Median(), s.Hugo.Median())
	}
	const width = 50
	bar := func(d time.Duration) string {
		if slowest == 0 {
			return ""
		}
		n := int(math.Round(float64(d) / float64(slowest) * width))
		return strings.Repeat("█", max(n, 1))
	}
	var b strings.Builder
	for _, s := range syn {
		label := thousands(2*s.PagesPerLanguage) + " pages"
		fmt.Fprintf(&b, "%-13s portal %-*s %s\n", label, width, bar(s.Portal.Median()), secs(s.Portal.Median()))
		fmt.Fprintf(&b, "%-13s Hugo   %-*s %s\n", "", width, bar(s.Hugo.Median()), secs(s.Hugo.Median()))
	}
	return b.String()
}

func (r *Report) writeNewsletter(b *bytes.Buffer) {
	fmt.Fprintf(b, "## Newsletter: assembling a month\n\n")
	fmt.Fprintf(b, "`newsletter assemble -month M` on the same sites (every language of the site: 2 for the synthetic sites), against the portal build of the same site. The draft and its previews are removed after each run, so every run assembles from scratch.\n\n")
	fmt.Fprintf(b, "| site | month | items per language | assemble median | min–max | portal build median | assemble / build | peak memory | largest email.html |\n|:--|:--|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range r.Sites {
		for _, a := range s.Newsletter {
			if a.Error != "" {
				fmt.Fprintf(b, "| %s | %s | %s | failed: %s | | %s | – | | |\n", s.Name, a.Month, thousands(a.Items), oneLine(a.Error), secs(s.Portal.Median()))
				continue
			}
			email := fmt.Sprintf("%.1f KB", float64(a.EmailHTML)/1024)
			if a.Trimmed {
				email += " (trimmed to links)"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | **%s** | %s | %s |\n", s.Name, a.Month, thousands(a.Items), secs(a.Timing.Median()), minMax(a.Timing),
				secs(s.Portal.Median()), ratio(Ratio(a.Timing.Median(), s.Portal.Median())), sizeMB(a.Timing.PeakRSS()), email)
		}
	}
	fmt.Fprintf(b, "\n")
}

func (r *Report) writePhases(b *bytes.Buffer) {
	p := r.Phases
	if p == nil {
		return
	}
	fmt.Fprintf(b, "## Where a portal build's time goes\n\n")
	fmt.Fprintf(b, "One build of the %s site inside the runner's own process, step by step (one run, so as noisy as any single run):\n\n", p.Site)
	fmt.Fprintf(b, "| step | time | share |\n|:--|--:|--:|\n")
	row := func(name string, d time.Duration) {
		fmt.Fprintf(b, "| %s | %s | %.0f%% |\n", name, secs(d), 100*Ratio(d, p.Total()))
	}
	row("`site.Build`: Hugo renders into memory, copies static files, lists the pages with their summaries", p.SiteBuild)
	fmt.Fprintf(b, "| … of which Hugo's own page rendering (its log, summed over languages) | %s | %.0f%% |\n", secs(p.HugoRender), 100*Ratio(p.HugoRender, p.Total()))
	row("steps after Hugo: statistics export, newsletter feeds", p.AfterHugo)
	row(fmt.Sprintf("copy of %s files (%s) from memory to a new folder on disk, and the swap", thousands(p.Files), sizeMB(p.Bytes)), p.CopyToDisk)
	row("total", p.Total())
	fmt.Fprintf(b, "\n")
}

func (r *Report) writeMicro(b *bytes.Buffer) {
	if len(r.Micro) == 0 {
		return
	}
	fmt.Fprintf(b, "## Go micro-benchmarks\n\n```\n%s\n```\n\n", r.MicroCommand)
	fmt.Fprintf(b, "| package | benchmark | time per op | memory per op | allocations per op | other |\n|:--|:--|--:|--:|--:|:--|\n")
	for _, m := range r.Micro {
		var other []string
		for _, u := range m.Units {
			if u != "ns/op" && u != "B/op" && u != "allocs/op" {
				other = append(other, fmt.Sprintf("%g %s", m.Metrics[u], u))
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", strings.TrimPrefix(m.Package, "github.com/contratto/portal/"), m.Name,
			nsPerOp(m.Metrics["ns/op"]), bytesPerOp(m.Metrics["B/op"], m.hasUnit("B/op")), countPerOp(m.Metrics["allocs/op"], m.hasUnit("allocs/op")), strings.Join(other, ", "))
	}
	fmt.Fprintf(b, "\n")
}

func (m Micro) hasUnit(u string) bool {
	for _, x := range m.Units {
		if x == u {
			return true
		}
	}
	return false
}

// verdicts says for each budget of issue 8 whether it was met, with the numbers.
func (r *Report) verdicts() []string {
	var out []string
	// Build speed.
	var met, missed []string
	for _, s := range r.Sites {
		q := Ratio(s.Portal.Median(), s.Hugo.Median())
		line := fmt.Sprintf("%s %s", s.Name, ratio(q))
		if q <= MaxBuildRatio {
			met = append(met, line)
		} else {
			missed = append(missed, line)
		}
	}
	out = append(out, verdict(fmt.Sprintf("Portal build at most %.2f× the Hugo CLI at every size", MaxBuildRatio), met, missed))

	// Newsletter.
	met, missed = nil, nil
	for _, s := range r.Sites {
		for _, a := range s.Newsletter {
			label := fmt.Sprintf("%s, %s items", s.Name, thousands(a.Items))
			if a.Error != "" {
				missed = append(missed, label+" failed")
				continue
			}
			q := Ratio(a.Timing.Median(), s.Portal.Median())
			if q <= MaxAssembleRatio {
				met = append(met, fmt.Sprintf("%s %s", label, ratio(q)))
			} else {
				missed = append(missed, fmt.Sprintf("%s %s", label, ratio(q)))
			}
		}
	}
	out = append(out, verdict(fmt.Sprintf("Assembling a month at most %.1f× a portal build of the same site", MaxAssembleRatio), met, missed))

	// Growth.
	met, missed = nil, nil
	syn := r.synthetic()
	for i := 1; i < len(syn); i++ {
		a, b := syn[i-1], syn[i]
		for _, tool := range []struct {
			name   string
			t1, t2 Timing
		}{{"portal", a.Portal, b.Portal}, {"Hugo", a.Hugo, b.Hugo}} {
			k := GrowthExponent(2*a.PagesPerLanguage, tool.t1.Median(), 2*b.PagesPerLanguage, tool.t2.Median())
			line := fmt.Sprintf("%s %s→%s pages k = %.2f", tool.name, thousands(2*a.PagesPerLanguage), thousands(2*b.PagesPerLanguage), k)
			if k <= MaxGrowth {
				met = append(met, line)
			} else {
				missed = append(missed, line)
			}
		}
	}
	if len(syn) > 1 {
		out = append(out, verdict(fmt.Sprintf("Cost about linear in pages (growth exponent k at most %.2f)", MaxGrowth), met, missed))
	}

	// Email size.
	met, missed = nil, nil
	for _, s := range r.Sites {
		for _, a := range s.Newsletter {
			if a.Month != SmallMonth || !s.Synthetic || a.Error != "" {
				continue
			}
			line := fmt.Sprintf("%s %.1f KB", s.Name, float64(a.EmailHTML)/1024)
			if a.EmailHTML <= MaxEmailHTML && !a.Trimmed {
				met = append(met, line)
			} else {
				if a.Trimmed {
					line += " after trimming to links"
				}
				missed = append(missed, line)
			}
		}
	}
	out = append(out, verdict(fmt.Sprintf("email.html within 90 KB at %s, with summaries", email50Label), met, missed))
	return out
}

func verdict(target string, met, missed []string) string {
	switch {
	case len(met) == 0 && len(missed) == 0:
		return fmt.Sprintf("%s: **not measured**.", target)
	case len(missed) == 0:
		return fmt.Sprintf("%s: **met** (%s).", target, strings.Join(met, "; "))
	case len(met) == 0:
		return fmt.Sprintf("%s: **missed** (%s).", target, strings.Join(missed, "; "))
	}
	return fmt.Sprintf("%s: **missed** at %s; met at %s.", target, strings.Join(missed, "; "), strings.Join(met, "; "))
}

func (r *Report) synthetic() []SiteResult {
	var syn []SiteResult
	for _, s := range r.Sites {
		if s.Synthetic {
			syn = append(syn, s)
		}
	}
	sort.SliceStable(syn, func(i, j int) bool { return syn[i].PagesPerLanguage < syn[j].PagesPerLanguage })
	return syn
}

// noisiest is the command whose runs differed most.
func (r *Report) noisiest() (string, Timing) {
	var name string
	var worst Timing
	consider := func(n string, t Timing) {
		if t.Spread() > worst.Spread() {
			name, worst = n, t
		}
	}
	for _, s := range r.Sites {
		consider("the portal build of the "+s.Name, s.Portal)
		consider("the Hugo build of the "+s.Name, s.Hugo)
		for _, a := range s.Newsletter {
			consider(fmt.Sprintf("newsletter assemble %s on the %s", a.Month, s.Name), a.Timing)
		}
	}
	return name, worst
}

func (r *Report) realLanguages() int {
	for _, s := range r.Sites {
		if !s.Synthetic {
			return s.Languages
		}
	}
	return 0
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func minMax(t Timing) string {
	if len(t.Samples) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f–%.2f s", t.Min().Seconds(), t.Max().Seconds())
}

func ratio(q float64) string {
	if math.IsNaN(q) {
		return "–"
	}
	return fmt.Sprintf("%.2f×", q)
}

func perThousand(d time.Duration, pages int) string {
	if pages == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(d.Milliseconds())*1000/float64(pages))
}

func sizeMB(n int64) string {
	if n <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}

func sizeGB(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

func nsPerOp(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func bytesPerOp(n float64, ok bool) string {
	switch {
	case !ok:
		return "–"
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", n/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", n/(1<<10))
	}
	return fmt.Sprintf("%.0f B", n)
}

func countPerOp(n float64, ok bool) string {
	if !ok {
		return "–"
	}
	return thousands(int(n))
}

// thousands writes 12345 as "12,345".
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "unknown"
	}
	return s
}

// sample lists up to three names and says how many more there are.
func sample(names []string) string {
	if len(names) <= 3 {
		return "`" + strings.Join(names, "`, `") + "`"
	}
	return "`" + strings.Join(names[:3], "`, `") + fmt.Sprintf("` and %d more", len(names)-3)
}

func oneLine(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
	s = strings.ReplaceAll(s, "|", "\\|")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// profileFindings is what the profiling for issue 8 found, with its numbers. `make bench`
// does not measure these again (the step table does); rewrite this text when the causes
// are fixed.
const profileFindings = `## What profiling found (issue 8)

Found with pprof (` + "`-cpuprofile FILE`" + ` writes the profile of the in-process build above) and with what-if
builds, each a copy of internal/site changed in one place, run as separate processes back to back
with the CLI on the synthetic 2,000 and 10,000 sites, when the machine was quiet (load below 2).
Two costs of the portal build have no counterpart in the CLI; together they explain the gap.

1. **Every page's summary is rendered a second time, on one core, after the build.** ` + "`newPage`" + ` in
   internal/site/pages.go calls ` + "`p.Summary(context.Background())`" + ` for every page of every language.
   By then Hugo's cache no longer holds most rendered pages (at 10,000 pages per language it has
   evicted them), so Hugo renders their Markdown again. In the CPU profile of the 10,000 site this
   was 6.0 s of 47 s, serial, against 0.6 s at 2,000 pages: it grows faster than the site. Leaving
   it out cut the in-memory build of the 10,000 site from 30.1 s to 20.8 s (user CPU 48 s to 37 s;
   the whole CLI build, writing included, took 20.8 s) and at 2,000 pages from 4.1–4.9 s to
   3.7–4.0 s. A build needs no summary: only the newsletter does, and only for the month's items.
   **Fix** (internal/site): make summaries lazy, e.g. a ` + "`Result.Summary(page)`" + ` that asks Hugo when
   called, or fill ` + "`Page.Summary`" + ` only in ` + "`Load`" + ` and only for the newsletter's sections.
   ` + "`newsletter assemble`" + ` pays the same cost, since ` + "`site.Load`" + ` summarises every page to pick 50.
2. **The output is written twice: into memory, then copied to disk.** ` + "`portal.Build`" + ` renders into an
   ` + "`afero.MemMapFs`" + `, then ` + "`atomicfs.CopyTree`" + ` copies it file by file, on one goroutine, once Hugo has
   finished; the CLI writes each file as it renders it, on every core. The copy took 0.8–5 s at
   2,000 pages (4,022 files, 48 MB) and 8–17 s at 10,000 (20,022 files, 159 MB), with much system
   time, varying with the disk's write-back; and the whole output held in memory raises peak memory
   by about a third (2.4–2.6 GB against the CLI's 1.9–2.0 GB at 10,000 pages). **Fix** (internal/site
   and internal/portal): let ` + "`site.Options`" + ` take the destination file system and have ` + "`portal.Build`" + `
   render straight into the new folder that ` + "`atomicfs.ReplaceDir`" + ` swaps in place
   (` + "`afero.NewBasePathFs(p.Fs, tmp)`" + `). The build stays atomic (a failed build still removes the new
   folder and leaves the old one alone) and the copy goes. With both fixes, the what-if build of the
   2,000 site took 6.0 s against the CLI's 6.8 s run just before it, with 428 MB of peak memory
   against 489 MB; at 10,000 pages peak memory fell to 1.86 GB (CLI 1.98 GB), but the one run made
   was held up by the disk (36 s, 28 s of it system time) and does not settle the wall time:
   measure again with ` + "`make bench`" + ` once the fixes are in.
3. Logging at info level (internal/site asks for it to read Hugo's render times) made no difference
   that stood out from the noise (in-memory build of the 2,000 site at warn level 4.2–4.6 s, at info
   4.1–4.9 s), and the steps after Hugo (statistics export, newsletter feeds) cost milliseconds.

The newsletter: a month of 500 items does not fit the email at all. ` + "`newsletter assemble`" + ` fails with
"email HTML is 196839 bytes, over the budget of 92160 bytes" even after trimming the issue to
titles and links (about 350 bytes of HTML per item, so the budget holds about 200 items). **Fix**
(newsletter): a last level that lists the featured and newest items and links to the month's news
on the portal for the rest ("and 450 more"), so that assembling never fails on a busy month.

`
