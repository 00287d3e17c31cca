package portal

import (
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
)

var (
	realOnce sync.Once
	realRes  *site.Result
	realErr  error
)

// realSite builds the project's own site once per test run, in memory.
func realSite(t *testing.T) *site.Result {
	t.Helper()
	realOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			realErr = err
			return
		}
		p := Project{Fs: afero.NewOsFs(), Dir: root}
		realRes, realErr = Render(p, p.siteOptions())
	})
	if realErr != nil {
		t.Fatalf("the real site does not build: %v", realErr)
	}
	return realRes
}

// htmlPages lists every HTML file of the built site.
func htmlPages(t *testing.T, out afero.Fs) map[string]string {
	t.Helper()
	pages := map[string]string{}
	walkErr := afero.Walk(out, "/", func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := afero.ReadFile(out, path)
		pages[path] = string(b)
		return err
	})
	if walkErr != nil {
		t.Fatal(walkErr)
	}
	return pages
}

func TestRealSiteBuildsWithoutWarnings(t *testing.T) {
	res := realSite(t)
	for _, w := range res.Warnings {
		t.Errorf("warning: %s", w)
	}
}

func TestRealSiteLanguagesAtTheirPlaces(t *testing.T) {
	res := realSite(t)
	home := sitetest.Read(t, res.Output, "/index.html")
	if !strings.Contains(home, `<html lang=it dir=ltr>`) {
		t.Errorf("public/index.html is not Italian: %.200s", home)
	}
	en := sitetest.Read(t, res.Output, "/en/index.html")
	if !strings.Contains(en, `<html lang=en dir=ltr>`) {
		t.Errorf("public/en/index.html is not English: %.200s", en)
	}
	for _, lang := range []string{"ar", "ur"} {
		if page := sitetest.Read(t, res.Output, "/"+lang+"/index.html"); !strings.Contains(page, `lang=`+lang+` dir=rtl>`) {
			t.Errorf("%s home is not right-to-left: %.200s", lang, page)
		}
	}
}

func TestEveryPageShowsTheHelplines(t *testing.T) {
	res := realSite(t)
	pages := htmlPages(t, res.Output)
	if len(pages) < 17*10 {
		t.Fatalf("only %d pages built", len(pages))
	}
	for path, html := range pages {
		for _, want := range []string{"href=tel:800186086", "800 186 086", "href=tel:800290290", "800 290 290", "href=tel:112"} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
	}
}
