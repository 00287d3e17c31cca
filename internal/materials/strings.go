package materials

import (
	"fmt"

	"github.com/pelletier/go-toml/v2"
)

// ParseStrings reads a language's interface strings (the content of i18n/LANG.toml,
// named name in errors): the plain key = "text" lines. Entries written as tables (plural
// forms) are left out; the material uses none.
func ParseStrings(name string, b []byte) (map[string]string, error) {
	var raw map[string]any
	if err := toml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out, nil
}
