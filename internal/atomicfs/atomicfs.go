// Package atomicfs writes files and whole folders so that a reader sees either the old
// version or the new one, never half of each, and a failed write leaves the old one intact.
// A Batch does the same for several files and folders together: all of them change, or
// none does.
package atomicfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/spf13/afero"
)

var counter atomic.Uint64

// tempName returns a sibling of path that no other writer in this process uses.
func tempName(path, kind string) string {
	n := counter.Add(1)
	return filepath.Join(filepath.Dir(path),
		"."+filepath.Base(path)+"."+kind+"-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(n, 10))
}

// WriteFile writes data to a temporary file beside path and puts it in place of path.
func WriteFile(fsys afero.Fs, path string, data []byte, perm fs.FileMode) error {
	b := NewBatch(fsys)
	defer b.Discard()
	if err := b.WriteFile(path, data, perm); err != nil {
		return err
	}
	return b.Commit()
}

// ReplaceDir fills a new folder beside dir by calling fill with its path, then puts it in
// place of dir. If fill fails, dir is left exactly as it was and the new folder is removed.
// Files that existed in the old dir but were not written by fill do not survive.
func ReplaceDir(fsys afero.Fs, dir string, fill func(tmp string) error) error {
	b := NewBatch(fsys)
	defer b.Discard()
	if err := b.ReplaceDir(dir, fill); err != nil {
		return err
	}
	return b.Commit()
}

// CopyTree copies every file under srcDir in src to dstDir in dst, keeping relative paths.
func CopyTree(src afero.Fs, srcDir string, dst afero.Fs, dstDir string) error {
	return afero.Walk(src, srcDir, func(path string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(srcDir, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dstDir, rel)
		if info.IsDir() {
			return dst.MkdirAll(target, 0o755)
		}
		data, err := afero.ReadFile(src, path)
		if err != nil {
			return err
		}
		return afero.WriteFile(dst, target, data, 0o644)
	})
}
