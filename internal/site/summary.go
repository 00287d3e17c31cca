package site

import (
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// summarize counts pages and output files per language. A file belongs to the language
// whose folder it is in (en/..., ar/...); everything else (the default language at the
// root, static files, the sitemap index) is counted for the default language.
func summarize(res *Result, renders map[string]time.Duration) ([]LanguageSummary, error) {
	files := map[string]int{}
	defaultLang := ""
	prefixes := map[string]bool{}
	for _, l := range res.Languages {
		if l.Default {
			defaultLang = l.Code
		} else {
			prefixes[l.Code] = true
		}
	}
	err := afero.Walk(res.Output, "/", func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
		if prefixes[first] {
			files[first]++
		} else {
			files[defaultLang]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []LanguageSummary
	for _, l := range res.Languages {
		out = append(out, LanguageSummary{
			Lang:   l.Code,
			Pages:  len(res.Pages[l.Code]),
			Files:  files[l.Code],
			Render: renders[l.Code],
		})
	}
	return out, nil
}
