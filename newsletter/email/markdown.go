package email

import (
	"errors"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// emailExtension plugs the email behaviour into goldmark: the link
// transformer on the parser side, the inline-style renderer on the renderer
// side. Priority 100 puts the renderer ahead of goldmark's HTML renderer
// (1000) and the table renderer (500), so its functions win.
type emailExtension struct {
	links  *linkTransformer
	charts *chartTransformer
	net    *networkTransformer
	styles *styles
	chart  chartOptions
	lang   string
}

var _ goldmark.Extender = (*emailExtension)(nil)

// Extend implements goldmark.Extender.
func (e *emailExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e.links, 1000), util.Prioritized(e.charts, 1000), util.Prioritized(e.net, 1000)))
	if e.styles != nil {
		m.Renderer().AddOptions(renderer.WithNodeRenderers(
			util.Prioritized(newStyledRenderer(e.styles), 100),
			util.Prioritized(&chartRenderer{s: e.styles, cs: newChartStyles(e.styles, e.lang), opts: e.chart}, 100),
		))
	}
}

// document is a parsed issue body: the tree, its source, and the goldmark
// instance that parsed it (whose renderer writes the styled HTML).
type document struct {
	md     goldmark.Markdown
	root   ast.Node
	source []byte
	tagger *linkTagger
}

// parse validates the message and parses its Markdown with GFM tables,
// strikethrough and linkify, plus the email extension. st may be nil when
// only the tree is needed (the text rendering).
func parse(m *Message, st *styles) (*document, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	tagger, err := newLinkTagger(m.PortalBaseURL, m.Campaign)
	if err != nil {
		return nil, err
	}
	links := &linkTransformer{tagger: tagger}
	charts := &chartTransformer{}
	net := &networkTransformer{}
	md := goldmark.New(goldmark.WithExtensions(
		extension.Table, extension.Strikethrough, extension.Linkify,
		&emailExtension{links: links, charts: charts, net: net, styles: st, chart: newChartOptions(m), lang: m.Lang},
	))
	root := md.Parser().Parse(text.NewReader(m.Markdown))
	if len(links.missingAlt) > 0 || len(charts.errs) > 0 || len(net.errs) > 0 {
		var errs []error
		for _, e := range links.missingAlt {
			errs = append(errs, e)
		}
		for _, e := range charts.errs {
			errs = append(errs, e)
		}
		for _, e := range net.errs {
			errs = append(errs, e)
		}
		return nil, errors.Join(errs...)
	}
	return &document{md: md, root: root, source: m.Markdown, tagger: tagger}, nil
}
