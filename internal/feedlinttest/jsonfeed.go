package feedlinttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	xhtml "golang.org/x/net/html"
)

// JSON Feed versions.
const (
	jsonFeed11 = "https://jsonfeed.org/version/1.1"
	jsonFeed10 = "https://jsonfeed.org/version/1"
)

// Members JSON Feed 1.1 defines; others must start with "_" (extensions).
var (
	jsonFeedMembers = wordSet(`version title home_page_url feed_url description user_comment next_url
		icon favicon author authors language expired hubs items`)
	jsonItemMembers = wordSet(`id url external_url title content_html content_text summary image
		banner_image date_published date_modified author authors tags language attachments`)
)

// jsonDoc is a parsed JSON Feed with the positions of its parts.
type jsonDoc struct {
	top       map[string]json.RawMessage
	keyPos    map[string]pos
	itemPos   []pos
	itemsList []json.RawMessage
}

// checkJSONFeed checks a JSON Feed document against the JSON Feed 1.1
// specification: what it requires is an error, what it strongly recommends
// a warning, with the XML rules' names where the problem is the same.
func checkJSONFeed(c *checker, data []byte) {
	doc, ok := parseJSONFeed(c, data)
	if !ok {
		return
	}
	checkJSONVersion(c, doc)
	checkJSONTitle(c, doc)
	checkJSONURLs(c, doc)
	checkJSONLanguage(c, "language", doc.top, doc.keyPos["language"], true)
	checkJSONAuthors(c, doc.top, doc.keyPos, "feed")
	checkJSONMembers(c, doc.top, doc.keyPos, jsonFeedMembers, "feed", pos{1, 1})
	if raw, ok := doc.top["expired"]; ok && !isJSONBool(raw) {
		c.errorf(doc.keyPos["expired"], "InvalidValue", "expired must be true or false")
	}
	checkJSONItems(c, doc)
}

// parseJSONFeed decodes data, reporting InvalidJSON (error) when it is not
// a JSON object.
func parseJSONFeed(c *checker, data []byte) (*jsonDoc, bool) {
	doc := &jsonDoc{keyPos: map[string]pos{}}
	if err := json.Unmarshal(data, &doc.top); err != nil {
		at := pos{1, 1}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at = posAt(data, int(se.Offset))
		}
		c.errorf(at, "InvalidJSON", "JSON parsing error: %v", err)
		return nil, false
	}
	if doc.top == nil {
		c.errorf(pos{1, 1}, "InvalidJSON", "a JSON Feed must be a JSON object")
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return doc, true
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		doc.keyPos[key] = posAt(data, skipJSONSpace(data, int(dec.InputOffset())-len(key)-2))
		if key != "items" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				break
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			continue
		}
		for dec.More() {
			at := posAt(data, skipJSONSpace(data, int(dec.InputOffset())))
			var raw json.RawMessage
			if dec.Decode(&raw) != nil {
				break
			}
			doc.itemPos = append(doc.itemPos, at)
			doc.itemsList = append(doc.itemsList, raw)
		}
		_, _ = dec.Token()
	}
	return doc, true
}

// posAt is the line and column of byte offset off in data.
func posAt(data []byte, off int) pos {
	off = min(max(off, 0), len(data))
	line := bytes.Count(data[:off], []byte("\n")) + 1
	return pos{line, off - bytes.LastIndexByte(data[:off], '\n')}
}

// skipJSONSpace moves off past white space and commas.
func skipJSONSpace(data []byte, off int) int {
	for off >= 0 && off < len(data) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return max(off, 0)
}

// jsonString returns m[key] as a string; present reports the key exists.
func jsonString(m map[string]json.RawMessage, key string) (s string, present, isString bool) {
	raw, ok := m[key]
	if !ok {
		return "", false, false
	}
	err := json.Unmarshal(raw, &s)
	return s, true, err == nil
}

func isJSONBool(raw json.RawMessage) bool {
	var b bool
	return json.Unmarshal(raw, &b) == nil
}

// checkJSONVersion: version is required and must name JSON Feed 1.1 (error);
// version 1.0 is valid but obsolete (ObsoleteVersion, warning).
func checkJSONVersion(c *checker, doc *jsonDoc) {
	v, present, _ := jsonString(doc.top, "version")
	switch {
	case !present:
		c.errorf(pos{1, 1}, "MissingElement", "Missing feed member: version (%q)", jsonFeed11)
	case v == jsonFeed10:
		c.warnf(doc.keyPos["version"], "ObsoleteVersion", "This feed is an obsolete version: %q (use %q)", v, jsonFeed11)
	case v != jsonFeed11:
		c.errorf(doc.keyPos["version"], "InvalidVersion", "Invalid JSON Feed version: %q (want %q)", v, jsonFeed11)
	}
}

