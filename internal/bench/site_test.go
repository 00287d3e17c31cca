package bench

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter"
	"github.com/spf13/afero"
)

// A synthetic site is a site the portal builds without a warning: every link resolves,
// every shortcode exists, and each language has its pages.
func TestSyntheticSiteBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	fsys, s := generate(t, Spec{Pages: MinPages, Seed: 1})
	res, err := site.Build(site.Options{Project: site.Project{Fs: fsys, Dir: s.Dir}})
	if err != nil {
		t.Fatalf("the synthetic site does not build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
	for _, lang := range Languages {
		if n := len(res.Pages[lang]); n != MinPages {
			t.Errorf("%s: Hugo built %d pages, want %d", lang, n, MinPages)
		}
	}
	page, err := afero.ReadFile(res.Output, "/en/guide/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte("Guides")) {
		t.Error("the English guide section does not carry its title")
	}
}

// The email budget is a size: a month of 50 items fits in MaxEmailHTML bytes with the summaries.
func TestFiftyItemsFitTheEmailBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("assembles a newsletter with Hugo")
	}
	fsys, s := generate(t, Spec{Pages: MinPages, Seed: 1})
	var out bytes.Buffer
	p := site.Project{Fs: fsys, Dir: s.Dir}
	if err := newsletter.Assemble(p, SmallMonth, newsletter.AssembleOptions{}, &out); err != nil {
		t.Fatalf("assemble: %v\n%s", err, out.String())
	}
	items := regexp.MustCompile(`(?m)^(it|en)\s+(\d+) item\(s\)`).FindAllStringSubmatch(out.String(), -1)
	if len(items) != 2 || items[0][2] != "50" || items[1][2] != "50" {
		t.Errorf("items per language: %v\n%s", items, out.String())
	}
	if bytes.Contains(out.Bytes(), []byte("trimmed")) {
		t.Errorf("50 items were trimmed to links:\n%s", out.String())
	}
	for _, lang := range Languages {
		html, err := afero.ReadFile(fsys, filepath.Join(s.Dir, "dist/newsletter", SmallMonth, lang, newsletter.EmailHTMLFile))
		if err != nil {
			t.Fatal(err)
		}
		if len(html) > MaxEmailHTML {
			t.Errorf("%s: email.html is %d bytes with %d items, over the %d-byte budget", lang, len(html), SmallMonthItems, MaxEmailHTML)
		}
		t.Logf("%s: email.html %d bytes", lang, len(html))
	}
}
