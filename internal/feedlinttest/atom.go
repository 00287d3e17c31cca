package feedlinttest

import (
	"strings"
)

const xhtmlNS = "http://www.w3.org/1999/xhtml"

// Elements Atom 1.0 defines in a feed, an entry and a person construct.
var (
	atomFeedElements   = wordSet(`author category contributor generator icon id link logo rights subtitle title updated entry`)
	atomEntryElements  = wordSet(`author category content contributor id link published rights source summary title updated`)
	atomPersonElements = wordSet(`name email uri`)
)

// checkAtom checks an Atom <feed> document.
func checkAtom(c *checker, feed *node) {
	checkAtomFeedMetadata(c, feed)
	checkMisplacedMetadata(c, feed)
	checkAtomTextLanguage(c, feed)
	feedAuthor := feed.child(atomNS, "author") != nil
	for _, k := range feed.kids {
		checkAtomFeedChild(c, feed, k)
	}
	entries := feed.children(atomNS, "entry")
	for _, e := range entries {
		checkEntry(c, e, feedAuthor)
	}
	checkEntryIDs(c, entries)
	checkEntryUpdates(c, entries)
}

// checkAtomFeedMetadata is MissingElement (error) for a feed without title,
// id or updated, MissingSelf (warning) for one without a self link, and
// DuplicateAtomLink (error) for two alternate links of one type and language.
func checkAtomFeedMetadata(c *checker, feed *node) {
	for _, req := range []string{"title", "id", "updated"} {
		if feed.child(atomNS, req) == nil {
			c.errorf(feed.start, "MissingElement", "Missing feed element: %s", req)
		}
	}
	self := false
	alternates := map[string]bool{}
	for _, l := range feed.children(atomNS, "link") {
		rel, typ, hreflang := checkAtomLink(c, l)
		if rel == "self" {
			self = true
		}
		if rel == "alternate" {
			key := typ + "\x00" + hreflang
			if alternates[key] {
				c.errorf(l.start, "DuplicateAtomLink", "Duplicate alternate links with the same type and hreflang (type=%q hreflang=%q)", typ, hreflang)
			}
			alternates[key] = true
		}
	}
	if !self {
		c.warnf(feed.start, "MissingSelf", `Missing atom:link with rel="self"`)
	}
	checkNoDuplicates(c, feed, atomNS, "id", "title", "subtitle", "rights", "updated", "generator", "icon", "logo")
}

// checkMisplacedMetadata is MisplacedMetadata (error): feed metadata after
// the first entry.
func checkMisplacedMetadata(c *checker, feed *node) {
	seenEntry := false
	for _, k := range feed.kids {
		if k.is(atomNS, "entry") {
			seenEntry = true
		} else if seenEntry && k.space == atomNS {
			c.errorf(k.start, "MisplacedMetadata", "%s must appear before all entries", k.name())
		}
	}
}

// checkAtomTextLanguage is MissingDCLanguage (recommendation), once per
// feed: every text construct should have an xml:lang in scope.
func checkAtomTextLanguage(c *checker, feed *node) {
	var missing *node
	feed.walk(func(n *node) {
		if missing == nil && n.space == atomNS && n.lang == "" && isTextConstruct(n) {
			missing = n
		}
	})
	if missing != nil {
		checkMissingLanguage(c, missing, "xml:lang")
	}
}

func isTextConstruct(n *node) bool {
	switch n.local {
	case "title", "subtitle", "summary", "rights", "content":
		return n.parent != nil && n.parent.space == atomNS
	}
	return false
}

// checkAtomFeedChild checks one child element of an Atom feed.
func checkAtomFeedChild(c *checker, feed, k *node) {
	switch {
	case k.space == "":
		c.warnf(k.start, "UndeterminableVocabulary", "Missing namespace for %s", k.name())
	case k.space != atomNS:
		// An extension element: allowed.
	case !atomFeedElements[k.local]:
		unknownChild(c, feed, k)
	case k.local == "id":
		checkAtomID(c, k)
	case k.local == "updated":
		checkRFC3339(c, k)
	case k.local == "title", k.local == "subtitle", k.local == "rights":
		checkTextConstruct(c, k)
	case k.local == "author", k.local == "contributor":
		checkPerson(c, k)
	case k.local == "icon", k.local == "logo":
		if checkNotBlank(c, k) {
			if sev, rule, msg := uriProblem(k.value(), false, "InvalidLink", k.name()+" must be a valid URI"); rule != "" {
				c.add(k.start, sev, rule, "%s", msg)
			}
		}
	}
}

