package portal

// The real site served under a sub-path keeps every invariant, and every address a build
// writes — in pages, sitemaps, feeds, JSON-LD and stats.json — stays inside the base URL
// and names a file of the output.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// subPath is where the test serves the site, below the host of site.toml's baseURL.
const subPath = "enti/contratto/"

var baseURLLine = regexp.MustCompile(`(?m)^baseURL\s*=\s*"([^"]*)"\s*$`)

// TestRealSiteUnderASubPath checks every invariant on a copy of the project whose
// site.toml serves it below subPath.
func TestRealSiteUnderASubPath(t *testing.T) {
	p := copyProject(t)
	config := filepath.Join(p.Dir, site.DefaultConfig)
	data, err := afero.ReadFile(p.Fs, config)
	if err != nil {
		t.Fatal(err)
	}
	m := baseURLLine.FindAllSubmatchIndex(data, -1)
	if len(m) != 1 {
		t.Fatalf("%s: want one baseURL line, found %d", site.DefaultConfig, len(m))
	}
	base, err := url.Parse(string(data[m[0][2]:m[0][3]]))
	if err != nil || base.Host == "" {
		t.Fatalf("%s: baseURL %q is not an absolute URL", site.DefaultConfig, data[m[0][2]:m[0][3]])
	}
	base.Path = path.Join("/", base.Path, subPath) + "/"
	moved := append(append(append([]byte(nil), data[:m[0][2]]...), base.String()...), data[m[0][3]:]...)
	if err := afero.WriteFile(p.Fs, config, moved, 0o644); err != nil {
		t.Fatal(err)
	}
	b := buildProject(t, p)
	if b.res.BaseURL != base.String() {
		t.Fatalf("the build's base URL is %s, want %s", b.res.BaseURL, base)
	}
	checkInvariants(t, b)
}

// address is one address written in an output file.
type address struct {
	file  string // the output file, "/en/aiuto/index.html"
	where string // what holds it: "<a href>", "<loc>", "JSON url"
	value string
}

// everyAddressInsideTheSite follows every address of every HTML, XML, JSON and CSS file of
// the output: one on the site's host starts with the base URL (or its path) and names a file.
func everyAddressInsideTheSite(t *testing.T, b builtProject) {
	res := b.res
	base, err := url.Parse(res.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{} // file extension → addresses found, so a walk that finds nothing fails
	err = afero.Walk(res.Output, "/", func(file string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(res.Output, file)
		if err != nil {
			return err
		}
		var found []address
		switch path.Ext(file) {
		case ".html":
			found, err = htmlAddresses(file, data)
		case ".xml":
			found, err = xmlAddresses(file, data)
		case ".json":
			found, err = jsonAddresses(file, data)
		case ".css":
			found = cssAddresses(res, file, data)
		}
		if err != nil {
			t.Errorf("public%s: %v", file, err)
		}
		for _, a := range found {
			if checkAddress(t, res, base, a) {
				kinds[path.Ext(file)]++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Pages, sitemaps and feeds always link the site's own pages.
	for _, ext := range []string{".html", ".xml"} {
		if kinds[ext] == 0 {
			t.Errorf("no address of the site found in any %s file: the walk is broken", ext)
		}
	}
}

// checkAddress fails the test when an address on the site's host is outside the base URL
// or names no file of the output. It reports whether the address is the site's own.
func checkAddress(t *testing.T, res *site.Result, base *url.URL, a address) bool {
	t.Helper()
	v := strings.TrimSpace(a.value)
	if v == "" || strings.HasPrefix(v, "#") {
		return false
	}
	u, err := url.Parse(v)
	if err != nil {
		t.Errorf("public%s: %s %q: %v", a.file, a.where, v, err)
		return false
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" || u.Host != "" && !strings.EqualFold(u.Host, base.Host) {
		return false // tel:, mailto:, another host
	}
	if !strings.HasPrefix(v, base.Path) && !strings.HasPrefix(v, res.BaseURL) {
		t.Errorf("public%s: %s %q does not start with %s or %s", a.file, a.where, v, base.Path, res.BaseURL)
		return true
	}
	out, ok := res.OutputPath(v)
	if !ok {
		t.Errorf("public%s: %s %q is outside %s", a.file, a.where, v, res.BaseURL)
		return true
	}
	if strings.HasSuffix(out, "/") {
		out += "index.html"
	}
	info, err := res.Output.Stat(out)
	if err == nil && info.IsDir() {
		info, err = res.Output.Stat(path.Join(out, "index.html"))
	}
	if err != nil {
		t.Errorf("public%s: %s %q names no file of the output (public%s)", a.file, a.where, v, out)
	}
	return true
}

// htmlAddresses lists the addresses of an HTML page: every href, src and srcset, and the
// URLs in its JSON-LD.
func htmlAddresses(file string, data []byte) ([]address, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []address
	for _, n := range elements(doc, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			where := "<" + n.Data + " " + a.Key + ">"
			switch a.Key {
			case "href", "src", "action", "poster":
				out = append(out, address{file, where, a.Val})
			case "srcset", "imagesrcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, address{file, where, f[0]})
					}
				}
			}
		}
		if n.Data == "script" && attrVal(n, "type") == "application/ld+json" {
			found, err := jsonAddresses(file, []byte(textContent(n)))
			if err != nil {
				return nil, err
			}
			out = append(out, found...)
		}
	}
	return out, nil
}

// xmlAddresses lists the addresses of a sitemap or feed: attributes holding a URL, text
// that is an http(s) URL (<loc>, <link>, <guid>), and the links inside HTML content.
func xmlAddresses(file string, data []byte) ([]address, error) {
	var out []address
	d := xml.NewDecoder(bytes.NewReader(data))
	var open []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			open = append(open, tok.Name.Local)
			for _, a := range tok.Attr {
				if a.Name.Local == "href" || a.Name.Local == "src" || a.Name.Local == "url" || a.Name.Local == "uri" {
					out = append(out, address{file, "<" + tok.Name.Local + " " + a.Name.Local + ">", a.Value})
				}
			}
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 {
				continue
			}
			found, err := textAddresses(file, "<"+open[len(open)-1]+">", string(tok))
			if err != nil {
				return nil, err
			}
			out = append(out, found...)
		}
	}
}

