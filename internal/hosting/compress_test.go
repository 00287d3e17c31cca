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
		if err := r.Compress(fsys, "/public"); err != nil {
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
