package hosting

import (
	"bytes"
	"fmt"
	"strings"
)

// CaddyServer is where Caddy serves the site.
type CaddyServer struct {
	// Address is the site address: the host name (Caddy then gets and renews the HTTPS
	// certificate itself), or "http://127.0.0.1:8080" and the like.
	Address string
	// Root is the folder that holds public/ (the site's files).
	Root string
	// AccessLog is the log file; it never records an address, User-Agent or Referer.
	AccessLog string
}

// CaddyServer returns where the production server serves the site, from site.toml.
func (s Site) CaddyServer() CaddyServer {
	log := s.AccessLog
	if log == "" {
		log = DefaultCaddyAccessLog
	}
	addr := s.Host
	if !s.HTTPS {
		addr = "http://" + s.Host
	}
	return CaddyServer{Address: addr, Root: s.Root, AccessLog: log}
}

// Caddyfile writes the site's Caddyfile (Caddy 2.6 or later). Every header comes from
// the rules.
func (s Site) Caddyfile(srv CaddyServer) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# The ConTratTo portal for Caddy, written by `portal build` from site.toml\n")
	w("# (internal/hosting). Do not edit it here: change site.toml and build again.\n")
	w("# Check it with `caddy validate --adapter caddyfile --config Caddyfile`.\n")
	if s.BasePath != "/" {
		w("# The site's address is under %s: root is the folder that holds that path.\n", s.BasePath)
	}
	w("\n# The headers every response carries, whatever its status.\n")
	w("(contratto_security) {\n\theader {\n")
	for _, f := range s.Security() {
		w("\t\t%s %s\n", f.Name, caddyQuote(f.Value))
	}
	w("\t\tVary Accept-Encoding\n\t\t-Server\n\t}\n}\n")

	w("\n%s {\n", srv.Address)
	w("\troot * %s\n", srv.Root)
	w("\timport contratto_security\n")
	w("\n\t# The access log: no IP address, no User-Agent, no Referer, no query string.\n")
	w("\tlog {\n\t\toutput file %s\n", srv.AccessLog)
	w("\t\tformat filter {\n\t\t\twrap json\n\t\t\tfields {\n")
	for _, f := range []string{"request>remote_ip", "request>remote_port", "request>host", "request>client_ip", "request>headers", "request>tls", "resp_headers", "user_id"} {
		w("\t\t\t\t%s delete\n", f)
	}
	w("\t\t\t\trequest>uri regexp \\?.*$ \"\"\n")
	w("\t\t\t}\n\t\t}\n\t}\n")

	w("\n\troute {\n")
	w("\t\t@folder path */\n\t\trewrite @folder {path}index.html\n")
	w("\t\t# Content-Type and Cache-Control by file kind: the first matching kind of\n")
	w("\t\t# internal/hosting wins, so they are set here from the last to the first.\n")
	w("\t\theader Cache-Control %s\n", caddyQuote(Fallback.CacheControl))
	for i := len(Kinds) - 1; i >= 0; i-- {
		k := Kinds[i]
		w("\t\t@kind%d path_regexp %s\n", i, caddyQuote(k.Pattern.String()))
		w("\t\theader @kind%d Content-Type %s # %s\n", i, caddyQuote(k.ContentType), k.Name)
		w("\t\theader @kind%d Cache-Control %s\n", i, caddyQuote(k.CacheControl))
	}
	w("\t\t# The build wrote .br and .gz beside every text file.\n")
	w("\t\tfile_server {\n\t\t\tprecompressed br gzip\n\t\t}\n\t}\n")

	w("\n\t# Each language's own 404 page for a missing address under its folder.\n")
	w("\thandle_errors {\n\t\timport contratto_security\n")
	w("\t\theader Content-Type %s\n", caddyQuote(Kinds[0].ContentType))
	w("\t\theader Cache-Control %s\n", caddyQuote(Kinds[0].CacheControl))
	for _, l := range s.Languages {
		w("\t\t@missing_%s {\n\t\t\texpression {http.error.status_code} == 404\n\t\t\tpath %s%s/*\n\t\t}\n", caddyName(l), s.BasePath, l)
		w("\t\thandle @missing_%s {\n\t\t\trewrite * %s%s/404.html\n\t\t\tfile_server {\n\t\t\t\tprecompressed br gzip\n\t\t\t}\n\t\t}\n", caddyName(l), s.BasePath, l)
	}
	w("\t\t@missing expression {http.error.status_code} == 404\n")
	w("\t\thandle @missing {\n\t\t\trewrite * %s404.html\n\t\t\tfile_server {\n\t\t\t\tprecompressed br gzip\n\t\t\t}\n\t\t}\n", s.BasePath)
	w("\t}\n")
	w("}\n")
	return b.Bytes()
}

// caddyQuote puts a value in double quotes for the Caddyfile.
func caddyQuote(v string) string {
	return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
}

// caddyName makes a language code usable in a matcher's name.
func caddyName(l string) string { return strings.ReplaceAll(l, "-", "_") }
