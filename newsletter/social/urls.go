package social

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// span is a byte range [start, end) of a string.
type span struct{ start, end int }

// detectURLs finds the URLs in s the way twitter-text's extractUrlsWithIndices
// does (js/src/extractUrlsWithIndices.js, js/src/regexp/extractUrl.js), for the
// subset this project needs:
//
//   - http:// and https:// URLs (scheme case-insensitive), and, when
//     withoutProtocol is set, scheme-less ones such as "example.com/path";
//   - a host is labels of letters, digits and marks in any script (with "-",
//     and "_" in subdomains) ending in a known TLD (tld.go); each label at most
//     63 characters once punycode-encoded;
//   - an optional port, a path with twitter-text's path characters (Latin,
//     accented Latin, Cyrillic, balanced parentheses, no trailing punctuation)
//     and a query string;
//   - a URL must not follow a letter, digit, "@", "$" or "#"; a scheme-less one
//     must not follow "-", "_", "." or "/", must be all ASCII, and a bare
//     "name.cc" under a country-code TLD without a path is not a URL ("t.co" is).
//
// Left out: IP-address hosts, t.co slug limits, the 4,096-character URL cap,
// and IANA gTLDs missing from tld.go. With a scheme any alphabetic TLD is
// accepted, as twitter-text accepts every IANA TLD.
func detectURLs(s string, withoutProtocol bool) []span {
	if withoutProtocol {
		if !strings.Contains(s, ".") {
			return nil
		}
	} else if !strings.Contains(s, ":") {
		return nil
	}
	var out []span
	for i := 0; i < len(s); {
		if validURLPreceding(s, i) {
			if m, ok := matchURL(s, i, withoutProtocol); ok {
				if m.valid {
					out = append(out, span{m.start, m.end})
				}
				i = m.end
				continue
			}
			if e := domainRunEnd(s, i); e > i && (e == len(s) || s[e] != '.') {
				// No host starts inside a run of domain characters that no
				// "." follows; only a scheme can. Skip ahead (keeps CJK text,
				// where every character may start a URL, linear).
				i = nextScheme(s, i, e)
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return out
}

// domainRunEnd returns the end of the run of domain characters, "-" and "_"
// starting at i.
func domainRunEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isDomainChar(r) && r != '-' && r != '_' {
			break
		}
		i += n
	}
	return i
}

// nextScheme returns the first position after i and before end where a URL
// with a scheme may start, or end.
func nextScheme(s string, i, end int) int {
	_, n := utf8.DecodeRuneInString(s[i:])
	for j := i + n; j < end; {
		if (s[j] == 'h' || s[j] == 'H') && validURLPreceding(s, j) &&
			(hasPrefixFold(s[j:], "http://") || hasPrefixFold(s[j:], "https://")) {
			return j
		}
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return end
}

type urlMatch struct {
	start, end int // the URL; end is also where scanning resumes
	valid      bool
}

// matchURL tries to read a URL starting exactly at i. ok reports a syntactic
// match; valid reports whether twitter-text would keep it.
func matchURL(s string, i int, withoutProtocol bool) (m urlMatch, ok bool) {
	p := i
	scheme := false
	if hasPrefixFold(s[p:], "https://") {
		p += len("https://")
		scheme = true
	} else if hasPrefixFold(s[p:], "http://") {
		p += len("http://")
		scheme = true
	}
	if !scheme && !withoutProtocol {
		return urlMatch{}, false
	}
	dom, ok := matchDomain(s, p, scheme)
	if !ok {
		return urlMatch{}, false
	}
	end := dom.end
	// Port.
	if end < len(s) && s[end] == ':' {
		j := end + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > end+1 {
			end = j
		}
	}
	hasPath := false
	if end < len(s) && s[end] == '/' {
		end = matchPath(s, end+1)
		hasPath = true
	}
	if end < len(s) && s[end] == '?' {
		end = matchQuery(s, end+1, end)
	}
	m = urlMatch{start: i, end: end, valid: true}
	labels := dom.labels
	if !scheme {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if strings.ContainsRune("-_./", prev) {
				m.valid = false
			}
		}
		// twitter-text keeps only the ASCII part of a scheme-less host
		// (validAsciiDomain): "访问www.example.com" links "www.example.com".
		if !isASCII(s[i:dom.end]) {
			start, ok := asciiDomainStart(s, i, dom)
			if !ok {
				m.valid = false
			} else {
				m.start = start
				labels = strings.Split(s[start:dom.end], ".")
			}
		}
		if !hasPath && len(labels) == 2 && dom.ccTLD && !strings.EqualFold(s[m.start:dom.end], "t.co") {
			m.valid = false
		}
	}
	for _, label := range labels {
		if !validLabelLength(label) {
			m.valid = false
		}
	}
	return m, true
}

// asciiDomainStart finds where the ASCII (and accented Latin) labels before
// the TLD of dom begin: ((?:[-a-z0-9À-ɏ…]+\.)+TLD).
func asciiDomainStart(s string, i int, dom domainMatch) (int, bool) {
	tld := dom.labels[len(dom.labels)-1]
	tldStart := dom.end - len(tld)
	if tldStart-1 < i || s[tldStart-1] != '.' {
		return 0, false
	}
	start := tldStart - 1
	for start > i {
		r, n := utf8.DecodeLastRuneInString(s[i:start])
		if !(r == '.' || r == '-' || (r < utf8.RuneSelf && isASCIIAlnum(byte(r))) || isLatinAccent(r)) {
			break
		}
		start -= n
	}
	for start < tldStart && s[start] == '.' {
		start++
	}
	if start >= tldStart-1 {
		return 0, false
	}
	for _, l := range strings.Split(s[start:tldStart-1], ".") {
		if l == "" {
			return 0, false
		}
	}
	return start, true
}

type domainMatch struct {
	end    int
	labels []string // every label, the TLD last
	ccTLD  bool
}

// matchDomain reads subdomain* name "." TLD at p.
func matchDomain(s string, p int, scheme bool) (domainMatch, bool) {
	// starts[k] is where label k begins; labels are followed by '.'.
	starts := []int{p}
	var labels []string
	q := p
	for {
		e, ok := matchLabel(s, q)
		if !ok || e >= len(s) || s[e] != '.' {
			break
		}
		labels = append(labels, s[q:e])
		q = e + 1
		starts = append(starts, q)
	}
	// Greedy: prefer the most labels, backing off like the regular expression.
	for k := len(labels); k >= 1; k-- {
		if strings.ContainsRune(labels[k-1], '_') {
			continue // the registrable name may not hold "_"
		}
		tldStart := starts[k]
		tld, cc, ok := matchTLD(s, tldStart, scheme)
		if !ok {
			continue
		}
		ls := append(append([]string(nil), labels[:k]...), tld)
		return domainMatch{end: tldStart + len(tld), labels: ls, ccTLD: cc}, true
	}
	return domainMatch{}, false
}

// matchLabel reads a label: domain characters with inner "-" or "_".
func matchLabel(s string, p int) (end int, ok bool) {
	lastDomainChar := -1
	q := p
scan:
	for q < len(s) {
		r, n := utf8.DecodeRuneInString(s[q:])
		switch {
		case isDomainChar(r):
			q += n
			lastDomainChar = q
		case (r == '-' || r == '_') && q > p:
			q += n
		default:
			break scan
		}
	}
	if lastDomainChar < 0 || lastDomainChar != q {
		return 0, false
	}
	return q, true
}

// matchTLD reads a known TLD at p followed by a character that cannot continue
// a domain ([^a-z0-9@+-], case-insensitive) or the end of s.
func matchTLD(s string, p int, scheme bool) (tld string, cc bool, ok bool) {
	boundary := func(e int) bool {
		if e >= len(s) {
			return true
		}
		c := s[e]
		return !(isASCIIAlnum(c) || c == '@' || c == '+' || c == '-')
	}
	if hasPrefixFold(s[p:], "xn--") {
		e := p + 4
		for e < len(s) && isASCIIAlnum(s[e]) {
			e++
		}
		if e > p+4 && boundary(e) {
			return s[p:e], false, true
		}
	}
	lookup := func(e int) (string, bool, bool) {
		t := strings.ToLower(s[p:e])
		switch {
		case ccTLDs[t]:
			return s[p:e], true, true
		case gTLDs[t]:
			return s[p:e], false, true
		case scheme && len(t) >= 2 && isASCIILetters(t):
			return s[p:e], len(t) == 2, true
		}
		return "", false, false
	}
	// An ASCII TLD is the whole run of ASCII letters and digits.
	e := p
	for e < len(s) && isASCIIAlnum(s[e]) {
		e++
	}
	if e > p {
		if !boundary(e) {
			return "", false, false
		}
		return lookup(e)
	}
	// An internationalised TLD: the listed ones are at most 12 characters.
	var ends []int
	for q := p; q < len(s) && len(ends) < 16; {
		r, n := utf8.DecodeRuneInString(s[q:])
		if !isDomainChar(r) {
			break
		}
		q += n
		ends = append(ends, q)
	}
	for k := len(ends) - 1; k >= 0; k-- {
		if e := ends[k]; boundary(e) {
			if t, cc, ok := lookup(e); ok {
				return t, cc, true
			}
		}
	}
	return "", false, false
}

// matchPath returns the end of twitter-text's validUrlPath starting at p (just
// after the "/"): the longest run of path characters that ends in a path-ending
// character or a balanced parenthesis.
func matchPath(s string, p int) int {
	last := p
	q := p
	for q < len(s) {
		r, n := utf8.DecodeRuneInString(s[q:])
		if r == '(' {
			e, ok := matchParens(s, q)
			if !ok {
				break
			}
			q = e
			last = q
			continue
		}
		if !isPathChar(r) {
			break
		}
		q += n
		if isPathEndChar(r) {
			last = q
		}
	}
	return last
}

// matchParens matches "(" general+ ")" or "(" general* "(" general+ ")" general* ")".
func matchParens(s string, p int) (int, bool) {
	q := p + 1
	run := func() int {
		n0 := q
		for q < len(s) {
			r, n := utf8.DecodeRuneInString(s[q:])
			if !isPathChar(r) {
				break
			}
			q += n
		}
		return q - n0
	}
	first := run()
	if q < len(s) && s[q] == ')' && first > 0 {
		return q + 1, true
	}
	if q >= len(s) || s[q] != '(' {
		return 0, false
	}
	q++
	if run() == 0 || q >= len(s) || s[q] != ')' {
		return 0, false
	}
	q++
	run()
	if q >= len(s) || s[q] != ')' {
		return 0, false
	}
	return q + 1, true
}

// matchQuery returns the end of the query string after "?" at p, or fallback
// when no query character run ends in a valid ending character.
func matchQuery(s string, p, fallback int) int {
	last := fallback
	for q := p; q < len(s); q++ {
		c := s[q]
		if !isQueryChar(c) {
			break
		}
		if isQueryEndChar(c) {
			last = q + 1
		}
	}
	return last
}

// validURLPreceding reports whether a URL may start at i:
// twitter-text's validUrlPrecedingChars.
func validURLPreceding(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	if isDirectionalMarker(r) {
		return true
	}
	if r < utf8.RuneSelf && isASCIIAlnum(byte(r)) {
		return false
	}
	switch r {
	case '@', '＠', '$', '#', '＃', 0xFFFE, 0xFEFF, 0xFFFF:
		return false
	}
	return true
}

func isDirectionalMarker(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// isDomainChar is twitter-text's validDomainChars: anything but ASCII
// punctuation, spaces and the invalid characters.
func isDomainChar(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	switch r {
	case 0xFFFE, 0xFEFF, 0xFFFF:
		return false
	}
	if isDirectionalMarker(r) {
		return false
	}
	return !unicode.IsSpace(r) && !isSpaceLike(r) && unicode.IsPrint(r)
}

// isSpaceLike covers twitter-text's spaces group beyond unicode.IsSpace.
func isSpaceLike(r rune) bool {
	return r == 0x180E || r == 0x200B || r == 0x2028 || r == 0x2029
}

func isPathChar(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIIAlnum(c) || strings.IndexByte("!*';:=+,.$/%#[]-_~@|&", c) >= 0
	}
	return r == '–' || isCyrillic(r) || isLatinAccent(r)
}

func isPathEndChar(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isASCIIAlnum(c) || strings.IndexByte("+-=_#/", c) >= 0
	}
	return isCyrillic(r) || isLatinAccent(r)
}

func isQueryChar(c byte) bool {
	return isASCIIAlnum(c) || strings.IndexByte("!?*'@();:&=+$/%#[]-_.,~|", c) >= 0
}

func isQueryEndChar(c byte) bool {
	return isASCIIAlnum(c) || strings.IndexByte("-_&=#/", c) >= 0
}

func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x04FF }

func isLatinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xFF:
		return r != 0xD7 && r != 0xF7
	case r >= 0x0100 && r <= 0x024F, r >= 0x0300 && r <= 0x036F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	return false
}

// validLabelLength checks the DNS limit of 63 octets per label, after
// punycode encoding for internationalised labels.
func validLabelLength(label string) bool {
	if isASCII(label) {
		return len(label) <= 63
	}
	a, err := idna.Punycode.ToASCII(label)
	if err != nil {
		return false
	}
	return len(a) <= 63
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
