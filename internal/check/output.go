package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// builtPage is one HTML file of the built site, parsed.
type builtPage struct {
	Out    string // output path: "/en/aiuto/index.html"
	URL    string // URL path, with the base path: "/en/aiuto/"
	Source string // the content file that made it, or "public" + Out
	Page   *site.Page
	Size   int64
	IDs    map[string]bool
	Refs   []ref
	Imgs   []img
}

// img is one <img> element.
type img struct {
	Src    string
	HasAlt bool // whether it has an alt attribute at all
}

// ref is one address in a page: an href, src or srcset value.
type ref struct {
	Tag, Attr, Value string
	Rel              string // the rel attribute of the element
}

// output is the built site, indexed for the rules that read it.
type output struct {
	fs       afero.Fs
	base     *url.URL // the site's base URL
	basePath string   // its path, always ending in "/"
	pages    []*builtPage
	byOut    map[string]*builtPage
	sources  map[string]string // content file → its text, read on demand
	in       Input
}

// readOutput parses every HTML file of the built site. It returns nil when there is no
// built site.
func readOutput(in Input) (*output, error) {
	if in.Site == nil || in.Site.Output == nil {
		return nil, nil
	}
	o := &output{fs: in.Site.Output, byOut: map[string]*builtPage{}, sources: map[string]string{}, in: in}
	o.base, o.basePath = baseURL(in.Site)
	pagesByOut := map[string]*site.Page{}
	for _, lang := range sortedKeys(in.Site.Pages) {
		list := in.Site.Pages[lang]
		for i := range list {
			if out := o.outputPath(list[i].Permalink); out != "" {
				pagesByOut[out] = &list[i]
			}
		}
	}
	err := afero.Walk(o.fs, "/", func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := afero.ReadFile(o.fs, p)
		if err != nil {
			return err
		}
		p = filepath.ToSlash(p)
		bp := &builtPage{Out: p, URL: o.urlPath(p), Source: "public" + p, Page: pagesByOut[p], Size: int64(len(b)), IDs: map[string]bool{}}
		if bp.Page != nil && bp.Page.SourceFile != "" {
			bp.Source = filepath.ToSlash(bp.Page.SourceFile)
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", bp.Source, err)
		}
		collect(doc, bp)
		o.pages = append(o.pages, bp)
		o.byOut[p] = bp
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(o.pages, func(i, j int) bool { return o.pages[i].Out < o.pages[j].Out })
	return o, nil
}

// baseURL is the site's base URL and its path, always ending in "/".
func baseURL(res *site.Result) (*url.URL, string) {
	u, err := url.Parse(res.BaseURL)
	if err != nil || u.Host == "" {
		u = &url.URL{Path: "/"}
	}
	return u, u.Path
}

// outputPath is the file a permalink is written to: "/en/aiuto/index.html".
func (o *output) outputPath(permalink string) string {
	p, ok := o.in.Site.OutputPath(permalink)
	if !ok {
		return ""
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// urlPath is the address of an output file: "/en/aiuto/index.html" → "/en/aiuto/".
func (o *output) urlPath(out string) string {
	p := strings.TrimSuffix(out, "index.html")
	return o.basePath + strings.TrimPrefix(p, "/")
}

// link is an address resolved against the page it is on.
type link struct {
	Internal bool   // on this site
	Target   string // output file it names, "" when there is none
	Fragment string
	Problem  string // why it does not resolve, "" when it does
}

// resolve follows an address from page p.
func (o *output) resolve(p *builtPage, value string) link {
	value = strings.TrimSpace(value)
	u, err := url.Parse(value)
	if err != nil {
		return link{Internal: true, Problem: "not a valid address"}
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return link{}
	}
	page := *o.base
	page.Path, page.RawPath = p.URL, ""
	abs := page.ResolveReference(u)
	if abs.Host != o.base.Host {
		return link{}
	}
	l := link{Internal: true, Fragment: abs.Fragment}
	if abs.Path+"/" == o.basePath {
		abs.Path = o.basePath
	}
	if !strings.HasPrefix(abs.Path, o.basePath) {
		l.Problem = fmt.Sprintf("%s is outside the site (%s)", abs.Path, o.basePath)
		return l
	}
	target := "/" + strings.TrimPrefix(abs.Path, o.basePath)
	if strings.HasSuffix(target, "/") {
		target += "index.html"
	} else if info, err := o.fs.Stat(target); err == nil && info.IsDir() {
		target = path.Join(target, "index.html")
	}
	if info, err := o.fs.Stat(target); err != nil || info.IsDir() {
		l.Problem = "no page at " + abs.Path
		return l
	}
	l.Target = target
	return l
}

// sourceText returns the text of a content file, "" when it cannot be read.
func (o *output) sourceText(file string) string {
	if t, ok := o.sources[file]; ok {
		return t
	}
	if !strings.HasPrefix(file, "content/") { // a built file, not the project's
		return ""
	}
	b, err := afero.ReadFile(o.in.Fs, filepath.Join(o.in.Dir, filepath.FromSlash(file)))
	o.sources[file] = string(b)
	if err != nil {
		o.sources[file] = ""
	}
	return o.sources[file]
}

// lineOf finds the line of the first of the needles in a content file; 0 when none is there.
func (o *output) lineOf(file string, needles ...string) int {
	text := o.sourceText(file)
	for _, n := range needles {
		if n == "" {
			continue
		}
		if i := strings.Index(text, n); i >= 0 {
			return lineAt(text, i)
		}
	}
	return 0
}

// addressAttrs lists, per element, the attributes that hold an address.
var addressAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"},
	"img": {"src", "srcset"}, "source": {"src", "srcset"},
	"script": {"src"}, "iframe": {"src"}, "embed": {"src"}, "track": {"src"},
	"audio": {"src"}, "video": {"src", "poster"},
}

func collect(n *html.Node, p *builtPage) {
	if n.Type == html.ElementNode {
		attrs := map[string]string{}
		for _, a := range n.Attr {
			if a.Namespace == "" {
				attrs[a.Key] = a.Val
			}
		}
		if id, ok := attrs["id"]; ok && id != "" {
			p.IDs[id] = true
		}
		if name, ok := attrs["name"]; ok && n.Data == "a" && name != "" {
			p.IDs[name] = true
		}
		for _, attr := range addressAttrs[n.Data] {
			v, ok := attrs[attr]
			if !ok {
				continue
			}
			values := []string{v}
			if attr == "srcset" {
				values = srcset(v)
			}
			for _, v := range values {
				p.Refs = append(p.Refs, ref{Tag: n.Data, Attr: attr, Value: v, Rel: attrs["rel"]})
			}
		}
		if n.Data == "img" {
			_, hasAlt := attrs["alt"]
			p.Imgs = append(p.Imgs, img{Src: attrs["src"], HasAlt: hasAlt})
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collect(c, p)
	}
}

// srcset splits "a.png 1x, b.png 2x" into its addresses.
func srcset(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ",") {
		if f := strings.Fields(part); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// pageFindings gathers a finding that recurs on several built pages into one, which
// says where it shows: a link in the English text is on the English page and on every
// fallback copy of it. A finding on pages made from different content files, with no
// line in any of them, comes from a layout: it is named after the first built page.
// Pages in the language their text is written in are listed first.
type pageFindings struct {
	entries []pageEntry
}

type pageEntry struct {
	f      Finding
	p      *builtPage
	detail string // what is wrong on this page, added to the message of the first one listed
}

func (pf *pageFindings) add(f Finding, p *builtPage) {
	pf.entries = append(pf.entries, pageEntry{f: f, p: p})
}

// addDetail is add for a problem whose details differ from page to page (a relative
// link names another missing file in each language).
func (pf *pageFindings) addDetail(f Finding, p *builtPage, detail string) {
	pf.entries = append(pf.entries, pageEntry{f, p, detail})
}

func (pf *pageFindings) list() []Finding {
	type problem struct {
		rule, message string
		severity      Severity
	}
	sources := map[problem]map[string]bool{}
	for _, e := range pf.entries {
		if e.f.Line == 0 {
			k := problem{e.f.Rule, e.f.Message, e.f.Severity}
			if sources[k] == nil {
				sources[k] = map[string]bool{}
			}
			sources[k][e.f.File] = true
		}
	}
	type pageRef struct {
		own    bool   // the page is in the language its text is written in
		out    string // its output path
		detail string
	}
	found := map[Finding]map[string]pageRef{}
	for _, e := range pf.entries {
		f := e.f
		if f.Line == 0 && (len(sources[problem{f.Rule, f.Message, f.Severity}]) > 1 || strings.HasPrefix(f.File, "public/")) {
			f.File = "" // a layout's
		}
		if found[f] == nil {
			found[f] = map[string]pageRef{}
		}
		found[f][e.p.URL] = pageRef{own: e.p.Page == nil || !e.p.Page.IsFallback(), out: e.p.Out, detail: e.detail}
	}
	var out []Finding
	for f, pages := range found {
		urls := sortedKeys(pages)
		sort.SliceStable(urls, func(i, j int) bool { return pages[urls[i]].own && !pages[urls[j]].own })
		if f.File == "" {
			f.File = "public" + pages[urls[0]].out
		}
		f.Message += pages[urls[0]].detail
		switch len(urls) {
		case 1:
			f.Message += fmt.Sprintf(" (on %s)", urls[0])
		case 2:
			f.Message += fmt.Sprintf(" (on %s and 1 other page)", urls[0])
		default:
			f.Message += fmt.Sprintf(" (on %s and %d other pages)", urls[0], len(urls)-1)
		}
		out = append(out, f)
	}
	Sort(out)
	return out
}
