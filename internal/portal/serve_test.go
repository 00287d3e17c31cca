package portal

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contratto/portal/internal/hosting"
	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
)

func writeProject(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// eventually polls until check holds; a deadline guards against a rebuild that never comes.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestPreviewRebuildsOnChangeAndSurvivesErrors(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, map[string]string{
		"site.toml":            "baseURL = \"https://example.org/\"\ndisableKinds = [\"taxonomy\", \"term\", \"sitemap\", \"rss\"]\n",
		"content/_index.md":    "---\ntitle: First\n---\n",
		"layouts/all.html":     "<p>{{ .Title }}</p><a href=\"{{ .Permalink }}\">self</a>",
		"content/page/page.md": "---\ntitle: Page\n---\n",
	})
	log := &syncWriter{}
	pv := NewPreview(site.Project{Fs: afero.NewOsFs(), Dir: dir}, "http://127.0.0.1:9999/", log)
	if err := pv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(pv)
	defer srv.Close()

	code, body := get(t, srv.URL+"/")
	if code != 200 || !strings.Contains(body, "First") || !strings.Contains(body, "http://127.0.0.1:9999/") {
		t.Fatalf("GET / = %d %q", code, body)
	}
	if code, _ := get(t, srv.URL+"/nowhere/"); code != 404 {
		t.Errorf("missing page: status %d", code)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching, watchErr := make(chan struct{}), make(chan error, 1)
	go func() { watchErr <- pv.Watch(ctx, func() { close(watching) }) }()
	select {
	case <-watching:
	case err := <-watchErr:
		t.Fatalf("watch: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("the watcher never became ready")
	}

	writeProject(t, dir, map[string]string{"content/_index.md": "---\ntitle: Second\n---\n"})
	eventually(t, "the change to show", func() bool {
		_, body := get(t, srv.URL+"/")
		return strings.Contains(body, "Second")
	})

	writeProject(t, dir, map[string]string{"content/_index.md": "---\ntitle: [broken\n---\n"})
	eventually(t, "the error page", func() bool {
		code, body := get(t, srv.URL+"/")
		return code == 500 && strings.Contains(body, "content/_index.md")
	})

	writeProject(t, dir, map[string]string{"content/_index.md": "---\ntitle: Third\n---\n"})
	eventually(t, "recovery after the fix", func() bool {
		code, body := get(t, srv.URL+"/")
		return code == 200 && strings.Contains(body, "Third")
	})
	if !strings.Contains(log.String(), "build failed: ") || !strings.Contains(log.String(), "content/_index.md") {
		t.Errorf("the terminal did not show the error:\n%s", log.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/ (err=%v)", err)
	}
}

func TestServeRefusesNonLoopbackAddress(t *testing.T) {
	var stderr bytes.Buffer
	if code := Main([]string{"serve", "-addr", "0.0.0.0:0"}, io.Discard, &stderr); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr.String(), "this machine only") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// syncWriter lets the watcher goroutine and the test share a buffer.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// The preview sends the headers production sends (internal/hosting), so a page that
// breaks under the Content-Security-Policy or a missing 404 page shows while editing.
func TestPreviewSendsTheProductionHeaders(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, map[string]string{
		"site.toml": "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"it\"\ndisableKinds = [\"taxonomy\", \"term\", \"sitemap\", \"rss\"]\n" +
			"[languages.it]\nweight = 1\n[languages.en]\nweight = 2\n" +
			"[params.hosting]\ncontentSecurityPolicy = \"default-src 'none'; style-src 'self'\"\n",
		"content/_index.it.md": "---\ntitle: Benvenuti\n---\n",
		"content/_index.en.md": "---\ntitle: Welcome\n---\n",
		"layouts/all.html":     "<p>{{ .Title }}</p>",
		"layouts/404.html":     "<p>{{ site.Language.Lang }} 404</p>",
	})
	pv := NewPreview(site.Project{Fs: afero.NewOsFs(), Dir: dir}, "http://127.0.0.1:9999/", &syncWriter{})
	if err := pv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(pv)
	defer srv.Close()
	rules, err := hosting.New("http://127.0.0.1:9999/", []string{"en"}, "default-src 'none'; style-src 'self'")
	if err != nil {
		t.Fatal(err)
	}
	for path, c := range map[string]struct {
		status int
		file   string
		body   string
	}{
		"/":           {200, "/index.html", "Benvenuti"},
		"/en/":        {200, "/en/index.html", "Welcome"},
		"/en/missing": {404, "/en/404.html", "en 404"},
		"/missing":    {404, "/404.html", "it 404"},
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.body) {
			t.Errorf("%s: %d %q, want %d and %q", path, resp.StatusCode, body, c.status, c.body)
		}
		for name, want := range rules.For(c.file) {
			if got := resp.Header.Values(name); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: %s %q, want %q", path, name, got, want)
			}
		}
		if hsts := resp.Header.Get(hosting.StrictTransportSecurity); hsts != "" {
			t.Errorf("%s: HSTS %q from the http preview", path, hsts)
		}
	}
}
