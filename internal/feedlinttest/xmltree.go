package feedlinttest

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The XML namespaces feedlint knows by heart.
const (
	xmlNS     = "http://www.w3.org/XML/1998/namespace"
	atomNS    = "http://www.w3.org/2005/Atom"
	dcNS      = "http://purl.org/dc/elements/1.1/"
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	rdfNS     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
)

// node is one element of the parsed document.
type node struct {
	space, local, prefix string // resolved namespace URI, local name, prefix as written
	attrs                []attr
	ns                   []nsDecl // namespace declarations made on this element
	kids                 []*node
	parent               *node
	text                 string // character data directly inside the element
	start                pos    // end of the start tag
	endLine              int    // line of the end tag
	lang                 string // xml:lang in scope, "" if none
	hasBase              bool   // an xml:base is in scope
}

type attr struct{ space, local, value string }

type nsDecl struct {
	prefix, uri string
	at          pos
}

// name is the element's name as a message shows it: "title", "atom:link".
func (n *node) name() string {
	if n.prefix != "" {
		return n.prefix + ":" + n.local
	}
	return n.local
}

// is reports whether n is the element space:local.
func (n *node) is(space, local string) bool { return n.space == space && n.local == local }

// attr returns the value of the un-namespaced attribute local.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.space == "" && a.local == local {
			return a.value, true
		}
	}
	return "", false
}

// child returns the first child element space:local, or nil.
func (n *node) child(space, local string) *node {
	for _, k := range n.kids {
		if k.is(space, local) {
			return k
		}
	}
	return nil
}

// children returns every child element space:local.
func (n *node) children(space, local string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.is(space, local) {
			out = append(out, k)
		}
	}
	return out
}

// value is the element's text with surrounding white space removed, as the
// validator compares it.
func (n *node) value() string { return strings.TrimSpace(n.text) }

// walk calls fn for n and every element below it, in document order.
func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// parseXML builds the element tree of text (already UTF-8), resolving
// namespace prefixes itself so that an undeclared prefix can be reported.
// It reports a malformed document as SAXError and returns nil then.
func parseXML(c *checker, text string) *node {
	d := xml.NewDecoder(strings.NewReader(text))
	d.Strict = true
	// The bytes were decoded to UTF-8 already, whatever the declaration says.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }

	var root *node
	var stack []*node
	scopes := []map[string]string{{"xml": xmlNS}}
	saxError := func(msg string) *node {
		line, col := d.InputPos()
		c.errorf(pos{line, col}, "SAXError", "XML parsing error: %s", msg)
		return nil
	}
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return saxError(se.Msg)
			}
			return saxError(err.Error())
		}
		line, col := d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return saxError("junk after document element")
			}
			n := &node{local: t.Name.Local, prefix: t.Name.Space, start: pos{line, col}}
			scope := make(map[string]string, len(scopes[len(scopes)-1]))
			for k, v := range scopes[len(scopes)-1] {
				scope[k] = v
			}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope[""] = a.Value
					n.ns = append(n.ns, nsDecl{"", a.Value, n.start})
				case a.Name.Space == "xmlns":
					scope[a.Name.Local] = a.Value
					n.ns = append(n.ns, nsDecl{a.Name.Local, a.Value, n.start})
				}
			}
			scopes = append(scopes, scope)
			if uri, ok := scope[n.prefix]; ok {
				n.space = uri
			} else if n.prefix != "" {
				c.errorf(n.start, "MissingNamespace", "Missing namespace for %s", n.name())
			}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				at := attr{local: a.Name.Local, value: a.Value}
				if a.Name.Space != "" {
					if uri, ok := scope[a.Name.Space]; ok {
						at.space = uri
					} else {
						c.errorf(n.start, "MissingNamespace", "Missing namespace for %s:%s", a.Name.Space, a.Name.Local)
						at.space = a.Name.Space
					}
				}
				n.attrs = append(n.attrs, at)
			}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
				n.parent.kids = append(n.parent.kids, n)
				n.lang, n.hasBase = n.parent.lang, n.parent.hasBase
			} else {
				root = n
			}
			for _, a := range n.attrs {
				if a.space == xmlNS && a.local == "lang" {
					n.lang = a.value
				}
				if a.space == xmlNS && a.local == "base" {
					n.hasBase = true
				}
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return saxError("unexpected end element </" + t.Name.Local + ">")
			}
			n := stack[len(stack)-1]
			if t.Name.Local != n.local || t.Name.Space != n.prefix {
				return saxError("element <" + n.name() + "> closed by </" + qualified(t.Name) + ">")
			}
			n.endLine = line
			stack = stack[:len(stack)-1]
			scopes = scopes[:len(scopes)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			} else if strings.TrimSpace(string(t)) != "" {
				return saxError("text outside the document element")
			}
		}
	}
	if len(stack) > 0 {
		return saxError("unexpected end of file: <" + stack[len(stack)-1].name() + "> is not closed")
	}
	if root == nil {
		return saxError("no element found")
	}
	return root
}

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
