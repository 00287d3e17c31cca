package partners

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/contratto/portal/internal/langtag"
	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// Partner is one feed of [[params.newsletter.partners]] in site.toml.
type Partner struct {
	// ID names the snapshot file, data/partners/ID.json: lower-case letters, digits and hyphens.
	ID string `toml:"id"`
	// Name is the partner's name as the newsletter shows it.
	Name string `toml:"name"`
	// Feed is the address of the feed: https (plain http only for this machine's own addresses).
	Feed string `toml:"feed"`
	// Languages are the languages the partner publishes in, first the one its feed uses
	// when it does not say.
	Languages []string `toml:"languages"`
	// Note is for staff: who the partner is, whom to ask about the feed.
	Note string `toml:"note"`
}

// configKey is where the list lives in site.toml, as its array-of-tables header.
const configKey = "[[params.newsletter.partners]]"

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// LoadConfig reads the partners from the site configuration at path. A site without the
// list has no partners. Every error names the file, the line of the partner's entry and
// what to write instead.
func LoadConfig(fsys afero.Fs, path string) ([]Partner, error) {
	data, err := afero.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("reading the site configuration: %w", err)
	}
	var doc struct {
		Params struct {
			Newsletter struct {
				Partners []Partner `toml:"partners"`
			} `toml:"newsletter"`
		} `toml:"params"`
	}
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return nil, fmt.Errorf("%s:%d: %v", path, line, de)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	list := doc.Params.Newsletter.Partners
	lines := entryLines(string(data))
	seen := map[string]bool{}
	var problems []string
	for i, p := range list {
		line := 1
		if i < len(lines) {
			line = lines[i]
		}
		for _, msg := range p.problems() {
			problems = append(problems, fmt.Sprintf("%s:%d: %s partner %d: %s", path, line, configKey, i+1, msg))
		}
		if seen[p.ID] {
			problems = append(problems, fmt.Sprintf("%s:%d: %s partner %d: the id %q is used twice: each partner needs its own snapshot file", path, line, configKey, i+1, p.ID))
		}
		seen[p.ID] = true
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return list, nil
}

// entryLines are the lines, counted from 1, of the file's partner headers.
func entryLines(text string) []int {
	var out []int
	for i, line := range strings.Split(text, "\n") {
		if strings.ReplaceAll(strings.TrimSpace(line), " ", "") == configKey {
			out = append(out, i+1)
		}
	}
	return out
}

// problems are what is wrong with one entry, in words staff can act on.
func (p Partner) problems() []string {
	var out []string
	if !idPattern.MatchString(p.ID) {
		out = append(out, fmt.Sprintf("id %q: write lower-case letters, digits and hyphens, like \"regione-toscana\" (it names data/partners/ID.json)", p.ID))
	}
	if strings.TrimSpace(p.Name) == "" {
		out = append(out, "name is empty: write the partner's name as readers should see it")
	}
	if err := CheckFeedURL(p.Feed); err != nil {
		out = append(out, "feed: "+err.Error())
	}
	if len(p.Languages) == 0 {
		out = append(out, "languages is empty: list the languages the partner publishes in, like [\"it\"]")
	}
	for _, l := range p.Languages {
		if err := langtag.Check(l); err != nil {
			out = append(out, "languages: "+err.Error())
		}
	}
	return out
}

// CheckFeedURL accepts an absolute https address, or an http one on this machine's own
// loopback addresses (tests serve feeds there). Anything else would be read in the clear,
// or is not a web address at all.
func CheckFeedURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%q is not an address: %v", raw, err)
	}
	if u.Host == "" || u.User != nil {
		return fmt.Errorf("%q is not an absolute address like https://www.example.org/feed.xml", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%q is plain http: write the https address (plain http is read only from this machine, in tests)", raw)
	}
	return fmt.Errorf("%q: only https addresses are read", raw)
}

// IsLoopback reports whether host is localhost or a loopback IP address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
