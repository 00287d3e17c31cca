package check

import (
	"fmt"
	"strings"

	"github.com/contratto/portal/internal/translations"
)

// Translations holds every translation to its source page (internal/translations): a
// translation whose headings, list items, steps, code blocks, shortcodes, internal links
// or images are not its source's is an error naming both files; an outdated translation
// is a warning, one per source page with what changed in it since; a translation that
// records no version of its source is a warning. It returns the translations that are
// behind their source, by file.
func Translations(in Input) (map[string]bool, []Finding) {
	tp, err := translations.Open(in.Project)
	if err != nil {
		return nil, nil // the config file's problems are the build's to report
	}
	review, err := tp.Review()
	if err != nil {
		return nil, []Finding{{Severity: Error, Rule: "translation", Message: err.Error()}}
	}
	behind := map[string]bool{}
	var out []Finding
	for _, d := range review.Differences {
		out = append(out, Finding{File: d.Translation, Line: d.TranslationLine, Severity: Error, Rule: "translation",
			Message: fmt.Sprintf("does not keep the structure of its source %s:%d: %s", d.Source, d.SourceLine, d.Message)})
	}
	for _, s := range review.Statuses {
		if s.State == translations.Unrecorded {
			behind[s.Translation.Path] = true
			out = append(out, Finding{File: s.Translation.Path, Line: 1, Severity: Warning, Rule: "translation",
				Message: fmt.Sprintf("does not record which version of %s it translates: once it says what the source says, run \"portal translations record %s %s\"", s.Source.Path, s.Lang, s.Page)})
		}
		if s.State == translations.Outdated {
			behind[s.Translation.Path] = true
		}
	}
	for _, c := range review.Outdated {
		what := "what changed:\n" + indent(strings.TrimRight(c.Diff, "\n"))
		if c.Diff == "" {
			what = fmt.Sprintf("what changed cannot be shown (%v)", c.NoDiff)
		}
		out = append(out, Finding{File: c.Source.Path, Severity: Warning, Rule: "translation",
			Message: fmt.Sprintf("changed since its translations into %s were made (\"portal translations\" lists them; after updating one, run \"portal translations record LANG PAGE\"); %s", strings.Join(c.Langs, ", "), what)})
	}
	return behind, out
}
