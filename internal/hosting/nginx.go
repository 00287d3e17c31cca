package hosting

import (
	"bytes"
	"fmt"
	"strings"
)

// NginxServer is where an nginx server block serves the site.
type NginxServer struct {
	// Listen is the listen directive's address ("80", "127.0.0.1:8080").
	Listen string
	// Root is the folder that holds public/ (the site's files).
	Root string
	// AccessLog is the log file; it never records an address, User-Agent or Referer.
	AccessLog string
	// ErrorLog is the error log. nginx names the client's address in every error it
	// logs, so only critical ones are logged there, and never a missing file.
	ErrorLog string
	// ListenTLS, Certificate and CertificateKey, when set, add an HTTPS listener with
	// that certificate (PEM files) to the same server block.
	ListenTLS, Certificate, CertificateKey string
}

// NginxServer returns where the production server serves the site, from site.toml.
func (s Site) NginxServer() NginxServer {
	log := s.AccessLog
	if log == "" {
		log = DefaultNginxAccessLog
	}
	return NginxServer{Listen: "80", Root: s.Root, AccessLog: log, ErrorLog: DefaultNginxErrorLog}
}

// Nginx writes the site's nginx configuration: a log format without personal data, the
// maps the rules need and one server block, for a file that nginx reads inside its http
// block (Debian: /etc/nginx/conf.d/). Every header comes from the rules.
func (s Site) Nginx(srv NginxServer) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# The ConTratTo portal for nginx, written by `portal build` from site.toml\n")
	w("# (internal/hosting). Do not edit it here: change site.toml and build again.\n")
	w("# It is read inside nginx's http block: on Debian, copy it to /etc/nginx/conf.d/.\n")
	w("# It needs Debian's libnginx-mod-http-brotli-static (brotli_static) and, for HTTPS,\n")
	w("# the certificate lines of docs/hosting.md. Check it with `nginx -t`.\n")
	if s.BasePath != "/" {
		w("# The site's address is under %s: root is the folder that holds that path.\n", s.BasePath)
	}
	w("\n# The access log: time, method, path without the query, status, size, duration.\n")
	w("# No IP address, no User-Agent, no Referer: nothing that points to a reader.\n")
	w("map $request_uri $contratto_path {\n\t\"~^(?<contratto_p>[^?]*)\" $contratto_p;\n}\n")
	w("log_format contratto_private '$time_iso8601 $request_method \"$contratto_path\" $status $body_bytes_sent $request_time';\n")

	w("\n# Cache-Control by file kind (first match wins).\n")
	w("map $uri $contratto_cache_control {\n\tdefault %s;\n", nginxQuote(Fallback.CacheControl))
	for _, k := range Kinds {
		w("\t%s %s; # %s\n", nginxQuote("~"+k.Pattern.String()), nginxQuote(k.CacheControl), k.Name)
	}
	w("}\n")

	w("\n# Each language's own 404 page for a missing address under its folder.\n")
	w("map $uri $contratto_not_found {\n\tdefault %s404.html;\n", s.BasePath)
	for _, l := range s.Languages {
		w("\t~^%s%s/ %s%s/404.html;\n", s.BasePath, l, s.BasePath, l)
	}
	w("}\n")
	if s.HTTPS {
		w("\n# Strict-Transport-Security only over HTTPS.\n")
		w("map $https $contratto_hsts {\n\ton %s;\n\tdefault \"\";\n}\n", nginxQuote(HSTS))
	}

	w("\nserver {\n")
	w("\tlisten %s;\n", srv.Listen)
	if srv.ListenTLS != "" {
		w("\tlisten %s ssl;\n\tssl_certificate %s;\n\tssl_certificate_key %s;\n", srv.ListenTLS, srv.Certificate, srv.CertificateKey)
	}
	if s.Host != "" {
		w("\tserver_name %s;\n", s.Host)
	}
	w("\troot %s;\n", srv.Root)
	w("\tindex index.html;\n")
	w("\taccess_log %s contratto_private;\n", srv.AccessLog)
	w("\t# nginx's error messages name the client's address: only critical ones, and no\n")
	w("\t# message for a missing file (a 404 is in the access log, without address).\n")
	w("\terror_log %s crit;\n\tlog_not_found off;\n", srv.ErrorLog)
	w("\tserver_tokens off;\n")
	w("\tabsolute_redirect off;\n")
	w("\tcharset off;\n")
	w("\n\t# The build writes .br and .gz beside every text file: served as they are when\n")
	w("\t# the browser accepts them (Content-Encoding: br or gzip), the file itself otherwise.\n")
	w("\tbrotli_static on;\n\tgzip_static on;\n\tgzip off;\n")
	w("\n\terror_page 404 $contratto_not_found;\n")
	w("\n\t# The same headers on every response, whatever its status (always).\n")
	for _, f := range s.Security() {
		if f.Name == StrictTransportSecurity {
			w("\tadd_header %s $contratto_hsts always;\n", f.Name)
			continue
		}
		w("\tadd_header %s %s always;\n", f.Name, nginxQuote(f.Value))
	}
	w("\tadd_header Cache-Control $contratto_cache_control always;\n")
	w("\tadd_header Vary Accept-Encoding always;\n")
	w("\n\t# Content-Type by file kind (first match wins); the locations add no header, so\n")
	w("\t# the server's headers above apply in each.\n")
	for _, k := range Kinds {
		w("\tlocation ~ %s {\n\t\ttypes { }\n\t\tdefault_type %s;\n\t} # %s\n", nginxQuote(k.Pattern.String()), nginxQuote(k.ContentType), k.Name)
	}
	w("\tlocation / {\n\t\ttypes { }\n\t\tdefault_type %s;\n\t}\n", Fallback.ContentType)
	w("}\n")
	return b.Bytes()
}

// nginxQuote puts a value in double quotes for nginx (the values the rules make hold no
// double quote, backslash or variable sign: checkPolicy refuses them in the policy).
func nginxQuote(v string) string {
	return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
}
