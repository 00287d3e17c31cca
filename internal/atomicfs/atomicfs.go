// Package atomicfs writes files and whole folders so that a reader sees either the old
// version or the new one, never half of each, and a failed write leaves the old one intact.
package atomicfs

import (
	"errors"
	"fmt"
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

// WriteFile writes data to a temporary file beside path and renames it over path.
func WriteFile(fsys afero.Fs, path string, data []byte, perm fs.FileMode) error {
	if err := fsys.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := tempName(path, "tmp")
	f, err := fsys.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = fsys.Rename(tmp, path)
	}
	if werr != nil {
		_ = fsys.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

// ReplaceDir fills a new folder beside dir by calling fill with its path, then puts it in
// place of dir. If fill fails, dir is left exactly as it was and the new folder is removed.
// Files that existed in the old dir but were not written by fill do not survive.
func ReplaceDir(fsys afero.Fs, dir string, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	if err := fsys.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp := tempName(dir, "new")
	if err := fsys.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		_ = fsys.RemoveAll(tmp)
		return err
	}
	if err := swap(fsys, tmp, dir); err != nil {
		_ = fsys.RemoveAll(tmp)
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	return nil
}

// swap moves the folder tmp to dir. On the operating system's file system it exchanges the
// two in one step where the kernel can (renameat2); elsewhere the old folder is renamed away
// first, and put back if the second rename fails.
func swap(fsys afero.Fs, tmp, dir string) error {
	_, statErr := fsys.Stat(dir)
	if errors.Is(statErr, fs.ErrNotExist) {
		return fsys.Rename(tmp, dir)
	}
	if statErr != nil {
		return statErr
	}
	if _, isOS := fsys.(*afero.OsFs); isOS {
		if err := exchange(tmp, dir); err == nil {
			return fsys.RemoveAll(tmp) // tmp now holds the old tree
		}
	}
	old := tempName(dir, "old")
	if err := fsys.Rename(dir, old); err != nil {
		return err
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		_ = fsys.Rename(old, dir)
		return err
	}
	return fsys.RemoveAll(old)
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