// checkJSONTitle: the feed title is required.
func checkJSONTitle(c *checker, doc *jsonDoc) {
	switch t, present, isString := jsonString(doc.top, "title"); {
	case !present:
		c.errorf(pos{1, 1}, "MissingTitle", "Missing feed member: title")
	case !isString || strings.TrimSpace(t) == "":
		c.errorf(doc.keyPos["title"], "MissingTitle", "feed title must be a non-empty string")
	}
}

// checkJSONURLs: home_page_url and feed_url are strongly recommended
// (MissingRecommendedElement, warning); every URL must be absolute
// (RelativeURL, warning); feed_url must be where the feed is served
// (SelfDoesntMatchLocation, warning, when Options.Location is set).
func checkJSONURLs(c *checker, doc *jsonDoc) {
	for _, key := range []string{"home_page_url", "feed_url"} {
		if _, present, _ := jsonString(doc.top, key); !present {
			c.warnf(pos{1, 1}, "MissingRecommendedElement", "feed should contain %s (strongly recommended by JSON Feed 1.1)", key)
		}
	}
	checkJSONURLMembers(c, doc.top, doc.keyPos, "feed", "home_page_url", "feed_url", "next_url", "icon", "favicon")
	if fu, _, ok := jsonString(doc.top, "feed_url"); ok && c.opts.Location != "" {
		a, okA := canonicalURI(fu)
		b, okB := canonicalURI(c.opts.Location)
		if !okA || !okB || a != b {
			c.warnf(doc.keyPos["feed_url"], "SelfDoesntMatchLocation", "Self reference doesn't match document location: feed_url %q is served from %q", fu, c.opts.Location)
		}
	}
}

// checkJSONURLMembers checks that each of keys, when present, is an
// absolute URL string.
func checkJSONURLMembers(c *checker, m map[string]json.RawMessage, at map[string]pos, where string, keys ...string) {
	for _, key := range keys {
		v, present, isString := jsonString(m, key)
		if !present {
			continue
		}
		p := at[key]
		if !isString {
			c.errorf(p, "InvalidValue", "%s %s must be a string", where, key)
			continue
		}
		checkJSONURL(c, p, where+" "+key, v)
	}
}

func checkJSONURL(c *checker, p pos, what, v string) {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		c.errorf(p, "InvalidLink", "%s must be a valid URL: %q (%v)", what, v, err)
	case u.Scheme == "" || u.Host == "" && (u.Scheme == "http" || u.Scheme == "https"):
		c.warnf(p, "RelativeURL", "%s should be an absolute URL, not the relative URL %q", what, v)
	}
}

// checkJSONLanguage: language must be an RFC 5646 tag (InvalidLanguage,
// error); a feed without one draws MissingDCLanguage (recommendation).
func checkJSONLanguage(c *checker, key string, m map[string]json.RawMessage, at pos, required bool) {
	v, present, isString := jsonString(m, key)
	switch {
	case !present && required:
		c.recommendf(pos{1, 1}, "MissingDCLanguage", "feed should contain a language member")
	case !present:
	case !isString || !bcp47.MatchString(v):
		c.errorf(at, "InvalidLanguage", "language must be an RFC 5646 language tag (like \"it\" or \"pcm\"): %s", m[key])
	}
}

// bcp47 matches the common shapes of an RFC 5646 language tag.
var bcp47 = regexp.MustCompile(`^(?i:[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?|x(-[a-z0-9]{1,8})+)$`)

// checkJSONAuthors: authors must be a list of objects that each have a name,
// url or avatar (InvalidContact, error); the 1.0 "author" alone is
// deprecated in 1.1 (DeprecatedAuthor, warning).
func checkJSONAuthors(c *checker, m map[string]json.RawMessage, at map[string]pos, where string) {
	if _, ok := m["author"]; ok {
		if _, ok := m["authors"]; !ok {
			c.warnf(at["author"], "DeprecatedAuthor", `%s uses "author", deprecated in JSON Feed 1.1: use "authors", a list`, where)
		}
		checkJSONAuthor(c, at["author"], where+" author", m["author"])
	}
	raw, ok := m["authors"]
	if !ok {
		return
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		c.errorf(at["authors"], "InvalidValue", "%s authors must be a list of author objects", where)
		return
	}
	for i, a := range list {
		checkJSONAuthor(c, at["authors"], fmt.Sprintf("%s authors[%d]", where, i), a)
	}
}

