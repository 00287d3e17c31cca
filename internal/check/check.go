// Package check is the editors' lint of the portal: translation coverage, translations
// held to their source (internal/translations), interface strings, broken internal
// links, front matter, helpline numbers, images without alt text, page weight and the
// placeholders of site.toml that must be filled in before the site goes live.
//
// Each rule is a function over the project's files (an afero.Fs) and, for the rules
// that look at pages, the site Hugo built from them. A rule returns findings; each
// names the file, and the line where there is one, in words an editor can act on.
package check

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/contratto/portal/internal/site"
)

// Severity says whether a finding fails the check.
type Severity int

const (
	// Warning is worth fixing but does not fail the check.
	Warning Severity = iota + 1
	// Error fails the check: the site is wrong for its readers.
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Finding is one problem found by a rule.
type Finding struct {
	// File is relative to the project root ("content/ar/aiuto.md", "i18n/fr.toml"), or
	// a built file ("public/en/index.html") when no content file made the page; ""
	// for the site as a whole.
	File string
	// Line is 1-based; 0 when the finding is about the whole file.
	Line     int
	Severity Severity
	// Rule names the rule in the report: "translation", "i18n", "link", "front matter",
	// "helpline", "image", "weight", "placeholder" or "build".
	Rule    string
	Message string
}

// String formats the finding the way compilers do, so editors can jump to it:
// "content/ar/aiuto.md:3: error: front matter: "date" is not a date ("yesterday")".
func (f Finding) String() string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
		if f.Line > 0 {
			fmt.Fprintf(&b, ":%d", f.Line)
		}
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s: %s: %s", f.Severity, f.Rule, f.Message)
	return b.String()
}

// Input is what the rules read.
type Input struct {
	// Project is the project; the rules only read it.
	site.Project
	// Site is the site built from the project. When it is nil (the site does not
	// build), the rules that need built pages report nothing.
	Site *site.Result
}

// config names the config file in messages.
func (in Input) config() string { return rel(in.Dir, in.ConfigPath()) }

// EssentialKeys are the translationKeys of the pages a person in danger needs. Each
// must be a real translation in every language of the site.
var EssentialKeys = []string{"help", "calling", "signs", "rights", "safety-online"}

// Options tune the rules; the zero value uses the project's defaults.
type Options struct {
	// Essential lists the translationKeys every language must translate;
	// EssentialKeys when nil.
	Essential []string
	// Weight limits a page's HTML, CSS and JavaScript; DefaultWeightLimits when zero.
	Weight WeightLimits
}

// Report is the outcome of every rule.
type Report struct {
	// Coverage is the table of translations, page by language.
	Coverage Coverage
	// Findings are sorted by file, line, severity (errors first) and message.
	Findings []Finding
}

// Run applies every rule and sorts the findings. A nil in.Site is reported as an
// error (with buildErr when given), and the rules that need built pages are skipped.
func Run(in Input, opts Options, buildErr error) Report {
	if opts.Essential == nil {
		opts.Essential = EssentialKeys
	}
	if opts.Weight == (WeightLimits{}) {
		opts.Weight = DefaultWeightLimits
	}
	var r Report
	var all []Finding
	if in.Site == nil {
		msg := "the site does not build, so translations, links, helplines and page weight were not checked"
		if buildErr != nil {
			msg += ":\n" + indent(buildErr.Error())
		}
		all = append(all, Finding{Severity: Error, Rule: "build", Message: msg})
	}
	if in.Site != nil {
		for _, w := range in.Site.Warnings {
			all = append(all, buildWarning(w))
		}
	}
	var cov []Finding
	r.Coverage, cov = CoverageTable(in, opts.Essential)
	all = append(all, cov...)
	behind, tr := Translations(in)
	r.Coverage.markBehind(behind)
	all = append(all, tr...)
	all = append(all, I18n(in)...)
	all = append(all, FrontMatter(in)...)
	all = append(all, Links(in)...)
	all = append(all, Helplines(in)...)
	all = append(all, Images(in)...)
	all = append(all, PageWeight(in, opts.Weight)...)
	all = append(all, Placeholders(in)...)
	Sort(all)
	r.Findings = all
	return r
}

// Errors counts the findings that fail the check.
func (r Report) Errors() int { return count(r.Findings, Error) }

// Warnings counts the findings that do not fail the check.
func (r Report) Warnings() int { return count(r.Findings, Warning) }

func count(fs []Finding, s Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders findings by file, line, severity (errors first), rule and message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Severity != b.Severity:
			return a.Severity > b.Severity
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// located is a warning that starts with the file and line it is about.
var located = regexp.MustCompile(`^([^\s:]+\.[A-Za-z]+):(\d+)(?::\d+)?: (.+)$`)

// buildWarning turns a warning of the build into a finding, at its file and line when
// it names them ("content/it/notizie/x.md:1: no date: ...").
func buildWarning(w string) Finding {
	f := Finding{Severity: Warning, Rule: "build", Message: w}
	if m := located.FindStringSubmatch(w); m != nil {
		f.File, f.Message = m[1], m[3]
		f.Line, _ = strconv.Atoi(m[2])
	}
	return f
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}
