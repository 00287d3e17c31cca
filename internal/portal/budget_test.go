package portal

// The weight budget, on every page of the real built site: a reader on a cheap phone and
// little data gets every page in at most 50 KB of HTML, CSS and JavaScript (uncompressed,
// counting every stylesheet and script the page references), the home page in at most
// 30 KB; the whole site ships at most 8 KB of JavaScript and no image over 100 KB.
// A kilobyte here is 1,000 bytes.

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

const (
	pageBudget   = 50_000  // HTML + CSS + JS of any page
	homeBudget   = 30_000  // the same, for a language's home page
	scriptBudget = 8_000   // every .js file of the site together
	imageBudget  = 100_000 // any one image
)

// siteFile is one file of the built output and its size.
type siteFile struct {
	path string
	size int64
}

// siteFiles lists the output's files whose names end in one of the suffixes, by path.
func siteFiles(t *testing.T, out afero.Fs, suffixes ...string) []siteFile {
	t.Helper()
	var files []siteFile
	err := afero.Walk(out, "/", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		for _, s := range suffixes {
			if strings.HasSuffix(strings.ToLower(p), s) {
				files = append(files, siteFile{p, info.Size()})
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files
}

// pageWeight is a page's HTML plus every stylesheet and script it references.
type pageWeight struct {
	total int64
	parts []string // "HTML 8,123", "/css/site.css 4,894", ...
	home  bool
}

// weigh weighs the page written at file; basePath is the base URL's path, which the
// page's root-relative references start with.
func weigh(t *testing.T, out afero.Fs, basePath, file, text string) pageWeight {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("public%s: %v", file, err)
	}
	w := pageWeight{total: int64(len(text)), parts: []string{fmt.Sprintf("HTML %d", len(text))}}
	if b := elements(doc, tagged("body")); len(b) == 1 && attrVal(b[0], "data-kind") == "home" {
		w.home = true
	}
	seen := map[string]bool{}
	for _, n := range elements(doc, tagged("link", "script")) {
		ref := attrVal(n, "src")
		if n.Data == "link" {
			if !hasWord(attrVal(n, "rel"), "stylesheet") && !hasWord(attrVal(n, "rel"), "modulepreload") {
				continue
			}
			ref = attrVal(n, "href")
		}
		if ref == "" {
			continue
		}
		u, err := url.Parse(ref)
		if err != nil || u.Host != "" {
			t.Errorf("public%s: %s %q is not a file of the site", file, n.Data, ref)
			continue
		}
		p := u.Path
		if strings.HasPrefix(p, "/") {
			inside, ok := strings.CutPrefix(p, basePath)
			if !ok {
				t.Errorf("public%s: %s %q is outside the base path %s", file, n.Data, ref, basePath)
				continue
			}
			p = "/" + inside
		} else {
			p = path.Join(path.Dir(file), p)
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		info, err := out.Stat(p)
		if err != nil {
			t.Errorf("public%s references %s, which is not in the output", file, p)
			continue
		}
		w.total += info.Size()
		w.parts = append(w.parts, fmt.Sprintf("%s %d", p, info.Size()))
	}
	return w
}

func everyPageWithinItsWeightBudget(t *testing.T, b builtProject) {
	res := b.res
	base, err := url.Parse(res.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	pages := htmlPages(t, res.Output)
	var heaviest, heaviestHome string
	var max, maxHome int64
	for file, text := range pages {
		w := weigh(t, res.Output, base.Path, file, text)
		limit := int64(pageBudget)
		if w.home {
			limit = homeBudget
			if w.total > maxHome {
				maxHome, heaviestHome = w.total, file
			}
		}
		if w.total > max {
			max, heaviest = w.total, file
		}
		if w.total > limit {
			t.Errorf("public%s weighs %d bytes (%s), over its budget of %d", file, w.total, strings.Join(w.parts, " + "), limit)
		}
	}
	if heaviestHome == "" {
		t.Fatal("no page is marked <body data-kind=home>: the home budget checked nothing")
	}
	t.Logf("%d pages; heaviest public%s %d bytes (budget %d); heaviest home public%s %d bytes (budget %d)",
		len(pages), heaviest, max, pageBudget, heaviestHome, maxHome, homeBudget)
}

func javaScriptWithinBudget(t *testing.T, b builtProject) {
	res := b.res
	var total int64
	var parts []string
	for _, f := range siteFiles(t, res.Output, ".js", ".mjs") {
		total += f.size
		parts = append(parts, fmt.Sprintf("public%s %d", f.path, f.size))
	}
	if total > scriptBudget {
		t.Errorf("the site ships %d bytes of JavaScript (%s), over the budget of %d", total, strings.Join(parts, ", "), scriptBudget)
	}
	t.Logf("JavaScript: %d bytes in all (%s)", total, strings.Join(parts, ", "))
}

func noImageOverBudget(t *testing.T, b builtProject) {
	res := b.res
	for _, f := range siteFiles(t, res.Output, ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".tif", ".tiff") {
		if f.size > imageBudget {
			t.Errorf("public%s is %d bytes, over the image budget of %d: resize or compress it", f.path, f.size, imageBudget)
		}
	}
}

func TestWeighCountsEveryReferencedFile(t *testing.T) {
	out := afero.NewMemMapFs()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(afero.WriteFile(out, "/css/a.css", make([]byte, 100), 0o644))
	must(afero.WriteFile(out, "/js/b.js", make([]byte, 20), 0o644))
	must(afero.WriteFile(out, "/en/c.js", make([]byte, 3), 0o644))
	page := `<!doctype html><html><head><link rel=stylesheet href=/css/a.css><link rel=canonical href=/x/>` +
		`<script src=/js/b.js defer></script><script src=../en/c.js></script><script src=/js/b.js></script></head>` +
		`<body data-kind=home></body></html>`
	w := weigh(t, out, "/", "/en/index.html", page)
	if want := int64(len(page) + 100 + 20 + 3); w.total != want || !w.home {
		t.Errorf("weigh = %d (home %v), want %d (home true): %v", w.total, w.home, want, w.parts)
	}
}
