package feedlinttest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The validator's URI grammars (RFC 2396 with its own relaxations).
var (
	uriFull   = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z+\-.]*:(//)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$`)
	uriAny    = regexp.MustCompile(`^([a-zA-Z][0-9a-zA-Z+\-.]*:)?/{0,2}(\[[0-9A-Fa-f:]+\])?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$`)
	uriChar   = regexp.MustCompile(`^[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]$`)
	tagURI    = regexp.MustCompile(`^tag:([a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$`)
	urnURI    = regexp.MustCompile(`^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+$`)
	uuidURN   = regexp.MustCompile(`^[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$`)
	hostedURL = regexp.MustCompile(`^\w+://[^/].*`)
	httpURL   = regexp.MustCompile(`(?i)^(http|https)://(([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))([A-Z0-9][-A-Z0-9]*)(:\d+)?(/|$)`)
	absRef    = regexp.MustCompile(`^\w+:`)
)

// ianaSchemes are the URI schemes the validator knows as registered.
var ianaSchemes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`ftp http gopher mailto news nntp telnet wais file prospero
		z39.50s z39.50r cid mid vemmi service imap nfs acap rtsp tip pop data dav opaquelocktoken
		sip sips tel fax modem ldap https soap.beep soap.beeps xmlrpc.beep xmlrpc.beeps urn go
		h323 ipp tftp mupdate pres im mtqp iris.beep dict snmp crid tag dns info aaa aaas cap
		iax icap iris iris.xpc iris.xpcs iris.lwz msrp msrps shttp thismessage tv xmpp`) {
		ianaSchemes[s] = true
	}
}

// uriProblem is the validator's URI check. full requires an absolute URI
// (rfc2396_full); errRule and errMsg name the problem for a URI that does
// not parse (InvalidFullLink "link must be a full and valid URL", …).
// It returns the severity, rule and message of the problem, or rule "".
func uriProblem(v string, full bool, errRule, errMsg string) (Severity, string, string) {
	scheme := strings.ToLower(strings.SplitN(v, ":", 2)[0])
	switch {
	case scheme == "tag":
		if !tagURI.MatchString(v) {
			return Error, "InvalidTAG", fmt.Sprintf("%q is not a valid TAG (RFC 4151: tag:authority,YYYY-MM-DD:specific)", v)
		}
	case scheme == "urn":
		if strings.HasPrefix(strings.ToLower(v), "urn:uuid:") && !uuidURN.MatchString(v) {
			return Error, "InvalidUUID", fmt.Sprintf("%q is not a valid UUID", v)
		}
		if !urnURI.MatchString(v) {
			return Error, "InvalidURN", fmt.Sprintf("%q is not a valid URN", v)
		}
	case full && !uriFull.MatchString(v) || !full && !uriAny.MatchString(v):
		for _, r := range v {
			if r < utf8.RuneSelf && !uriChar.MatchString(string(r)) {
				return Error, "InvalidUriChar", fmt.Sprintf("Invalid character in a URI: %q in %q", r, v)
			}
		}
		if !isASCII(v) {
			return Error, "UriNotIri", fmt.Sprintf("IRI found where URL expected: %q (percent-encode the non-ASCII characters)", v)
		}
		return Error, errRule, fmt.Sprintf("%s: %q", errMsg, v)
	case scheme == "http" || scheme == "ftp":
		if !hostedURL.MatchString(v) {
			return Error, errRule, fmt.Sprintf("%s: %q", errMsg, v)
		}
	case strings.Contains(v, ":") && isAlpha(scheme) && !ianaSchemes[scheme]:
		return Warning, "SchemeNotIANARegistered", fmt.Sprintf("URI scheme not IANA registered: %s", scheme)
	}
	return 0, "", ""
}