// jsonAddresses lists the addresses of a JSON file (a JSON Feed, stats.json, JSON-LD):
// every string that is an http(s) URL, and the links inside HTML content.
func jsonAddresses(file string, data []byte) ([]address, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	var out []address
	var walk func(key string, v any) error
	walk = func(key string, v any) error {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if err := walk(k, e); err != nil {
					return err
				}
			}
		case []any:
			for _, e := range v {
				if err := walk(key, e); err != nil {
					return err
				}
			}
		case string:
			found, err := textAddresses(file, "JSON "+key, v)
			if err != nil {
				return err
			}
			out = append(out, found...)
		}
		return nil
	}
	return out, walk("", v)
}

// textAddresses reads a text value of a feed, sitemap or JSON file: an http(s) URL, or
// HTML content whose links are addresses too.
func textAddresses(file, where, text string) ([]address, error) {
	text = strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(text, "http://") || strings.HasPrefix(text, "https://"):
		if !strings.ContainsAny(text, " \t\n") {
			return []address{{file, where, text}}, nil
		}
	case strings.Contains(text, "<") && strings.Contains(text, ">"):
		found, err := htmlAddresses(file, []byte(text))
		for i := range found {
			found[i].where = where + " " + found[i].where
		}
		return found, err
	}
	return nil, nil
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)

// cssAddresses lists the url(...) references of a stylesheet, resolved against the
// stylesheet's own address as browsers do (a relative reference stays inside the site
// wherever it is served; a root-relative one does not).
func cssAddresses(res *site.Result, file string, data []byte) []address {
	self, err := url.Parse(res.BaseURL + strings.TrimPrefix(file, "/"))
	if err != nil {
		return []address{{file, "the stylesheet's own address", res.BaseURL + file}}
	}
	var out []address
	for _, m := range cssURL.FindAllSubmatch(data, -1) {
		ref, err := url.Parse(string(m[1]))
		if err != nil || ref.Scheme == "data" {
			continue
		}
		if ref.Host == "" && !strings.HasPrefix(ref.Path, "/") {
			out = append(out, address{file, "css url()", self.ResolveReference(ref).String()})
		} else {
			out = append(out, address{file, "css url()", ref.String()})
		}
	}
	return out
}
