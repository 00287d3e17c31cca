package portal

// Reader safety on every page of the built site, without a browser (invariants run by
// TestRealSite; the
// browser half is tests/browser): lang and dir, the skip link and the quick exit first,
// no referrer, a strict Content-Security-Policy, nothing from other hosts, no inline style
// or script, reciprocal hreflang, headings in order, tel: links that say what they call,
// and the JSON-LD organisation with one ContactPoint per helpline.

import (
	"encoding/json"
	"net/url"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// builtPage is one HTML file of the real site, parsed.
type builtPage struct {
	file string // path in the output, "/en/aiuto/index.html"
	lang site.Language
	doc  *html.Node
}

// builtPages parses every HTML page of a built site and says which language it is in.
func builtPages(t *testing.T, res *site.Result) []builtPage {
	t.Helper()
	byCode := map[string]site.Language{}
	var def site.Language
	for _, l := range res.Languages {
		byCode[l.Code] = l
		if l.Default {
			def = l
		}
	}
	var out []builtPage
	for file, text := range htmlPages(t, res.Output) {
		doc, err := html.Parse(strings.NewReader(text))
		if err != nil {
			t.Fatalf("public%s: %v", file, err)
		}
		lang := def
		if first := strings.SplitN(strings.TrimPrefix(file, "/"), "/", 2)[0]; first != file {
			if l, ok := byCode[first]; ok {
				lang = l
			}
		}
		out = append(out, builtPage{file: file, lang: lang, doc: doc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// elements returns the element nodes under n, in document order, for which match holds.
func elements(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tagged(tags ...string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, t := range tags {
			if n.Data == t {
				return true
			}
		}
		return false
	}
}

// attrOf returns an attribute's value and whether it is there.
func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrVal(n *html.Node, key string) string {
	v, _ := attrOf(n, key)
	return v
}

func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// siteParam reads a site.toml param of the real site (keys in lower case, as Hugo keeps them).
func siteParam(t *testing.T, res *site.Result, keys ...string) any {
	t.Helper()
	var v any = res.Languages[0].Params
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("site.toml: params.%s is missing", strings.Join(keys, "."))
		}
		v = m[k]
	}
	if v == nil {
		t.Fatalf("site.toml: params.%s is missing", strings.Join(keys, "."))
	}
	return v
}

// focusable reports whether the keyboard stops at n (in the order of the document).
func focusable(n *html.Node) bool {
	if ti, ok := attrOf(n, "tabindex"); ok && strings.HasPrefix(ti, "-") {
		return false
	}
	switch n.Data {
	case "a", "area":
		_, ok := attrOf(n, "href")
		return ok
	case "button", "input", "select", "textarea", "iframe":
		_, disabled := attrOf(n, "disabled")
		return !disabled && attrVal(n, "type") != "hidden"
	case "summary":
		return true
	}
	_, ok := attrOf(n, "tabindex")
	return ok
}

// insideClosedDetails reports whether n is hidden in a closed <details> (not its summary).
func insideClosedDetails(n *html.Node) bool {
	for p := n; p.Parent != nil; p = p.Parent {
		if p.Parent.Type == html.ElementNode && p.Parent.Data == "details" {
			if _, open := attrOf(p.Parent, "open"); !open && !(p.Type == html.ElementNode && p.Data == "summary") {
				return true
			}
		}
	}
	return false
}

func everyPageHasLangAndDir(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	direction := map[string]string{}
	for _, l := range res.Languages {
		direction[l.Locale] = l.Direction
	}
	for _, p := range pages {
		root := elements(p.doc, tagged("html"))[0]
		lang, dir := attrVal(root, "lang"), attrVal(root, "dir")
		if lang != p.lang.Locale || dir != p.lang.Direction {
			t.Errorf("public%s: <html lang=%q dir=%q>, want lang=%q dir=%q (%s)", p.file, lang, dir, p.lang.Locale, p.lang.Direction, p.lang.Code)
		}
		// Text in a language written the other way (an Italian fallback in an Arabic page,
		// an Arabic name in the switcher of an English one) carries its own dir.
		for _, n := range elements(p.doc, func(n *html.Node) bool { _, ok := attrOf(n, "lang"); return ok && n.Data != "html" }) {
			d, known := direction[attrVal(n, "lang")]
			if _, ok := attrOf(n, "dir"); !ok && known && d != dir && n.Data != "a" && n.Data != "span" {
				t.Errorf("public%s: <%s lang=%q> (%s) inside a %s page without dir", p.file, n.Data, attrVal(n, "lang"), d, dir)
			}
		}
	}
}

func everyPageStartsWithSkipLinkThenQuickExit(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	exitURL, _ := siteParam(t, res, "quickexit", "url").(string)
	if u, err := url.Parse(exitURL); err != nil || u.Scheme != "https" || u.Host == "" {
		t.Fatalf("site.toml: params.quickExit.url %q is not an https address", exitURL)
	}
	for _, p := range pages {
		body := elements(p.doc, tagged("body"))[0]
		var stops []*html.Node
		for _, n := range elements(body, focusable) {
			if !insideClosedDetails(n) {
				stops = append(stops, n)
			}
		}
		if len(stops) < 2 {
			t.Errorf("public%s: fewer than two keyboard stops", p.file)
			continue
		}
		skip, exit := stops[0], stops[1]
		if !hasWord(attrVal(skip, "class"), "skip") || attrVal(skip, "href") != "#main" || textContent(skip) == "" {
			t.Errorf("public%s: the first keyboard stop is not the skip link to #main: <%s %v>", p.file, skip.Data, skip.Attr)
		}
		if len(elements(p.doc, func(n *html.Node) bool { return attrVal(n, "id") == "main" && n.Data == "main" })) != 1 {
			t.Errorf("public%s: no <main id=main> for the skip link", p.file)
		}
		if _, ok := attrOf(exit, "data-exit"); !ok || exit.Data != "a" {
			t.Errorf("public%s: the second keyboard stop is not the quick exit: <%s %v>", p.file, exit.Data, exit.Attr)
			continue
		}
		if got := attrVal(exit, "href"); got != exitURL {
			t.Errorf("public%s: the quick exit leads to %q, not site.toml's %q", p.file, got, exitURL)
		}
		if rel := attrVal(exit, "rel"); !hasWord(rel, "nofollow") || !hasWord(rel, "noreferrer") {
			t.Errorf("public%s: the quick exit has rel=%q, want nofollow noreferrer", p.file, rel)
		}
		hidden := elements(exit, func(n *html.Node) bool { return hasWord(attrVal(n, "class"), "visually-hidden") })
		if textContent(exit) == "" || len(hidden) != 1 || textContent(hidden[0]) == "" {
			t.Errorf("public%s: the quick exit needs a label and screen-reader text (exitLabel, exitHint): %q", p.file, textContent(exit))
		}
		if n := len(elements(p.doc, func(n *html.Node) bool { _, ok := attrOf(n, "data-exit"); return ok })); n != 1 {
			t.Errorf("public%s: %d quick exits, want 1", p.file, n)
		}
	}
}

// cspDirectives parses a Content-Security-Policy into its directives.
func cspDirectives(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

func everyPageSendsNoReferrerAndHasAStrictCSP(t *testing.T, b builtProject) {
	pages := builtPages(t, b.res)
	for _, p := range pages {
		head := elements(p.doc, tagged("head"))[0]
		var csp, referrer *html.Node
		firstLoad := -1
		for i, n := range elements(head, func(*html.Node) bool { return true }) {
			switch {
			case n.Data == "meta" && strings.EqualFold(attrVal(n, "http-equiv"), "content-security-policy"):
				if csp == nil && firstLoad >= 0 {
					t.Errorf("public%s: the CSP <meta> comes after a stylesheet or script it should govern", p.file)
				}
				csp = n
			case n.Data == "meta" && attrVal(n, "name") == "referrer":
				referrer = n
			case (n.Data == "link" && hasWord(attrVal(n, "rel"), "stylesheet")) || n.Data == "script" || n.Data == "style":
				if firstLoad < 0 {
					firstLoad = i
				}
			}
		}
		if referrer == nil || attrVal(referrer, "content") != "no-referrer" {
			t.Errorf("public%s: no <meta name=referrer content=no-referrer>", p.file)
		}
		if csp == nil {
			t.Errorf("public%s: no Content-Security-Policy <meta>", p.file)
			continue
		}
		d := cspDirectives(attrVal(csp, "content"))
		want := map[string][]string{"default-src": {"'none'"}, "script-src": {"'self'"}, "style-src": {"'self'"}}
		for k, v := range want {
			if !reflect.DeepEqual(d[k], v) {
				t.Errorf("public%s: CSP %s is %v, want %v", p.file, k, d[k], v)
			}
		}
		for k, v := range d {
			for _, src := range v {
				if src != "'self'" && src != "'none'" {
					t.Errorf("public%s: CSP %s allows %s: only 'self' or 'none'", p.file, k, src)
				}
			}
		}
		if !reflect.DeepEqual(d["base-uri"], []string{"'none'"}) || !reflect.DeepEqual(d["form-action"], []string{"'none'"}) {
			t.Errorf("public%s: CSP needs base-uri 'none' and form-action 'none': %v", p.file, d)
		}
	}
}

func noInlineStyleOrScript(t *testing.T, b builtProject) {
	pages := builtPages(t, b.res)
	for _, p := range pages {
		for _, n := range elements(p.doc, func(*html.Node) bool { return true }) {
			if _, ok := attrOf(n, "style"); ok {
				t.Errorf("public%s: <%s style=%q>: the CSP blocks inline styles; use a class in static/css/site.css", p.file, n.Data, attrVal(n, "style"))
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("public%s: <%s %s>: inline event handlers are blocked by the CSP", p.file, n.Data, a.Key)
				}
				if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("public%s: <%s %s=%q>", p.file, n.Data, a.Key, a.Val)
				}
			}
			switch n.Data {
			case "style":
				t.Errorf("public%s: a <style> element: the CSP blocks it", p.file)
			case "script":
				if _, ok := attrOf(n, "src"); !ok && attrVal(n, "type") != "application/ld+json" {
					t.Errorf("public%s: an inline <script>: the CSP blocks it", p.file)
				}
			}
		}
	}
}

func nothingLoadsFromAnotherHost(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	base, err := url.Parse(res.Languages[0].Home)
	if err != nil {
		t.Fatal(err)
	}
	exitURL, _ := siteParam(t, res, "quickexit", "url").(string)
	for _, p := range pages {
		for _, n := range elements(p.doc, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				var refs []string
				switch a.Key {
				case "src", "href", "action", "formaction", "poster", "data", "background", "manifest", "ping":
					refs = []string{a.Val}
				case "srcset", "imagesrcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				}
				for _, ref := range refs {
					u, err := url.Parse(strings.TrimSpace(ref))
					if err != nil {
						t.Errorf("public%s: <%s %s=%q>: %v", p.file, n.Data, a.Key, ref, err)
						continue
					}
					if u.Host == "" || strings.EqualFold(u.Host, base.Host) {
						continue
					}
					switch {
					case n.Data == "a" && ref == exitURL:
					case n.Data == "a" && a.Key == "href" && hasWord(attrVal(n, "rel"), "noreferrer"):
					case n.Data == "a" && a.Key == "href":
						t.Errorf("public%s: outbound link %s without rel=noreferrer", p.file, ref)
					default:
						t.Errorf("public%s: <%s %s=%q> loads from another host", p.file, n.Data, a.Key, ref)
					}
				}
			}
		}
	}
}

// outputFile maps one of the site's own addresses (absolute, or root-relative with the
// base URL's path) to its file in the output: "/en/aiuto/index.html".
func outputFile(res *site.Result, link string) (string, bool) {
	p, ok := res.OutputPath(link)
	if !ok {
		return "", false
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return path.Clean(p), true
}

func hreflangSetsAreReciprocal(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	locales := map[string]bool{"x-default": true}
	for _, l := range res.Languages {
		locales[l.Locale] = true
	}
	// alternates[file] = hreflang → file, as the page declares them.
	alternates := map[string]map[string]string{}
	for _, p := range pages {
		set := map[string]string{}
		for _, n := range elements(p.doc, tagged("link")) {
			if !hasWord(attrVal(n, "rel"), "alternate") || attrVal(n, "hreflang") == "" {
				continue
			}
			hl := attrVal(n, "hreflang")
			if !locales[hl] {
				t.Errorf("public%s: hreflang=%q is not one of the site's languages", p.file, hl)
			}
			f, ok := outputFile(res, attrVal(n, "href"))
			if !ok {
				t.Errorf("public%s: hreflang %s points off the site: %s", p.file, hl, attrVal(n, "href"))
				continue
			}
			if _, dup := set[hl]; dup {
				t.Errorf("public%s: hreflang %s twice", p.file, hl)
			}
			set[hl] = f
		}
		if len(set) > 0 {
			alternates[p.file] = set
		}
	}
	if len(alternates) == 0 {
		t.Fatal("no page declares hreflang alternates")
	}
	for file, set := range alternates {
		self := ""
		for hl, f := range set {
			if hl != "x-default" && f == file {
				self = hl
			}
		}
		if self == "" {
			t.Errorf("public%s: its hreflang set does not include the page itself", file)
		}
		if _, ok := set["x-default"]; !ok {
			t.Errorf("public%s: hreflang set without x-default", file)
		}
		for hl, f := range set {
			back, ok := alternates[f]
			if !ok {
				t.Errorf("public%s: hreflang %s → public%s, which does not exist or declares no alternates", file, hl, f)
				continue
			}
			if !reflect.DeepEqual(back, set) {
				t.Errorf("public%s: hreflang %s → public%s, whose set differs:\n  here:  %v\n  there: %v", file, hl, f, set, back)
			}
		}
	}
}

func headingsInOrder(t *testing.T, b builtProject) {
	pages := builtPages(t, b.res)
	for _, p := range pages {
		hs := elements(p.doc, tagged("h1", "h2", "h3", "h4", "h5", "h6"))
		if len(hs) == 0 || hs[0].Data != "h1" {
			t.Errorf("public%s: the first heading is not an <h1>", p.file)
			continue
		}
		level := 0
		h1s := 0
		for _, h := range hs {
			l := int(h.Data[1] - '0')
			if l == 1 {
				h1s++
			}
			if l > level+1 {
				t.Errorf("public%s: <%s> %q follows an <h%d>: a level is skipped", p.file, h.Data, textContent(h), level)
			}
			if textContent(h) == "" {
				t.Errorf("public%s: an empty <%s>", p.file, h.Data)
			}
			level = l
		}
		if h1s != 1 {
			t.Errorf("public%s: %d <h1> elements, want 1", p.file, h1s)
		}
	}
}

func telLinksSayWhatTheyCall(t *testing.T, b builtProject) {
	pages := builtPages(t, b.res)
	onlyNumber := strings.NewReplacer(" ", "", "+", "", "-", "", ".", "", "(", "", ")", "", ":", "")
	for _, p := range pages {
		for _, a := range elements(p.doc, func(n *html.Node) bool {
			return n.Data == "a" && strings.HasPrefix(attrVal(n, "href"), "tel:")
		}) {
			name := attrVal(a, "aria-label")
			if name == "" {
				name = textContent(a)
			}
			words := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return -1
				}
				return r
			}, onlyNumber.Replace(name))
			if words == "" {
				t.Errorf("public%s: <a href=%q> is named only %q: say which line it calls", p.file, attrVal(a, "href"), name)
			}
			if len(elements(a, func(n *html.Node) bool { return attrVal(n, "dir") == "ltr" })) == 0 {
				t.Errorf("public%s: <a href=%q>: the number is not in an element with dir=ltr", p.file, attrVal(a, "href"))
			}
		}
	}
}