// checkAtomID applies the validator's rules to an Atom id: it must be an
// absolute URI (InvalidFullLink, InvalidTAG…, errors) in canonical form
// (NonCanonicalURI, warning), without white space around it.
func checkAtomID(c *checker, id *node) {
	if id.text != id.value() {
		c.errorf(id.start, "UnexpectedWhitespace", "Whitespace not permitted here: %s %q", id.name(), id.text)
	}
	v := id.value()
	if !checkFullURI(c, id, v) {
		return
	}
	if canon, ok := canonicalURI(v); !ok || canon != v {
		if !ok {
			canon = "N/A"
		}
		c.warnf(id.start, "NonCanonicalURI", "Identifier %q is not in canonical form (the canonical form would be %q)", v, canon)
	}
}

// checkEntry checks one Atom entry.
func checkEntry(c *checker, e *node, feedAuthor bool) {
	for _, req := range []string{"title", "id", "updated"} {
		if e.child(atomNS, req) == nil {
			c.errorf(e.start, "MissingElement", "Missing entry element: %s", req)
		}
	}
	if !feedAuthor && e.child(atomNS, "author") == nil && !sourceHasAuthor(e) {
		c.errorf(e.start, "MissingElement", "Missing entry element: author (the feed has none)")
	}
	checkEntryContent(c, e)
	checkNoDuplicates(c, e, atomNS, "content", "id", "published", "rights", "source", "summary", "title", "updated")
	alternates := map[string]bool{}
	for _, k := range e.kids {
		switch {
		case k.space == "":
			c.warnf(k.start, "UndeterminableVocabulary", "Missing namespace for %s", k.name())
		case k.space != atomNS:
		case !atomEntryElements[k.local]:
			unknownChild(c, e, k)
		case k.local == "id":
			checkAtomID(c, k)
		case k.local == "updated", k.local == "published":
			checkRFC3339(c, k)
		case k.local == "title", k.local == "summary", k.local == "rights", k.local == "content":
			checkTextConstruct(c, k)
		case k.local == "author", k.local == "contributor":
			checkPerson(c, k)
		case k.local == "link":
			rel, typ, hreflang := checkAtomLink(c, k)
			if rel == "alternate" {
				key := typ + "\x00" + hreflang
				if alternates[key] {
					c.errorf(k.start, "DuplicateAtomLink", "Duplicate alternate links with the same type and hreflang (type=%q hreflang=%q)", typ, hreflang)
				}
				alternates[key] = true
			}
		}
	}
}

func sourceHasAuthor(e *node) bool {
	s := e.child(atomNS, "source")
	return s != nil && s.child(atomNS, "author") != nil
}

// checkEntryContent: an entry without content needs an alternate link
// (MissingContentOrAlternate, error) and should have a summary
// (MissingTextualContent, warning); content that is not text (a src
// attribute, or a binary media type) needs a summary (MissingSummary, error).
func checkEntryContent(c *checker, e *node) {
	content := e.child(atomNS, "content")
	summary := e.child(atomNS, "summary")
	if content != nil {
		if summary != nil {
			return
		}
		_, hasSrc := content.attr("src")
		typ, _ := content.attr("type")
		binary := strings.Contains(typ, "/") && !(strings.HasSuffix(typ, "+xml") || strings.HasSuffix(typ, "/xml") || strings.HasPrefix(typ, "text/"))
		if hasSrc || binary {
			c.errorf(e.start, "MissingSummary", "Missing summary")
		}
		return
	}
	if summary == nil {
		c.warnf(e.start, "MissingTextualContent", "Missing textual content")
	}
	for _, l := range e.children(atomNS, "link") {
		if rel, ok := l.attr("rel"); !ok || rel == "alternate" {
			return
		}
	}
	c.errorf(e.start, "MissingContentOrAlternate", "Missing content or alternate link")
}

// checkEntryIDs is DuplicateEntries (warning): two entries with one id. When
// more than nine entries all share it, the validator reports DuplicateIds
// (error) instead.
func checkEntryIDs(c *checker, entries []*node) {
	seen := map[string]bool{}
	var dups []*node
	for _, e := range entries {
		id := e.child(atomNS, "id")
		if id == nil || id.value() == "" {
			continue
		}
		if seen[id.value()] {
			dups = append(dups, id)
		}
		seen[id.value()] = true
	}
	if len(entries) > 9 && len(dups) == len(entries)-1 {
		c.errorf(entries[0].start, "DuplicateIds", "All entries have the same id")
		return
	}
	for _, id := range dups {
		c.warnf(id.start, "DuplicateEntries", "Two entries with the same id: %q", id.value())
	}
}

// checkEntryUpdates is DuplicateUpdated (warning): two entries with the same
// atom:updated value.
func checkEntryUpdates(c *checker, entries []*node) {
	seen := map[string]bool{}
	for _, e := range entries {
		u := e.child(atomNS, "updated")
		if u == nil || u.value() == "" {
			continue
		}
		if seen[u.value()] {
			c.warnf(u.start, "DuplicateUpdated", "Two entries with the same value for atom:updated: %q", u.value())
		}
		seen[u.value()] = true
	}
}

