package newsletter_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contratto/portal/newsletter"
)

func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(config, []byte("baseURL = \"https://example.org/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "usage: newsletter"},
		{[]string{"bogus"}, 2, `unknown command "bogus"`},
		{[]string{"assemble"}, 2, "-month YYYY-MM is required"},
		{[]string{"publish", "-month", "2012-06", "-date", "1 luglio"}, 1, "write it as YYYY-MM-DD"},
		{[]string{"assemble", "-month", "2012-13", "-config", config}, 1, `month "2012-13": write it as YYYY-MM`},
		{[]string{"send-test", "-month", "2012-06", "-config", config}, 1, "-to is required"},
		{[]string{"assemble", "-month", "2012-06", "-config", filepath.Join(dir, "nope.toml")}, 1, "nope.toml: config file not found"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := newsletter.Main(c.args, &stdout, &stderr); code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.stderr)
			}
		})
	}
}
