package hosting

// The generated configurations, put to work: Debian's nginx (with its Brotli module)
// serves a small fixture site on 127.0.0.1 with the configuration Site.Nginx writes, and
// every response must carry what the rules say. tests/server/install installs nginx;
// `make test` runs it before the Go tests.

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"
)

const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

var fingerprint = strings.Repeat("5e", 32)

// fixtureFiles is a small built site: every kind of file the portal has, and the 404
// pages of the default language and of two language folders.
func fixtureFiles() map[string]string {
	page := func(lang, text string) string {
		return `<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` + text +
			`</title><link rel="stylesheet" href="/css/site.` + fingerprint + `.css"></head><body><h1>` + text +
			`</h1>` + strings.Repeat("<p>"+text+" — text of the page.</p>", 40) + `</body></html>`
	}
	return map[string]string{
		"index.html":                       page("it", "Benvenuti"),
		"404.html":                         page("it", "Pagina non trovata"),
		"en/index.html":                    page("en", "Welcome"),
		"en/404.html":                      page("en", "Page not found"),
		"ar/index.html":                    page("ar", "أهلا"),
		"ar/404.html":                      page("ar", "الصفحة غير موجودة"),
		"css/site." + fingerprint + ".css": strings.Repeat("body{color:#111;margin:0 auto}\n", 30),
		"js/exit." + fingerprint + ".js":   strings.Repeat("document.addEventListener('keydown',function(){});\n", 20),
		"en/notizie/index.xml":             `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title></channel></rss>`,
		"en/newsletter/atom.xml":           `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>`,
		"en/newsletter/feed.json":          `{"version":"https://jsonfeed.org/version/1.1","title":"News","items":[]}`,
		"sitemap.xml":                      `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>`,
		"data/stats.json":                  `{"releases":[]}`,
		"data/stats/2012-H1/cases.csv":     "period,cases\n2012-H1,10\n",
		"docs/leaflet.pdf":                 "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
	}
}

// writeFixture writes the fixture site under dir/public and compresses it as the build does.
func writeFixture(t *testing.T, r Rules, dir string) string {
	t.Helper()
	public := filepath.Join(dir, "public")
	for name, text := range fixtureFiles() {
		p := filepath.Join(public, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.Compress(afero.NewOsFs(), public, ""); err != nil {
		t.Fatal(err)
	}
	return public
}

// nginxBinary returns Debian's nginx, skipping the test when it is not installed.
func nginxBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skip("nginx is not installed: run tests/server/install (make test runs it first)")
	}
	if _, err := os.Stat(brotliModule); err != nil {
		t.Skip("nginx's Brotli module is not installed: run tests/server/install (make test runs it first)")
	}
	return bin
}