// checkFullURI reports n's value unless it is an absolute URI; element names
// the element in the message.
func checkFullURI(c *checker, n *node, value string) bool {
	sev, rule, msg := uriProblem(value, true, "InvalidFullLink", n.name()+" must be a full and valid URL")
	if rule != "" {
		c.add(n.start, sev, rule, "%s", msg)
		return sev != Error
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

func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return true
}

// Character classes of RFC 3986, as the validator's uri module uses them.
const (
	subDelims = "!$&'()*+,;="
	pchar     = "-._~" + subDelims + ":@"
	reserved  = ":/?#[]@" + subDelims
)

var (
	uriParts = regexp.MustCompile(`^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$`)
	portPart = regexp.MustCompile(`:(\d*)$`)
)

var defaultPorts = map[string]int{
	"ftp": 21, "telnet": 23, "http": 80, "gopher": 70, "news": 119, "nntp": 119,
	"prospero": 191, "https": 443, "snews": 563, "snntp": 563,
}

// canonicalURI is the validator's canonical form of an identifier (RFC 3986
// normalisation: case of scheme and host, default port, dot segments,
// percent-encoding). ok is false when v cannot be normalised.
func canonicalURI(v string) (string, bool) {
	m := uriParts.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	scheme := ""
	if m[1] != "" {
		scheme = strings.ToLower(m[2])
	}
	var out strings.Builder
	if scheme != "" {
		out.WriteString(scheme + ":")
	}
	path := m[5]
	if m[3] == "" {
		if scheme == "" && !strings.HasPrefix(path, "/") {
			return "", false
		}
		var ok bool
		if scheme == "" || strings.HasPrefix(path, "/") {
			path, ok = normPath(path)
		} else {
			path, ok = qnu(path, pchar+"/")
		}
		if !ok {
			return "", false
		}
	} else {
		auth, ok := normAuthority(m[4], defaultPorts[scheme])
		if !ok {
			return "", false
		}
		out.WriteString("//" + auth)
		if path, ok = normPath(path); !ok {
			return "", false
		}
	}
	out.WriteString(path)
	if m[6] != "" {
		q, ok := qnu(m[7], pchar+"/?")
		if !ok {
			return "", false
		}
		out.WriteString("?" + q)
	}
	if m[8] != "" {
		f, ok := qnu(m[9], pchar+"/?")
		if !ok {
			return "", false
		}
		out.WriteString("#" + f)
	}
	return out.String(), true
}

func normAuthority(auth string, defPort int) (string, bool) {
	user, host := "", auth
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		user, host = auth[:i], auth[i+1:]
		if user == ":" {
			user = ""
		}
	}
	host = strings.ToLower(host)
	port := defPort
	if m := portPart.FindStringSubmatchIndex(host); m != nil {
		if m[3] > m[2] {
			port, _ = strconv.Atoi(host[m[2]:m[3]])
		}
		host = host[:m[0]]
	}
	if strings.HasSuffix(host, ".") && strings.LastIndexByte(host[:max(len(host)-2, 0)], '.') >= 0 {
		host = host[:len(host)-1]
	}
	if strings.HasPrefix(host, "[") != strings.HasSuffix(host, "]") {
		return "", false
	}
	if port != defPort {
		host += ":" + strconv.Itoa(port)
	}
	if user != "" {
		return user + "@" + host, true
	}
	return host, true
}

// normPath removes dot segments from an absolute path and normalises the
// percent-encoding of each segment.
func normPath(p string) (string, bool) {
	l := strings.Split(p, "/")
	i := 0
	if len(l) > 0 && l[0] != "" {
		i = len(l)
	}
	for i < len(l) {
		switch l[i] {
		case ".", "..":
			dots := l[i]
			if i < len(l)-1 {
				l = append(l[:i], l[i+1:]...)
			} else {
				l[i] = ""
			}
			if dots == ".." && (i > 1 || i > 0 && l[0] != "") {
				i--
				l = append(l[:i], l[i+1:]...)
			}
		default:
			i++
		}
	}
	if len(l) == 1 && l[0] == "" {
		l = []string{"", ""}
	}
	for j, seg := range l {
		s, ok := qnu(seg, pchar)
		if !ok {
			return "", false
		}
		l[j] = s
	}
	return strings.Join(l, "/"), true
}

// qnu normalises percent-encoding: escapes of unreserved characters are
// decoded, other escapes upper-cased, reserved characters listed in safe
// kept as they are, and the text NFC-normalised.
func qnu(s, safe string) (string, bool) {
	var out strings.Builder
	var run []byte
	flush := func() bool {
		if !utf8.Valid(run) {
			return false
		}
		out.WriteString(quote(norm.NFC.String(string(run)), safe))
		run = run[:0]
		return true
	}
	for i := 0; i < len(s); {
		var b byte
		var lit string
		if s[i] == '%' {
			if i+3 > len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", false
			}
			b, lit = byte(v), "%"+strings.ToUpper(s[i+1:i+3])
			i += 3
		} else {
			b, lit = s[i], s[i:i+1]
			i++
		}
		if strings.IndexByte(reserved, b) >= 0 && strings.IndexByte(safe, b) >= 0 {
			if !flush() {
				return "", false
			}
			out.WriteString(lit)
		} else {
			run = append(run, b)
		}
	}
	if !flush() {
		return "", false
	}
	return out.String(), true
}

// quote percent-encodes every byte of s except letters, digits, "_.-~" and
// the characters in safe.
func quote(s, safe string) string {
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		b := s[i]
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("_.-~", b) >= 0 || b < utf8.RuneSelf && strings.IndexByte(safe, b) >= 0 {
			out.WriteByte(b)
		} else {
			fmt.Fprintf(&out, "%%%02X", b)
		}
	}
	return out.String()
}
