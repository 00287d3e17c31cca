package check

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	toml "github.com/pelletier/go-toml/v2"
)

// requiredKeys every content file's front matter has, as non-empty text.
var requiredKeys = []string{"title", "description", "translationKey"}

// dateKeys are the front matter keys Hugo reads as dates.
var dateKeys = []string{"date", "publishDate", "lastmod", "expiryDate"}

// choices are the keys of the project's own whose value is one of a few words.
var choices = map[string][]string{
	"datePrecision": {"day", "month"},       // layouts/_partials/date.html
	"newsletter":    {"feature", "exclude"}, // what the newsletter does with a news item
}

// field is one front matter key, where it is and what it holds.
type field struct {
	Key    string // as written
	Line   int    // file line of the key
	Value  string // the text of a single value
	Scalar bool   // false for lists and tables
	IsDate bool   // TOML's own date values
}

// FrontMatter checks the front matter of every Markdown file under content/ (pages,
// sections and the newsletter bundles): it parses as YAML or TOML; title, description
// and translationKey are there and not empty; dates are dates; datePrecision and
// newsletter hold a known word.
func FrontMatter(in Input) []Finding {
	files, out := contentFiles(in)
	for _, f := range files {
		out = append(out, checkFrontMatter(f)...)
	}
	return out
}

func checkFrontMatter(f contentFile) []Finding {
	bad := func(line int, format string, args ...any) Finding {
		return Finding{File: f.Path, Line: line, Severity: Error, Rule: "front matter", Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case f.Format == "":
		return []Finding{bad(1, `none found: a page starts with a "---" line, then title, description and translationKey, then "---"`)}
	case f.Unclosed:
		delim := map[string]string{"yaml": "---", "toml": "+++"}[f.Format]
		return []Finding{bad(1, "no closing %q line", delim)}
	}
	var fields []field
	var err *Finding
	if f.Format == "yaml" {
		fields, err = yamlFields(f)
	} else {
		fields, err = tomlFields(f)
	}
	if err != nil {
		err.File = f.Path
		return []Finding{*err}
	}
	byKey := map[string]field{}
	for _, fl := range fields {
		byKey[strings.ToLower(fl.Key)] = fl
	}

	var out []Finding
	for _, k := range requiredKeys {
		if k == "description" && isNewsPage(f.Path) {
			continue // summarized by its text; the build warns (site.Page.ItemNotes)
		}
		fl, ok := byKey[strings.ToLower(k)]
		switch {
		case !ok:
			out = append(out, bad(1, "%q is missing", k))
		case !fl.Scalar:
			out = append(out, bad(fl.Line, "%q must be text", k))
		case strings.TrimSpace(fl.Value) == "":
			out = append(out, bad(fl.Line, "%q is empty", k))
		}
	}
	for _, k := range dateKeys {
		fl, ok := byKey[strings.ToLower(k)]
		// An empty date is no date at all, as for Hugo (a draft issue has one).
		if ok && !fl.IsDate && !(fl.Scalar && (fl.Value == "" || isDate(fl.Value))) {
			out = append(out, bad(fl.Line, "%q is not a date (%q): write it as YYYY-MM-DD, for example 2012-06-01", fl.Key, fl.Value))
		}
	}
	for _, k := range sortedKeys(choices) {
		words := choices[k]
		for _, key := range []string{strings.ToLower(k), "params." + strings.ToLower(k)} {
			fl, ok := byKey[key]
			if ok && !(fl.Scalar && contains(words, fl.Value)) {
				out = append(out, bad(fl.Line, "%q must be %s, not %q", fl.Key, orList(words), fl.Value))
			}
		}
	}
	return out
}

// isNewsPage tells a page of the news (content/LANG/notizie/NAME.md) by where it lives.
func isNewsPage(path string) bool {
	parts := strings.Split(path, "/")
	return len(parts) >= 4 && parts[0] == "content" && parts[2] == site.NewsSection && !strings.HasPrefix(parts[len(parts)-1], "_index.")
}

// yamlFields parses YAML front matter with the parser Hugo uses, so what fails here
// fails the build, and keeps the line of every key.
func yamlFields(f contentFile) ([]field, *Finding) {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(f.Front), &m); err != nil {
		return nil, yamlError(f, err)
	}
	file, err := parser.ParseBytes([]byte(f.Front), 0)
	if err != nil {
		return nil, yamlError(f, err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil
	}
	values, ok := mappingValues(file.Docs[0].Body)
	if !ok {
		return nil, &Finding{Line: f.FrontLine, Severity: Error, Rule: "front matter", Message: `is not a list of "key: value" lines`}
	}
	var out []field
	for _, mv := range values {
		key := mv.Key.GetToken().Value
		out = append(out, yamlField(f, key, mv))
		if strings.EqualFold(key, "params") {
			if nested, ok := mappingValues(mv.Value); ok {
				for _, nv := range nested {
					out = append(out, yamlField(f, "params."+nv.Key.GetToken().Value, nv))
				}
			}
		}
	}
	return out, nil
}

func yamlField(f contentFile, key string, mv *ast.MappingValueNode) field {
	fl := field{Key: key, Line: mv.Key.GetToken().Position.Line + f.FrontLine - 1}
	switch v := mv.Value.(type) {
	case *ast.NullNode:
		fl.Scalar = true
	case ast.ScalarNode:
		fl.Scalar = true
		fl.Value = v.GetToken().Value
		if s, ok := v.GetValue().(string); ok {
			fl.Value = s
		}
	default:
		fl.Value = strings.TrimSpace(mv.Value.String())
	}
	return fl
}

func mappingValues(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	case *ast.TagNode:
		return mappingValues(v.Value)
	}
	return nil, false
}

