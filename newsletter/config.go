package newsletter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/spf13/cast"
)

// Config is the newsletter's part of site.toml ([params.newsletter] and the helplines).
type Config struct {
	BaseURL         string // the portal's base URL as Hugo resolved it, with its path and a trailing slash
	From, ReplyTo   string // "Name <address>"
	MessageIDDomain string
	UnsubscribeURL  string
	Hashtags        []string
	Sections        []string // the sections whose dated pages are newsletter items
	Helplines       []Helpline
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
		BaseURL:         res.BaseURL,
		From:            cast.ToString(nl["from"]),
		ReplyTo:         cast.ToString(nl["replyto"]),
		MessageIDDomain: cast.ToString(nl["messageiddomain"]),
		UnsubscribeURL:  cast.ToString(nl["unsubscribeurl"]),
		Hashtags:        cast.ToStringSlice(nl["hashtags"]),
		Sections:        cast.ToStringSlice(nl["sections"]),
	}
	if len(c.Sections) == 0 {
		c.Sections = []string{site.NewsSection}
	}
	var missing []string
	for key, v := range map[string]string{"from": c.From, "replyTo": c.ReplyTo, "messageIDDomain": c.MessageIDDomain, "unsubscribeURL": c.UnsubscribeURL} {
		if v == "" {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		return Config{}, fmt.Errorf("site.toml: [params.newsletter] needs %s", strings.Join(sorted(missing), ", "))
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

// helpline returns the line with key.
func (c Config) helpline(key string) Helpline {
	for _, h := range c.Helplines {
		if h.Key == key {
			return h
		}
	}
	return Helpline{}
}