func checkJSONAuthor(c *checker, p pos, what string, raw json.RawMessage) {
	var a map[string]json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil || a == nil {
		c.errorf(p, "InvalidContact", "%s must be an object", what)
		return
	}
	if _, n := a["name"]; !n {
		if _, u := a["url"]; !u {
			if _, av := a["avatar"]; !av {
				c.errorf(p, "InvalidContact", "%s needs a name, url or avatar", what)
			}
		}
	}
	for _, key := range []string{"url", "avatar"} {
		if v, present, isString := jsonString(a, key); present && isString {
			checkJSONURL(c, p, what+" "+key, v)
		}
	}
}

// checkJSONMembers: a member the specification does not define must be an
// extension, whose name starts with "_" (UnknownMember, warning).
func checkJSONMembers(c *checker, m map[string]json.RawMessage, at map[string]pos, known map[string]bool, where string, fallback pos) {
	var keys []string
	for k := range m {
		if !known[k] && !strings.HasPrefix(k, "_") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		p, ok := at[k]
		if !ok {
			p = fallback
		}
		c.warnf(p, "UnknownMember", "Undefined %s member: %q (extensions must start with \"_\")", where, k)
	}
}

// checkJSONItems checks the items list and each item.
func checkJSONItems(c *checker, doc *jsonDoc) {
	raw, ok := doc.top["items"]
	if !ok {
		c.errorf(pos{1, 1}, "MissingElement", "Missing feed member: items (an empty feed has \"items\": [])")
		return
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		c.errorf(doc.keyPos["items"], "InvalidValue", "items must be a list")
		return
	}
	seen := map[string]int{}
	for i, itemRaw := range list {
		at := doc.keyPos["items"]
		if i < len(doc.itemPos) {
			at = doc.itemPos[i]
		}
		checkJSONItem(c, i, at, itemRaw, seen)
	}
}

// checkJSONItem checks one item: id is required and unique (MissingElement,
// DuplicateValue: errors) and should be a string (warning); content_html or
// content_text is required (MissingElement, error); dates are RFC 3339
// (InvalidRFC3339Date, error); URLs are absolute and links in content_html
// too (RelativeURL, ContainsRelRef: warnings).
func checkJSONItem(c *checker, i int, at pos, raw json.RawMessage, seen map[string]int) {
	where := fmt.Sprintf("items[%d]", i)
	var it map[string]json.RawMessage
	if err := json.Unmarshal(raw, &it); err != nil || it == nil {
		c.errorf(at, "InvalidValue", "%s must be an object", where)
		return
	}
	keyAt := map[string]pos{}
	for k := range it {
		keyAt[k] = at
	}
	switch id, present, isString := jsonString(it, "id"); {
	case !present:
		c.errorf(at, "MissingElement", "Missing item member: id (%s)", where)
	case !isString:
		c.warnf(at, "InvalidValue", "%s id should be a string, not %s", where, it["id"])
		id = string(it["id"])
		fallthrough
	default:
		if first, dup := seen[id]; dup {
			c.errorf(at, "DuplicateValue", "id values must not be duplicated within a feed: %s has the id of items[%d] (%q)", where, first, id)
		} else {
			seen[id] = i
		}
	}
	html, hasHTML, _ := jsonString(it, "content_html")
	_, hasText, _ := jsonString(it, "content_text")
	if !hasHTML && !hasText {
		c.errorf(at, "MissingElement", "Missing item member: content_html or content_text (%s)", where)
	}
	if hasHTML {
		checkRelRefsInHTML(c, at, where+" content_html", html)
	}
	for _, key := range []string{"date_published", "date_modified"} {
		v, present, isString := jsonString(it, key)
		if !present {
			continue
		}
		t, msg := parseRFC3339(v)
		if !isString || msg != "" {
			c.errorf(at, "InvalidRFC3339Date", "%s %s must be an RFC-3339 date-time: %s%s", where, key, it[key], msg)
			continue
		}
		if why := implausible(c, t); why != "" {
			c.warnf(at, "ImplausibleDate", "Implausible date: %s %s %q %s", where, key, v, why)
		}
	}
	checkJSONURLMembers(c, it, keyAt, where, "url", "external_url", "image", "banner_image")
	checkJSONAuthors(c, it, keyAt, where)
	if _, ok := it["language"]; ok {
		checkJSONLanguage(c, "language", it, at, false)
	}
	checkJSONMembers(c, it, keyAt, jsonItemMembers, where, at)
}

// checkRelRefsInHTML is ContainsRelRef for HTML outside XML: links and images
// in content_html must have absolute URLs, since a JSON Feed has no base.
func checkRelRefsInHTML(c *checker, at pos, element, fragment string) {
	seen := map[string]bool{}
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			if (tok.Data == "a" && a.Key == "href" || tok.Data == "img" && a.Key == "src") && !seen[a.Val] {
				seen[a.Val] = true
				checkRelRef(c, at, element, a.Val)
			}
		}
	}
}
