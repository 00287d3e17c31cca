package hosting

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

const fixture = `baseURL = "https://portal.test/"
defaultContentLanguage = "it"
[languages.it]
weight = 1
[languages.en]
weight = 2
[languages.ar]
weight = 3
[params.hosting]
contentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'none'"
root = "/srv/site"
`

func load(t *testing.T, toml string) (Site, error) {
	t.Helper()
	fsys := afero.NewMemMapFs()
	if err := afero.WriteFile(fsys, "/p/site.toml", []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return LoadSite(fsys, "/p/site.toml")
}

func mustLoad(t *testing.T, toml string) Site {
	t.Helper()
	s, err := load(t, toml)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestForEveryKindOfFile(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	hash := strings.Repeat("0a", 32)
	for _, c := range []struct{ path, typ, cache string }{
		{"/index.html", "text/html; charset=utf-8", Revalidate},
		{"/en/", "text/html; charset=utf-8", Revalidate},
		{"/css/site." + hash + ".css", "text/css; charset=utf-8", Immutable},
		{"/css/site.css", "text/css; charset=utf-8", Revalidate},
		{"/js/exit." + hash + ".js", "text/javascript; charset=utf-8", Immutable},
		{"/en/notizie/index.xml", "application/rss+xml; charset=utf-8", Revalidate},
		{"/en/newsletter/atom.xml", "application/atom+xml; charset=utf-8", Revalidate},
		{"/en/newsletter/feed.json", "application/feed+json; charset=utf-8", Revalidate},
		{"/sitemap.xml", "application/xml; charset=utf-8", Revalidate},
		{"/data/stats.json", "application/json; charset=utf-8", Revalidate},
		{"/data/stats/2012-H1/a.csv", "text/csv; charset=utf-8", OneDay},
		{"/docs/leaflet.pdf", "application/pdf", OneDay},
		{"/img/map.svg", "image/svg+xml; charset=utf-8", OneDay},
		{"/img/map.png", "image/png", OneDay},
		{"/fonts/a.woff2", "font/woff2", OneDay},
		{"/robots.txt", "text/plain; charset=utf-8", Revalidate},
		{"/odd.bin", "application/octet-stream", Revalidate},
	} {
		h := r.For(c.path)
		if got := h.Get("Content-Type"); got != c.typ {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.typ)
		}
		if got := h.Get("Cache-Control"); got != c.cache {
			t.Errorf("%s: Cache-Control %q, want %q", c.path, got, c.cache)
		}
		if got := h.Get("Vary"); got != "Accept-Encoding" {
			t.Errorf("%s: Vary %q", c.path, got)
		}
		for _, name := range SecurityHeaderNames {
			if h.Get(name) == "" {
				t.Errorf("%s: no %s", c.path, name)
			}
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	h := r.For("/index.html")
	csp := h.Get(ContentSecurityPolicy)
	// The site's own policy comes first, unchanged; what a <meta> cannot say is added once.
	if !strings.HasPrefix(csp, "default-src 'none'; style-src 'self'; form-action 'none'; ") {
		t.Errorf("CSP %q does not start with the site's policy", csp)
	}
	for _, d := range RequiredDirectives {
		if strings.Count(csp, strings.Fields(d)[0]) != 1 {
			t.Errorf("CSP %q: want %s exactly once", csp, d)
		}
	}
	want := map[string]string{
		ReferrerPolicy:            "no-referrer",
		ContentTypeOptions:        "nosniff",
		FrameOptions:              "DENY",
		CrossOriginOpenerPolicy:   "same-origin",
		CrossOriginResourcePolicy: "same-origin",
		StrictTransportSecurity:   "max-age=31536000",
	}
	for name, v := range want {
		if got := h.Get(name); got != v {
			t.Errorf("%s: %q, want %q", name, got, v)
		}
	}
	for _, f := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()"} {
		if !strings.Contains(h.Get(PermissionsPolicy), f) {
			t.Errorf("Permissions-Policy %q does not deny %s", h.Get(PermissionsPolicy), f)
		}
	}
}

func TestNoHSTSOverPlainHTTP(t *testing.T) {
	r := mustLoad(t, strings.Replace(fixture, "https://", "http://", 1)).Rules
	if got := r.For("/").Get(StrictTransportSecurity); got != "" {
		t.Errorf("HSTS %q on an http site", got)
	}
}

func TestDefaultPolicyWhenUnset(t *testing.T) {
	r := mustLoad(t, `baseURL = "https://portal.test/"`).Rules
	if got, want := r.ContentSecurityPolicy(), "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"; got != want {
		t.Errorf("CSP %q, want %q", got, want)
	}
}

func TestNotFoundPagePerLanguage(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	for in, want := range map[string]string{
		"/en/missing":      "/en/404.html",
		"/ar/a/b/":         "/ar/404.html",
		"/missing":         "/404.html",
		"/it/missing":      "/404.html", // the default language has no folder
		"/english/missing": "/404.html",
		"/":                "/404.html",
	} {
		if got := r.NotFoundPage(in); got != want {
			t.Errorf("NotFoundPage(%q) = %q, want %q", in, got, want)
		}
	}
	sub := mustLoad(t, strings.Replace(fixture, "https://portal.test/", "https://www.example.org/contratto/", 1)).Rules
	if sub.BasePath != "/contratto/" {
		t.Errorf("BasePath %q", sub.BasePath)
	}
	if got := sub.NotFoundPage("/contratto/en/x"); got != "/en/404.html" {
		t.Errorf("under a sub-path: %q", got)
	}
}

func TestSettingsErrorsNameTheLine(t *testing.T) {
	for _, c := range []struct{ toml, want string }{
		{"baseURL = \"ftp://x/\"\n", "site.toml:1: baseURL"},
		{"baseURL = \"https://x/\"\n[params.hosting]\ncontentSecurityPolicy = \"default-src 'none'; frame-ancestors 'self'\"\n", "site.toml:3: contentSecurityPolicy"},
		{"baseURL = \"https://x/\"\n[params.hosting]\nroot = \"srv/site\"\n", "site.toml:3: params.hosting.root"},
		{"baseURL = \"https://x/\"\n[params.hosting]\naccessLog = \"/var/log/a b.log\"\n", "site.toml:3: params.hosting.accessLog"},
		{"baseURL = \"https://x/\"\nbroken = \n", "site.toml:2:"},
	} {
		_, err := load(t, c.toml)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to start with %q", c.toml, err, c.want)
		}
	}
}

func TestCompressible(t *testing.T) {
	r := mustLoad(t, fixture).Rules
	for p, want := range map[string]bool{"/a.html": true, "/a.css": true, "/a.js": true, "/f.json": true, "/a.csv": true, "/a.svg": true, "/a.xml": true, "/a.pdf": false, "/a.png": false, "/a.woff2": false} {
		if got := r.Compressible(p); got != want {
			t.Errorf("Compressible(%s) = %v", p, got)
		}
	}
}

// The real site: its site.toml gives valid rules, and the pages' <meta> policy is the one
// the header extends (the layout reads the same setting).
func TestRealSiteSettings(t *testing.T) {
	s, err := LoadSite(afero.NewOsFs(), "../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Languages) == 0 {
		t.Error("no language folder has its own 404 page")
	}
	layout, err := afero.ReadFile(afero.NewOsFs(), "../../layouts/baseof.html")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(layout), `content="{{ site.Params.hosting.contentSecurityPolicy`) {
		t.Error("layouts/baseof.html: the <meta> Content-Security-Policy does not come from params.hosting.contentSecurityPolicy")
	}
}
