package newsletter

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/contratto/portal/internal/frontmatter"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/contratto/portal/newsletter/partners"
	"github.com/spf13/afero"
)

// The partners' news ("From the network"): assemble reads the snapshots newsletter fetch
// committed in data/partners/ (never the network), picks the items dated in the month and
// shows them after the portal's own news, in a ```network block (newsletter/networkblock).

// NetworkRef records one partner item an issue shows, in its front matter.
type NetworkRef struct {
	Partner string `yaml:"partner"`
	Title   string `yaml:"title"`
	URL     string `yaml:"url"`
	Date    string `yaml:"date"`
	Lang    string `yaml:"lang"`
	Reason  string `yaml:"reason,omitempty"` // "feature" when the editorial asks
}

// networkItem is a partner's item the issue shows.
type networkItem struct {
	Partner  string
	Item     partners.Item
	Featured bool
}

// networkChoice is what the selection decided for one partner item, and why.
type networkChoice struct {
	Partner, Title, Link string
	Picked               bool
	Reason               string
}

// network is what assemble knows of the partners for one month.
type network struct {
	snapshots []*partners.Snapshot
	names     map[string]string // snapshot id → the partner's name in site.toml
	decisions decisions
	warnings  []string
}

// decisions are the links staff exclude or feature, from the front matter of the month's
// editorial files (any language: the partners' items are the same in every language).
type decisions struct {
	exclude, feature map[string]string // link → the file that says so
}

// editorialNetwork is the front matter of an editorial file that steers the partners' items.
type editorialNetwork struct {
	Network struct {
		Exclude []string `yaml:"exclude"`
		Feature []string `yaml:"feature"`
	} `yaml:"network"`
}

// loadNetwork reads the partners of site.toml, their snapshots, and the decisions of the
// month's editorial files. A partner without a snapshot yet is a warning; a damaged
// snapshot or editorial front matter is an error naming the file.
func (s *session) loadNetwork(m Month) (*network, error) {
	list, err := partners.LoadConfig(s.p.Fs, s.p.ConfigPath())
	if err != nil {
		return nil, err
	}
	n := &network{names: map[string]string{}, decisions: decisions{exclude: map[string]string{}, feature: map[string]string{}}}
	for _, p := range list {
		snap, err := partners.Load(s.p.Fs, s.p.Dir, p.ID)
		if errors.Is(err, fs.ErrNotExist) {
			n.warnings = append(n.warnings, fmt.Sprintf("%s: no snapshot of the partner %q yet: run newsletter fetch, then commit %s", partners.Path(p.ID), p.Name, partners.Dir))
			continue
		}
		if err != nil {
			return nil, err
		}
		n.snapshots = append(n.snapshots, snap)
		n.names[p.ID] = p.Name
	}
	dir := filepath.Join("content", archive.Section, m.String())
	names, err := afero.Glob(s.p.Fs, s.p.Path(filepath.Join(dir, "editorial.*.md")))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		rel := filepath.Join(dir, filepath.Base(name))
		data, err := afero.ReadFile(s.p.Fs, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		doc, err := frontmatter.Split(data)
		if err != nil {
			return nil, fmt.Errorf("%s:%w", rel, err)
		}
		if doc.Format == "" {
			continue
		}
		var fm editorialNetwork
		if err := doc.Decode(&fm, false); err != nil {
			return nil, fmt.Errorf("%s:%w", rel, err)
		}
		for _, link := range fm.Network.Exclude {
			n.decisions.exclude[strings.TrimSpace(link)] = rel
		}
		for _, link := range fm.Network.Feature {
			n.decisions.feature[strings.TrimSpace(link)] = rel
		}
	}
	return n, nil
}

// selectNetwork picks the partners' items dated in month (in loc): those an editorial
// excludes, and those whose date is not trusted, are left out; featured ones first, then
// by date, partner and link. Every item of the month, and every item whose date is not
// trusted, is a choice in the report.
func (n *network) selectNetwork(m Month, loc *time.Location) ([]networkItem, []networkChoice) {
	var items []networkItem
	var choices []networkChoice
	shownBy := map[string]string{} // link → the partner whose item shows it
	for _, snap := range n.snapshots {
		name := n.names[snap.ID]
		for _, it := range snap.Items {
			c := networkChoice{Partner: name, Title: it.Title, Link: it.Link}
			switch {
			case !it.Trusted():
				c.Reason = fmt.Sprintf("%s (%s): not trusted, left out", it.DateNote, orNone(it.Date))
			case !m.Contains(it.Time(), loc):
				continue
			case n.decisions.exclude[it.Link] != "":
				c.Reason = "excluded by " + n.decisions.exclude[it.Link]
			case shownBy[it.Link] != "":
				c.Reason = "the same link as an item of " + shownBy[it.Link] + ", shown once"
			case n.decisions.feature[it.Link] != "":
				c.Picked, c.Reason = true, "featured by "+n.decisions.feature[it.Link]
				items = append(items, networkItem{Partner: name, Item: it, Featured: true})
				shownBy[it.Link] = name
			default:
				c.Picked, c.Reason = true, "dated "+it.Time().In(loc).Format("2006-01-02")
				items = append(items, networkItem{Partner: name, Item: it})
				shownBy[it.Link] = name
			}
			choices = append(choices, c)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Featured != b.Featured {
			return a.Featured
		}
		if ta, tb := a.Item.Time(), b.Item.Time(); !ta.Equal(tb) {
			return ta.Before(tb)
		}
		if a.Partner != b.Partner {
			return a.Partner < b.Partner
		}
		return a.Item.Link < b.Item.Link
	})
	return items, choices
}

// unknownDecisions warns about a link an editorial names that no snapshot holds.
func (n *network) unknownDecisions() []string {
	known := map[string]bool{}
	for _, snap := range n.snapshots {
		for _, it := range snap.Items {
			known[it.Link] = true
		}
	}
	var out []string
	for _, list := range []map[string]string{n.decisions.exclude, n.decisions.feature} {
		for link, file := range list {
			if !known[link] {
				out = append(out, fmt.Sprintf("%s: network: %s is no item of the partners' snapshots (check the link, or run newsletter fetch)", file, link))
			}
		}
	}
	sort.Strings(out)
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
