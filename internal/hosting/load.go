package hosting

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// settings are what site.toml says about hosting ([params.hosting]).
type settings struct {
	// ContentSecurityPolicy is the policy every page carries in its <meta> and the header
	// repeats, with RequiredDirectives added.
	ContentSecurityPolicy string `toml:"contentSecurityPolicy"`
	// Root is the folder public/ is copied to on the server (nginx root, Caddy root).
	Root string `toml:"root"`
	// AccessLog is the server's access log file (which records no address).
	AccessLog string `toml:"accessLog"`
}

// Defaults for the settings site.toml leaves out.
const (
	DefaultRoot             = "/var/www/contratto/public"
	DefaultNginxAccessLog   = "/var/log/nginx/contratto.access.log"
	DefaultNginxErrorLog    = "/var/log/nginx/contratto.error.log"
	DefaultCaddyAccessLog   = "/var/log/caddy/contratto.access.log"
	defaultContentLanguage  = "en"
	hostingSettingsLocation = "params.hosting"
)

// Site is what the server configurations need: the rules, and where the site is.
type Site struct {
	Rules
	// Host is the host name of baseURL ("contratto.example").
	Host string
	// Root is the folder on the server that public/ is copied to (params.hosting.root,
	// DefaultRoot when unset).
	Root string
	// AccessLog is the access log file (params.hosting.accessLog); empty for each
	// server's own default.
	AccessLog string
}

// config is the part of site.toml the rules read.
type config struct {
	BaseURL                        string `toml:"baseURL"`
	DefaultContentLanguage         string `toml:"defaultContentLanguage"`
	DefaultContentLanguageInSubdir bool   `toml:"defaultContentLanguageInSubdir"`
	Languages                      map[string]any
	Params                         struct {
		Hosting settings `toml:"hosting"`
	} `toml:"params"`
}

// Load reads the rules from the config file (site.toml) in fsys. An error names the file,
// and the line where the file says it.
func Load(fsys afero.Fs, configFile string) (Rules, error) {
	s, err := LoadSite(fsys, configFile)
	return s.Rules, err
}

// LoadSite reads the rules and the hosting settings from the config file in fsys.
func LoadSite(fsys afero.Fs, configFile string) (Site, error) {
	name := filepath.Base(configFile)
	data, err := afero.ReadFile(fsys, configFile)
	if err != nil {
		return Site{}, err
	}
	var c config
	if err := toml.Unmarshal(data, &c); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return Site{}, fmt.Errorf("%s:%d: %s", name, row, de.Error())
		}
		return Site{}, fmt.Errorf("%s: %w", name, err)
	}
	def := strings.ToLower(c.DefaultContentLanguage)
	if def == "" {
		def = defaultContentLanguage
	}
	var langs []string
	for l := range c.Languages {
		if l = strings.ToLower(l); l != def || c.DefaultContentLanguageInSubdir {
			langs = append(langs, l)
		}
	}
	s := c.Params.Hosting
	r, err := New(c.BaseURL, langs, s.ContentSecurityPolicy)
	if err != nil {
		key := "contentSecurityPolicy"
		if strings.HasPrefix(err.Error(), "baseURL") {
			key = "baseURL"
		}
		return Site{}, fmt.Errorf("%s: %w", at(name, data, key), err)
	}
	if s.Root == "" {
		s.Root = DefaultRoot
	}
	for key, v := range map[string]string{"root": s.Root, "accessLog": s.AccessLog} {
		if v != "" && (!strings.HasPrefix(v, "/") || strings.ContainsAny(v, " \t\"'`;{}$\\\n")) {
			return Site{}, fmt.Errorf("%s: %s.%s %q: write an absolute path without spaces, quotes or ;{}$", at(name, data, key), hostingSettingsLocation, key, v)
		}
	}
	u, _ := url.Parse(c.BaseURL) // New has parsed it
	return Site{Rules: r, Host: u.Hostname(), Root: s.Root, AccessLog: s.AccessLog}, nil
}

// at names the file and, when found, the line that sets key: "site.toml:12".
func at(name string, data []byte, key string) string {
	if n := lineOf(data, key); n > 0 {
		return fmt.Sprintf("%s:%d", name, n)
	}
	return name
}

// lineOf returns the number of the first line that sets key ("key =" at its start), or 0.
func lineOf(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), key)
		if ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}
