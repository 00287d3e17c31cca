package atomicfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/afero"
)

// A Batch replaces several files and folders together. Each new version is first written
// in full to a temporary sibling of its target; Commit then puts them in place one after
// the other, keeping each old version aside until all are in place. If one cannot be put
// in place, those already done get their old version back, so a failure at any step
// leaves every target as it was and no temporary file behind.
//
//	b := atomicfs.NewBatch(fsys)
//	defer b.Discard()
//	if err := b.WriteFile(path, data, 0o644); err != nil {
//		return err
//	}
//	return b.Commit()
type Batch struct {
	fs      afero.Fs
	entries []entry
	made    []string // folders the batch created, in the order it created them
	closed  bool
}

// entry is one target and its new version.
type entry struct {
	target string
	staged string // the temporary sibling holding the new version; "" once nothing is left there
	old    string // after put: where the old version waits; "" when there was none
	placed bool
}

// NewBatch starts an empty batch on fsys.
func NewBatch(fsys afero.Fs) *Batch { return &Batch{fs: fsys} }

// WriteFile stages data to replace the file at path on Commit.
func (b *Batch) WriteFile(path string, data []byte, perm fs.FileMode) error {
	path = filepath.Clean(path)
	if err := b.mkdirAll(filepath.Dir(path)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := tempName(path, "tmp")
	b.entries = append(b.entries, entry{target: path, staged: tmp})
	if err := writeNew(b.fs, tmp, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// ReplaceDir stages a new folder to replace dir on Commit: fill writes its content into
// the folder tmp. Files of the old dir that fill does not write do not survive. The
// error of fill is returned as it is.
func (b *Batch) ReplaceDir(dir string, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	if err := b.mkdirAll(filepath.Dir(dir)); err != nil {
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	tmp := tempName(dir, "new")
	b.entries = append(b.entries, entry{target: dir, staged: tmp})
	if err := b.fs.Mkdir(tmp, 0o755); err != nil {
		return fmt.Errorf("replace %s: %w", dir, err)
	}
	return fill(tmp)
}

// Commit puts every staged file and folder in place, in the order they were staged. On
// an error the targets already replaced get their old version back and the error says
// which target failed. A batch commits once.
func (b *Batch) Commit() error {
	if b.closed {
		return errors.New("atomicfs: the batch was already committed or discarded")
	}
	for i := range b.entries {
		e := &b.entries[i]
		old, err := put(b.fs, e.staged, e.target)
		if err != nil {
			err = fmt.Errorf("replace %s: %w", e.target, err)
			if rerr := b.rollback(); rerr != nil {
				err = fmt.Errorf("%w; %w", err, rerr)
			}
			b.Discard()
			return err
		}
		e.staged, e.old, e.placed = "", old, true
	}
	b.closed = true
	for _, e := range b.entries {
		if e.old != "" {
			_ = b.fs.RemoveAll(e.old) // the new version is in place: the old one goes
		}
	}
	return nil
}

// Discard removes whatever was staged and the folders the batch created, leaving every
// target as it was. It does nothing after Commit succeeded, so it suits a defer.
func (b *Batch) Discard() {
	if b.closed {
		return
	}
	b.closed = true
	for _, e := range b.entries {
		if e.staged != "" {
			_ = b.fs.RemoveAll(e.staged)
		}
	}
	for i := len(b.made) - 1; i >= 0; i-- {
		removeIfEmpty(b.fs, b.made[i])
	}
}

// rollback gives the targets already replaced their old version back, newest first.
func (b *Batch) rollback() error {
	var errs []error
	for i := len(b.entries) - 1; i >= 0; i-- {
		e := &b.entries[i]
		if !e.placed {
			continue
		}
		if e.old == "" {
			if err := b.fs.RemoveAll(e.target); err != nil {
				errs = append(errs, fmt.Errorf("%s could not be removed again: %w", e.target, err))
			}
			continue
		}
		newer, err := put(b.fs, e.old, e.target)
		if err != nil {
			errs = append(errs, fmt.Errorf("the previous version of %s could not be put back and is kept as %s: %w", e.target, e.old, err))
			continue
		}
		e.old, e.staged = "", newer // the new version now waits there, to be discarded
	}
	return errors.Join(errs...)
}

// put moves staged to target. When target exists it returns where its old version now
// is. On the operating system's file system the two are exchanged in one step where the
// kernel can (renameat2); elsewhere the old version is renamed away first, and renamed
// back if the second rename fails.
func put(fsys afero.Fs, staged, target string) (old string, err error) {
	_, statErr := fsys.Stat(target)
	if errors.Is(statErr, fs.ErrNotExist) {
		return "", fsys.Rename(staged, target)
	}
	if statErr != nil {
		return "", statErr
	}
	if _, isOS := fsys.(*afero.OsFs); isOS && exchange(staged, target) == nil {
		return staged, nil
	}
	old = tempName(target, "old")
	if err := fsys.Rename(target, old); err != nil {
		return "", err
	}
	if err := fsys.Rename(staged, target); err != nil {
		if rerr := fsys.Rename(old, target); rerr != nil {
			return "", fmt.Errorf("%w; the previous version could not be put back and is kept as %s: %w", err, old, rerr)
		}
		return "", err
	}
	return old, nil
}

// writeNew writes data to a file that must not exist yet.
func writeNew(fsys afero.Fs, path string, data []byte, perm fs.FileMode) error {
	f, err := fsys.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
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
	return werr
}

// mkdirAll creates dir and its missing parents, remembering which it created.
func (b *Batch) mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := b.fs.Stat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		err := b.fs.Mkdir(missing[i], 0o755)
		switch {
		case err == nil:
			b.made = append(b.made, missing[i])
		case !errors.Is(err, fs.ErrExist):
			return err
		}
	}
	return nil
}

// removeIfEmpty removes the folder dir if nothing is in it.
func removeIfEmpty(fsys afero.Fs, dir string) {
	if entries, err := afero.ReadDir(fsys, dir); err == nil && len(entries) == 0 {
		_ = fsys.Remove(dir)
	}
}
