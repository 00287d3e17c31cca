package feedlinttest

import (
	"net/url"
	"regexp"
	"strings"
)

// checkXMLFeed checks an RSS or Atom document.
func checkXMLFeed(c *checker, data []byte) {
	text := decodeDocument(c, data)
	for _, line := range strings.Split(text, "\n") {
		c.charRefLines = append(c.charRefLines, strings.Contains(line, "&#x"))
	}
	text = checkXMLVersion(c, text)
	root := parseXML(c, text)
	if root == nil {
		return
	}
	checkBadCharacters(c, root)
	checkXMLLangs(c, root)
	switch {
	case root.is("", "rss"):
		checkNamespaces(c, root, false)
		checkRSS(c, root)
	case root.is(atomNS, "feed"):
		checkNamespaces(c, root, true)
		checkAtom(c, root)
	case root.local == "feed" && root.space == "":
		c.errorf(root.start, "MissingNamespace", "Missing namespace for feed (Atom needs xmlns=%q)", atomNS)
	case root.is(rdfNS, "RDF"):
		c.errorf(root.start, "UnsupportedFormat", "feedlint checks RSS 2.0, Atom 1.0 and JSON Feed 1.1, not RSS 1.0 (rdf:RDF)")
	default:
		c.errorf(root.start, "UndefinedElement", "Undefined root element: %s", root.name())
	}
}

// checkLanguage is InvalidLanguage (error): the validator accepts a language
// only when its primary subtag is an ISO 639-1 or 639-2 code.
func checkLanguage(c *checker, at pos, element, value string) {
	primary, _, _ := strings.Cut(value, "-")
	if !iso639Codes[strings.ToLower(primary)] {
		c.errorf(at, "InvalidLanguage", "%s must be an ISO-639 language code: %q", element, value)
	}
}

// checkXMLLangs checks every xml:lang attribute of the document.
func checkXMLLangs(c *checker, root *node) {
	root.walk(func(n *node) {
		for _, a := range n.attrs {
			if a.space == xmlNS && a.local == "lang" && a.value != "" {
				checkLanguage(c, n.start, "xml:lang", a.value)
			}
		}
	})
}

// checkNoDuplicates is DuplicateElement (error): each element of names may
// appear once in parent.
func checkNoDuplicates(c *checker, parent *node, space string, names ...string) {
	for _, name := range names {
		if dups := parent.children(space, name); len(dups) > 1 {
			c.errorf(dups[1].start, "DuplicateElement", "%s contains more than one %s", parent.name(), dups[1].name())
		}
	}
}

// checkDuplicateSemantics is DuplicateSemantics / DuplicateItemSemantics
// (warnings): a core element and the extension element that means the same.
func checkDuplicateSemantics(c *checker, parent *node, rule, what string, pairs [][2]string) {
	for _, p := range pairs {
		core, ext := findByQName(parent, p[0]), findByQName(parent, p[1])
		if core != nil && ext != nil {
			later := core
			if ext.start.line > core.start.line {
				later = ext
			}
			c.warnf(later.start, rule, "%s should not include both %s and %s", what, p[0], p[1])
		}
	}
}

// findByQName finds the child written "prefix:local" with the validator's
// preferred prefix, or a no-namespace child "local".
func findByQName(parent *node, qname string) *node {
	prefix, local, ok := strings.Cut(qname, ":")
	if !ok {
		return parent.child("", qname)
	}
	return parent.child(preferredNamespace[prefix], local)
}

// checkNotBlank is NotBlank (warning).
func checkNotBlank(c *checker, n *node) bool {
	if n.value() == "" && len(n.kids) == 0 {
		c.warnf(n.start, "NotBlank", "%s should not be blank", n.name())
		return false
	}
	return true
}

// mimeType is the validator's grammar for a media type.
var mimeType = regexp.MustCompile(`^[^\s()<>,;:\\"/[\]?=]+/[^\s()<>,;:\\"/[\]?=]+(\s*;\s*[^\s()<>,;:\\"/[\]?=]+=("(\\"|[^"])*"|[^\s()<>,;:\\"/[\]?=]+))*$`)

// atomLinkRels are the link relations the validator knows.
var atomLinkRels = wordSet(`alternate current describedby edit edit-media enclosure first hub
	last license next next-archive payment prev-archive previous related replies search self
	service up via`)

