package portal

// The project's own site is tested only by invariants: rules that stay true as staff add
// news, statistics periods, pages and languages. None of them names a number, a page, a
// period or a count of the content of today; each derives what it expects from the
// project it is given (site.toml, data/stats, the pages Hugo built). TestRealSite runs
// them on the repository; the routine test runs them again on a copy after a month of
// staff's work.

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/spf13/afero"
)

// builtProject is a project and its whole portal, built in memory.
type builtProject struct {
	site.Project
	res *site.Result
}

// invariant is one rule the built portal of any version of the project keeps.
type invariant struct {
	name  string
	check func(*testing.T, builtProject)
}

// invariants lists every rule of the real site, in the order they run.
var invariants = []invariant{
	{"BuildsWithoutWarnings", buildsWithoutWarnings},
	{"EveryPageOfEveryLanguageBuilds", everyPageOfEveryLanguageBuilds},
	{"EveryLanguageHomeAtItsPlace", everyLanguageHomeAtItsPlace},
	{"EveryPageShowsTheHelplines", everyPageShowsTheHelplines},
	{"PassesCheck", passesCheck},
	{"CommittedStatisticsPassTheAudit", committedStatisticsPassTheAudit},
	{"EveryPeriodOnTheDataPageOfEveryLanguage", everyPeriodOnTheDataPageOfEveryLanguage},
	{"NoSmallPersonsCounts", noSmallPersonsCounts},
	{"EveryPageHasLangAndDir", everyPageHasLangAndDir},
	{"EveryPageStartsWithSkipLinkThenQuickExit", everyPageStartsWithSkipLinkThenQuickExit},
	{"EveryPageSendsNoReferrerAndHasAStrictCSP", everyPageSendsNoReferrerAndHasAStrictCSP},
	{"NoInlineStyleOrScript", noInlineStyleOrScript},
	{"NothingLoadsFromAnotherHost", nothingLoadsFromAnotherHost},
	{"HreflangSetsAreReciprocal", hreflangSetsAreReciprocal},
	{"EveryAddressInsideTheSite", everyAddressInsideTheSite},
	{"HeadingsInOrder", headingsInOrder},
	{"TelLinksSayWhatTheyCall", telLinksSayWhatTheyCall},
	{"LanguageSwitcherWorksWithoutScript", languageSwitcherWorksWithoutScript},
	{"StructuredDataNamesEveryHelpline", structuredDataNamesEveryHelpline},
	{"ScriptsKeepNoTrace", scriptsKeepNoTrace},
	{"EveryPageWithinItsWeightBudget", everyPageWithinItsWeightBudget},
	{"JavaScriptWithinBudget", javaScriptWithinBudget},
	{"NoImageOverBudget", noImageOverBudget},
	{"PreheadersFitEveryMonth", preheadersFitEveryMonth},
	{"EveryFooterLinksTheLegalPages", everyFooterLinksTheLegalPages},
	{"StatementShowsTheRecordedEvaluation", statementShowsTheRecordedEvaluation},
	{"PrintedMaterialInEveryLanguage", printedMaterialInEveryLanguage},
	{"PrintStylesheetDropsMenusAndPrintsAddresses", printStylesheetDropsMenusAndPrintsAddresses},
}

// checkInvariants runs every invariant on b, each as a subtest.
func checkInvariants(t *testing.T, b builtProject) {
	t.Helper()
	for _, inv := range invariants {
		t.Run(inv.name, func(t *testing.T) { inv.check(t, b) })
	}
}

// TestRealSite checks every invariant on the repository's own project.
func TestRealSite(t *testing.T) {
	checkInvariants(t, realProject(t))
}

// realRoot is the repository's own project, seen from this package.
const realRoot = "../.."

var (
	realOnce  sync.Once
	realBuilt builtProject
	realErr   error
)

// realProject builds the repository's own site once per test run, in memory.
func realProject(t *testing.T) builtProject {
	t.Helper()
	realOnce.Do(func() {
		root, err := filepath.Abs(realRoot)
		if err != nil {
			realErr = err
			return
		}
		p := site.Project{Fs: afero.NewOsFs(), Dir: root}
		res, err := Render(site.Options{Project: p})
		realBuilt, realErr = builtProject{Project: p, res: res}, err
	})
	if realErr != nil {
		t.Fatalf("the real site does not build: %v", realErr)
	}
	return realBuilt
}

// buildProject builds p's whole portal in memory, failing the test if it does not build.
func buildProject(t *testing.T, p site.Project) builtProject {
	t.Helper()
	res, err := Render(site.Options{Project: p})
	if err != nil {
		t.Fatalf("%s does not build: %v", p.Dir, err)
	}
	return builtProject{Project: p, res: res}
}

