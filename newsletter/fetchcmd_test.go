package newsletter_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contratto/portal/newsletter"
)

// partnerFeed is a partner's RSS feed, answered 304 when its ETag comes back.
func partnerFeed(title string, bodies *int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"1"`)
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		*bodies++
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%[1]s</title><link>https://%[1]s.example/</link>
<item><title>Notizia di %[1]s</title><link>https://%[1]s.example/1</link><pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item></channel></rss>`, title)
	}
}

func fetchSite(t *testing.T, feeds ...string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("baseURL = \"https://example.org/\"\n")
	for i, f := range feeds {
		fmt.Fprintf(&b, "\n[[params.newsletter.partners]]\nid = \"p%d\"\nname = \"Partner %d\"\nfeed = %q\nlanguages = [\"it\"]\n", i+1, i+1, f)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runFetch(t *testing.T, dir string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := newsletter.Main([]string{"fetch", "-config", filepath.Join(dir, "site.toml")}, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestFetchTwoPartnersThenNothingNew(t *testing.T) {
	var bodies int
	mux := http.NewServeMux()
	mux.Handle("/a", partnerFeed("a", &bodies))
	mux.Handle("/b", partnerFeed("b", &bodies))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := fetchSite(t, srv.URL+"/a", srv.URL+"/b")

	code, out, errs := runFetch(t, dir)
	if code != 0 || !strings.Contains(out, "p1: new: 1 item(s), 1 not seen before, written to data/partners/p1.json") ||
		!strings.Contains(out, "p2: new: 1 item(s)") || !strings.Contains(out, "commit them") {
		t.Fatalf("first fetch: exit %d\n%s%s", code, out, errs)
	}
	for _, id := range []string{"p1", "p2"} {
		if _, err := os.Stat(filepath.Join(dir, "data/partners", id+".json")); err != nil {
			t.Error(err)
		}
	}
	code, out, _ = runFetch(t, dir)
	if code != 0 || strings.Count(out, "unchanged (304 Not Modified)") != 2 || bodies != 2 {
		t.Errorf("second fetch: exit %d, %d bodies sent\n%s", code, bodies, out)
	}
}

func TestFetchFailsOnlyWhenNothingIsUsable(t *testing.T) {
	var bodies int
	mux := http.NewServeMux()
	mux.Handle("/a", partnerFeed("a", &bodies))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	code, out, _ := runFetch(t, fetchSite(t, srv.URL+"/a", srv.URL+"/missing"))
	if code != 0 || !strings.Contains(out, "p2: failed: the server answered 404 Not Found (no previous snapshot)") {
		t.Errorf("one feed of two failing: exit %d\n%s", code, out)
	}
	code, out, errs := runFetch(t, fetchSite(t, srv.URL+"/missing"))
	if code != 1 || !strings.Contains(errs, "no partner feed could be read") {
		t.Errorf("every feed failing: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runFetch(t, fetchSite(t))
	if code != 0 || !strings.Contains(out, "No partners in site.toml") {
		t.Errorf("no partners: exit %d\n%s", code, out)
	}
	dir := fetchSite(t, "http://news.example.org/feed")
	code, _, errs = runFetch(t, dir)
	if code != 1 || !strings.Contains(errs, "site.toml:3: [[params.newsletter.partners]] partner 1: feed: \"http://news.example.org/feed\" is plain http") {
		t.Errorf("a plain http feed: exit %d\n%s", code, errs)
	}
}
