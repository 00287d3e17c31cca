package feedlinttest

// knownNamespaces maps the namespaces the W3C validator knows to their
// preferred prefixes; "" marks the ones it knows but does not validate.
// Declaring any other namespace draws an UnknownNamespace warning.
var knownNamespaces = map[string]string{
	"http://www.bloglines.com/about/specs/fac-1.0":                                "access",
	"http://webns.net/mvcb/":                                                      "admin",
	"http://purl.org/rss/1.0/modules/aggregation/":                                "ag",
	"http://purl.org/rss/1.0/modules/annotate/":                                   "annotate",
	"http://www.w3.org/2007/app":                                                  "app",
	"http://media.tangent.org/rss/1.0/":                                           "audio",
	"http://backend.userland.com/blogChannelModule":                               "blogChannel",
	"http://web.resource.org/cc/":                                                 "cc",
	"http://www.microsoft.com/schemas/rss/core/2005":                              "cf",
	"http://backend.userland.com/creativeCommonsRssModule":                        "creativeCommons",
	"http://purl.org/rss/1.0/modules/company":                                     "company",
	"http://purl.org/rss/1.0/modules/content/":                                    "content",
	"http://conversationsnetwork.org/rssNamespace-1.0/":                           "conversationsNetwork",
	"http://my.theinfo.org/changed/1.0/rss/":                                      "cp",
	"http://purl.org/dc/elements/1.1/":                                            "dc",
	"http://purl.org/dc/terms/":                                                   "dcterms",
	"http://purl.org/rss/1.0/modules/email/":                                      "email",
	"http://purl.org/rss/1.0/modules/event/":                                      "ev",
	"http://purl.org/syndication/history/1.0":                                     "fh",
	"http://www.w3.org/2003/01/geo/wgs84_pos#":                                    "geo",
	"http://geourl.org/rss/module/":                                               "geourl",
	"http://www.georss.org/georss":                                                "georss",
	"http://www.opengis.net/gml":                                                  "gml",
	"http://postneo.com/icbm":                                                     "icbm",
	"http://purl.org/rss/1.0/modules/image/":                                      "image",
	"urn:atom-extension:indexing":                                                 "indexing",
	"http://www.itunes.com/dtds/podcast-1.0.dtd":                                  "itunes",
	"http://rssnamespace.org/feedburner/ext/1.0":                                  "feedburner",
	"http://xmlns.com/foaf/0.1/":                                                  "foaf",
	"http://purl.org/rss/1.0/modules/link/":                                       "l",
	"http://search.yahoo.com/mrss/":                                               "media",
	"http://www.w3.org/1998/Math/MathML":                                          "mathml",
	"http://a9.com/-/spec/opensearchrss/1.0/":                                     "opensearch10",
	"http://a9.com/-/spec/opensearch/1.1/":                                        "opensearch",
	"http://www.opml.org/spec2":                                                   "opml",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#":                                 "rdf",
	"http://www.w3.org/2000/01/rdf-schema#":                                       "rdfs",
	"http://purl.org/rss/1.0/modules/reference/":                                  "ref",
	"http://purl.org/rss/1.0/modules/richequiv/":                                  "reqv",
	"http://purl.org/rss/1.0/modules/rss091#":                                     "rss091",
	"http://purl.org/rss/1.0/modules/search/":                                     "search",
	"http://purl.org/rss/1.0/modules/slash/":                                      "slash",
	"http://purl.org/rss/1.0/modules/servicestatus/":                              "ss",
	"http://hacks.benhammersley.com/rss/streaming/":                               "str",
	"http://purl.org/rss/1.0/modules/subscription/":                               "sub",
	"http://feedsync.org/2007/feedsync":                                           "sx",
	"http://www.w3.org/2000/svg":                                                  "svg",
	"http://purl.org/rss/1.0/modules/syndication/":                                "sy",
	"http://purl.org/rss/1.0/modules/taxonomy/":                                   "taxo",
	"http://purl.org/rss/1.0/modules/threading/":                                  "thr",
	"http://purl.org/syndication/thread/1.0":                                      "thr",
	"http://madskills.com/public/xml/rss/module/trackback/":                       "trackback",
	"http://wellformedweb.org/CommentAPI/":                                        "wfw",
	"http://purl.org/rss/1.0/modules/wiki/":                                       "wiki",
	"http://www.usemod.com/cgi-bin/mb.pl?ModWiki":                                 "wiki",
	"http://schemas.xmlsoap.org/soap/envelope/":                                   "soap",
	"http://www.w3.org/2005/Atom":                                                 "atom",
	"http://www.w3.org/1999/xhtml":                                                "xhtml",
	"http://my.netscape.com/rdf/simple/0.9/":                                      "rss090",
	"http://purl.org/rss/1.0/":                                                    "rss1",
	"http://purl.org/net/rss1.1#":                                                 "rss11",
	"http://base.google.com/ns/1.0":                                               "g",
	"http://www.w3.org/XML/1998/namespace":                                        "xml",
	"http://openid.net/xmlns/1.0":                                                 "openid",
	"http://earth.google.com/kml/2.0":                                             "kml20",
	"http://earth.google.com/kml/2.1":                                             "kml21",
	"http://www.opengis.net/kml/2.2":                                              "kml22",
	"http://www.w3.org/1999/xlink":                                                "xlink",
	"xri://$xrd*($v*2.0)":                                                         "xrd",
	"xri://$xrds":                                                                 "xrds",
	"http://schemas.google.com/g/2005":                                            "",
	"http://www.rawvoice.com/rawvoiceRssModule/":                                  "",
	"https://schema.org/":                                                         "",
	"http://schema.org/":                                                          "",
	"https://podcastindex.org/namespace/1.0":                                      "",
	"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md": "",
}

