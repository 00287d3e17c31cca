package feedlinttest

import (
	"html"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// htmlTags are the element names the validator recognises as HTML.
var htmlTags = wordSet(`a abbr acronym address applet area article aside audio b base basefont
	bdi bdo big blockquote body br button canvas caption center cite code col colgroup command
	data datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset
	figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr
	html i iframe img input ins isindex kbd label legend li link m main map mark menu meta meter
	nav noframes noscript object ol optgroup option output p param picture pre progress q rp rt
	ruby s samp script section select slot small source span strike strong style sub summary
	sup table tbody td template textarea tfoot th thead time title tr track tt u ul var xmp
	plaintext embed comment listing video wbr`)

// safeElements are the HTML elements the validator accepts in feed content.
var safeElements = wordSet(`a abbr acronym address area article aside audio b bdi big
	blockquote br button canvas caption center cite code col colgroup command data datagrid
	datalist dd del details dfn dialog dir div dl dt em eventsource fieldset figcaption figure
	footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input ins keygen kbd label legend
	li m main map mark menu meter multicol nav nextid ol output optgroup option p picture pre
	progress q rp rt ruby s samp section select small sound source spacer span strike strong
	sub summary sup table tbody td template textarea time tfoot th thead tr track tt u ul var
	video noscript wbr`)

// safeAttributes are the HTML attributes the validator accepts in feed
// content (data-* attributes are accepted too).
var safeAttributes = wordSet(`abbr accept accept-charset accesskey action align allow
	allowfullscreen allowpaymentrequest alt as autoplay autocapitalize autocomplete autofocus
	axis background balance bgcolor bgproperties border bordercolor bordercolordark
	bordercolorlight bottompadding cellpadding cellspacing ch challenge char charoff choff
	charset checked cite class clear color cols colspan compact contenteditable coords
	crossorigin data datafld datapagesize datasrc datetime decoding default delay dir dirname
	disabled download draggable dynsrc enctype end enterkeyhint face for form formenctype frame
	galleryimg gutter headers height hidefocus hidden high href hreflang hspace icon id
	inputmode is ismap itemid itemprop itemref itemscope itemtype kind keytype label lang
	leftspacing loading list longdesc loop loopcount loopend loopstart low lowsrc max maxlength
	media method min minlength multiple muted name nohref nonce noshade nowrap open optimum
	pattern ping placeholder playsinline point-size poster preload prompt pqg radiogroup
	readonly referrerpolicy rel repeat-max repeat-min replace required rev reversed
	rightspacing rows rowspan rules scope selected shape size sizes span spellcheck src srclang
	srcset start step summary suppress tabindex target template title toppadding translate
	type unselectable usemap urn valign value variable volume vspace vrml width wrap xml:lang
	xmlns`)

// safeCSSProperties are the CSS properties the validator accepts in a style
// attribute.
var safeCSSProperties = wordSet(`azimuth background background-color border border-bottom
	border-bottom-color border-bottom-style border-bottom-width border-collapse border-color
	border-left border-left-color border-left-style border-left-width border-right
	border-right-color border-right-style border-right-width border-spacing border-style
	border-top border-top-color border-top-style border-top-width border-width clear color
	cursor direction display elevation float font font-family font-size font-style
	font-variant font-weight height letter-spacing line-height list-style-type margin
	margin-bottom margin-left margin-right margin-top overflow padding padding-bottom
	padding-left padding-right padding-top pause pause-after pause-before pitch pitch-range
	richness speak speak-header speak-numeral speak-punctuation speech-rate stress text-align
	text-decoration text-indent unicode-bidi vertical-align voice-family volume white-space
	width`)

// safeCSSKeywords are the values accepted in background, border, margin and
// padding properties besides colours and lengths.
var safeCSSKeywords = wordSet(`aqua auto black block blue bold both bottom brown center
	collapse dashed dotted fuchsia gray green !important italic left lime maroon medium none
	navy normal nowrap olive pointer purple red right solid silver teal top transparent
	underline white yellow`)

var (
	cssChars     = regexp.MustCompile(`^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`)
	cssDecls     = regexp.MustCompile(`^(\s*[-\w]+\s*:\s*[^:;]*(;|$))*$`)
	cssDecl      = regexp.MustCompile(`([-\w]+)\s*:\s*([^:;]*)`)
	cssValue     = regexp.MustCompile(`^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d?\.?\d?\d(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`)
	htmlEndTag   = regexp.MustCompile(`</(\w+)>`)
	htmlEntity   = regexp.MustCompile(`&(#?\w+)`)
	rssCharMarks = regexp.MustCompile(`&#[x0-9]|<[/a-zA-Z]`)
)

// unsafeStyle returns what the validator finds dangerous in a style
// attribute: the whole value when it does not look like plain CSS
// declarations, otherwise each property it does not accept and each odd
// keyword in a background, border, margin or padding.
func unsafeStyle(style string) []string {
	if !cssChars.MatchString(style) || !cssDecls.MatchString(style) {
		return []string{style}
	}
	var unsafe []string
	for _, m := range cssDecl.FindAllStringSubmatch(strings.ToLower(style), -1) {
		prop, value := m[1], m[2]
		if !safeCSSProperties[prop] {
			unsafe = append(unsafe, prop)
			continue
		}
		switch strings.Split(prop, "-")[0] {
		case "background", "border", "margin", "padding":
			for _, kw := range strings.Fields(value) {
				if !safeCSSKeywords[kw] && !cssValue.MatchString(kw) {
					unsafe = append(unsafe, kw)
				}
			}
		}
	}
	return unsafe
}

// checkHTML applies the validator's rules for elements that carry escaped
// HTML (RSS description and content:encoded, Atom type="html"):
// NotHtml, SecurityRisk, SecurityRiskAttr and DangerousStyleAttr (warnings),
// and, when relRefs is set (RSS), ContainsRelRef (warning) for a link or
// image with a relative URL and InvalidUriChar (error) for one with a
// character a URI cannot hold.
func checkHTML(c *checker, at pos, element, fragment string, relRefs bool) {
	if strings.Contains(strings.ToLower(fragment), "<?import ") {
		c.warnf(at, "SecurityRisk", "%s should not contain ?import tag", element)
	}
	reported := map[string]bool{}
	once := func(key string, report func()) {
		if !reported[key] {
			reported[key] = true
			report()
		}
	}
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
		tag := strings.ToLower(tok.Data)
		switch {
		case !htmlTags[tag]:
			once("tag "+tag, func() { c.warnf(at, "NotHtml", "Non-html tag in %s: %s", element, tag) })
			continue
		case !safeElements[tag]:
			once("tag "+tag, func() { c.warnf(at, "SecurityRisk", "%s should not contain %s tag", element, tag) })
			continue
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case key == "style":
				if bad := unsafeStyle(a.Val); len(bad) > 0 {
					once("style "+bad[0], func() {
						c.warnf(at, "DangerousStyleAttr", "style attribute contains potentially dangerous content: %q in %s", bad[0], element)
					})
				}
			case !safeAttributes[key] && !strings.HasPrefix(key, "data-"):
				once("attr "+key, func() { c.warnf(at, "SecurityRiskAttr", "%s should not contain %s attribute", element, key) })
			}
			if relRefs && (tag == "a" && key == "href" || tag == "img" && key == "src") {
				once("ref "+a.Val, func() { checkRelRef(c, at, element, a.Val) })
			}
		}
	}
}