// htmlPages lists every HTML file of the built site.
func htmlPages(t *testing.T, out afero.Fs) map[string]string {
	t.Helper()
	pages := map[string]string{}
	walkErr := afero.Walk(out, "/", func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := afero.ReadFile(out, path)
		pages[path] = string(b)
		return err
	})
	if walkErr != nil {
		t.Fatal(walkErr)
	}
	return pages
}

// homePath is where a language's home page is written: the default language at the root.
func homePath(l site.Language) string {
	if l.Default {
		return "/"
	}
	return "/" + l.Code + "/"
}

// buildsWithoutWarnings: the build warns about nothing but the news items editors may
// write without a date or a description (site.Page.ItemNotes), which it names.
func buildsWithoutWarnings(t *testing.T, b builtProject) {
	told := map[string]bool{}
	for _, pages := range b.res.Pages {
		for _, p := range pages {
			if p.Section == site.NewsSection && p.Kind == "page" {
				for _, n := range p.ItemNotes() {
					told[b.res.Warning(p, n)] = true
				}
			}
		}
	}
	for _, w := range b.res.Warnings {
		if !told[w] {
			t.Errorf("warning: %s", w)
		}
	}
}

// everyPageOfEveryLanguageBuilds: every page Hugo knows is written, and every language
// has every page of the site (its own translation or a fallback copy), so a reader never
// meets a dead end by switching language. Newsletter issues are the exception: they are
// written per language (`newsletter assemble -lang`) and may exist in only some.
func everyPageOfEveryLanguageBuilds(t *testing.T, b builtProject) {
	all := map[string]bool{}
	for _, l := range b.res.Languages {
		for _, p := range b.res.Pages[l.Code] {
			if p.Kind != "page" || p.Section != archive.Section {
				all[p.Path] = true
			}
		}
	}
	if len(all) == 0 {
		t.Fatal("no page was built")
	}
	for _, l := range b.res.Languages {
		has := map[string]bool{}
		for _, p := range b.res.Pages[l.Code] {
			has[p.Path] = true
			if p.RelPermalink == "" {
				continue
			}
			file, ok := outputFile(b.res, p.RelPermalink)
			if !ok {
				t.Errorf("%s page %s (%s) is outside the base URL %s: %s", l.Code, p.Path, p.SourceFile, b.res.BaseURL, p.RelPermalink)
				continue
			}
			if _, err := b.res.Output.Stat(file); err != nil {
				t.Errorf("%s page %s (%s) was not written: %v", l.Code, p.Path, p.SourceFile, err)
			}
		}
		var missing []string
		for p := range all {
			if !has[p] {
				missing = append(missing, p)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s lacks pages the other languages have: %s", l.Code, strings.Join(missing, ", "))
		}
	}
}

// everyLanguageHomeAtItsPlace: each language of site.toml has its home page at its place,
// in its own language and direction.
func everyLanguageHomeAtItsPlace(t *testing.T, b builtProject) {
	for _, l := range b.res.Languages {
		home := sitetest.Read(t, b.res.Output, homePath(l)+"index.html")
		if want := `<html lang=` + l.Locale + ` dir=` + l.Direction + `>`; !strings.Contains(home, want) {
			t.Errorf("%s home page lacks %s: %.200s", l.Code, want, home)
		}
	}
}

// everyPageShowsTheHelplines: every page shows every helpline of site.toml, as site.toml
// writes it, with a tel: link that dials it; and no tel: link dials another number.
func everyPageShowsTheHelplines(t *testing.T, b builtProject) {
	lines, err := b.res.Helplines()
	if err != nil || len(lines) == 0 {
		t.Fatalf("site.toml: %d helplines, %v", len(lines), err)
	}
	tels := map[string]bool{}
	for _, h := range lines {
		tels[h.Tel] = true
	}
	pages := builtPages(t, b.res)
	for _, p := range pages {
		text := textContent(p.doc)
		for _, h := range lines {
			if !strings.Contains(text, h.Display) {
				t.Errorf("public%s does not show the %s line as %q", p.file, h.Key, h.Display)
			}
		}
		dialled := map[string]bool{}
		for _, a := range elements(p.doc, tagged("a")) {
			if href := attrVal(a, "href"); strings.HasPrefix(href, "tel:") {
				dialled[href[4:]] = true
				if !tels[href[4:]] {
					t.Errorf("public%s: <a href=%q> dials no helpline of site.toml", p.file, href)
				}
			}
		}
		for _, h := range lines {
			if !dialled[h.Tel] {
				t.Errorf("public%s has no tel:%s link for the %s line", p.file, h.Tel, h.Key)
			}
		}
	}
}
