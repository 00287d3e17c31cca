package email

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkTagger resolves relative links against the portal and adds the UTM
// parameters to links into the portal: its host, below its base URL's path (a
// portal served under a sub-path does not tag the rest of the host). HTML and
// text use the same tagger, so both carry identical URLs.
type linkTagger struct {
	base     *url.URL
	campaign string
}

func newLinkTagger(portalBaseURL, campaign string) (*linkTagger, error) {
	base, err := url.Parse(portalBaseURL)
	if err != nil {
		return nil, err
	}
	return &linkTagger{base: base, campaign: campaign}, nil
}

// resolve makes a relative reference absolute against the portal base URL
// (mail clients cannot resolve relative links). Fragments, absolute URLs and
// other schemes (tel:, mailto:) are returned unchanged.
func (t *linkTagger) resolve(dest string) string {
	if dest == "" || strings.HasPrefix(dest, "#") {
		return dest
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" {
		return dest
	}
	return t.base.ResolveReference(u).String()
}

// tag adds utm_source, utm_medium and utm_campaign to an http(s) link into
// the portal, keeping any existing query. Parameters come out sorted by name,
// so the result is deterministic. Anything else is returned unchanged.
func (t *linkTagger) tag(dest string) string {
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") ||
		!strings.EqualFold(u.Hostname(), t.base.Hostname()) || !t.inside(u.Path) {
		return dest
	}
	q := u.Query()
	q.Set("utm_source", "newsletter")
	q.Set("utm_medium", "email")
	q.Set("utm_campaign", t.campaign)
	u.RawQuery = q.Encode()
	return u.String()
}

// inside reports whether an absolute path is below the portal's base path.
func (t *linkTagger) inside(p string) bool {
	base := t.base.Path
	if base == "" || base == "/" {
		return true
	}
	return strings.HasPrefix(p, base) || p+"/" == base
}

// link is resolve then tag: what every link destination goes through.
func (t *linkTagger) link(dest string) string { return t.tag(t.resolve(dest)) }

// linkTransformer is the goldmark AST transformer of the email extension.
// It tags link destinations, turns URL autolinks into ordinary links (so the
// href can carry the tags while the visible text stays as written), resolves
// relative image sources, and records images that have no alt text.
type linkTransformer struct {
	tagger     *linkTagger
	missingAlt []*MissingAltError
}

var _ parser.ASTTransformer = (*linkTransformer)(nil)

// Transform implements parser.ASTTransformer.
func (t *linkTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var autolinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			if strings.TrimSpace(plainText(n, source)) == "" {
				line, col := position(source, n.Pos())
				t.missingAlt = append(t.missingAlt, &MissingAltError{Src: string(n.Destination), Line: line, Column: col})
			}
			n.Destination = []byte(t.tagger.resolve(string(n.Destination)))
		case *ast.Link:
			n.Destination = []byte(t.tagger.link(string(n.Destination)))
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		link := ast.NewLink()
		link.Destination = []byte(t.tagger.link(string(a.URL(source))))
		link.AppendChild(link, ast.NewString(a.Label(source)))
		a.Parent().ReplaceChild(a.Parent(), a, link)
	}
}

// position turns a byte offset into a 1-based line and column (in runes).
// An unknown offset (-1) gives 0, 0.
func position(source []byte, offset int) (line, col int) {
	if offset < 0 || offset > len(source) {
		return 0, 0
	}
	before := source[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// plainText is the visible text of an inline subtree, with Markdown escapes
// and character references resolved: the alt text of an image, the label of
// a link.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(textValue(c, source))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(source))
			case *ast.RawHTML:
				// dropped, as in the HTML
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// textValue is the literal text of a Text node: backslash escapes and
// character references resolved (raw text, in code spans, is kept as is).
func textValue(t *ast.Text, source []byte) []byte {
	v := t.Segment.Value(source)
	if t.IsRaw() {
		return v
	}
	return util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
}
