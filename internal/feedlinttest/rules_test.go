package feedlinttest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Minimal valid documents, from which each case below changes one thing.
const (
	rssMeta = `<title>ConTratTo</title>
<link>https://example.org/</link>
<description>Newsletter</description>
<language>it</language>
<atom:link href="https://example.org/index.xml" rel="self" type="application/rss+xml"/>`
	rssItem = `<item>
<title>Giugno 2012</title>
<link>https://example.org/2012-06/</link>
<description>Le novità del mese</description>
<guid isPermaLink="false">tag:example.org,2012:2012-06</guid>
<pubDate>Sat, 30 Jun 2012 08:00:00 +0000</pubDate>
</item>`
	atomMeta = `<title>ConTratTo</title>
<id>https://example.org/</id>
<updated>2012-06-30T08:00:00Z</updated>
<link href="https://example.org/" rel="alternate" type="text/html"/>
<link href="https://example.org/atom.xml" rel="self" type="application/atom+xml"/>
<author><name>ConTratTo</name></author>`
	atomEntry = `<entry>
<title>Giugno 2012</title>
<id>tag:example.org,2012:2012-06</id>
<updated>2012-06-30T08:00:00Z</updated>
<link href="https://example.org/2012-06/" rel="alternate" type="text/html"/>
<summary>Le novità del mese</summary>
</entry>`
	jsonGood = `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "ConTratTo",
  "home_page_url": "https://example.org/",
  "feed_url": "https://example.org/feed.json",
  "language": "it",
  "authors": [{"name": "ConTratTo"}],
  "items": [
    {
      "id": "tag:example.org,2012:2012-06",
      "url": "https://example.org/2012-06/",
      "title": "Giugno 2012",
      "content_html": "<p>Le <a href=\"https://example.org/aiuto/\">novità</a></p>",
      "date_published": "2012-06-30T08:00:00Z"
    }
  ]
}`
)

// rss builds an RSS 2.0 document from channel metadata and items.
func rss(meta, items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
` + meta + "\n" + items + `
</channel>
</rss>
`
}

// atom builds an Atom 1.0 document from feed metadata and entries.
func atom(meta, entries string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">
` + meta + "\n" + entries + `
</feed>
`
}

// rssItemWith is rssItem with one line replaced (or added before </item>).
func rssItemWith(old, new string) string {
	if old == "" {
		return strings.Replace(rssItem, "</item>", new+"\n</item>", 1)
	}
	return strings.Replace(rssItem, old, new, 1)
}

func atomEntryWith(old, new string) string {
	if old == "" {
		return strings.Replace(atomEntry, "</entry>", new+"\n</entry>", 1)
	}
	return strings.Replace(atomEntry, old, new, 1)
}

func with(doc, old, new string) string {
	if !strings.Contains(doc, old) {
		panic(fmt.Sprintf("test case: %q is not in the document", old))
	}
	return strings.Replace(doc, old, new, 1)
}

type ruleCase struct {
	rule      string
	severity  Severity
	bad, good string
	opts      Options
}

var (
	goodRSS  = rss(rssMeta, rssItem)
	goodAtom = atom(atomMeta, atomEntry)
)

