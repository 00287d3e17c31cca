package check

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// State is how a page reaches the readers of one language.
type State int

const (
	// Missing: the language has no version of the page.
	Missing State = iota
	// Translated: the page is written in the language.
	Translated
	// Fallback: the language shows a copy of the page written in another language.
	Fallback
)

// Cell is one page in one language.
type Cell struct {
	State State
	From  string // for Fallback, the language the copy is written in
	// Behind marks a translation made from an older version of its source, or one that
	// does not record which version it translates.
	Behind bool
	file   string // for Translated, the content file
}

// Row is one page, by translationKey, in every language.
type Row struct {
	Key       string
	Essential bool
	Cells     []Cell // in the order of Coverage.Languages
}

// Coverage is the table of translations: a row per page, a column per language.
type Coverage struct {
	Languages []string // language codes, in the order of site.toml
	Rows      []Row    // the essential pages first, then the others by key
}

// CoverageTable builds the table of translations from the built site. An essential
// page (by translationKey) that is not written in every language is an error, named
// after the file that would hold the translation; the other pages that miss
// translations make one warning, since the table lists them. A folder under content/
// that is not a language of the site is a warning: Hugo ignores it.
func CoverageTable(in Input, essential []string) (Coverage, []Finding) {
	if in.Site == nil {
		return Coverage{}, nil
	}
	var cov Coverage
	labels := map[string]string{}
	order := map[string]int{}
	for i, l := range in.Site.Languages {
		cov.Languages = append(cov.Languages, l.Code)
		labels[l.Code] = l.Label
		order[l.Code] = i
	}

	cells := map[string]map[string]Cell{} // key → language → best version
	source := map[string]string{}         // key → a real translation's file, the default language's first
	sourceRank := map[string]int{}
	for _, lang := range cov.Languages {
		for _, p := range in.Site.Pages[lang] {
			if p.SourceFile == "" {
				continue // a section or home page Hugo made without a file
			}
			c := Cell{State: Translated, file: filepath.ToSlash(p.SourceFile)}
			if p.IsFallback() {
				c = Cell{State: Fallback, From: p.ContentLang}
			} else if r, ok := sourceRank[p.TranslationKey]; !ok || order[lang] < r {
				source[p.TranslationKey], sourceRank[p.TranslationKey] = filepath.ToSlash(p.SourceFile), order[lang]
			}
			if cells[p.TranslationKey] == nil {
				cells[p.TranslationKey] = map[string]Cell{}
			}
			if better(c, cells[p.TranslationKey][lang], order) {
				cells[p.TranslationKey][lang] = c
			}
		}
	}

	var out []Finding
	isEssential := map[string]bool{}
	for _, key := range essential {
		isEssential[key] = true
		if cells[key] == nil {
			out = append(out, Finding{Severity: Error, Rule: "translation",
				Message: fmt.Sprintf("no page has translationKey %q, one of the essential pages", key)})
		}
		cov.Rows = append(cov.Rows, row(key, true, cov.Languages, cells[key]))
	}
	others := 0
	for _, key := range sortedKeys(cells) {
		if isEssential[key] {
			continue
		}
		r := row(key, false, cov.Languages, cells[key])
		cov.Rows = append(cov.Rows, r)
		if !r.complete() {
			others++
		}
	}

	for _, r := range cov.Rows {
		if !r.Essential || cells[r.Key] == nil {
			continue
		}
		for i, c := range r.Cells {
			lang := cov.Languages[i]
			if c.State == Translated {
				continue
			}
			name := fmt.Sprintf("%s (%s)", labels[lang], lang)
			msg := fmt.Sprintf("the essential page %q has no %s version at all", r.Key, name)
			if c.State == Fallback {
				msg = fmt.Sprintf("the essential page %q is not translated into %s: readers see the copy in %s (%s)", r.Key, name, labels[c.From], c.From)
			}
			out = append(out, Finding{File: translationFile(source[r.Key], lang), Severity: Error, Rule: "translation", Message: msg})
		}
	}
	if others > 0 {
		pages := "pages are"
		if others == 1 {
			pages = "page is"
		}
		out = append(out, Finding{Severity: Warning, Rule: "translation",
			Message: fmt.Sprintf("%d other %s not translated into every language (see the table)", others, pages)})
	}
	return cov, append(out, strayContentFolders(in, cov.Languages)...)
}

// markBehind marks the translations written in the files that are behind their source.
func (c *Coverage) markBehind(files map[string]bool) {
	for _, r := range c.Rows {
		for i := range r.Cells {
			r.Cells[i].Behind = r.Cells[i].State == Translated && files[r.Cells[i].file]
		}
	}
}

// better reports whether c is a better version for readers than old: a translation
// beats a copy, and a copy in a language earlier in site.toml beats a later one.
func better(c, old Cell, order map[string]int) bool {
	rank := map[State]int{Missing: 0, Fallback: 1, Translated: 2}
	if rank[c.State] != rank[old.State] {
		return rank[c.State] > rank[old.State]
	}
	return c.State == Fallback && order[c.From] < order[old.From]
}

func row(key string, essential bool, langs []string, cells map[string]Cell) Row {
	r := Row{Key: key, Essential: essential}
	for _, l := range langs {
		r.Cells = append(r.Cells, cells[l]) // the zero Cell is Missing
	}
	return r
}

func (r Row) complete() bool {
	for _, c := range r.Cells {
		if c.State != Translated {
			return false
		}
	}
	return true
}

// translationFile is the file that would hold the translation into lang of the page
// in src: content/it/aiuto.md → content/ar/aiuto.md, and for a newsletter bundle
// content/newsletter/2012-06/index.it.md → index.ar.md.
func translationFile(src, lang string) string {
	parts := strings.Split(src, "/")
	if len(parts) < 3 || parts[0] != "content" {
		return "content/" + lang
	}
	if parts[1] == "newsletter" {
		name := strings.Split(parts[len(parts)-1], ".")
		if len(name) == 3 {
			name[1] = lang
			parts[len(parts)-1] = strings.Join(name, ".")
		}
		return strings.Join(parts, "/")
	}
	parts[1] = lang
	return strings.Join(parts, "/")
}

// strayContentFolders warns about folders under content/ that are no language of the
// site: their pages are never published.
func strayContentFolders(in Input, langs []string) []Finding {
	root := filepath.Join(in.Dir, "content")
	entries, err := afero.ReadDir(in.Fs, root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return []Finding{{File: "content", Severity: Error, Rule: "translation", Message: "cannot be read: " + err.Error()}}
	}
	var out []Finding
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "newsletter" || contains(langs, e.Name()) {
			continue
		}
		out = append(out, Finding{File: "content/" + e.Name(), Severity: Warning, Rule: "translation",
			Message: fmt.Sprintf("%q is not a language of %s, so these pages are not published (languages: %s)", e.Name(), in.config(), strings.Join(langs, ", "))})
	}
	return out
}
