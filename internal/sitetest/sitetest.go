// Package sitetest builds whole small sites, written as one txtar string of files, on an
// in-memory file system — the way Hugo's own integration tests describe a site:
//
//	-- site.toml --
//	baseURL = "https://example.org/"
//	-- content/it/_index.md --
//	...
package sitetest

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

// Dir is where Write puts the project in its in-memory file system.
const Dir = "/project"

// Write puts the files of a txtar archive into a new in-memory file system under Dir.
func Write(t testing.TB, files string) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for _, f := range txtar.Parse([]byte(files)).Files {
		path := filepath.Join(Dir, f.Name)
		if err := fsys.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fsys, path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// Project returns the project written by Write.
func Project(fsys afero.Fs) site.Project {
	return site.Project{Fs: fsys, Dir: Dir}
}

// Options returns the build options for a project written by Write.
func Options(fsys afero.Fs) site.Options {
	return site.Options{Project: Project(fsys)}
}

// Build writes the files and builds the site, failing the test on any error.
func Build(t testing.TB, files string) *site.Result {
	t.Helper()
	res, err := site.Build(Options(Write(t, files)))
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// Read returns the content of a file in fsys, failing the test if it is missing.
func Read(t testing.TB, fsys afero.Fs, path string) string {
	t.Helper()
	b, err := afero.ReadFile(fsys, path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return string(b)
}

// AssertContains fails unless the file holds every one of the wanted strings.
func AssertContains(t testing.TB, fsys afero.Fs, path string, want ...string) {
	t.Helper()
	got := Read(t, fsys, path)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q\n--- got ---\n%s", path, w, got)
		}
	}
}

// AssertNotContains fails if the file holds any of the strings.
func AssertNotContains(t testing.TB, fsys afero.Fs, path string, unwanted ...string) {
	t.Helper()
	got := Read(t, fsys, path)
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q", path, w)
		}
	}
}

// Tree returns every file under root as path → content, paths relative to root.
func Tree(t testing.TB, fsys afero.Fs, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := afero.Walk(fsys, root, func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		b, err := afero.ReadFile(fsys, path)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// DiffTrees describes how two trees differ ("" when they are identical).
func DiffTrees(a, b map[string][]byte) string {
	var diffs []string
	for p, da := range a {
		db, ok := b[p]
		switch {
		case !ok:
			diffs = append(diffs, "only in first: "+p)
		case !bytes.Equal(da, db):
			diffs = append(diffs, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "only in second: "+p)
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "\n")
}
