package email

import (
	"errors"

	"github.com/contratto/portal/newsletter/networkblock"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A fenced code block whose info string is "network" holds the partners' news (syntax:
// newsletter/networkblock). The network transformer replaces each one with a list built
// node by node, whose texts are raw strings: a partner's words are escaped and shown as
// they are, never read as Markdown or HTML. Each item is a list item: the title linked
// to the original, then the partner and the date, then the summary; the title and the
// summary carry their language (lang) when it is not the issue's.

// langAttr is the attribute that marks an item's language.
var langAttr = []byte("lang")

// networkTransformer is the AST transformer that turns network blocks into lists.
type networkTransformer struct {
	errs []*BlockError
}

var _ parser.ASTTransformer = (*networkTransformer)(nil)

// Transform implements parser.ASTTransformer.
func (t *networkTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	for _, b := range fencedBlocks(doc, reader.Source(), networkblock.Info) {
		items, err := networkblock.Parse(b.text)
		if err != nil {
			line, msg := 0, err.Error()
			var e *networkblock.Error
			if errors.As(err, &e) {
				line, msg = e.Line, e.Msg
			}
			t.errs = append(t.errs, &BlockError{Block: "network", Line: b.fence + line, Msg: msg})
			continue
		}
		b.node.Parent().ReplaceChild(b.node.Parent(), b.node, networkList(items))
	}
}

// networkList is the list of a network block's items.
func networkList(items []networkblock.Item) *ast.List {
	list := ast.NewList('-')
	list.IsTight = true
	for _, it := range items {
		li := ast.NewListItem(2)
		title := ast.NewParagraph()
		link := ast.NewLink()
		link.Destination = []byte(it.Link)
		link.AppendChild(link, raw(it.Title))
		title.AppendChild(title, link)
		markLang(title, it.Lang)
		li.AppendChild(li, title)

		source := it.Partner
		if it.Date != "" {
			source += " · " + it.Date
		}
		line := ast.NewParagraph()
		em := ast.NewEmphasis(1)
		em.AppendChild(em, raw(source))
		line.AppendChild(line, em)
		li.AppendChild(li, line)

		if it.Summary != "" {
			summary := ast.NewParagraph()
			summary.AppendChild(summary, raw(it.Summary))
			markLang(summary, it.Lang)
			li.AppendChild(li, summary)
		}
		list.AppendChild(list, li)
	}
	return list
}

// markLang marks a paragraph of the partner's own words with their language, when it is
// not the issue's; the partner's name and the date stay in the language.
func markLang(p *ast.Paragraph, lang string) {
	if lang != "" {
		p.SetAttribute(langAttr, []byte(lang))
	}
}

// raw is a text node written as it is: HTML-escaped, with no entity or backslash read.
func raw(s string) *ast.String {
	n := ast.NewString([]byte(s))
	n.SetRaw(true)
	return n
}
