package feedlinttest

import (
	"strconv"
	"strings"
)

// Elements RSS 2.0 defines, without a namespace.
var (
	rssChannelElements = wordSet(`title link description language copyright managingEditor
		webMaster pubDate lastBuildDate category generator docs cloud ttl image rating
		textInput skipHours skipDays item`)
	rssItemElements = wordSet(`title link description author category comments enclosure
		guid pubDate source`)
	// rssMetadata are the channel elements that must come before the items.
	rssMetadata = wordSet(`title link description language copyright managingEditor
		webMaster pubDate lastBuildDate category generator docs cloud ttl image textInput
		skipHours skipDays`)
	// Extension elements the validator knows in an RSS channel or item.
	rssChannelAtom = wordSet(`author category contributor generator id icon link logo title subtitle rights updated`)
	rssItemAtom    = wordSet(`id link title summary author contributor content published updated`)
	dublinCore     = wordSet(`title creator subject description publisher contributor date type format identifier source language relation coverage rights`)
)

// checkRSS checks an <rss> document.
func checkRSS(c *checker, rss *node) {
	version, ok := rss.attr("version")
	switch {
	case !ok:
		c.errorf(rss.start, "MissingAttribute", "Missing rss attribute: version")
		version = "2.0"
	case version != "0.91" && version != "0.92" && version != "2.0":
		c.errorf(rss.start, "InvalidRSSVersion", "Invalid RSS Version: %q", version)
	}
	channels := rss.children("", "channel")
	if len(channels) == 0 {
		c.errorf(rss.start, "MissingElement", "Missing rss element: channel")
	}
	checkNoDuplicates(c, rss, "", "channel")
	for _, k := range rss.kids {
		if !k.is("", "channel") && k.space == "" {
			unknownChild(c, rss, k)
		}
	}
	for _, ch := range channels {
		checkChannel(c, ch, version)
	}
}

// checkChannel checks an RSS channel and its items.
func checkChannel(c *checker, ch *node, version string) {
	checkChannelRequired(c, ch)
	checkChannelLanguage(c, ch)
	if version == "2.0" {
		checkAtomSelfLink(c, ch)
	}
	checkMisplacedItems(c, ch)
	checkNoDuplicates(c, ch, "", "title", "link", "description", "language", "copyright",
		"managingEditor", "webMaster", "pubDate", "lastBuildDate", "generator", "docs",
		"cloud", "ttl", "image", "textInput", "skipHours", "skipDays")
	checkDuplicateSemantics(c, ch, "DuplicateSemantics", "A channel", [][2]string{
		{"managingEditor", "dc:creator"}, {"webMaster", "dc:publisher"}, {"pubDate", "dc:date"},
		{"language", "dc:language"}, {"copyright", "dc:rights"}, {"category", "dc:subject"},
		{"lastBuildDate", "dcterms:modified"}, {"generator", "admin:generatorAgent"},
	})
	for _, k := range ch.kids {
		checkChannelChild(c, ch, k)
	}
	checkGuidsUnique(c, ch)
	for _, it := range ch.children("", "item") {
		checkItem(c, it, version)
	}
}

// checkChannelRequired is MissingTitle, MissingLink and MissingDescription
// (errors).
func checkChannelRequired(c *checker, ch *node) {
	for _, req := range []struct{ rule, element string }{
		{"MissingTitle", "title"}, {"MissingLink", "link"}, {"MissingDescription", "description"},
	} {
		if ch.child("", req.element) == nil {
			c.errorf(ch.start, req.rule, "Missing channel element: %s", req.element)
		}
	}
}

// checkChannelLanguage is MissingDCLanguage (recommendation): a channel
// should say its language, with <language>, dc:language or xml:lang.
func checkChannelLanguage(c *checker, ch *node) {
	if ch.child("", "language") == nil && ch.child(dcNS, "language") == nil && ch.lang == "" {
		checkMissingLanguage(c, ch, "language")
	}
}

// checkAtomSelfLink is MissingAtomSelfLink (warning): an RSS 2.0 channel
// should carry <atom:link rel="self"> with its own URL.
func checkAtomSelfLink(c *checker, ch *node) {
	for _, l := range ch.children(atomNS, "link") {
		if rel, _ := l.attr("rel"); rel == "self" {
			return
		}
	}
	c.warnf(ch.start, "MissingAtomSelfLink", `Missing atom:link with rel="self"`)
}