// freePort returns a port on 127.0.0.1 that nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startNginx checks the configuration with nginx -t, then runs nginx in the foreground
// with its own prefix in dir, stopped at the end of the test. It returns the site's origin
// (plain HTTP). https is the HTTPS listener, if any (ListenTLS, Certificate, CertificateKey);
// the plain listener, the root and the logs are filled in here.
func startNginx(t *testing.T, bin, dir string, s Site, public string, https NginxServer) (origin, accessLog string) {
	t.Helper()
	port := freePort(t)
	accessLog = filepath.Join(dir, "access.log")
	srv := https
	srv.Listen, srv.Root = fmt.Sprintf("127.0.0.1:%d", port), public
	srv.AccessLog, srv.ErrorLog = accessLog, filepath.Join(dir, "site-error.log")
	if err := os.WriteFile(filepath.Join(dir, "site.conf"), s.Nginx(srv), 0o644); err != nil {
		t.Fatal(err)
	}
	user := ""
	if os.Geteuid() == 0 {
		// nginx started by root serves as an unprivileged user, which must reach the files.
		user = "user nobody nogroup;\n"
		for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	main := user + "load_module " + brotliModule + ";\n" +
		"worker_processes 1;\npid " + filepath.Join(dir, "nginx.pid") + ";\nerror_log " + filepath.Join(dir, "error.log") + ";\n" +
		"events { worker_connections 64; }\nhttp {\n"
	for _, tmp := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		main += "\t" + tmp + "_temp_path " + filepath.Join(dir, tmp) + ";\n"
	}
	main += "\tinclude " + filepath.Join(dir, "site.conf") + ";\n}\n"
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-p", dir, "-c", conf, "-e", filepath.Join(dir, "error.log")}
	if out, err := exec.Command(bin, append(args, "-t")...).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t refuses the generated configuration: %v\n%s\n--- site.conf ---\n%s", err, out, s.Nginx(srv))
	}
	cmd := exec.Command(bin, append(args, "-g", "daemon off;")...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	origin = fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; {
		c, err := net.Dial("tcp", srv.Listen)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx does not answer on %s: %v\n%s%s", srv.Listen, err, stderr.String(), errLog)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return origin, accessLog
}

// get asks for path with the given Accept-Encoding ("" for none), as a browser that came
// from another site would, and returns the response with its body read.
func get(t *testing.T, origin, path, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", origin+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("User-Agent", "ReaderPhone/1.0 (fixture)")
	req.Header.Set("Referer", "https://referrer.test/watching")
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// checkHeaders compares a response's headers with what the rules give for file.
func checkHeaders(t *testing.T, r Rules, what string, resp *http.Response, file string) {
	t.Helper()
	want := r.For(file)
	for name := range want {
		if got := resp.Header.Values(name); len(got) != 1 || got[0] != want.Get(name) {
			t.Errorf("%s: %s %q, want %q", what, name, got, want.Get(name))
		}
	}
	if got := resp.Header.Get(StrictTransportSecurity); got != "" && !r.HTTPS {
		t.Errorf("%s: HSTS %q over plain HTTP", what, got)
	}
	if got := resp.Header.Get("Server"); strings.Contains(got, "/") {
		t.Errorf("%s: Server %q tells the version", what, got)
	}
}

func TestNginxServesTheRules(t *testing.T) {
	bin := nginxBinary(t)
	dir := t.TempDir()
	s := mustLoad(t, strings.Replace(fixture, "https://", "http://", 1))
	public := writeFixture(t, s.Rules, dir)
	origin, accessLog := startNginx(t, bin, dir, s, public, NginxServer{})
	checkServing(t, s, origin, accessLog)
	// The missing pages asked for left no message with the client's address.
	if errLog, _ := os.ReadFile(filepath.Join(dir, "site-error.log")); bytes.Contains(errLog, []byte("127.0.0.1")) {
		t.Errorf("the error log names the client:\n%s", errLog)
	}
}

// Over HTTPS, and only there, nginx adds Strict-Transport-Security.
func TestNginxSendsHSTSOnlyOverHTTPS(t *testing.T) {
	bin := nginxBinary(t)
	dir := t.TempDir()
	s := mustLoad(t, fixture) // https baseURL
	public := writeFixture(t, s.Rules, dir)
	cert, key := selfSignedCertificate(t, dir)
	tlsAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	origin, _ := startNginx(t, bin, dir, s, public, NginxServer{ListenTLS: tlsAddr, Certificate: cert, CertificateKey: key})

	if resp, _ := get(t, origin, "/en/", ""); resp.Header.Get(StrictTransportSecurity) != "" {
		t.Errorf("plain HTTP: HSTS %q", resp.Header.Get(StrictTransportSecurity))
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // the test's own certificate
	for _, path := range []string{"/en/", "/en/missing"} {
		resp, err := client.Get("https://" + tlsAddr + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Values(StrictTransportSecurity); len(got) != 1 || got[0] != HSTS {
			t.Errorf("HTTPS %s: HSTS %q, want %q", path, got, HSTS)
		}
	}
}

// selfSignedCertificate writes a certificate for 127.0.0.1 and its key into dir.
func selfSignedCertificate(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o644); err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// Caddy is optional: when Debian's caddy is installed, the Caddyfile is validated and
// serves the fixture site the same way.
func TestCaddyServesTheRules(t *testing.T) {
	bin, err := exec.LookPath("caddy")
	if err != nil {
		t.Skip("caddy is not installed (optional: apt-get install caddy)")
	}
	dir := t.TempDir()
	s := mustLoad(t, strings.Replace(fixture, "https://", "http://", 1))
	public := writeFixture(t, s.Rules, dir)
	port := freePort(t)
	accessLog := filepath.Join(dir, "access.log")
	caddyfile := s.Caddyfile(CaddyServer{Address: fmt.Sprintf("http://127.0.0.1:%d", port), Root: public, AccessLog: accessLog})
	conf := filepath.Join(dir, "Caddyfile")
	// The test's own instance: no admin endpoint, no state in the home folder.
	if err := os.WriteFile(conf, append([]byte("{\n\tadmin off\n\tstorage file_system "+filepath.Join(dir, "data")+"\n}\n"), caddyfile...), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	validate := exec.Command(bin, "validate", "--adapter", "caddyfile", "--config", conf)
	validate.Env = env
	if out, err := validate.CombinedOutput(); err != nil {
		t.Fatalf("caddy validate refuses the generated Caddyfile: %v\n%s\n--- Caddyfile ---\n%s", err, out, caddyfile)
	}
	cmd := exec.Command(bin, "run", "--adapter", "caddyfile", "--config", conf)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("caddy does not answer on %s\n%s", addr, out.String())
		}
	}
	checkServing(t, s, "http://"+addr, accessLog)
}

// checkServing asks the server at origin for every file of the fixture site, with and
// without compression, and for missing pages, and reads its access log.
func checkServing(t *testing.T, s Site, origin, accessLog string) {
	t.Helper()

	// Every kind of file: its type, caching and the security headers; the file as it is
	// when the browser asks for no compression.
	for name, text := range fixtureFiles() {
		resp, body := get(t, origin, "/"+name, "")
		if resp.StatusCode != 200 || string(body) != text {
			t.Errorf("/%s: status %d, %d bytes, want 200 and the file", name, resp.StatusCode, len(body))
		}
		checkHeaders(t, s.Rules, "/"+name, resp, "/"+name)
		if enc := resp.Header.Get("Content-Encoding"); enc != "" {
			t.Errorf("/%s: Content-Encoding %q to a browser that accepts none", name, enc)
		}
	}
	resp, _ := get(t, origin, "/en/", "")
	checkHeaders(t, s.Rules, "/en/", resp, "/en/index.html")

	// Brotli when the browser asks for it (Chromium sends "gzip, deflate, br, zstd"),
	// gzip when it accepts only that; text only.
	for _, name := range []string{"en/index.html", "css/site." + fingerprint + ".css", "en/newsletter/atom.xml", "data/stats/2012-H1/cases.csv"} {
		resp, body := get(t, origin, "/"+name, "gzip, deflate, br, zstd")
		if got := resp.Header.Get("Content-Encoding"); got != "br" {
			t.Errorf("/%s: Content-Encoding %q, want br", name, got)
		} else if plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body))); err != nil || string(plain) != fixtureFiles()[name] {
			t.Errorf("/%s: the Brotli body is not the file (%v)", name, err)
		}
		checkHeaders(t, s.Rules, "/"+name+" (br)", resp, "/"+name)
		resp, _ = get(t, origin, "/"+name, "gzip")
		if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
			t.Errorf("/%s: Content-Encoding %q, want gzip", name, got)
		}
	}
	if resp, _ := get(t, origin, "/docs/leaflet.pdf", "br"); resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("a PDF is sent compressed: %q", resp.Header.Get("Content-Encoding"))
	}

	// A missing address: the 404 page of its language, with status 404 and every header.
	for path, page := range map[string]string{
		"/en/no-such-page":   "en/404.html",
		"/en/a/b/c/":         "en/404.html",
		"/ar/missing.html":   "ar/404.html",
		"/missing":           "404.html",
		"/fr/missing":        "404.html", // not a language of the site
		"/css/missing.css":   "404.html",
		"/english/something": "404.html",
	} {
		resp, body := get(t, origin, path, "br")
		if resp.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
		plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
		if resp.Header.Get("Content-Encoding") != "br" || err != nil {
			plain = body
		}
		if string(plain) != fixtureFiles()[page] {
			t.Errorf("%s: the body is not %s", path, page)
		}
		checkHeaders(t, s.Rules, path+" (404)", resp, "/"+page)
	}

	// The log holds every request, and nothing that points to the reader.
	get(t, origin, "/en/?name=secret-query", "")
	var log []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		log, _ = os.ReadFile(accessLog)
		if bytes.Contains(log, []byte(`"/en/"`)) {
			break
		}
	}
	if !bytes.Contains(log, []byte(`"/en/"`)) {
		t.Fatalf("the access log does not record the requests:\n%s", log)
	}
	for _, private := range []string{"127.0.0.1", "ReaderPhone", "referrer.test", "secret-query"} {
		if bytes.Contains(log, []byte(private)) {
			t.Errorf("the access log records %q:\n%s", private, log)
		}
	}
}