func yamlError(f contentFile, err error) *Finding {
	line := f.FrontLine
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line = tk.Position.Line + f.FrontLine - 1
		}
	}
	return &Finding{Line: line, Severity: Error, Rule: "front matter", Message: "cannot be read: " + firstLine(msg)}
}

// tomlFields parses TOML front matter. go-toml gives no position for keys, so a key's
// line is found in the text.
func tomlFields(f contentFile) ([]field, *Finding) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(f.Front), &m); err != nil {
		line := f.FrontLine
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			line = row + f.FrontLine - 1
		}
		return nil, &Finding{Line: line, Severity: Error, Rule: "front matter", Message: "cannot be read: " + firstLine(err.Error())}
	}
	var out []field
	for _, k := range sortedKeys(m) {
		out = append(out, tomlField(k, m[k], tomlKeyLine(f.Front, "", k)+f.FrontLine-1))
		if params, ok := m[k].(map[string]any); ok && strings.EqualFold(k, "params") {
			for _, pk := range sortedKeys(params) {
				out = append(out, tomlField("params."+pk, params[pk], tomlKeyLine(f.Front, k, pk)+f.FrontLine-1))
			}
		}
	}
	return out, nil
}

func tomlField(key string, v any, line int) field {
	fl := field{Key: key, Line: line}
	switch v := v.(type) {
	case string:
		fl.Scalar, fl.Value = true, v
	case toml.LocalDate, time.Time:
		fl.Scalar, fl.IsDate, fl.Value = true, true, fmt.Sprint(v)
	case map[string]any, []any:
		fl.Value = fmt.Sprint(v)
	default:
		fl.Scalar, fl.Value = true, fmt.Sprint(v)
	}
	return fl
}

var tomlTable = regexp.MustCompile(`^\s*\[+\s*"?([^\]"]*)"?\s*\]+`)

// tomlKeyLine finds the 1-based line where key is set in table ("" for the top level),
// or 1 when it cannot be found.
func tomlKeyLine(text, table, key string) int {
	current := ""
	keyRe := regexp.MustCompile(`^\s*("?)` + regexp.QuoteMeta(key) + `("?)\s*=`)
	for i, l := range strings.Split(text, "\n") {
		if m := tomlTable.FindStringSubmatch(l); m != nil {
			current = strings.TrimSpace(m[1])
			if table == "" && current == key { // a table of its own: [key]
				return i + 1
			}
			continue
		}
		if current == table && keyRe.MatchString(l) {
			return i + 1
		}
	}
	return 1
}

// isDate accepts the two forms the project writes dates in: 2012-06-01 and RFC 3339
// (2012-06-01T10:00:00+02:00).
func isDate(s string) bool {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

func orList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