// checkAtomLink applies the validator's rules to an Atom link element (in an
// Atom feed, or atom:link in RSS): MissingHref, InvalidMIMEType,
// InvalidLanguage (errors), UnregisteredAtomLinkRel, AtomLinkNotEmpty and
// the self-link rules (warnings).
func checkAtomLink(c *checker, n *node) (rel, typ, hreflang string) {
	rel = "alternate"
	if v, ok := n.attr("rel"); ok {
		rel = strings.TrimPrefix(v, "http://www.iana.org/assignments/relation/")
		if v == "" {
			c.warnf(n.start, "AttrNotBlank", "The rel attribute of %s should not be blank", n.name())
		} else if _, r, _ := uriProblem(rel, true, "x", "x"); !atomLinkRels[rel] && r != "" {
			c.warnf(n.start, "UnregisteredAtomLinkRel", "Unregistered link relationship: %q", rel)
		}
	}
	if v, ok := n.attr("type"); ok {
		typ = v
		if !mimeType.MatchString(v) {
			c.errorf(n.start, "InvalidMIMEType", "Not a valid MIME type: %s type=%q", n.name(), v)
		} else if rel == "self" && !selfTypes[strings.TrimSpace(strings.Split(v, ";")[0])] {
			c.warnf(n.start, "SelfNotAtom", "\"self\" link references a non-Atom representation: type=%q", v)
		}
	}
	if v, ok := n.attr("hreflang"); ok {
		hreflang = v
		checkLanguage(c, n.start, "hreflang", v)
	}
	href, ok := n.attr("href")
	if !ok {
		c.errorf(n.start, "MissingHref", "%s must have an href attribute", n.name())
	} else if sev, rule, msg := uriProblem(href, false, "InvalidIRI", "href must be a valid IRI"); rule != "" && rule != "UriNotIri" {
		c.add(n.start, sev, rule, "%s", msg)
	} else if rel == "self" && n.parent != nil && (n.parent.local == "feed" || n.parent.local == "channel") {
		checkSelfHref(c, n, href)
	}
	if strings.TrimSpace(n.text) != "" {
		c.warnf(n.start, "AtomLinkNotEmpty", "%s should not have text (all data is in attributes)", n.name())
	}
	return rel, typ, hreflang
}

var selfTypes = map[string]bool{"application/atom+xml": true, "application/rss+xml": true, "application/rdf+xml": true}

// checkSelfHref is RelativeSelf (warning) for a self link without a host,
// and SelfDoesntMatchLocation (warning) for one that is not where the feed
// is served (when Options.Location says where that is).
func checkSelfHref(c *checker, n *node, href string) {
	u, err := url.Parse(href)
	if err != nil {
		return
	}
	if u.Host == "" && !n.hasBase {
		c.warnf(n.start, "RelativeSelf", "Relative href value on self link: %q", href)
	}
	if c.opts.Location == "" {
		return
	}
	loc, err := url.Parse(c.opts.Location)
	if err != nil {
		return
	}
	abs := loc.ResolveReference(u).String()
	a, okA := canonicalURI(abs)
	b, okB := canonicalURI(c.opts.Location)
	if !okA || !okB || a != b {
		c.warnf(n.start, "SelfDoesntMatchLocation", "Self reference doesn't match document location: %q is served from %q", href, c.opts.Location)
	}
}

// checkMissingLanguage is MissingDCLanguage (recommendation).
func checkMissingLanguage(c *checker, n *node, element string) {
	c.recommendf(n.start, "MissingDCLanguage", "%s should contain a %s element", n.name(), element)
}

// unknownChild is UndefinedElement (error).
func unknownChild(c *checker, parent, n *node) {
	c.errorf(n.start, "UndefinedElement", "Undefined %s element: %s", parent.name(), n.name())
}

// xmlVersion finds the version in an XML declaration, as the validator does.
var xmlVersion = regexp.MustCompile(`^<\?\s*xml\s+version\s*=\s*['"]([-a-zA-Z0-9_.:]*)['"]`)

// checkXMLVersion is BadXmlVersion (error): only XML 1.0 is accepted. It
// returns text declared as 1.0, so that the rest can still be checked.
func checkXMLVersion(c *checker, text string) string {
	m := xmlVersion.FindStringSubmatchIndex(text)
	if m == nil || text[m[2]:m[3]] == "1.0" {
		return text
	}
	c.errorf(pos{1, m[2] + 1}, "BadXmlVersion", "Incorrect XML Version: %s", text[m[2]:m[3]])
	return text[:m[2]] + "1.0" + text[m[3]:]
}
