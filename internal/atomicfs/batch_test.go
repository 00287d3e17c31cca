package atomicfs_test

import (
	"path/filepath"
	"testing"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/faultfs"
	"github.com/spf13/afero"
)

// project holds an old file and an old folder of two files.
func project(t *testing.T) afero.Fs {
	fsys := afero.NewMemMapFs()
	for name, data := range map[string]string{
		"/p/content/index.it.md": "old it",
		"/p/dist/it/email.html":  "old html",
		"/p/dist/it/stale.txt":   "old, not written again",
	} {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// writeAll replaces a file and a folder, and adds a file and a folder in new folders.
func writeAll(fsys afero.Fs) error {
	b := atomicfs.NewBatch(fsys)
	defer b.Discard()
	fill := func(tmp string) error {
		return afero.WriteFile(fsys, filepath.Join(tmp, "email.html"), []byte("new html"), 0o644)
	}
	for _, step := range []func() error{
		func() error { return b.WriteFile("/p/content/index.it.md", []byte("new it"), 0o644) },
		func() error { return b.ReplaceDir("/p/dist/it", fill) },
		func() error { return b.WriteFile("/p/content/2012-07/index.en.md", []byte("new en"), 0o644) },
		func() error { return b.ReplaceDir("/p/dist/2012-07/en", fill) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return b.Commit()
}

func TestBatchWritesAllOrNothing(t *testing.T) {
	n := faultfs.Check(t, project(t), writeAll)
	t.Logf("%d changes, each made to fail once", n)

	fsys := project(t)
	if err := writeAll(fsys); err != nil {
		t.Fatal(err)
	}
	got := faultfs.Snapshot(t, fsys)
	want := map[string]string{
		"/p/content/index.it.md":         "new it",
		"/p/content/2012-07/index.en.md": "new en",
		"/p/dist/it/email.html":          "new html",
		"/p/dist/2012-07/en/email.html":  "new html",
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s = %q, want %q", name, got[name], data)
		}
	}
	files := 0
	for name := range got {
		if name[len(name)-1] != '/' {
			files++
		}
	}
	if files != len(want) {
		t.Errorf("after the batch: %v", got)
	}
}

func TestWriteFileAndReplaceDirAreAllOrNothing(t *testing.T) {
	faultfs.Check(t, project(t), func(fsys afero.Fs) error {
		return atomicfs.WriteFile(fsys, "/p/content/index.it.md", []byte("new"), 0o644)
	})
	faultfs.Check(t, project(t), func(fsys afero.Fs) error {
		return atomicfs.ReplaceDir(fsys, "/p/dist/it", func(tmp string) error {
			return afero.WriteFile(fsys, filepath.Join(tmp, "a"), []byte("new"), 0o644)
		})
	})
}

func TestCommittedBatchIsDone(t *testing.T) {
	fsys := project(t)
	b := atomicfs.NewBatch(fsys)
	if err := b.WriteFile("/p/x", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	b.Discard() // nothing to undo
	if data, err := afero.ReadFile(fsys, "/p/x"); err != nil || string(data) != "x" {
		t.Errorf("/p/x = %q, %v", data, err)
	}
	if err := b.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
}
