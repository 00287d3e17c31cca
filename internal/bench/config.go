package bench

import (
	"fmt"
	"slices"

	toml "github.com/pelletier/go-toml/v2"
)

// TwoLanguageConfig returns the project's site.toml reduced to Languages: every setting,
// param and menu kept, the other languages dropped, and the content mounts of those two
// languages (with English falling back to Italian, as in the project's own config).
// Keys come out sorted, so the same input gives the same bytes.
func TwoLanguageConfig(config []byte) ([]byte, error) {
	var cfg map[string]any
	if err := toml.Unmarshal(config, &cfg); err != nil {
		return nil, fmt.Errorf("bench: site.toml: %w", err)
	}
	langs, ok := cfg["languages"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("bench: site.toml has no [languages]")
	}
	for code := range langs {
		if !slices.Contains(Languages, code) {
			delete(langs, code)
		}
	}
	for _, code := range Languages {
		if _, ok := langs[code]; !ok {
			return nil, fmt.Errorf("bench: site.toml has no [languages.%s]", code)
		}
	}
	if cfg["defaultContentLanguage"] != Languages[0] {
		return nil, fmt.Errorf("bench: site.toml's defaultContentLanguage is %v, want %q", cfg["defaultContentLanguage"], Languages[0])
	}
	mount := func(source, target string, languages ...string) map[string]any {
		m := map[string]any{"source": source, "target": target}
		if len(languages) > 0 {
			m["sites"] = map[string]any{"matrix": map[string]any{"languages": languages}}
		}
		return m
	}
	module, _ := cfg["module"].(map[string]any)
	if module == nil {
		module = map[string]any{}
		cfg["module"] = module
	}
	module["mounts"] = []any{
		mount("content/newsletter", "content/newsletter"),
		mount("content/it", "content", "it"),
		mount("content/en", "content", "en"),
		mount("content/it", "content", "! it"),
	}
	out, err := toml.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("bench: site.toml: %w", err)
	}
	header := "# Written by internal/bench from the project's site.toml, reduced to two languages (it, en).\n\n"
	return append([]byte(header), out...), nil
}
