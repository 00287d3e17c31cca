// Package hosting holds the one set of HTTP response rules of the portal: for every file
// of public/ its Content-Type and Cache-Control, the security headers every response
// carries, and which 404 page answers a missing address. The server configurations that
// `portal build` writes (nginx, Caddy, the _headers and _redirects of static hosts), the
// preview of `portal serve` and the uploads of `portal deploy` all take their headers from
// here, so they cannot disagree. docs/hosting.md says what each header does and why.
//
// The settings come from site.toml: baseURL (HSTS is sent when it is https; the language
// prefixes have their own 404 page) and [params.hosting] (the Content-Security-Policy the
// pages also carry in a <meta>, where the site lives on the server, the access log).
package hosting

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Header names the rules set, in the order the generated configurations list them.
const (
	ContentSecurityPolicy     = "Content-Security-Policy"
	ReferrerPolicy            = "Referrer-Policy"
	ContentTypeOptions        = "X-Content-Type-Options"
	FrameOptions              = "X-Frame-Options"
	PermissionsPolicy         = "Permissions-Policy"
	CrossOriginOpenerPolicy   = "Cross-Origin-Opener-Policy"
	CrossOriginResourcePolicy = "Cross-Origin-Resource-Policy"
	StrictTransportSecurity   = "Strict-Transport-Security"
)

// HSTS is the Strict-Transport-Security value: one year, this host only (the portal may
// live on a subdomain of a larger site whose other hosts are not ours to bind).
const HSTS = "max-age=31536000"

// Cache-Control values.
const (
	// Revalidate: the browser may keep the file but asks the server each time whether it
	// changed (HTML, feeds, anything without a fingerprint in its name).
	Revalidate = "no-cache"
	// Immutable: the name changes when the content does (CSS and JavaScript built with
	// Hugo Pipes' resources.Fingerprint), so the file never needs asking for again.
	Immutable = "max-age=31536000, immutable"
	// OneDay: downloads (PDF, CSV), images and fonts, which change rarely and keep their names.
	OneDay = "max-age=86400"
)

// DefaultPolicy is the Content-Security-Policy when site.toml sets none: nothing at all
// may load. The header adds the directives a <meta> cannot carry (RequiredDirectives).
const DefaultPolicy = "default-src 'none'"

// RequiredDirectives are added to the site's Content-Security-Policy in the header, each
// unless the policy already has that directive: nothing may frame a page (only a header
// can say so), no <base>, no form submission, no plugin.
var RequiredDirectives = []string{"frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"}

// DeniedFeatures are the browser features Permissions-Policy turns off for the portal
// and anything it might embed: no page of the portal needs any of them.
var DeniedFeatures = []string{
	"accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture",
	"encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid", "idle-detection",
	"magnetometer", "microphone", "midi", "payment", "picture-in-picture",
	"publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
}

// Kind is one kind of file of the site and how it is served.
type Kind struct {
	// Name says what the files are, for the generated configurations' comments.
	Name string
	// Pattern matches the kind's paths (first matching kind wins). It is written so that
	// RE2 (Go, Caddy) and PCRE (nginx) read it the same way.
	Pattern *regexp.Regexp
	// ContentType is the Content-Type, with charset=utf-8 for text.
	ContentType string
	// CacheControl is the Cache-Control value.
	CacheControl string
	// Text kinds are compressed: the build writes .br and .gz beside them.
	Text bool
}

func kind(name, pattern, contentType, cache string, text bool) Kind {
	return Kind{name, regexp.MustCompile(pattern), contentType, cache, text}
}

