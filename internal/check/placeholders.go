package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// PlaceholderMark starts a value of site.toml that someone still has to fill in
// ("TODO: the data controller's name"). The templates show such a value as "not given
// yet" in the reader's language (layouts/_partials/legal-value.html).
const PlaceholderMark = "TODO"

// exampleDomain finds a name under a domain reserved for examples (RFC 2606, RFC 6761):
// the .example top-level domain and example.com, example.net, example.org. An address
// there ("https://contratto.example/", "privacy@contratto.example") reaches nobody.
var exampleDomain = regexp.MustCompile(`(?i)(?:^|[^a-z0-9.-])((?:[a-z0-9-]+\.)*(?:[a-z0-9-]+\.example|example\.(?:com|net|org)))(?:$|[^a-z0-9-]|\.[^a-z0-9-]|\.$)`)

// Placeholders lists every value of the config file still in use that is a placeholder:
// a value that starts with PlaceholderMark, or an address, URL or domain under a
// domain reserved for examples. Each is a warning, not an error: the site builds and
// can be previewed with them, but none may go live unnoticed.
func Placeholders(in Input) []Finding {
	data, err := afero.ReadFile(in.Fs, in.ConfigPath())
	if err != nil {
		return nil // the build reports a config it cannot read
	}
	var cfg map[string]any
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return nil // and one it cannot parse
	}
	file, lines := in.config(), strings.Split(string(data), "\n")
	var out []Finding
	walkStrings("", "", cfg, func(table, key, name, v string) {
		why := placeholderReason(v)
		if why == "" {
			return
		}
		out = append(out, Finding{File: file, Line: valueLine(lines, table, key, v), Severity: Warning, Rule: "placeholder",
			Message: fmt.Sprintf("%s = %q is a placeholder (%s): put in the real value before the site goes live", name, v, why)})
	})
	return out
}

// placeholderReason says why v is a placeholder, or "" when it is not one.
func placeholderReason(v string) string {
	if strings.HasPrefix(strings.TrimSpace(v), PlaceholderMark) {
		return "it starts with " + PlaceholderMark
	}
	if m := exampleDomain.FindStringSubmatch(v); m != nil {
		return strings.ToLower(m[1]) + " is a domain reserved for examples"
	}
	return ""
}

// walkStrings calls f for every string in v, in the order of the keys: table is the
// TOML table the value is written in ("params.newsletter"), key its key there, name
// its full name ("params.newsletter.from", "menus.main[2].pageRef").
func walkStrings(table, name string, v any, f func(table, key, name, v string)) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch child := v[k].(type) {
			case string:
				f(table, k, join(name, k), child)
			case []any:
				for i, e := range child {
					n := fmt.Sprintf("%s[%d]", join(name, k), i)
					if s, ok := e.(string); ok {
						f(table, k, n, s)
					} else {
						walkStrings(join(table, k), n, e, f)
					}
				}
			default:
				walkStrings(join(table, k), join(name, k), child, f)
			}
		}
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// valueLine finds the line where v is written: on its key's line in its table when
// that line holds it, or else the first line outside a comment that holds it.
func valueLine(lines []string, table, key, v string) int {
	quoted := fmt.Sprintf("%q", v)
	first := 0
	current := ""
	keyRe := regexp.MustCompile(`^\s*("?)` + regexp.QuoteMeta(key) + `("?)\s*=`)
	for i, l := range lines {
		if m := tomlTable.FindStringSubmatch(l); m != nil {
			current = strings.TrimSpace(m[1])
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "#") || !strings.Contains(l, v) && !strings.Contains(l, quoted) {
			continue
		}
		if current == table && keyRe.MatchString(l) {
			return i + 1
		}
		if first == 0 {
			first = i + 1
		}
	}
	return first
}