// checkMisplacedItems is MisplacedItem (warning): channel metadata after the
// first item.
func checkMisplacedItems(c *checker, ch *node) {
	var firstItem *node
	for _, k := range ch.kids {
		switch {
		case k.is("", "item"):
			if firstItem == nil {
				firstItem = k
			}
		case firstItem != nil && (k.space == "" && rssMetadata[k.local] || k.is(atomNS, "link")):
			c.warnf(firstItem.start, "MisplacedItem", "Misplaced Item: channel element %s comes after the first item", k.name())
			return
		}
	}
}

// checkChannelChild checks one child element of a channel.
func checkChannelChild(c *checker, ch, k *node) {
	switch k.space {
	case "":
		if !rssChannelElements[k.local] {
			unknownChild(c, ch, k)
			return
		}
	case atomNS:
		if !rssChannelAtom[k.local] {
			unknownChild(c, ch, k)
			return
		}
	case dcNS:
		if !dublinCore[k.local] {
			unknownChild(c, ch, k)
			return
		}
	}
	switch {
	case k.is("", "title"):
		checkNotBlank(c, k)
		checkPlainText(c, k, "ContainsHTML", true)
	case k.is("", "description"), k.is("", "copyright"), k.is("", "category"):
		checkPlainText(c, k, "ContainsHTML", true)
	case k.is("", "link"), k.is("", "docs"), k.is(atomNS, "id"):
		checkFullURI(c, k, k.value())
	case k.is("", "language"), k.is(dcNS, "language"):
		checkLanguage(c, k.start, k.name(), k.value())
	case k.is("", "pubDate"), k.is("", "lastBuildDate"):
		checkRFC822(c, k)
	case k.is(atomNS, "updated"):
		checkRFC3339(c, k)
	case k.is("", "managingEditor"), k.is("", "webMaster"):
		checkEmailWithName(c, k)
	case k.is("", "textInput"):
		c.warnf(k.start, "AvoidTextInput", "Avoid Text Input")
	case k.is(atomNS, "link"):
		checkAtomLink(c, k)
	}
}

// checkGuidsUnique is DuplicateValue (error): two items with one guid.
func checkGuidsUnique(c *checker, ch *node) {
	seen := map[string]bool{}
	for _, it := range ch.children("", "item") {
		for _, g := range it.children("", "guid") {
			v := g.value()
			if v == "" {
				continue
			}
			if seen[v] {
				c.errorf(g.start, "DuplicateValue", "guid values must not be duplicated within a feed: %q", v)
			}
			seen[v] = true
		}
	}
}

// checkItem checks one RSS item.
func checkItem(c *checker, it *node, version string) {
	if it.child("", "title") == nil && it.child("", "description") == nil {
		c.errorf(it.start, "ItemMustContainTitleOrDescription", "item must contain either title or description")
	}
	if it.child("", "guid") == nil && strings.HasPrefix(version, "2.") {
		c.warnf(it.start, "MissingGuid", "item should contain a guid element")
	}
	checkNoDuplicates(c, it, "", "title", "link", "description", "author", "comments", "guid", "pubDate", "source")
	checkNoDuplicates(c, it, contentNS, "encoded")
	if encl := it.children("", "enclosure"); len(encl) > 1 {
		c.warnf(encl[1].start, "DuplicateEnclosure", "item contains more than one enclosure")
	}
	checkDuplicateSemantics(c, it, "DuplicateItemSemantics", "An item", [][2]string{
		{"author", "dc:creator"}, {"pubDate", "dc:date"}, {"pubDate", "atom:published"},
		{"guid", "atom:id"}, {"category", "dc:subject"}, {"source", "dc:source"},
	})
	sawDescription := false
	for _, k := range it.kids {
		switch k.space {
		case "":
			if !rssItemElements[k.local] {
				unknownChild(c, it, k)
				continue
			}
		case atomNS:
			if !rssItemAtom[k.local] {
				unknownChild(c, it, k)
				continue
			}
		case dcNS:
			if !dublinCore[k.local] {
				unknownChild(c, it, k)
				continue
			}
		}
		switch {
		case k.is("", "title"):
			checkNotBlank(c, k)
			checkPlainText(c, k, "ContainsHTML", true)
		case k.is("", "category"), k.is("", "source"):
			checkPlainText(c, k, "ContainsHTML", true)
			if k.local == "source" {
				checkSourceURL(c, k)
			}
		case k.is("", "link"), k.is("", "comments"), k.is(atomNS, "id"):
			checkFullURI(c, k, k.value())
		case k.is("", "description"):
			sawDescription = true
			checkHTML(c, k.start, "description", k.text, true)
		case k.is(contentNS, "encoded"):
			if !sawDescription {
				c.warnf(k.start, "NeedDescriptionBeforeContent", "Ensure description precedes content:encoded")
			}
			checkHTML(c, k.start, "content:encoded", k.text, true)
		case k.is("", "author"):
			checkEmailWithName(c, k)
		case k.is("", "guid"):
			checkGuid(c, k)
		case k.is("", "pubDate"):
			checkRFC822(c, k)
		case k.is(atomNS, "published"), k.is(atomNS, "updated"):
			checkRFC3339(c, k)
		case k.is("", "enclosure"):
			checkEnclosure(c, k)
		case k.is(atomNS, "link"):
			checkAtomLink(c, k)
		}
	}
}