// Kinds are every kind of file the portal has, in the order they are matched. Paths
// matching none are served as application/octet-stream, revalidated.
var Kinds = []Kind{
	kind("HTML pages", `\.html$`, "text/html; charset=utf-8", Revalidate, true),
	// Fingerprinted: the name carries the SHA-256 of the content (Hugo's
	// resources.Fingerprint writes site.<64 hex digits>.css).
	kind("fingerprinted stylesheets", `\.[0-9a-f]{64}\.css$`, "text/css; charset=utf-8", Immutable, true),
	kind("stylesheets", `\.css$`, "text/css; charset=utf-8", Revalidate, true),
	kind("fingerprinted scripts", `\.[0-9a-f]{64}\.js$`, "text/javascript; charset=utf-8", Immutable, true),
	kind("scripts", `\.js$`, "text/javascript; charset=utf-8", Revalidate, true),
	kind("Atom feeds", `/atom\.xml$`, "application/atom+xml; charset=utf-8", Revalidate, true),
	kind("sitemaps", `/sitemap\.xml$`, "application/xml; charset=utf-8", Revalidate, true),
	kind("RSS feeds", `/index\.xml$`, "application/rss+xml; charset=utf-8", Revalidate, true),
	kind("other XML", `\.xml$`, "application/xml; charset=utf-8", Revalidate, true),
	kind("JSON feeds", `/feed\.json$`, "application/feed+json; charset=utf-8", Revalidate, true),
	kind("JSON data", `\.json$`, "application/json; charset=utf-8", Revalidate, true),
	kind("web app manifests", `\.webmanifest$`, "application/manifest+json; charset=utf-8", Revalidate, true),
	kind("CSV tables", `\.csv$`, "text/csv; charset=utf-8", OneDay, true),
	kind("plain text", `\.txt$`, "text/plain; charset=utf-8", Revalidate, true),
	kind("SVG images", `\.svg$`, "image/svg+xml; charset=utf-8", OneDay, true),
	kind("PDF documents", `\.pdf$`, "application/pdf", OneDay, false),
	kind("PNG images", `\.png$`, "image/png", OneDay, false),
	kind("JPEG images", `\.jpe?g$`, "image/jpeg", OneDay, false),
	kind("WebP images", `\.webp$`, "image/webp", OneDay, false),
	kind("AVIF images", `\.avif$`, "image/avif", OneDay, false),
	kind("GIF images", `\.gif$`, "image/gif", OneDay, false),
	kind("icons", `\.ico$`, "image/x-icon", OneDay, false),
	kind("WOFF2 fonts", `\.woff2$`, "font/woff2", OneDay, false),
	kind("WOFF fonts", `\.woff$`, "font/woff", OneDay, false),
}

// Fallback is how a path of no known kind is served.
var Fallback = Kind{Name: "anything else", ContentType: "application/octet-stream", CacheControl: Revalidate}

// Rules are the portal's response rules. Build them with Load (from site.toml) or New.
type Rules struct {
	// HTTPS says the site is served over HTTPS: Strict-Transport-Security is sent.
	HTTPS bool
	// BasePath is the path the site lives under, "/" or "/contratto/" (from baseURL).
	BasePath string
	// Languages are the language folders with their own 404 page ("en", "fr", ...): a
	// missing address under /en/ is answered with /en/404.html, any other with /404.html.
	Languages []string
	// Policy is the site's Content-Security-Policy as the pages carry it in their <meta>
	// (site.toml's params.hosting.contentSecurityPolicy, DefaultPolicy when unset).
	Policy string
}

// New returns the rules of a site at baseURL with its own 404 page in each of the
// language folders, and the given Content-Security-Policy ("" for DefaultPolicy).
func New(baseURL string, languages []string, policy string) (Rules, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return Rules{}, fmt.Errorf("baseURL %q: %w", baseURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return Rules{}, fmt.Errorf("baseURL %q: not an http or https address", baseURL)
	}
	if policy == "" {
		policy = DefaultPolicy
	}
	if err := checkPolicy(policy); err != nil {
		return Rules{}, err
	}
	base := "/" + strings.Trim(u.Path, "/") + "/"
	if base == "//" {
		base = "/"
	}
	langs := append([]string(nil), languages...)
	sort.Strings(langs)
	return Rules{HTTPS: u.Scheme == "https", BasePath: base, Languages: langs, Policy: policy}, nil
}

// checkPolicy refuses a policy the configurations could not carry or that the header
// would contradict.
func checkPolicy(policy string) error {
	if strings.ContainsAny(policy, "\"\n\r\\`{}") {
		return fmt.Errorf("contentSecurityPolicy %q: quotes, backslashes, braces and line breaks are not allowed", policy)
	}
	for _, d := range strings.Split(policy, ";") {
		if name, _, _ := strings.Cut(strings.TrimSpace(d), " "); name == "frame-ancestors" {
			return fmt.Errorf("contentSecurityPolicy: frame-ancestors does nothing in a <meta>; the header always sends frame-ancestors 'none'")
		}
	}
	return nil
}

