package feedlinttest

import (
	"net/url"
	"regexp"
	"strings"
)

// emailAddr is the validator's grammar for an email address.
var emailAddr = regexp.MustCompile(`(?i)^([A-Z0-9_\-+.']+)@((([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))([A-Z0-9][-A-Z0-9]*))$`)

// checkEmailWithName is the rule for RSS author, managingEditor and
// webMaster: an email address followed by the person's name in brackets,
// "joe@example.com (Joe Bloggs)". Anything else that holds no address is
// InvalidContact (error); an address without the name is MissingRealName
// or EmailFormat (warnings of the RSS Best Practices Profile).
func checkEmailWithName(c *checker, n *node) {
	v := n.value()
	if strings.HasPrefix(v, "mailto:") {
		if u, err := url.PathUnescape(v[len("mailto:"):]); err == nil {
			v = u
		}
	}
	if strings.Index(v, "@") > 0 && !strings.HasSuffix(v, ")") {
		if strings.Index(v, " ") > 0 {
			c.warnf(n.start, "EmailFormat", "Email address is not in the recommended format: %s %q (write \"email (Name)\")", n.name(), v)
		} else {
			c.warnf(n.start, "MissingRealName", "Email address is missing real name: %s %q (write \"email (Name)\")", n.name(), v)
		}
		return
	}
	checkPlainText(c, n, "ContainsHTML", true)
	if !emailAddr.MatchString(addrSpec(v)) {
		c.errorf(n.start, "InvalidContact", "Invalid email address: %s %q (%s must be an email address, like \"newsletter@example.org (Name)\")", n.name(), v, n.name())
	}
}

// addrSpec extracts the address from "addr (Name)" or "Name <addr>".
func addrSpec(v string) string {
	if i := strings.IndexByte(v, '<'); i >= 0 {
		if j := strings.IndexByte(v[i:], '>'); j > 0 {
			return strings.TrimSpace(v[i+1 : i+j])
		}
	}
	if i := strings.IndexByte(v, '('); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}
