package materials

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// everyLanguage is the input of the project's own languages (site.toml, i18n/), with
// made-up numbers: what `make site` renders, for the benchmarks.
func everyLanguage(b *testing.B) Input {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "site.toml"))
	if err != nil {
		b.Fatal(err)
	}
	var cfg struct {
		Languages map[string]struct {
			Direction string `toml:"direction"`
			Weight    int    `toml:"weight"`
		} `toml:"languages"`
	}
	if err := toml.Unmarshal(raw, &cfg); err != nil {
		b.Fatal(err)
	}
	codes := make([]string, 0, len(cfg.Languages))
	for c := range cfg.Languages {
		codes = append(codes, c)
	}
	// by weight: the first is the default language
	for i := range codes {
		for j := i + 1; j < len(codes); j++ {
			if cfg.Languages[codes[j]].Weight < cfg.Languages[codes[i]].Weight {
				codes[i], codes[j] = codes[j], codes[i]
			}
		}
	}
	in := fixture(b)
	in.Languages = nil
	for _, c := range codes {
		src := filepath.Join("..", "..", "i18n", c+".toml")
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		s, err := ParseStrings(src, data)
		if err != nil {
			b.Fatal(err)
		}
		in.Languages = append(in.Languages, Language{Code: c, Name: c, Direction: cfg.Languages[c].Direction,
			HelpURL: "https://example.org/" + c + "/aiuto/", Folder: c + "/materiali", Strings: s, Source: src})
	}
	return in
}

// BenchmarkRenderEveryLanguage draws every item of every language of the site.
func BenchmarkRenderEveryLanguage(b *testing.B) {
	in := everyLanguage(b)
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	var n int
	for b.Loop() {
		files, err := Render(in)
		if err != nil {
			b.Fatal(err)
		}
		n = len(files)
	}
	b.ReportMetric(float64(n), "items")
}

// BenchmarkCachedEveryLanguage is what a build costs the printed material when nothing it
// is made of changed: the hash of its inputs and reading the cached files.
func BenchmarkCachedEveryLanguage(b *testing.B) {
	in := everyLanguage(b)
	c := Cache{Fs: afero.NewMemMapFs(), Dir: "/cache"}
	if _, cached, err := c.RenderCached(in); err != nil || cached {
		b.Fatal("the first render came from an empty cache: ", err)
	}
	for b.Loop() {
		_, cached, err := c.RenderCached(in)
		if err != nil || !cached {
			b.Fatal("not from the cache: ", err)
		}
	}
}
