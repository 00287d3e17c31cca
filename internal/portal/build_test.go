package portal

import (
	"strings"
	"testing"

	"github.com/contratto/portal/internal/faultfs"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
)

const tinySite = `
-- site.toml --
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
-- content/_index.md --
---
title: Home
---
-- layouts/all.html --
{{ .Title }}
-- public/old.html --
the previous build
`

func TestBuildReplacesOutput(t *testing.T) {
	fsys := sitetest.Write(t, tinySite)
	if _, err := Build(sitetest.Project(fsys), "public", "dist/server"); err != nil {
		t.Fatal(err)
	}
	tree := sitetest.Tree(t, fsys, sitetest.Dir+"/public")
	if _, stale := tree["old.html"]; stale {
		t.Error("a stale file survived the build")
	}
	if !strings.Contains(string(tree["index.html"]), "Home") {
		t.Errorf("index.html = %q", tree["index.html"])
	}
	for _, name := range []string{"index.html.br", "index.html.gz"} {
		if _, ok := tree[name]; !ok {
			t.Errorf("no %s beside index.html", name)
		}
	}
	server := sitetest.Tree(t, fsys, sitetest.Dir+"/dist/server")
	for _, name := range ServerFiles {
		if len(server[name]) == 0 {
			t.Errorf("dist/server/%s is missing", name)
		}
	}
}

// A hosting setting the configurations cannot carry fails the build before anything is
// written, naming the file and line.
func TestBadHostingSettingChangesNothing(t *testing.T) {
	fsys := sitetest.Write(t, strings.Replace(tinySite, "disableKinds", "[params.hosting]\nroot = \"relative/path\"\n[x]\ndisableKinds", 1))
	before := sitetest.Tree(t, fsys, "/")
	_, err := Build(sitetest.Project(fsys), "public", "dist/server")
	if err == nil || !strings.HasPrefix(err.Error(), "site.toml:3: params.hosting.root") {
		t.Fatalf("err = %v, want one naming site.toml:3 and params.hosting.root", err)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, fsys, "/")); d != "" {
		t.Fatalf("the failed build changed the project:\n%s", d)
	}
}

func TestUnwritableOutputIsNamed(t *testing.T) {
	readOnly := afero.NewReadOnlyFs(sitetest.Write(t, tinySite))
	_, err := Build(sitetest.Project(readOnly), "public", "dist/server")
	if err == nil || !strings.Contains(err.Error(), "public") {
		t.Fatalf("err = %v, want an error naming public", err)
	}
}

// TestFailedWriteLeavesPublicUntouched: whichever write of the build fails, the build
// reports it and the project, public/ included, is left exactly as it was.
func TestFailedWriteLeavesPublicUntouched(t *testing.T) {
	n := faultfs.Check(t, sitetest.Write(t, tinySite), func(fsys afero.Fs) error {
		_, err := Build(sitetest.Project(fsys), "public", "dist/server")
		return err
	})
	t.Logf("%d changes, each made to fail once", n)
}

func TestFailedBuildLeavesPublicUntouched(t *testing.T) {
	fsys := sitetest.Write(t, tinySite+"-- content/broken.md --\n---\ntitle: [x\n---\n")
	before := sitetest.Tree(t, fsys, "/")
	_, err := Build(sitetest.Project(fsys), "public", "dist/server")
	if err == nil || !strings.Contains(err.Error(), "content/broken.md") {
		t.Fatalf("err = %v, want an error naming content/broken.md", err)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, fsys, "/")); d != "" {
		t.Fatalf("the failed build changed the project:\n%s", d)
	}
}
