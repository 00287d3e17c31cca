package hosting

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"
)

func TestCompressWritesBrotliAndGzipBesideText(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	build := func() afero.Fs {
		fsys := afero.NewMemMapFs()
		for name, text := range fixtureFiles() {
			if err := afero.WriteFile(fsys, "/public/"+name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.Compress(fsys, "/public", ""); err != nil {
			t.Fatal(err)
		}
		return fsys
	}
	first, second := build(), build()
	for name, text := range fixtureFiles() {
		p := "/public/" + name
		br, brErr := afero.ReadFile(first, p+".br")
		gz, gzErr := afero.ReadFile(first, p+".gz")
		if !r.Compressible(p) {
			if brErr == nil || gzErr == nil {
				t.Errorf("%s: compressed, but it is not text", p)
			}
			continue
		}
		if brErr != nil || gzErr != nil {
			t.Errorf("%s: no .br or .gz beside it (%v, %v)", p, brErr, gzErr)
			continue
		}
		if plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || string(plain) != text {
			t.Errorf("%s.br does not hold the file (%v)", p, err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatalf("%s.gz: %v", p, err)
		}
		if zr.Name != "" || !zr.ModTime.IsZero() {
			t.Errorf("%s.gz: the header holds a name %q or a time %v", p, zr.Name, zr.ModTime)
		}
		if plain, err := io.ReadAll(zr); err != nil || string(plain) != text {
			t.Errorf("%s.gz does not hold the file (%v)", p, err)
		}
		// Deterministic: the same input gives the same bytes.
		for _, ext := range []string{".br", ".gz"} {
			a, _ := afero.ReadFile(first, p+ext)
			b, _ := afero.ReadFile(second, p+ext)
			if !bytes.Equal(a, b) {
				t.Errorf("%s%s differs between two runs", p, ext)
			}
		}
	}
}

// TestCompressReusesTheCopiesOfUnchangedFiles: a second build takes an unchanged file's
// copies from the cache (here, a cached Brotli copy made at another level, which a new
// compression would not give), compresses a changed file anew, ignores a damaged entry,
// and returns the copies of this build only, for the next cache.
func TestCompressReusesTheCopiesOfUnchangedFiles(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	fsys := afero.NewMemMapFs()
	write := func(name, text string) {
		if err := afero.WriteFile(fsys, "/public/"+name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unchanged, changed, damaged := "<p>unchanged</p>", "<p>before</p>", "<p>damaged</p>"
	write("a.html", unchanged)
	write("b.html", changed)
	write("c.html", damaged)
	build := func() {
		t.Helper()
		copies, err := r.Compress(fsys, "/public", "/cache")
		if err != nil {
			t.Fatal(err)
		}
		// the portal build puts a new folder in place of the cache
		fsys.RemoveAll("/cache")
		fsys.Mkdir("/cache", 0o755)
		if err := copies.WriteCache(fsys, "/cache"); err != nil {
			t.Fatal(err)
		}
	}
	build()
	entries := func() map[string][]byte {
		out := map[string][]byte{}
		names, _ := afero.Glob(fsys, "/cache/*")
		for _, n := range names {
			out[n], _ = afero.ReadFile(fsys, n)
		}
		return out
	}
	cached := entries()
	if len(cached) != 6 {
		t.Fatalf("the cache holds %d files, want a .br and a .gz for each of the 3 files", len(cached))
	}
	// another valid Brotli copy of the unchanged file, and garbage for the damaged one
	var fast bytes.Buffer
	w := brotli.NewWriterLevel(&fast, 1)
	w.Write([]byte(unchanged))
	w.Close()
	brOf := func(want []byte) string {
		for n, b := range cached {
			if strings.HasSuffix(n, ".br") && bytes.Equal(b, want) {
				return n
			}
		}
		t.Fatalf("no cache entry holds %q", want)
		return ""
	}
	a, _ := afero.ReadFile(fsys, "/public/a.html.br")
	c, _ := afero.ReadFile(fsys, "/public/c.html.br")
	afero.WriteFile(fsys, brOf(a), fast.Bytes(), 0o644)
	afero.WriteFile(fsys, brOf(c), []byte("not brotli"), 0o644)

	// the next build: the same a and c, a new b
	for _, ext := range []string{".br", ".gz"} {
		for _, n := range []string{"a.html", "b.html", "c.html"} {
			fsys.Remove("/public/" + n + ext)
		}
	}
	write("b.html", "<p>after</p>")
	build()
	if got, _ := afero.ReadFile(fsys, "/public/a.html.br"); !bytes.Equal(got, fast.Bytes()) {
		t.Error("a.html was compressed again: its cached copies were not reused")
	}
	for name, text := range map[string]string{"b.html": "<p>after</p>", "c.html": damaged} {
		br, _ := afero.ReadFile(fsys, "/public/"+name+".br")
		if plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || string(plain) != text {
			t.Errorf("%s.br does not hold the file (%v)", name, err)
		}
		if want, _ := Brotli([]byte(text)); !bytes.Equal(br, want) {
			t.Errorf("%s.br is not a new compression of the file", name)
		}
	}
	now := entries()
	if len(now) != 6 {
		t.Errorf("the cache holds %d files after the second build, want 6 (this build's only)", len(now))
	}
	if _, ok := now[brOf(a)]; !ok {
		t.Error("the unchanged file's entry is gone from the cache")
	}
}

func TestStaticHostFiles(t *testing.T) {
	s := mustLoad(t, fixture)
	css := "/css/site." + fingerprint + ".css"
	headers := string(s.Headers([]string{"/index.html", css, css + ".br", "/data/a.csv", "/en/notizie/index.xml"}))
	for _, want := range []string{
		"/*\n  Content-Security-Policy: " + s.ContentSecurityPolicy() + "\n",
		"  Strict-Transport-Security: max-age=31536000\n",
		css + "\n  Cache-Control: " + Immutable + "\n",
		"/data/a.csv\n  Cache-Control: " + OneDay + "\n",
	} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q:\n%s", want, headers)
		}
	}
	// A header given in two matching rules would be joined by the host: Cache-Control
	// only for the files that need one, and never for a compressed copy.
	if strings.Contains(headers, "index.html") || strings.Contains(headers, ".br") || strings.Count(headers, "Cache-Control") != 2 {
		t.Errorf("_headers gives Cache-Control beyond the two files that need it:\n%s", headers)
	}
	redirects := string(s.Redirects())
	for _, want := range []string{"/ar/*  /ar/404.html  404\n", "/en/*  /en/404.html  404\n", "/*  /404.html  404\n"} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	if strings.Index(redirects, "/en/*") > strings.Index(redirects, "\n/*") {
		t.Errorf("_redirects: the site's 404 comes before a language's:\n%s", redirects)
	}
}