// ruleCases hold, for each rule, a feed that breaks it and one that keeps
// it, mostly after the examples in the W3C validator's documentation.
var ruleCases = []ruleCase{
	// The document and its encoding.
	{"SAXError", Error, strings.Replace(goodRSS, "</channel>", "", 1), goodRSS, Options{}},
	{"BadXmlVersion", Error, strings.Replace(goodRSS, `version="1.0"`, `version="1.1"`, 1), goodRSS, Options{}},
	{"UnicodeError", Error, strings.Replace(goodRSS, "novità", "novit\xe0", 1), goodRSS, Options{}},
	{"UnicodeError", Error, "\xEF\xBB\xBF" + strings.Replace(goodRSS, "UTF-8", "ISO-8859-1", 1), "\xEF\xBB\xBF" + goodRSS, Options{}},
	{"EncodingMismatch", Warning, goodRSS, goodRSS, Options{Charset: "ISO-8859-1"}},
	{"ObscureEncoding", Warning, strings.Replace(goodRSS, "UTF-8", "ISO-8859-9", 1), goodRSS, Options{}},
	{"NonstdEncoding", Recommendation, strings.Replace(goodRSS, "UTF-8", "ISO-8859-1", 1), goodRSS, Options{}},
	{"UnknownEncoding", Error, strings.Replace(goodRSS, "UTF-8", "X-NO-SUCH-CHARSET", 1), goodRSS, Options{}},
	{"MissingEncoding", Recommendation, strings.TrimPrefix(goodRSS, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"), goodRSS, Options{}},
	{"BadCharacters", Warning, strings.Replace(goodRSS, "novità", "novitÃ\u00a0", 1), goodRSS, Options{}},
	{"BadCharacters", Warning, strings.Replace(goodRSS, "novità", "novit\u0085", 1), goodRSS, Options{}},

	// Namespaces and vocabulary.
	{"UnknownNamespace", Warning, rss(rssMeta, rssItemWith("", `<foo:tag xmlns:foo="http://example.org/ns/">x</foo:tag>`)), goodRSS, Options{}},
	{"ReservedPrefix", Warning, rss(rssMeta, rssItemWith("", `<dc:x xmlns:dc="http://example.org/dc">x</dc:x>`)), goodRSS, Options{}},
	{"NonstdPrefix", Recommendation, rss(rssMeta, rssItemWith("", `<dublin:creator xmlns:dublin="http://purl.org/dc/elements/1.1/">x</dublin:creator>`)), goodRSS, Options{}},
	{"MissingNamespace", Error, rss(rssMeta, rssItemWith("", `<foo:tag>x</foo:tag>`)), goodRSS, Options{}},
	{"UndefinedElement", Error, rss(rssMeta+"\n<editor>x</editor>", rssItem), goodRSS, Options{}},
	{"UndefinedElement", Error, rss(rssMeta, rssItemWith("", `<dc:author>x</dc:author>`)), rss(rssMeta, rssItemWith("", `<dc:creator>x</dc:creator>`)), Options{}},
	{"AvoidNamespacePrefix", Warning, strings.NewReplacer(`<feed xmlns="http://www.w3.org/2005/Atom"`, `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"`, `</feed>`, `</atom:feed>`).Replace(atom(strings.ReplaceAll(strings.ReplaceAll(atomMeta, "<", "<atom:"), "<atom:/", "</atom:"), "")), atom(atomMeta, ""), Options{}},
	{"UndeterminableVocabulary", Warning, atom(atomMeta, atomEntryWith("", `<extra xmlns="">x</extra>`)), goodAtom, Options{}},

	// RSS channel.
	{"InvalidRSSVersion", Error, strings.Replace(goodRSS, `<rss version="2.0"`, `<rss version="3.0"`, 1), goodRSS, Options{}},
	{"MissingTitle", Error, rss(with(rssMeta, "<title>ConTratTo</title>", ""), rssItem), goodRSS, Options{}},
	{"MissingLink", Error, rss(with(rssMeta, "<link>https://example.org/</link>", ""), rssItem), goodRSS, Options{}},
	{"MissingDescription", Error, rss(with(rssMeta, "<description>Newsletter</description>", ""), rssItem), goodRSS, Options{}},
	{"MissingDCLanguage", Recommendation, rss(with(rssMeta, "<language>it</language>", ""), rssItem), goodRSS, Options{}},
	{"InvalidLanguage", Error, rss(with(rssMeta, "<language>it</language>", "<language>pcm</language>"), rssItem), rss(with(rssMeta, "<language>it</language>", "<language>cpe-NG</language>"), rssItem), Options{}},
	{"MissingAtomSelfLink", Warning, rss(with(rssMeta, `<atom:link href="https://example.org/index.xml" rel="self" type="application/rss+xml"/>`, ""), rssItem), goodRSS, Options{}},
	{"RelativeSelf", Warning, rss(with(rssMeta, `href="https://example.org/index.xml"`, `href="/index.xml"`), rssItem), goodRSS, Options{}},
	{"SelfDoesntMatchLocation", Warning, goodRSS, goodRSS, Options{Location: "https://example.org/news/index.xml"}},
	{"SelfNotAtom", Warning, rss(with(rssMeta, `type="application/rss+xml"`, `type="text/html"`), rssItem), goodRSS, Options{}},
	{"MisplacedItem", Warning, rss(with(rssMeta, "<language>it</language>", ""), rssItem+"\n<language>it</language>"), goodRSS, Options{}},
	{"DuplicateElement", Error, rss(rssMeta+"\n<title>Again</title>", rssItem), goodRSS, Options{}},
	{"DuplicateSemantics", Warning, rss(rssMeta+"\n<managingEditor>news@example.org (ConTratTo)</managingEditor>\n<dc:creator>ConTratTo</dc:creator>", rssItem), rss(rssMeta+"\n<dc:creator>ConTratTo</dc:creator>", rssItem), Options{}},
	{"ContainsHTML", Warning, rss(with(rssMeta, "<title>ConTratTo</title>", "<title>Hello &lt;b&gt;World&lt;/b&gt;</title>"), rssItem), goodRSS, Options{}},
	{"CharacterData", Warning, rss(with(rssMeta, "<title>ConTratTo</title>", "<title>Salute &lt;e&gt; diritti</title>"), rssItem), rss(with(rssMeta, "<title>ConTratTo</title>", "<title>Salute &#x3C;e&#x3E; diritti</title>"), rssItem), Options{}},
	{"NotBlank", Warning, rss(with(rssMeta, "<title>ConTratTo</title>", "<title></title>"), rssItem), goodRSS, Options{}},
	{"InvalidContact", Error, rss(rssMeta+"\n<managingEditor>Joe Bloggs</managingEditor>", rssItem), rss(rssMeta+"\n<managingEditor>joe@example.org (Joe Bloggs)</managingEditor>", rssItem), Options{}},
	{"MissingRealName", Warning, rss(rssMeta+"\n<webMaster>joe@example.org</webMaster>", rssItem), rss(rssMeta+"\n<webMaster>joe@example.org (Joe Bloggs)</webMaster>", rssItem), Options{}},
	{"EmailFormat", Warning, rss(rssMeta+"\n<webMaster>Joe Bloggs joe@example.org</webMaster>", rssItem), rss(rssMeta+"\n<webMaster>joe@example.org (Joe Bloggs)</webMaster>", rssItem), Options{}},
	{"AvoidTextInput", Warning, rss(rssMeta+"\n<textInput><title>t</title><description>d</description><name>n</name><link>https://example.org/s</link></textInput>", rssItem), goodRSS, Options{}},

	// RSS items.
	{"ItemMustContainTitleOrDescription", Error, rss(rssMeta, with(with(rssItem, "<title>Giugno 2012</title>", ""), "<description>Le novità del mese</description>", "")), goodRSS, Options{}},
	{"MissingGuid", Warning, rss(rssMeta, rssItemWith(`<guid isPermaLink="false">tag:example.org,2012:2012-06</guid>`, "")), goodRSS, Options{}},
	{"DuplicateValue", Error, rss(rssMeta, rssItem+"\n"+rssItemWith("<link>https://example.org/2012-06/</link>", "<link>https://example.org/2012-07/</link>")), goodRSS, Options{}},
	{"InvalidHttpGUID", Error, rss(rssMeta, rssItemWith(`<guid isPermaLink="false">tag:example.org,2012:2012-06</guid>`, `<guid>issue-2012-06</guid>`)), rss(rssMeta, rssItemWith(`<guid isPermaLink="false">tag:example.org,2012:2012-06</guid>`, `<guid isPermaLink="false">issue-2012-06</guid>`)), Options{}},
	{"InvalidPermalink", Error, rss(rssMeta, rssItemWith(`<guid isPermaLink="false">`, `<guid>`)), goodRSS, Options{}},
	{"InvalidBooleanAttribute", Error, rss(rssMeta, rssItemWith(`isPermaLink="false"`, `isPermaLink="no"`)), goodRSS, Options{}},
	{"NotSufficientlyUnique", Warning, rss(rssMeta, rssItemWith(`tag:example.org,2012:2012-06</guid>`, `42</guid>`)), goodRSS, Options{}},
	{"InvalidRFC2822Date", Error, rss(rssMeta, rssItemWith("Sat, 30 Jun 2012 08:00:00 +0000", "2002-10-02T08:00:00-05:00")), rss(rssMeta, rssItemWith("Sat, 30 Jun 2012 08:00:00 +0000", "Wed, 02 Oct 2002 15:00:00 +0200")), Options{}},
	{"InvalidRFC2822Date", Error, rss(rssMeta, rssItemWith("Sat, 30 Jun 2012", "Sab, 30 Giu 2012")), goodRSS, Options{}},
	{"ProblematicalRFC822Date", Warning, rss(rssMeta, rssItemWith("Sat, 30 Jun 2012 08:00:00 +0000", "Wed, 02 Oct 02 08:00:00 EST")), rss(rssMeta, rssItemWith("Sat, 30 Jun 2012 08:00:00 +0000", "Wed, 02 Oct 2002 08:00:00 EST")), Options{}},
	{"IncorrectDOW", Error, rss(rssMeta, rssItemWith("Sat, 30 Jun 2012", "Fri, 30 Jun 2012")), goodRSS, Options{}},
	{"ImplausibleDate", Warning, rss(rssMeta, rssItemWith("Sat, 30 Jun 2012", "Sun, 30 Jun 1985")), goodRSS, Options{}},
	{"ImplausibleDate", Warning, goodRSS, goodRSS, Options{Now: time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC)}},
	{"InvalidFullLink", Error, rss(rssMeta, rssItemWith("<link>https://example.org/2012-06/</link>", "<link>/2012-06/</link>")), goodRSS, Options{}},
	{"UriNotIri", Error, rss(rssMeta, rssItemWith("<link>https://example.org/2012-06/</link>", "<link>https://example.org/ar/نشرة/</link>")), rss(rssMeta, rssItemWith("<link>https://example.org/2012-06/</link>", "<link>https://example.org/ar/%D9%86%D8%B4%D8%B1%D8%A9/</link>")), Options{}},
	{"InvalidURLAttribute", Error, rss(rssMeta, rssItemWith("", `<enclosure url="/chart.png" length="1024" type="image/png"/>`)), rss(rssMeta, rssItemWith("", `<enclosure url="https://example.org/chart.png" length="1024" type="image/png"/>`)), Options{}},
	{"MissingAttribute", Error, rss(rssMeta, rssItemWith("", `<enclosure url="https://example.org/chart.png" type="image/png"/>`)), rss(rssMeta, rssItemWith("", `<enclosure url="https://example.org/chart.png" length="0" type="image/png"/>`)), Options{}},
	{"ContainsRelRef", Warning, rss(rssMeta, rssItemWith("<description>Le novità del mese</description>", `<description>&lt;a href="../../archives/001087.html"&gt;as I discussed yesterday&lt;/a&gt;</description>`)), rss(rssMeta, rssItemWith("<description>Le novità del mese</description>", `<description>&lt;a href="http://www.example.com/archives/001087.html"&gt;as I discussed yesterday&lt;/a&gt;</description>`)), Options{}},
	{"ContainsRelRef", Warning, rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<img src="../../images/catpictures/73.jpg">]]></content:encoded>`)), rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<img src="http://www.example.com/images/catpictures/73.jpg">]]></content:encoded>`)), Options{}},
	{"InvalidUriChar", Error, rss(rssMeta, rssItemWith("<description>Le novità del mese</description>", `<description>&lt;a href="my page.html"&gt;x&lt;/a&gt;</description>`)), goodRSS, Options{}},
	{"NeedDescriptionBeforeContent", Warning, rss(rssMeta, strings.Replace(rssItemWith("<description>Le novità del mese</description>", "<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>"), "</item>", "<description>x</description></item>", 1)), rss(rssMeta, rssItemWith("", "<content:encoded>&lt;p&gt;x&lt;/p&gt;</content:encoded>")), Options{}},
	{"SecurityRisk", Warning, rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<p>x</p><script>alert(1)</script>]]></content:encoded>`)), goodRSS, Options{}},
	{"SecurityRiskAttr", Warning, rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<p onclick="go()">x</p>]]></content:encoded>`)), rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<p class="x" data-n="1">x</p>]]></content:encoded>`)), Options{}},
	{"DangerousStyleAttr", Warning, rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<table style="max-width:600px"><tr><td>x</td></tr></table>]]></content:encoded>`)), rss(rssMeta, rssItemWith("", `<content:encoded><![CDATA[<table style="width: 600px; color: red"><tr><td>x</td></tr></table>]]></content:encoded>`)), Options{}},
	{"DuplicateItemSemantics", Warning, rss(rssMeta, rssItemWith("", "<author>joe@example.org (Joe)</author>\n<dc:creator>Joe</dc:creator>")), rss(rssMeta, rssItemWith("", "<dc:creator>Joe</dc:creator>")), Options{}},

	// Atom.
	{"MissingSelf", Warning, atom(with(atomMeta, `<link href="https://example.org/atom.xml" rel="self" type="application/atom+xml"/>`, ""), atomEntry), goodAtom, Options{}},
	{"SelfDoesntMatchLocation", Warning, goodAtom, goodAtom, Options{Location: "https://example.org/feed.atom"}},
	{"MissingElement", Error, atom(with(atomMeta, "<id>https://example.org/</id>", ""), atomEntry), goodAtom, Options{}},
	{"MissingElement", Error, atom(with(atomMeta, "<author><name>ConTratTo</name></author>", ""), atomEntry), atom(with(atomMeta, "<author><name>ConTratTo</name></author>", ""), atomEntryWith("", "<author><name>ConTratTo</name></author>")), Options{}},
	{"MissingElement", Error, atom(atomMeta, atomEntryWith("<updated>2012-06-30T08:00:00Z</updated>", "")), goodAtom, Options{}},
	{"InvalidRFC3339Date", Error, atom(atomMeta, atomEntryWith("2012-06-30T08:00:00Z", "2012-06-30T08:00:00")), goodAtom, Options{}},
	{"InvalidRFC3339Date", Error, atom(atomMeta, atomEntryWith("2012-06-30T08:00:00Z", "Sat, 30 Jun 2012 08:00:00 +0000")), goodAtom, Options{}},
	{"MisplacedMetadata", Error, atom(with(atomMeta, "<updated>2012-06-30T08:00:00Z</updated>", ""), atomEntry+"\n<updated>2012-06-30T08:00:00Z</updated>"), goodAtom, Options{}},
	{"DuplicateEntries", Warning, atom(atomMeta, atomEntry+"\n"+atomEntryWith("2012-06-30T08:00:00Z", "2012-07-30T08:00:00Z")), goodAtom, Options{}},
	{"DuplicateUpdated", Warning, atom(atomMeta, atomEntry+"\n"+atomEntryWith("2012-06</id>", "2012-07</id>")), goodAtom, Options{}},
	{"MissingTextualContent", Warning, atom(atomMeta, atomEntryWith("<summary>Le novità del mese</summary>", "")), goodAtom, Options{}},
	{"MissingContentOrAlternate", Error, atom(atomMeta, atomEntryWith(`<link href="https://example.org/2012-06/" rel="alternate" type="text/html"/>`, "")), atom(atomMeta, atomEntryWith(`<link href="https://example.org/2012-06/" rel="alternate" type="text/html"/>`, `<content type="html">&lt;p&gt;x&lt;/p&gt;</content>`)), Options{}},
	{"NonCanonicalURI", Warning, atom(with(atomMeta, "<id>https://example.org/</id>", "<id>HTTPS://Example.org</id>"), atomEntry), goodAtom, Options{}},
	{"InvalidTAG", Error, atom(atomMeta, atomEntryWith("tag:example.org,2012:2012-06", "tag:example.org:2012-06")), goodAtom, Options{}},
	{"InvalidFullLink", Error, atom(atomMeta, atomEntryWith("tag:example.org,2012:2012-06", "2012-06")), goodAtom, Options{}},
	{"ContainsUndeclaredHTML", Warning, atom(atomMeta, atomEntryWith("<title>Giugno 2012</title>", "<title>&lt;b&gt;Giugno&lt;/b&gt; 2012</title>")), atom(atomMeta, atomEntryWith("<title>Giugno 2012</title>", `<title type="html">&lt;b&gt;Giugno&lt;/b&gt; 2012</title>`)), Options{}},
	{"InvalidTextType", Error, atom(atomMeta, atomEntryWith("<summary>", `<summary type="text/plain">`)), goodAtom, Options{}},
	{"MissingXhtmlDiv", Error, atom(atomMeta, atomEntryWith("<summary>Le novità del mese</summary>", `<summary type="xhtml">Le novità</summary>`)), atom(atomMeta, atomEntryWith("<summary>Le novità del mese</summary>", `<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Le novità</div></summary>`)), Options{}},
	{"ContainsEmail", Warning, atom(with(atomMeta, "<name>ConTratTo</name>", "<name>Joe &lt;joe@example.org&gt;</name>"), atomEntry), goodAtom, Options{}},
	{"InvalidAddrSpec", Error, atom(with(atomMeta, "<name>ConTratTo</name>", "<name>ConTratTo</name><email>ConTratTo</email>"), atomEntry), atom(with(atomMeta, "<name>ConTratTo</name>", "<name>ConTratTo</name><email>news@example.org</email>"), atomEntry), Options{}},
	{"DuplicateAtomLink", Error, atom(atomMeta+"\n"+`<link href="https://example.org/other" rel="alternate" type="text/html"/>`, atomEntry), atom(atomMeta+"\n"+`<link href="https://example.org/en/" rel="alternate" type="text/html" hreflang="en"/>`, atomEntry), Options{}},
	{"UnregisteredAtomLinkRel", Warning, atom(atomMeta+"\n"+`<link href="https://example.org/x" rel="sibling"/>`, atomEntry), atom(atomMeta+"\n"+`<link href="https://example.org/x" rel="related"/>`, atomEntry), Options{}},
	{"MissingDCLanguage", Recommendation, strings.Replace(goodAtom, ` xml:lang="it"`, "", 1), goodAtom, Options{}},
	{"InvalidLanguage", Error, strings.Replace(goodAtom, `xml:lang="it"`, `xml:lang="pcm"`, 1), goodAtom, Options{}},

	// JSON Feed.
	{"InvalidJSON", Error, `{"version": }`, jsonGood, Options{}},
	{"MissingElement", Error, with(jsonGood, `"version": "https://jsonfeed.org/version/1.1",`, ""), jsonGood, Options{}},
	{"InvalidVersion", Error, with(jsonGood, "version/1.1", "version/2"), jsonGood, Options{}},
	{"ObsoleteVersion", Warning, with(jsonGood, "version/1.1", "version/1"), jsonGood, Options{}},
	{"MissingTitle", Error, with(jsonGood, `"title": "ConTratTo",`, ""), jsonGood, Options{}},
	{"MissingRecommendedElement", Warning, with(jsonGood, `"feed_url": "https://example.org/feed.json",`, ""), jsonGood, Options{}},
	{"RelativeURL", Warning, with(jsonGood, `"url": "https://example.org/2012-06/"`, `"url": "/2012-06/"`), jsonGood, Options{}},
	{"SelfDoesntMatchLocation", Warning, jsonGood, jsonGood, Options{Location: "https://example.org/it/feed.json"}},
	{"InvalidLanguage", Error, with(jsonGood, `"language": "it"`, `"language": "italiano"`), with(jsonGood, `"language": "it"`, `"language": "pcm"`), Options{}},
	{"MissingDCLanguage", Recommendation, with(jsonGood, `"language": "it",`, ""), jsonGood, Options{}},
	{"DeprecatedAuthor", Warning, with(jsonGood, `"authors": [{"name": "ConTratTo"}]`, `"author": {"name": "ConTratTo"}`), jsonGood, Options{}},
	{"InvalidContact", Error, with(jsonGood, `"authors": [{"name": "ConTratTo"}]`, `"authors": [{}]`), jsonGood, Options{}},
	{"UnknownMember", Warning, with(jsonGood, `"language": "it",`, `"language": "it", "lang": "it",`), with(jsonGood, `"language": "it",`, `"language": "it", "_contratto": {"edition": "2012-06"},`), Options{}},
	{"MissingElement", Error, with(jsonGood, `"content_html": "<p>Le <a href=\"https://example.org/aiuto/\">novità</a></p>",`, ""), jsonGood, Options{}},
	{"DuplicateValue", Error, with(jsonGood, "\n  ]", `, {"id": "tag:example.org,2012:2012-06", "content_text": "x"}`+"\n  ]"), jsonGood, Options{}},
	{"InvalidRFC3339Date", Error, with(jsonGood, `"2012-06-30T08:00:00Z"`, `"30/06/2012"`), jsonGood, Options{}},
	{"ContainsRelRef", Warning, with(jsonGood, `https://example.org/aiuto/`, `/aiuto/`), jsonGood, Options{}},
}