// checkRelRef is ContainsRelRef: a reference without a scheme cannot be
// followed from a feed reader.
func checkRelRef(c *checker, at pos, element, ref string) {
	ref = strings.TrimSpace(ref)
	if absRef.MatchString(ref) {
		return
	}
	for _, r := range ref {
		if r < 0x80 && !uriChar.MatchString(string(r)) {
			c.errorf(at, "InvalidUriChar", "Invalid character in a URI: %q in %q (in %s)", r, ref, element)
			return
		}
	}
	c.warnf(at, "ContainsRelRef", "%s should not contain relative URL references: %q", element, ref)
}

// checkPlainText applies the validator's rules for plain-text elements
// (RSS titles, channel description…; Atom text constructs of type text):
// an HTML end tag or an HTML entity in the text is reported under rule
// (ContainsHTML, or ContainsUndeclaredHTML for Atom). For RSS, "&#…" or "<"
// followed by a letter in the text is CharacterData, unless the element's
// line uses a hexadecimal character reference, as the RSS Best Practices
// Profile asks.
func checkPlainText(c *checker, n *node, rule string, rss bool) {
	v := n.value()
	msg := n.name() + " should not contain HTML"
	if rule == "ContainsUndeclaredHTML" {
		msg += " unless declared in the type attribute"
	}
	for _, m := range htmlEndTag.FindAllStringSubmatch(v, -1) {
		if htmlTags[strings.ToLower(m[1])] {
			c.warnf(n.start, rule, "%s: %q", msg, m[0])
			return
		}
	}
	if ents := htmlEntity.FindAllStringSubmatch(v, -1); ents != nil {
		for _, m := range ents {
			name := m[1]
			if (isEntityName(name) || name == "apos" || !isAlpha(name)) && !c.lineHasCharRef(n.start.line) {
				c.warnf(n.start, rule, "%s: %q", msg, "&"+name+";")
				return
			}
		}
		return
	}
	if rss && rssCharMarks.MatchString(v) && !c.lineHasCharRef(n.start.line) {
		c.warnf(n.start, "CharacterData", `Encode "&" and "<" in plain text using hexadecimal character references: %s %q`, n.name(), v)
	}
}

// isEntityName reports whether name is a named HTML character reference.
func isEntityName(name string) bool {
	ref := "&" + name + ";"
	return html.UnescapeString(ref) != ref
}

// lineHasCharRef reports whether the given line of the document contains a
// hexadecimal character reference.
func (c *checker) lineHasCharRef(line int) bool {
	return line >= 1 && line <= len(c.charRefLines) && c.charRefLines[line-1]
}
