package check

import (
	"strings"
	"testing"
)

func TestLinksCleanSite(t *testing.T) {
	in := build(t, clean)
	if html := read(t, in, "/aiuto/index.html"); !strings.Contains(html, `href=#chi-chiamare`) || !strings.Contains(html, `id=chi-chiamare`) {
		t.Fatalf("the clean site lost the link to a heading:\n%s", html)
	}
	expect(t, Links(in))
}

func TestLinksBroken(t *testing.T) {
	in := build(t, replace(t, "Leggi [il progetto](/progetto/) e [chi chiamare](#chi-chiamare).",
		"Leggi [il progetto](/progetti/) e [chi chiamare](#chi-chiama).\n\n"+
			"[Assoluto](https://example.org/nessuno/), [altrove](https://other.example/x/), "+
			"[relativo](../progetto/#nessun-titolo), [posta](mailto:a@example.org), [ok](../progetto/)"))
	expect(t, Links(in),
		`content/it/aiuto.md:11: error: link: broken link "#chi-chiama": this page has no id "chi-chiama" (on /aiuto/)`,
		`content/it/aiuto.md:11: error: link: broken link "/progetti/": no page at /progetti/ (on /aiuto/)`,
		`content/it/aiuto.md:13: error: link: broken link "../progetto/#nessun-titolo": /progetto/ has no id "nessun-titolo" (on /aiuto/)`,
		`content/it/aiuto.md:13: error: link: broken link "https://example.org/nessuno/": no page at /nessuno/ (on /aiuto/)`)
}

func TestLinksInFallbackCopiesAreOneFinding(t *testing.T) {
	in := build(t, replace(t, "![Una mappa della Toscana](/mappa.png)", "![Una mappa della Toscana](/mappa.jpg)"))
	expect(t, Links(in),
		`content/it/progetto.md:11: error: link: broken image "/mappa.jpg": no page at /mappa.jpg (on /progetto/ and 2 other pages)`)
}

func TestLinksFromLayoutsNameTheBuiltFile(t *testing.T) {
	in := build(t, with(`
-- layouts/404.html --
<html><body><a href="/nowhere/">home</a><link rel="stylesheet" href="/css/missing.css"><script src="/js/x.js"></script></body></html>
`))
	expect(t, Links(in),
		`public/404.html: error: link: broken link "/nowhere/": no page at /nowhere/ (on /404.html and 2 other pages)`,
		`public/404.html: error: link: broken script "/js/x.js": no page at /js/x.js (on /404.html and 2 other pages)`,
		`public/404.html: error: link: broken stylesheet "/css/missing.css": no page at /css/missing.css (on /404.html and 2 other pages)`)
}

// Under a base path, a link that leaves it out is broken on the real server, though
// the file exists in the output.
func TestLinksUnderABasePath(t *testing.T) {
	files := strings.Replace(clean, `baseURL = "https://example.org/"`, `baseURL = "https://example.org/portale/"`, 1)
	files = strings.Replace(files, "[il progetto](/progetto/)", "[il progetto](/portale/progetto/)", 1)
	files = strings.Replace(files, "(/ar/progetto/)", "(/portale/ar/progetto/)", 1)
	files = strings.Replace(files, `href="/css/site.css"`, `href="{{ "css/site.css" | relURL }}"`, 1)
	files = strings.Replace(files, "![Una mappa della Toscana](/mappa.png)", "![Una mappa della Toscana](/portale/mappa.png)", 1)
	expect(t, Links(build(t, files)),
		`content/en/aiuto.md:12: error: link: broken link "/en/progetto/": /en/progetto/ is outside the site (/portale/) (on /portale/en/aiuto/)`)
}

func TestLinksNeedABuiltSite(t *testing.T) {
	expect(t, Links(source(t, clean)))
}
