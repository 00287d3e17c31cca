package portal

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
)

// withTimeout gives the site of files a build limit of limit.
func withTimeout(files, limit string) string {
	return strings.Replace(files, "-- content/", "[params.build]\ntimeout = \""+limit+"\"\n-- content/", 1)
}

// A limit of a nanosecond is over before any build ends: the watchdog always fires.
func TestBuildStoppedByTheWatchdogLeavesPublicUntouched(t *testing.T) {
	fsys := sitetest.Write(t, withTimeout(tinySite, "1ns"))
	before := sitetest.Tree(t, fsys, "/")
	_, err := Build(sitetest.Project(fsys), "public", "dist/server")
	var timeout *site.TimeoutError
	if !errors.As(err, &timeout) {
		t.Fatalf("err = %v, want the watchdog's", err)
	}
	for _, want := range []string{"did not finish within 1ns", "layouts/all.html", "content/_index.md"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the message lacks %q:\n%s", want, err)
		}
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, fsys, "/")); d != "" {
		t.Fatalf("the stopped build changed the project:\n%s", d)
	}
}

func TestPreviewShowsTheWatchdogsMessage(t *testing.T) {
	fsys := sitetest.Write(t, withTimeout(tinySite, "1ns"))
	log := &syncWriter{}
	pv := NewPreview(sitetest.Project(fsys), "http://127.0.0.1:9999/", log)
	if err := pv.Rebuild(); err == nil {
		t.Fatal("the build succeeded")
	}
	srv := httptest.NewServer(pv)
	defer srv.Close()
	code, body := get(t, srv.URL+"/")
	for _, shown := range []string{body, log.String()} {
		if !strings.Contains(shown, "did not finish within 1ns") || !strings.Contains(shown, "layouts/all.html") {
			t.Errorf("the message is not shown:\n%s", shown)
		}
	}
	if code != 500 {
		t.Errorf("status %d", code)
	}
}

// TestTemplateErrorInBaseofFailsTheBuild breaks baseof.html in a site of many pages, which
// Hugo v0.165 reports or hangs on (see the internal/site package docs): either way the
// build fails and public/ stays as it was.
func TestTemplateErrorInBaseofFailsTheBuild(t *testing.T) {
	files := withTimeout(tinySite, "2s") + "-- layouts/baseof.html --\n{{ block \"main\" . }}{{ end }}{{ .NoSuchFieldAtAll.Deeper }}\n" +
		"-- layouts/page.html --\n{{ define \"main\" }}{{ .Title }}{{ end }}\n"
	for i := range 60 {
		files += "-- content/p" + strings.Repeat("x", i) + ".md --\n---\ntitle: P\n---\n"
	}
	fsys := sitetest.Write(t, files)
	before := sitetest.Tree(t, fsys, "/")
	for range 3 {
		_, err := Build(sitetest.Project(fsys), "public", "dist/server")
		var timeout *site.TimeoutError
		if !errors.As(err, &timeout) && (err == nil || !strings.Contains(err.Error(), "NoSuchFieldAtAll")) {
			t.Fatalf("err = %v, want the template error or the watchdog's", err)
		}
		if d := sitetest.DiffTrees(before, sitetest.Tree(t, fsys, "/")); d != "" {
			t.Fatalf("the failed build changed the project:\n%s", d)
		}
	}
}