func languageSwitcherWorksWithoutScript(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	for _, p := range pages {
		d := elements(p.doc, func(n *html.Node) bool { return n.Data == "details" && hasWord(attrVal(n, "class"), "languages") })
		if len(d) != 1 || len(elements(d[0], tagged("summary"))) != 1 {
			t.Errorf("public%s: no <details class=languages> with a <summary>", p.file)
			continue
		}
		links := elements(d[0], tagged("a"))
		if len(links) != len(res.Languages) {
			t.Errorf("public%s: the switcher has %d links for %d languages", p.file, len(links), len(res.Languages))
		}
		for i, a := range links {
			if i >= len(res.Languages) {
				break
			}
			want := res.Languages[i].Locale
			if attrVal(a, "lang") != want || attrVal(a, "hreflang") != want || attrVal(a, "href") == "" {
				t.Errorf("public%s: switcher link %d is <a href=%q lang=%q hreflang=%q>, want lang and hreflang %q", p.file, i+1, attrVal(a, "href"), attrVal(a, "lang"), attrVal(a, "hreflang"), want)
			}
		}
	}
}

// jsonLD is what the portal says about itself to search engines.
type jsonLD struct {
	Context      string         `json:"@context"`
	Type         string         `json:"@type"`
	Name         string         `json:"name"`
	URL          string         `json:"url"`
	ContactPoint []contactPoint `json:"contactPoint"`
}

