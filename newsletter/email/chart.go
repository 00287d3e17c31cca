package email

import (
	"errors"
	"fmt"
	"strings"

	"github.com/contratto/portal/newsletter/chartblock"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A fenced code block whose info string is "chart" is the newsletter's small
// bar chart (syntax: newsletter/chartblock). The chart transformer replaces
// each one with a chartNode; the HTML renderer draws it as a table of bars
// (chart_html.go), the text renderer as a column of text bars (chart_text.go).

// BlockError reports a malformed chart or network block.
type BlockError struct {
	Block string // "chart" or "network", the block's info string
	Line  int    // 1-based line in the Markdown
	Msg   string // what is wrong, as newsletter/chartblock or newsletter/networkblock words it
}

func (e *BlockError) Error() string { return fmt.Sprintf("markdown:%d: %s", e.Line, e.Problem()) }

// Problem is the error without its position, for a caller that names the file the line
// comes from.
func (e *BlockError) Problem() string { return e.Block + " block: " + e.Msg }

// kindChart is the node kind of a parsed chart block.
var kindChart = ast.NewNodeKind("Chart")

// chartNode is a chart block, parsed.
type chartNode struct {
	ast.BaseBlock
	chart chartblock.Chart
}

// Kind implements ast.Node.
func (n *chartNode) Kind() ast.NodeKind { return kindChart }

// Dump implements ast.Node.
func (n *chartNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Title": n.chart.Title, "Bars": fmt.Sprint(len(n.chart.Bars))}, nil)
}

// chartTransformer is the AST transformer that parses chart blocks.
type chartTransformer struct {
	errs []*BlockError
}

var _ parser.ASTTransformer = (*chartTransformer)(nil)

// Transform implements parser.ASTTransformer.
func (t *chartTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	for _, b := range fencedBlocks(doc, reader.Source(), "chart") {
		c, err := chartblock.Parse(b.text)
		if err != nil {
			line, msg := 0, err.Error()
			var e *chartblock.Error
			if errors.As(err, &e) {
				line, msg = e.Line, e.Msg
			}
			t.errs = append(t.errs, &BlockError{Block: "chart", Line: b.fence + line, Msg: msg})
			continue
		}
		b.node.Parent().ReplaceChild(b.node.Parent(), b.node, &chartNode{chart: c})
	}
}

// fencedBlock is a fenced code block with its text and the line of its opening fence
// (the block's own lines follow it).
type fencedBlock struct {
	node  *ast.FencedCodeBlock
	text  string
	fence int
}

// fencedBlocks returns the fenced code blocks of doc whose info string is info.
func fencedBlocks(doc *ast.Document, source []byte, info string) []fencedBlock {
	var blocks []fencedBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		b, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering || string(b.Language(source)) != info {
			return ast.WalkContinue, nil
		}
		var text strings.Builder
		for i := 0; i < b.Lines().Len(); i++ {
			line := b.Lines().At(i)
			text.Write(line.Value(source))
		}
		fence, _ := position(source, b.Info.Segment.Start)
		blocks = append(blocks, fencedBlock{node: b, text: text.String(), fence: fence})
		return ast.WalkContinue, nil
	})
	return blocks
}

// chartOptions are what chart rendering takes from the message.
type chartOptions struct {
	format     func(int) string // a value in the language's style
	hiddenNote string           // explains "c" under a chart with a hidden bar; "" for none
}

func newChartOptions(m *Message) chartOptions {
	o := chartOptions{format: m.FormatNumber, hiddenNote: strings.TrimSpace(m.Labels.HiddenNote)}
	if o.format == nil {
		o.format = func(n int) string { return fmt.Sprint(n) }
	}
	return o
}

// shown is what a bar prints at its end: its value, or "c".
func (o chartOptions) shown(b chartblock.Bar) string {
	if b.Hidden {
		return chartblock.Hidden
	}
	return o.format(b.Value)
}

func hasHidden(c chartblock.Chart) bool {
	for _, b := range c.Bars {
		if b.Hidden {
			return true
		}
	}
	return false
}