// checkTextConstruct applies the validator's rules to an Atom text
// construct (title, subtitle, summary, rights) or content: the type must be
// text, html or xhtml (InvalidTextType, InvalidMIMEType: errors); text must
// not hold HTML (ContainsUndeclaredHTML, warning); html is checked like RSS
// HTML; xhtml needs its xhtml:div (MissingXhtmlDiv, error).
func checkTextConstruct(c *checker, n *node) {
	isContent := n.local == "content"
	src, hasSrc := n.attr("src")
	typ := "text"
	if hasSrc {
		typ = ""
	}
	if v, ok := n.attr("type"); ok {
		typ = v
		if v == "" {
			c.warnf(n.start, "AttrNotBlank", "The type attribute of %s should not be blank", n.name())
		}
	}
	switch {
	case !isContent && strings.Contains(typ, "/"):
		c.errorf(n.start, "InvalidTextType", `type attribute must be "text", "html", or "xhtml": %s type=%q`, n.name(), typ)
		return
	case isContent && typ == "multipart/alternative":
		c.errorf(n.start, "InvalidMIMEType", "Not a valid MIME type: %s type=%q", n.name(), typ)
		return
	case (typ == "text" || typ == "html" || typ == "xhtml") && !hasSrc:
	case typ != "" && !mimeType.MatchString(typ):
		c.errorf(n.start, "InvalidMIMEType", "Not a valid MIME type: %s type=%q", n.name(), typ)
		return
	}
	if hasSrc {
		if sev, rule, msg := uriProblem(src, false, "InvalidURIAttribute", "src attribute of "+n.name()+" must be a valid URI"); rule != "" {
			c.add(n.start, sev, rule, "%s", msg)
		}
		if _, ok := n.attr("type"); !ok {
			c.warnf(n.start, "MissingTypeAttr", "Missing %s attribute: type", n.name())
		}
		return
	}
	xmlType := typ == "xhtml" || strings.HasSuffix(typ, "+xml") || strings.HasSuffix(typ, "/xml")
	if !xmlType {
		for _, k := range n.kids {
			c.errorf(k.start, "UndefinedElement", "Undefined %s element: %s", n.name(), k.name())
		}
	}
	switch {
	case typ == "xhtml":
		if len(n.kids) == 0 || !n.kids[0].is(xhtmlNS, "div") || strings.TrimSpace(n.text) != "" {
			c.errorf(n.start, "MissingXhtmlDiv", "Missing xhtml:div element in %s", n.name())
		}
		return
	case typ == "html" || strings.HasSuffix(typ, "/html"):
		checkHTML(c, n.start, n.name(), n.text, false)
	case typ == "text" || strings.HasPrefix(typ, "text/"):
		checkPlainText(c, n, "ContainsUndeclaredHTML", false)
	}
	if n.value() == "" && len(n.kids) == 0 {
		c.warnf(n.start, "NotBlank", "%s should not be blank", n.name())
	}
}

// checkPerson applies the validator's rules to an Atom person construct
// (author, contributor): a name is required (MissingElement, error) and
// should be plain text without an email address (ContainsHTML,
// ContainsEmail, warnings); email must be an address (InvalidAddrSpec,
// error).
func checkPerson(c *checker, p *node) {
	if p.child(atomNS, "name") == nil {
		c.errorf(p.start, "MissingElement", "Missing %s element: name", p.name())
	}
	checkNoDuplicates(c, p, atomNS, "name", "email", "uri")
	for _, k := range p.kids {
		switch {
		case k.space != atomNS:
		case !atomPersonElements[k.local]:
			unknownChild(c, p, k)
		case k.local == "name":
			if checkNotBlank(c, k) {
				checkPlainText(c, k, "ContainsHTML", false)
				if strings.Contains(k.value(), "<") && emailInBrackets(k.value()) {
					c.warnf(k.start, "ContainsEmail", "name should not include email address: %q", k.value())
				}
			}
		case k.local == "email":
			if !emailAddr.MatchString(k.value()) {
				c.errorf(k.start, "InvalidAddrSpec", "email must be an email address: %q", k.value())
			}
		case k.local == "uri":
			if checkNotBlank(c, k) {
				if sev, rule, msg := uriProblem(k.value(), false, "InvalidIRI", "uri must be a valid IRI"); rule != "" && rule != "UriNotIri" {
					c.add(k.start, sev, rule, "%s", msg)
				}
			}
		}
	}
}

// emailInBrackets finds "<address>" in a name, as the validator's nonemail.
func emailInBrackets(s string) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			return false
		}
		if emailAddr.MatchString(s[:j]) {
			return true
		}
	}
}
