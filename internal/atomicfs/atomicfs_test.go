package atomicfs

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func listFiles(t *testing.T, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := afero.Walk(fsys, dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := afero.ReadFile(fsys, path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fileSystems(t *testing.T) map[string]struct {
	fs   afero.Fs
	root string
} {
	return map[string]struct {
		fs   afero.Fs
		root string
	}{
		"mem": {afero.NewMemMapFs(), "/work"},
		"os":  {afero.NewOsFs(), t.TempDir()},
	}
}

func TestReplaceDirSwapsAndDropsStaleFiles(t *testing.T) {
	for name, c := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(c.root, "public")
			must(t, writeFile(c.fs, filepath.Join(dir, "stale.html"), "old"))
			must(t, writeFile(c.fs, filepath.Join(dir, "index.html"), "old"))
			err := ReplaceDir(c.fs, dir, func(tmp string) error {
				return afero.WriteFile(c.fs, filepath.Join(tmp, "index.html"), []byte("new"), 0o644)
			})
			must(t, err)
			got := listFiles(t, c.fs, dir)
			if len(got) != 1 || got["index.html"] != "new" {
				t.Fatalf("after replace: %v", got)
			}
			assertNoLeftovers(t, c.fs, c.root, "public")
		})
	}
}

func TestReplaceDirFailureKeepsOldTree(t *testing.T) {
	for name, c := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(c.root, "public")
			must(t, writeFile(c.fs, filepath.Join(dir, "index.html"), "old"))
			boom := errors.New("boom")
			err := ReplaceDir(c.fs, dir, func(tmp string) error {
				_ = afero.WriteFile(c.fs, filepath.Join(tmp, "index.html"), []byte("half"), 0o644)
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v, want boom", err)
			}
			if got := listFiles(t, c.fs, dir); len(got) != 1 || got["index.html"] != "old" {
				t.Fatalf("old tree changed: %v", got)
			}
			assertNoLeftovers(t, c.fs, c.root, "public")
		})
	}
}

// renamesFail fails the first n renames onto target: the file systems where put cannot
// exchange two folders in one step, and the second of its two renames fails.
type renamesFail struct {
	afero.Fs
	target string
	n      int
}

var errRename = errors.New("rename refused")

func (f *renamesFail) Rename(oldname, newname string) error {
	if newname == f.target && f.n > 0 {
		f.n--
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errRename}
	}
	return f.Fs.Rename(oldname, newname)
}

// TestReplaceDirPutsTheOldTreeBack: when the new folder cannot be renamed into place after
// the old one was moved aside, the old one is renamed back.
func TestReplaceDirPutsTheOldTreeBack(t *testing.T) {
	mem := afero.NewMemMapFs()
	must(t, writeFile(mem, "/work/public/index.html", "old"))
	fsys := &renamesFail{Fs: mem, target: "/work/public", n: 1}
	err := ReplaceDir(fsys, "/work/public", func(tmp string) error {
		return afero.WriteFile(fsys, filepath.Join(tmp, "index.html"), []byte("new"), 0o644)
	})
	if !errors.Is(err, errRename) {
		t.Fatalf("err = %v, want the refused rename", err)
	}
	if got := listFiles(t, mem, "/work/public"); len(got) != 1 || got["index.html"] != "old" {
		t.Fatalf("old tree changed: %v", got)
	}
	assertNoLeftovers(t, mem, "/work", "public")
}

// TestReplaceDirSaysWhereTheOldTreeIs: when the old folder cannot be renamed back either,
// nothing is lost: the error names the folder that keeps it.
func TestReplaceDirSaysWhereTheOldTreeIs(t *testing.T) {
	mem := afero.NewMemMapFs()
	must(t, writeFile(mem, "/work/public/index.html", "old"))
	fsys := &renamesFail{Fs: mem, target: "/work/public", n: 2}
	err := ReplaceDir(fsys, "/work/public", func(tmp string) error {
		return afero.WriteFile(fsys, filepath.Join(tmp, "index.html"), []byte("new"), 0o644)
	})
	if !errors.Is(err, errRename) {
		t.Fatalf("err = %v, want the refused rename", err)
	}
	entries, rerr := afero.ReadDir(mem, "/work")
	must(t, rerr)
	if len(entries) != 1 {
		t.Fatalf("/work holds %d entries, want only the kept old tree", len(entries))
	}
	kept := filepath.Join("/work", entries[0].Name())
	if !strings.Contains(err.Error(), "kept as "+kept) {
		t.Errorf("err = %v, want it to name %s", err, kept)
	}
	if got := listFiles(t, mem, kept); len(got) != 1 || got["index.html"] != "old" {
		t.Errorf("the kept old tree holds %v", got)
	}
}

func TestReplaceDirCreatesMissingDir(t *testing.T) {
	fsys := afero.NewMemMapFs()
	must(t, ReplaceDir(fsys, "/a/b/public", func(tmp string) error {
		return afero.WriteFile(fsys, filepath.Join(tmp, "x"), []byte("1"), 0o644)
	}))
	if got := listFiles(t, fsys, "/a/b/public"); got["x"] != "1" {
		t.Fatalf("got %v", got)
	}
}

func TestWriteFileReplacesWholeFile(t *testing.T) {
	for name, c := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(c.root, "data", "x.json")
			must(t, WriteFile(c.fs, p, []byte("first version, long"), 0o644))
			must(t, WriteFile(c.fs, p, []byte("second"), 0o644))
			b, err := afero.ReadFile(c.fs, p)
			must(t, err)
			if string(b) != "second" {
				t.Fatalf("got %q", b)
			}
			assertNoLeftovers(t, c.fs, filepath.Join(c.root, "data"), "x.json")
		})
	}
}

func TestCopyTree(t *testing.T) {
	src := afero.NewMemMapFs()
	must(t, afero.WriteFile(src, "/s/a/b.txt", []byte("b"), 0o644))
	must(t, afero.WriteFile(src, "/s/c.txt", []byte("c"), 0o644))
	dst := afero.NewMemMapFs()
	must(t, CopyTree(src, "/s", dst, "/d"))
	got := listFiles(t, dst, "/d")
	if len(got) != 2 || got["a/b.txt"] != "b" || got["c.txt"] != "c" {
		t.Fatalf("got %v", got)
	}
}

// assertNoLeftovers fails if dir holds anything but want (no temporary siblings).
func assertNoLeftovers(t *testing.T, fsys afero.Fs, dir string, want ...string) {
	t.Helper()
	entries, err := afero.ReadDir(fsys, dir)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != len(want) || names[0] != want[0] {
		t.Fatalf("%s holds %v, want only %v", dir, names, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(fsys afero.Fs, path, content string) error {
	if err := fsys.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(fsys, path, []byte(content), 0o644)
}