// checkGuid applies the validator's rules to an RSS guid: a guid is a
// permalink unless isPermaLink="false", and a permalink must be a full URL
// (InvalidHttpGUID, error) that is not a tag: or urn:uuid: URI
// (InvalidPermalink, error); a short all-digit guid is NotSufficientlyUnique
// (warning); an empty one is NotBlank (warning).
func checkGuid(c *checker, g *node) {
	v := g.value()
	if !checkNotBlank(c, g) {
		return
	}
	permalink := true
	if p, ok := g.attr("isPermaLink"); ok {
		if p != "true" && p != "false" {
			c.errorf(g.start, "InvalidBooleanAttribute", "isPermaLink attribute of guid must be 'true' or 'false', not %q", p)
		}
		permalink = p == "true"
	}
	switch {
	case permalink:
		msg := `guid must be a full URL, unless isPermaLink attribute is false`
		if sev, rule, detail := uriProblem(v, true, "InvalidHttpGUID", msg); rule != "" {
			c.add(g.start, sev, rule, "%s", detail)
			return
		}
		if lv := strings.ToLower(v); strings.HasPrefix(lv, "tag:") || strings.HasPrefix(lv, "urn:uuid:") {
			c.errorf(g.start, "InvalidPermalink", "%s: %q is not a URL a reader can open; add isPermaLink=\"false\"", msg, v)
		}
	case len(v) < 9 && isDigits(v):
		c.warnf(g.start, "NotSufficientlyUnique", "The specified guid is not sufficiently unique: %q", v)
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// checkEnclosure applies the validator's rules to an RSS enclosure: url
// must be a full http(s) URL (InvalidURLAttribute, error), length a
// non-negative integer and type a media type (MissingAttribute and friends,
// errors; UseZeroForUnknown for a length of -1).
func checkEnclosure(c *checker, e *node) {
	if l, ok := e.attr("length"); !ok {
		c.errorf(e.start, "MissingAttribute", "Missing enclosure attribute: length")
	} else if n, err := strconv.Atoi(l); err != nil {
		c.errorf(e.start, "InvalidIntegerAttribute", "length attribute of enclosure must be a positive integer: %q", l)
	} else if n == -1 {
		c.errorf(e.start, "UseZeroForUnknown", "Use zero for unknown length")
	} else if n < 0 {
		c.errorf(e.start, "InvalidNonNegativeInteger", "length must be a non-negative integer: %q", l)
	}
	if t, ok := e.attr("type"); !ok {
		c.errorf(e.start, "MissingAttribute", "Missing enclosure attribute: type")
	} else if !mimeType.MatchString(t) {
		c.errorf(e.start, "InvalidMIMEAttribute", "type attribute of enclosure must be a valid MIME type: %q", t)
	}
	if u, ok := e.attr("url"); !ok {
		c.errorf(e.start, "MissingAttribute", "Missing enclosure attribute: url")
	} else if !httpURL.MatchString(u) || !uriFull.MatchString(u) {
		c.errorf(e.start, "InvalidURLAttribute", "url must be a full URL: %q", u)
	}
}

// checkSourceURL: an item's source needs a url attribute holding a full URL.
func checkSourceURL(c *checker, s *node) {
	u, ok := s.attr("url")
	if !ok {
		c.errorf(s.start, "MissingAttribute", "Missing source attribute: url")
		return
	}
	if sev, rule, msg := uriProblem(u, true, "InvalidFullLink", "url must be a full and valid URL"); rule != "" {
		c.add(s.start, sev, rule, "%s", msg)
	}
}
