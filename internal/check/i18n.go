package check

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// I18n checks the interface strings: every language of the site has i18n/LANG.toml
// with every key of the default language's file (a missing file or key is an error),
// keeps the same {{ .Placeholders }}, and has no key the default language lacks (a
// warning: Hugo never shows it).
func I18n(in Input) []Finding {
	if in.Site == nil || len(in.Site.Languages) == 0 {
		return nil
	}
	ref := in.Site.Languages[0]
	for _, l := range in.Site.Languages {
		if l.Default {
			ref = l
			break
		}
	}
	refFile := "i18n/" + ref.Code + ".toml"
	refStrings, refText, f := readI18n(in, refFile)
	if f != nil {
		return []Finding{*f}
	}
	var out []Finding
	for _, l := range in.Site.Languages {
		if l.Code == ref.Code {
			continue
		}
		file := "i18n/" + l.Code + ".toml"
		strs, text, f := readI18n(in, file)
		if f != nil {
			if f.Message == "missing" {
				f.Message = fmt.Sprintf("missing: %s (%s) has no interface strings (menus, buttons, notes); copy %s and translate it", l.Label, l.Code, refFile)
			}
			out = append(out, *f)
			continue
		}
		var missing []missingString
		for _, key := range sortedKeys(refStrings) {
			v, ok := strs[key]
			if !ok {
				missing = append(missing, missingString{key, tomlKeyLine(refText, "", key), refStrings[key]})
				continue
			}
			for _, ph := range placeholders(refStrings[key]) {
				if !contains(placeholders(v), ph) {
					out = append(out, Finding{File: file, Line: tomlKeyLine(text, "", key), Severity: Error, Rule: "i18n",
						Message: fmt.Sprintf("%q leaves out %s, which %s has", key, ph, refFile)})
				}
			}
		}
		if len(missing) > 0 {
			// One finding per file: a new batch of strings would otherwise bury the report.
			what := fmt.Sprintf("%d strings are missing", len(missing))
			if len(missing) == 1 {
				what = "1 string is missing"
			}
			sort.SliceStable(missing, func(i, j int) bool { return missing[i].line < missing[j].line })
			var list []string
			for _, m := range missing {
				list = append(list, fmt.Sprintf("%s = %s  (%s:%d)", m.key, quoteShort(m.value), refFile, m.line))
			}
			out = append(out, Finding{File: file, Severity: Error, Rule: "i18n",
				Message: what + ", in the order of " + refFile + ":\n" + indent(strings.Join(list, "\n"))})
		}
		for _, key := range sortedKeys(strs) {
			if _, ok := refStrings[key]; !ok {
				out = append(out, Finding{File: file, Line: tomlKeyLine(text, "", key), Severity: Warning, Rule: "i18n",
					Message: fmt.Sprintf("%q is not in %s, so it is never shown: remove it, or add it there", key, refFile)})
			}
		}
	}
	return out
}

// missingString is a key of the reference file that a translation lacks.
type missingString struct {
	key   string
	line  int
	value any
}

// readI18n reads one i18n file. A missing file is a finding whose message is "missing".
func readI18n(in Input, file string) (map[string]any, string, *Finding) {
	b, err := afero.ReadFile(in.Fs, filepath.Join(in.Dir, filepath.FromSlash(file)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", &Finding{File: file, Severity: Error, Rule: "i18n", Message: "missing"}
		}
		return nil, "", &Finding{File: file, Severity: Error, Rule: "i18n", Message: "cannot be read: " + err.Error()}
	}
	var m map[string]any
	if err := toml.Unmarshal(b, &m); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return nil, "", &Finding{File: file, Line: line, Severity: Error, Rule: "i18n", Message: "cannot be read: " + firstLine(err.Error())}
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, string(b), nil
}

var placeholderRe = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

// placeholders lists the template actions of a string, or of a table of plural forms.
func placeholders(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		for _, m := range placeholderRe.FindAllStringSubmatch(v, -1) {
			ph := "{{ " + m[1] + " }}"
			if !contains(out, ph) {
				out = append(out, ph)
			}
		}
	case map[string]any:
		for _, k := range sortedKeys(v) {
			for _, ph := range placeholders(v[k]) {
				if !contains(out, ph) {
					out = append(out, ph)
				}
			}
		}
	}
	return out
}

// quoteShort quotes the text of a string (or the "other" form of a plural), cut to
// a readable length.
func quoteShort(v any) string {
	if m, ok := v.(map[string]any); ok {
		v = m["other"]
	}
	s := fmt.Sprint(v)
	if r := []rune(s); len(r) > 60 {
		s = strings.TrimSpace(string(r[:57])) + "…"
	}
	return fmt.Sprintf("%q", s)
}
