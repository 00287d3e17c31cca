package stats

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestLoadThreshold(t *testing.T) {
	tests := []struct {
		name, toml string
		want       int
		err        string
	}{
		{"absent", "title = \"x\"\n[params]\nfoo = 1\n", DefaultThreshold, ""},
		{"table", "[params.statistics]\nthreshold = 7\n", 7, ""},
		{"dotted key", "[params]\nstatistics.threshold = 4\n", 4, ""},
		{"inline table", "[params]\nstatistics = { threshold = 6 }\n", 6, ""},
		{"case of Hugo params", "[Params.Statistics]\nThreshold = 8\n", 8, ""},
		{"floor", "[params.statistics]\nthreshold = 3\n", 3, ""},
		{"below the floor", "[params]\nx = 1\n\n[params.statistics]\nthreshold = 2\n", 0,
			"site.toml:5:13: [params.statistics] threshold = 2 is below the floor of 3"},
		{"zero", "[params.statistics]\nthreshold = 0\n", 0, "site.toml:2:13: [params.statistics] threshold = 0 is below the floor of 3"},
		{"negative", "[params.statistics]\nthreshold = -5\n", 0, "site.toml:2:13: [params.statistics] threshold = -5 is below the floor of 3"},
		{"a string", "[params.statistics]\nthreshold = \"5\"\n", 0, "site.toml:2:13: [params.statistics] threshold must be a whole number, found String"},
		{"a float", "[params.statistics]\nthreshold = 5.5\n", 0, "site.toml:2:13: [params.statistics] threshold must be a whole number, found Float"},
		{"syntax error", "[params.statistics\nthreshold = 5\n", 0, "site.toml:1:"},
		{"other threshold keys do not count", "[params.newsletter]\nthreshold = 1\n", DefaultThreshold, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := afero.NewMemMapFs()
			_ = afero.WriteFile(fs, "site.toml", []byte(tt.toml), 0o644)
			k, err := LoadThreshold(fs, "site.toml")
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("got %d, %v; want error %s...", k, err, tt.err)
				}
				return
			}
			if err != nil || k != tt.want {
				t.Fatalf("got %d, %v; want %d", k, err, tt.want)
			}
		})
	}
	if _, err := LoadThreshold(afero.NewMemMapFs(), "missing.toml"); err == nil {
		t.Error("a missing configuration must be an error")
	}
}