func hasRule(findings []Finding, rule string, sev Severity) bool {
	for _, f := range findings {
		if f.Rule == rule && f.Severity == sev {
			return true
		}
	}
	return false
}

// TestRules: each rule reports its failing example, graded as the W3C
// validator grades it, and stays silent on its passing example.
func TestRules(t *testing.T) {
	for i, tc := range ruleCases {
		t.Run(fmt.Sprintf("%s/%d", tc.rule, i), func(t *testing.T) {
			bad := CheckWith("bad", []byte(tc.bad), tc.opts)
			if !hasRule(bad, tc.rule, tc.severity) {
				t.Errorf("failing example: no %s %s; findings:\n%s\ndocument:\n%s", tc.severity, tc.rule, list(bad), tc.bad)
			}
			goodOpts := tc.opts
			if tc.bad == tc.good {
				goodOpts = Options{}
			}
			good := CheckWith("good", []byte(tc.good), goodOpts)
			for _, f := range good {
				if f.Rule == tc.rule {
					t.Errorf("passing example reports %s\ndocument:\n%s", f, tc.good)
				}
			}
		})
	}
}

// TestValidDocuments: the minimal documents the cases start from are clean.
func TestValidDocuments(t *testing.T) {
	for name, doc := range map[string]string{"rss": goodRSS, "atom": goodAtom, "json": jsonGood} {
		if findings := Check(name, []byte(doc)); len(findings) > 0 {
			t.Errorf("%s: unexpected findings:\n%s", name, list(findings))
		}
	}
}

func list(findings []Finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}
