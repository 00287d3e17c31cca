package newsletter

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/eml"
	"github.com/spf13/cast"
)

// Config is the newsletter's part of site.toml ([params.newsletter] and the helplines).
type Config struct {
	BaseURL         string // the portal's base URL as Hugo resolved it, with its path and a trailing slash
	From, ReplyTo   string // "Name <address>"
	MessageIDDomain string
	// UnsubscribeMailto is the mailto: address every issue offers for leaving the list:
	// "mailto:ADDRESS?subject=unsubscribe", from site.toml's unsubscribeMailto.
	UnsubscribeMailto string
	// UnsubscribeOneClick is the sending service's one-click unsubscribe endpoint, or its
	// per-recipient placeholder for one, from unsubscribeOneClickURL; "" when it has none.
	UnsubscribeOneClick string
	Hashtags            []string
	Sections            []string // the sections whose dated pages are newsletter items
	Helplines           []Helpline
}

// Helpline is one of the three numbers of site.toml.
type Helpline = site.Helpline

// helplineKeys is the order the numbers are shown in everywhere.
var helplineKeys = []string{"regional", "national", "emergency"}

// configFrom reads the newsletter settings from the site's params (site.toml).
func configFrom(res *site.Result) (Config, error) {
	if len(res.Languages) == 0 {
		return Config{}, fmt.Errorf("site.toml: no languages")
	}
	nl := cast.ToStringMap(res.Languages[0].Params["newsletter"])
	c := Config{
		BaseURL:             res.BaseURL,
		From:                cast.ToString(nl["from"]),
		ReplyTo:             cast.ToString(nl["replyto"]),
		MessageIDDomain:     cast.ToString(nl["messageiddomain"]),
		UnsubscribeOneClick: strings.TrimSpace(cast.ToString(nl["unsubscribeoneclickurl"])),
		Hashtags:            cast.ToStringSlice(nl["hashtags"]),
		Sections:            cast.ToStringSlice(nl["sections"]),
	}
	if len(c.Sections) == 0 {
		c.Sections = []string{site.NewsSection}
	}
	if _, old := nl["unsubscribeurl"]; old {
		return Config{}, errors.New("site.toml: [params.newsletter] unsubscribeURL is no longer read: a web page cannot unsubscribe anyone. " +
			"Write unsubscribeMailto (a mailbox for requests to leave) and, only if the sending service provides one, unsubscribeOneClickURL (docs/newsletter.md, \"Unsubscribe\")")
	}
	var missing []string
	for key, v := range map[string]string{"from": c.From, "replyTo": c.ReplyTo, "messageIDDomain": c.MessageIDDomain, "unsubscribeMailto": cast.ToString(nl["unsubscribemailto"])} {
		if v == "" {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		return Config{}, fmt.Errorf("site.toml: [params.newsletter] needs %s", strings.Join(sorted(missing), ", "))
	}
	var err error
	if c.UnsubscribeMailto, err = unsubscribeMailto(cast.ToString(nl["unsubscribemailto"])); err != nil {
		return Config{}, fmt.Errorf("site.toml: [params.newsletter] unsubscribeMailto: %w", err)
	}
	if c.UnsubscribeOneClick != "" {
		if err := eml.CheckOneClick(c.UnsubscribeOneClick); err != nil {
			return Config{}, fmt.Errorf("site.toml: [params.newsletter] unsubscribeOneClickURL: %w", err)
		}
	}
	lines, err := res.Helplines()
	if err != nil {
		return Config{}, fmt.Errorf("site.toml: %w", err)
	}
	for _, key := range helplineKeys {
		i := slices.IndexFunc(lines, func(h Helpline) bool { return h.Key == key })
		if i < 0 {
			return Config{}, fmt.Errorf("site.toml: [params.helplines.%s] is missing", key)
		}
		c.Helplines = append(c.Helplines, lines[i])
	}
	return c, nil
}

// unsubscribeMailto turns the address of site.toml into the mailto: URL of List-Unsubscribe
// and of the email's unsubscribe link, which asks to leave in its subject.
func unsubscribeMailto(address string) (string, error) {
	mailto := "mailto:" + address + "?subject=unsubscribe"
	a, err := mail.ParseAddress(address)
	if err != nil || a.Name != "" || a.Address != address || strings.ContainsAny(address, "?#%&") || eml.CheckMailto(mailto) != nil {
		return "", fmt.Errorf("%q must be a plain email address, like unsubscribe@example.org", address)
	}
	return mailto, nil
}

// unsubscribeLink is where the email's visible unsubscribe link leads: the sending
// service's one-click endpoint when it has one, else the mailto: address.
func (c Config) unsubscribeLink() string {
	if c.UnsubscribeOneClick != "" {
		return c.UnsubscribeOneClick
	}
	return c.UnsubscribeMailto
}

// helpline returns the line with key.
func (c Config) helpline(key string) Helpline {
	for _, h := range c.Helplines {
		if h.Key == key {
			return h
		}
	}
	return Helpline{}
}