// preferredNamespace maps each reserved prefix to its namespace.
var preferredNamespace = func() map[string]string {
	m := make(map[string]string)
	for uri, prefix := range knownNamespaces {
		if prefix == "" {
			continue
		}
		// "thr" and "wiki" have two namespaces each; the validator names
		// the first it finds, so keep the lexically first for a stable message.
		if old, ok := m[prefix]; !ok || uri < old {
			m[prefix] = uri
		}
	}
	return m
}()

// checkNamespaces applies the validator's rules on namespace declarations:
// UnknownNamespace (warning) for a namespace it does not know,
// ReservedPrefix (warning) for a well-known prefix bound elsewhere,
// NonstdPrefix (recommendation) for a known namespace under another prefix,
// and AvoidNamespacePrefix (warning) for an atom: or xhtml: prefix on an
// Atom feed.
func checkNamespaces(c *checker, root *node, atom bool) {
	root.walk(func(n *node) {
		for _, d := range n.ns {
			if d.prefix == "" {
				continue
			}
			want, known := knownNamespaces[d.uri]
			switch {
			case preferredNamespace[d.prefix] != "" && preferredNamespace[d.prefix] != d.uri && !(known && want == d.prefix):
				c.warnf(d.at, "ReservedPrefix", "The prefix %q generally is associated with the namespace %q", d.prefix, preferredNamespace[d.prefix])
			case atom && (d.prefix == "atom" || d.prefix == "xhtml") && n == root:
				c.warnf(d.at, "AvoidNamespacePrefix", "Avoid Namespace Prefix: %s", d.prefix)
			case known && want != "" && want != d.prefix:
				c.recommendf(d.at, "NonstdPrefix", "%q is the preferred prefix for the namespace %q", want, d.uri)
			case known && want == "":
				c.warnf(d.at, "UnsupportedNamespace", "Did not validate namespace: %s", d.uri)
			case !known:
				c.warnf(d.at, "UnknownNamespace", "Use of unknown namespace: %s", d.uri)
			}
		}
	})
}