type contactPoint struct {
	Type              string         `json:"@type"`
	Telephone         string         `json:"telephone"`
	ContactType       string         `json:"contactType"`
	AvailableLanguage []string       `json:"availableLanguage"`
	AreaServed        map[string]any `json:"areaServed"`
	ContactOption     string         `json:"contactOption"`
}

func structuredDataNamesEveryHelpline(t *testing.T, b builtProject) {
	res, pages := b.res, builtPages(t, b.res)
	lines, _ := siteParam(t, res, "helplines").(map[string]any)
	want := map[string]map[string]any{} // telephone → the helpline's params
	for key, v := range lines {
		l, _ := v.(map[string]any)
		tel, _ := l["tel"].(string)
		if tel == "" {
			t.Fatalf("site.toml: params.helplines.%s has no tel", key)
		}
		want[tel] = l
	}
	for _, p := range pages {
		var blocks []string
		for _, s := range elements(p.doc, tagged("script")) {
			if attrVal(s, "type") == "application/ld+json" {
				blocks = append(blocks, textContent(s))
			}
		}
		if len(blocks) != 1 {
			t.Errorf("public%s: %d JSON-LD blocks, want 1", p.file, len(blocks))
			continue
		}
		var org jsonLD
		if err := json.Unmarshal([]byte(blocks[0]), &org); err != nil {
			t.Errorf("public%s: JSON-LD does not parse: %v", p.file, err)
			continue
		}
		if org.Context != "https://schema.org" || org.Type != "GovernmentOrganization" || org.Name == "" || org.URL == "" {
			t.Errorf("public%s: JSON-LD is not a named GovernmentOrganization with a url: %+v", p.file, org)
		}
		if len(org.ContactPoint) != len(want) {
			t.Errorf("public%s: %d ContactPoints for %d helplines", p.file, len(org.ContactPoint), len(want))
		}
		seen := map[string]bool{}
		for _, cp := range org.ContactPoint {
			l, ok := want[cp.Telephone]
			if !ok {
				t.Errorf("public%s: ContactPoint telephone %q is not a helpline of site.toml", p.file, cp.Telephone)
				continue
			}
			seen[cp.Telephone] = true
			if cp.Type != "ContactPoint" || cp.ContactType == "" || cp.AreaServed["name"] == nil || len(cp.AvailableLanguage) == 0 {
				t.Errorf("public%s: ContactPoint %s lacks @type, contactType, areaServed or availableLanguage: %+v", p.file, cp.Telephone, cp)
			}
			var langs []string
			if ls, ok := l["availablelanguage"].([]any); ok {
				for _, x := range ls {
					s, _ := x.(string)
					langs = append(langs, s)
				}
			}
			if !reflect.DeepEqual(cp.AvailableLanguage, langs) {
				t.Errorf("public%s: ContactPoint %s availableLanguage %v, site.toml says %v", p.file, cp.Telephone, cp.AvailableLanguage, langs)
			}
			free, _ := l["tollfree"].(bool)
			if free != (cp.ContactOption == "TollFree") {
				t.Errorf("public%s: ContactPoint %s contactOption %q, site.toml tollFree = %v", p.file, cp.Telephone, cp.ContactOption, free)
			}
		}
		if len(seen) != len(want) {
			t.Errorf("public%s: JSON-LD names %d of the %d helplines", p.file, len(seen), len(want))
		}
	}
}