// Kind returns the kind of the file at path (a path in public/, "/en/index.html").
func (r Rules) Kind(p string) Kind {
	for _, k := range Kinds {
		if k.Pattern.MatchString(p) {
			return k
		}
	}
	return Fallback
}

// ContentSecurityPolicy is the header's policy: the site's policy plus RequiredDirectives.
func (r Rules) ContentSecurityPolicy() string {
	var out []string
	have := map[string]bool{}
	for _, d := range strings.Split(r.Policy, ";") {
		d = strings.Join(strings.Fields(d), " ")
		if d == "" {
			continue
		}
		name, _, _ := strings.Cut(d, " ")
		have[name] = true
		out = append(out, d)
	}
	for _, d := range RequiredDirectives {
		if name, _, _ := strings.Cut(d, " "); !have[name] {
			out = append(out, d)
		}
	}
	return strings.Join(out, "; ")
}

// PermissionsPolicyValue is the Permissions-Policy value: every feature of DeniedFeatures off.
func PermissionsPolicyValue() string {
	parts := make([]string, len(DeniedFeatures))
	for i, f := range DeniedFeatures {
		parts[i] = f + "=()"
	}
	return strings.Join(parts, ", ")
}

// Field is one header: its name and value.
type Field struct{ Name, Value string }

// Security returns the security headers every response carries, whatever its status and
// kind, in a fixed order: CSP, referrer, sniffing, framing, features, cross-origin
// isolation, and HSTS when the site is on HTTPS.
func (r Rules) Security() []Field {
	fields := []Field{
		{ContentSecurityPolicy, r.ContentSecurityPolicy()},
		{ReferrerPolicy, "no-referrer"},
		{ContentTypeOptions, "nosniff"},
		{FrameOptions, "DENY"},
		{PermissionsPolicy, PermissionsPolicyValue()},
		{CrossOriginOpenerPolicy, "same-origin"},
		{CrossOriginResourcePolicy, "same-origin"},
	}
	if r.HTTPS {
		fields = append(fields, Field{StrictTransportSecurity, HSTS})
	}
	return fields
}

// SecurityHeaderNames are the names of every security header the rules may send
// (Strict-Transport-Security only on HTTPS).
var SecurityHeaderNames = []string{
	ContentSecurityPolicy, ReferrerPolicy, ContentTypeOptions, FrameOptions, PermissionsPolicy,
	CrossOriginOpenerPolicy, CrossOriginResourcePolicy, StrictTransportSecurity,
}

// For returns every header a response with the file at p carries: Content-Type,
// Cache-Control, Vary: Accept-Encoding and the security headers. p is the file's path in
// public/ ("/en/index.html", "/css/site.<hash>.css"); a folder's address ("/en/") is
// its index.html. The response's Content-Encoding, when it sends a .br or .gz, is the
// server's to add.
func (r Rules) For(p string) http.Header {
	if strings.HasSuffix(p, "/") || p == "" {
		p += "index.html"
	}
	k := r.Kind(path.Clean("/" + p))
	h := http.Header{}
	h.Set("Content-Type", k.ContentType)
	h.Set("Cache-Control", k.CacheControl)
	h.Set("Vary", "Accept-Encoding")
	for _, f := range r.Security() {
		h.Set(f.Name, f.Value)
	}
	return h
}

// Compressible says whether the file at p is text the build compresses (.br, .gz).
func (r Rules) Compressible(p string) bool { return r.Kind(p).Text }

// NotFoundPage returns the path in public/ of the 404 page that answers the missing URL
// path urlPath (a path under BasePath, as requested): its language's own, or /404.html.
func (r Rules) NotFoundPage(urlPath string) string {
	rest := strings.TrimPrefix(urlPath, strings.TrimSuffix(r.BasePath, "/"))
	first, _, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "/")
	for _, l := range r.Languages {
		if l == first {
			return "/" + l + "/404.html"
		}
	}
	return "/404.html"
}
