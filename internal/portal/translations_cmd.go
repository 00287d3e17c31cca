package portal

import (
	"bytes"
	"flag"
	"fmt"
	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/po"
	"io"
	"os"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/translations"
	"github.com/spf13/afero"
)

const translationsUsage = `usage:
  portal translations [-config site.toml]
      list, for each language, the translations behind their source page, and what
      changed in the source since they were made
  portal translations record [-config site.toml] LANG [PAGE...]
  portal translations record [-config site.toml] all
      record that the translations (every page of LANG, or the PAGEs, such as servizi.md;
      or every page of every language) say what their source says now
  portal translations export [-config site.toml] [-out FILE] LANG
      write the text still to translate into LANG as a gettext PO file (stdout by default)
  portal translations import [-config site.toml] FILE
      write the translations of a PO file back into content/LANG/
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
	out := fs.String("out", "", "export: the PO file to write instead of stdout")
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
	case "export":
		if fs.NArg() != 1 {
			return usageError("export needs one language")
		}
		return exportTranslations(tp, fs.Arg(0), *out, stdout, stderr)
	case "import":
		if fs.NArg() != 1 {
			return usageError("import needs one PO file")
		}
		return importTranslations(tp, fs.Arg(0), stdout, stderr)
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

// recordTranslations is "portal translations record LANG [PAGE...]" or "… record all".
func recordTranslations(tp translations.Project, lang string, pages []string, stdout, stderr io.Writer) int {
	langs := []string{lang}
	if lang == "all" {
		if len(pages) > 0 {
			return fail(stderr, fmt.Errorf("record all takes no page: name the language of the pages to record (record LANG PAGE...)"))
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

// exportTranslations is "portal translations export LANG": the PO file goes to stdout,
// or replaces the file -out names (relative to where the command runs).
func exportTranslations(tp translations.Project, lang, out string, stdout, stderr io.Writer) int {
	file, err := tp.Export(lang)
	if err != nil {
		return fail(stderr, err)
	}
	var buf bytes.Buffer
	if err := po.Write(&buf, file); err != nil {
		return fail(stderr, err)
	}
	if out == "" {
		_, err = stdout.Write(buf.Bytes())
	} else {
		err = atomicfs.WriteFile(afero.NewOsFs(), out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return fail(stderr, err)
	}
	if out != "" {
		fmt.Fprintf(stdout, "wrote %s: %d texts to translate into %s\n", out, len(file.Entries), lang)
	}
	return 0
}

// importTranslations is "portal translations import FILE".
func importTranslations(tp translations.Project, name string, stdout, stderr io.Writer) int {
	data, err := os.ReadFile(name)
	if err != nil {
		return fail(stderr, err)
	}
	file, err := po.Read(name, data)
	if err != nil {
		return fail(stderr, err)
	}
	written, notes, err := tp.Import(name, file)
	for _, n := range notes {
		fmt.Fprintln(stdout, n)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portal: nothing written:\n%v\n", err)
		return 1
	}
	for _, f := range written {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(stdout, "%d pages written\n", len(written))
	return 0
}