func scriptsKeepNoTrace(t *testing.T, b builtProject) {
	res := b.res
	for _, f := range siteFiles(t, res.Output, ".js") {
		b := sitetest.Read(t, res.Output, f.path)
		for _, banned := range []string{"localStorage", "sessionStorage", "document.cookie", "serviceWorker", "indexedDB", "fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "caches."} {
			if strings.Contains(b, banned) {
				t.Errorf("public%s uses %s: the portal stores nothing and sends nothing", f.path, banned)
			}
		}
	}
}

func TestMarkdownLinksGiveNothingAway(t *testing.T) {
	hook := sitetest.Read(t, afero.NewOsFs(), "../../layouts/_markup/render-link.html")
	res := sitetest.Build(t, `-- site.toml --
baseURL = "https://contratto.example/"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "404"]
-- layouts/page.html --
{{ .Content }}
-- layouts/_markup/render-link.html --
`+hook+`
-- content/p.md --
---
title: P
---
[out](https://other.example/x) [own](https://contratto.example/aiuto/) [rel](/aiuto/)
[call](tel:112) [mail](mailto:a@contratto.example) [bad](javascript:alert(1)) [far](//far.example/)
`)
	doc, err := html.Parse(strings.NewReader(sitetest.Read(t, res.Output, "/p/index.html")))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, a := range elements(doc, tagged("a")) {
		got[textContent(a)] = [2]string{attrVal(a, "href"), attrVal(a, "rel")}
	}
	want := map[string][2]string{
		"out":  {"https://other.example/x", "noreferrer"},
		"own":  {"https://contratto.example/aiuto/", ""},
		"rel":  {"/aiuto/", ""},
		"call": {"tel:112", ""},
		"mail": {"mailto:a@contratto.example", ""},
		"bad":  {"#ZgotmplZ", ""},
		"far":  {"//far.example/", "noreferrer"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links rendered as\n  %v\nwant\n  %v", got, want)
	}
}
