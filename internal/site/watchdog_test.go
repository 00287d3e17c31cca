package site

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

// projectDir is where writeProject puts a project.
const projectDir = "/project"

// writeProject writes the files of a txtar archive under projectDir in memory. (The tests
// of this package cannot use sitetest, which imports it.)
func writeProject(t *testing.T, files string) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for _, f := range txtar.Parse([]byte(files)).Files {
		if err := afero.WriteFile(fsys, filepath.Join(projectDir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

func options(fsys afero.Fs) Options { return Options{Project: Project{Fs: fsys, Dir: projectDir}} }

// watchedSite has a layout, two content files and a build limit of limit.
func watchedSite(t *testing.T, limit string) afero.Fs {
	return writeProject(t, `
-- site.toml --
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "sitemap", "rss", "404", "robotsTXT"]
[params.build]
timeout = "`+limit+`"
-- layouts/baseof.html --
{{ block "main" . }}{{ end }}
-- layouts/page.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- layouts/home.html --
{{ define "main" }}home{{ end }}
-- content/_index.md --
-- content/a.md --
---
title: A
---
-- content/b.md --
---
title: B
---
`)
}

// hangingBuild replaces Hugo's build with one that hangs until release is closed, then
// tries to write into the site's output and sends what the write returned.
func hangingBuild(t *testing.T) (release chan struct{}, lateWrite chan error) {
	release, lateWrite = make(chan struct{}), make(chan error, 1)
	real := hugoBuild
	t.Cleanup(func() { hugoBuild = real })
	hugoBuild = func(h *hugolib.HugoSites, _ hugolib.BuildCfg) error {
		<-release
		lateWrite <- afero.WriteFile(h.Fs.PublishDir, "late.html", []byte("late"), 0o644)
		return nil
	}
	return release, lateWrite
}

func TestWatchdogStopsAHangingBuild(t *testing.T) {
	fsys := watchedSite(t, "50ms")
	// b.md and page.html changed last: they are named first.
	old := time.Date(2012, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range []string{"layouts/baseof.html", "layouts/home.html", "content/_index.md", "content/a.md"} {
		if err := fsys.Chtimes(filepath.Join(projectDir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	release, lateWrite := hangingBuild(t)
	out := afero.NewMemMapFs()
	opts := options(fsys)
	opts.Destination, opts.PublishDir = out, "/out"

	start := time.Now()
	_, err := Build(opts)
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("the build returned after %s, with a limit of 50ms", elapsed)
	}
	var timeout *TimeoutError
	if !errors.As(err, &timeout) || timeout.Limit != 50*time.Millisecond {
		t.Fatalf("err = %v, want a TimeoutError of 50ms", err)
	}
	msg := err.Error()
	for _, want := range []string{"did not finish within 50ms", "[params.build] timeout in site.toml", "\n  layouts/page.html (changed ", "\n  content/b.md (changed "} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Index(msg, "layouts/page.html") > strings.Index(msg, "layouts/baseof.html") {
		t.Errorf("the newest layout is not named first:\n%s", msg)
	}

	close(release)
	if err := <-lateWrite; !errors.Is(err, errStopped) {
		t.Errorf("the abandoned build could still write: %v", err)
	}
	if _, err := out.Stat("/out/late.html"); err == nil {
		t.Error("the abandoned build wrote late.html")
	}
}

func TestBuildTimeoutMustBeADuration(t *testing.T) {
	for _, limit := range []string{"soon", "0s", "-1m"} {
		_, err := Build(options(watchedSite(t, limit)))
		if err == nil || !strings.Contains(err.Error(), "site.toml: [params.build] timeout = "+limit+" is not a duration") {
			t.Errorf("timeout %q: err = %v", limit, err)
		}
	}
}

// TestTemplateErrorNeverHangs builds, a few times, a site whose every page fails in
// baseof.html. Hugo v0.165 reports the error or hangs (see doc.go); either way the build
// must end, with the template error or with the watchdog's.
func TestTemplateErrorNeverHangs(t *testing.T) {
	var b strings.Builder
	b.WriteString(`
-- site.toml --
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
[params.build]
timeout = "2s"
-- layouts/baseof.html --
{{ block "main" . }}{{ end }}{{ .NoSuchFieldAtAll.Deeper }}
-- layouts/page.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- layouts/home.html --
{{ define "main" }}home{{ end }}
-- content/_index.md --
`)
	for i := range 60 {
		fmt.Fprintf(&b, "-- content/p%d.md --\n---\ntitle: P%d\n---\n", i, i)
	}
	outcomes := map[string]int{}
	for range 3 {
		done := make(chan error, 1)
		go func() {
			_, err := Build(options(writeProject(t, b.String())))
			done <- err
		}()
		select {
		case err := <-done:
			var timeout *TimeoutError
			switch {
			case errors.As(err, &timeout):
				outcomes["stopped by the watchdog"]++
			case err != nil && strings.Contains(err.Error(), "NoSuchFieldAtAll"):
				outcomes["template error reported"]++
			default:
				t.Fatalf("err = %v, want the template error or the watchdog's", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("the build hung past its 2s limit")
		}
	}
	t.Logf("outcomes: %v", outcomes)
}
