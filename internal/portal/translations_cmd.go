package portal

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/translations"
	"github.com/spf13/afero"
)

const translationsUsage = `usage:
  portal translations [-config site.toml]
      list, for each language, the translations behind their source page, and what
      changed in the source since they were made
  portal translations record [-config site.toml] LANG|all [PAGE...]
      record that the translations (every page of LANG, or the PAGEs, such as servizi.md)
      say what their source says now
`

// runTranslations is "portal translations" and its subcommands.
func runTranslations(args []string, stdout, stderr io.Writer) int {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("portal translations "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, translationsUsage) }
	project := site.ProjectFlag(fs, afero.NewOsFs())
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "portal translations: %s\n\n%s", msg, translationsUsage)
		return 2
	}
	p, err := project()
	if err != nil {
		return fail(stderr, err)
	}
	tp, err := translations.Open(p)
	if err != nil {
		return fail(stderr, err)
	}
	switch sub {
	case "":
		if fs.NArg() > 0 {
			return usageError(fmt.Sprintf("unknown command %q", fs.Arg(0)))
		}
		return translationStatus(tp, stdout, stderr)
	case "record":
		if fs.NArg() == 0 {
			return usageError("record needs a language (or all)")
		}
		return recordTranslations(tp, fs.Arg(0), fs.Args()[1:], stdout, stderr)
	}
	return usageError(fmt.Sprintf("unknown command %q", sub))
}

// translationStatus prints each language's translations that are behind their source,
// then what changed in each source page since.
func translationStatus(tp translations.Project, stdout, stderr io.Writer) int {
	review, err := tp.Review()
	if err != nil {
		return fail(stderr, err)
	}
	count := map[translations.State]int{}
	byLang := map[string]map[translations.State][]string{}
	for _, s := range review.Statuses {
		count[s.State]++
		if byLang[s.Lang] == nil {
			byLang[s.Lang] = map[translations.State][]string{}
		}
		byLang[s.Lang][s.State] = append(byLang[s.Lang][s.State], s.Page)
	}
	fmt.Fprintf(stdout, "Translations from %s: %d up to date, %d outdated, %d without a record of their source, %d not translated\n",
		tp.Source, count[translations.Current], count[translations.Outdated], count[translations.Unrecorded], count[translations.Untranslated])
	for _, lang := range tp.Languages {
		first := true
		for _, row := range []struct {
			state translations.State
			label string
		}{{translations.Outdated, "outdated"}, {translations.Unrecorded, "no record"}, {translations.Untranslated, "not translated"}} {
			pages := byLang[lang][row.state]
			if len(pages) == 0 {
				continue
			}
			head := ""
			if first {
				fmt.Fprintln(stdout)
				head, first = lang, false
			}
			fmt.Fprintf(stdout, "%-4s %-15s %s\n", head, row.label+":", strings.Join(pages, " "))
		}
	}
	for _, c := range review.Outdated {
		fmt.Fprintf(stdout, "\n%s changed since the translations into %s were made:\n", c.Source.Path, strings.Join(c.Langs, ", "))
		if c.Diff == "" {
			fmt.Fprintf(stdout, "what changed cannot be shown: %v\n", c.NoDiff)
			continue
		}
		fmt.Fprint(stdout, c.Diff)
	}
	for _, d := range review.Differences {
		fmt.Fprintf(stdout, "\nerror: %s\n", d.Error())
	}
	if len(review.Differences) > 0 {
		return 1
	}
	return 0
}

// recordTranslations is "portal translations record LANG|all [PAGE...]".
func recordTranslations(tp translations.Project, lang string, pages []string, stdout, stderr io.Writer) int {
	langs := []string{lang}
	if lang == "all" {
		if len(pages) > 0 {
			return fail(stderr, fmt.Errorf("name the language of the pages to record, not all"))
		}
		langs = tp.Languages
	}
	n := 0
	for _, l := range langs {
		changed, err := tp.Record(l, pages...)
		for _, f := range changed {
			fmt.Fprintf(stdout, "recorded %s\n", f)
		}
		n += len(changed)
		if err != nil {
			return fail(stderr, err)
		}
	}
	fmt.Fprintf(stdout, "%d translations recorded\n", n)
	return 0
}
