// Package faultfs is a file system for tests that fails one chosen change. A test runs a
// command once to count the changes it makes to the files, then once for each of them,
// failing that one, and checks that every run left the files exactly as they were
// (Check does all of it).
package faultfs

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/spf13/afero"
)

// ErrInjected is the error of the operation made to fail.
var ErrInjected = errors.New("injected failure")

// Fs passes every call to the file system it wraps and numbers, from 1, the calls that
// change something: Create, OpenFile for writing, Mkdir, MkdirAll, Rename, Chmod, Chown,
// Chtimes, and Write, WriteAt, WriteString, Truncate, Sync and Close of a file opened for
// writing. The call numbered FailAt returns ErrInjected without doing anything (a failed
// Close still closes the file). Removals are neither counted nor failed: they are how a
// command cleans up after a failure.
type Fs struct {
	afero.Fs
	FailAt int // 0: nothing fails

	mu     sync.Mutex
	n      int
	failed string
}

// New wraps base so that its change number failAt fails.
func New(base afero.Fs, failAt int) *Fs { return &Fs{Fs: base, FailAt: failAt} }

// Changes returns how many changing calls were made, the failed one included.
func (f *Fs) Changes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// Failed describes the call that was made to fail, or is "" if none was.
func (f *Fs) Failed() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.failed
}

// change counts one changing call and returns ErrInjected if it is the one to fail.
func (f *Fs) change(op, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if f.n != f.FailAt {
		return nil
	}
	f.failed = fmt.Sprintf("change %d: %s %s", f.n, op, name)
	return &os.PathError{Op: op, Path: name, Err: ErrInjected}
}

func (f *Fs) Name() string { return "faultfs" }

func (f *Fs) Create(name string) (afero.File, error) {
	if err := f.change("create", name); err != nil {
		return nil, err
	}
	file, err := f.Fs.Create(name)
	return f.wrap(file), err
}

func (f *Fs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) == 0 {
		return f.Fs.OpenFile(name, flag, perm)
	}
	if err := f.change("open", name); err != nil {
		return nil, err
	}
	file, err := f.Fs.OpenFile(name, flag, perm)
	return f.wrap(file), err
}

func (f *Fs) Mkdir(name string, perm os.FileMode) error {
	if err := f.change("mkdir", name); err != nil {
		return err
	}
	return f.Fs.Mkdir(name, perm)
}

func (f *Fs) MkdirAll(path string, perm os.FileMode) error {
	if err := f.change("mkdir", path); err != nil {
		return err
	}
	return f.Fs.MkdirAll(path, perm)
}

func (f *Fs) Rename(oldname, newname string) error {
	if err := f.change("rename", oldname+" to "+newname); err != nil {
		return err
	}
	return f.Fs.Rename(oldname, newname)
}

func (f *Fs) Chmod(name string, mode os.FileMode) error {
	if err := f.change("chmod", name); err != nil {
		return err
	}
	return f.Fs.Chmod(name, mode)
}

func (f *Fs) Chown(name string, uid, gid int) error {
	if err := f.change("chown", name); err != nil {
		return err
	}
	return f.Fs.Chown(name, uid, gid)
}

func (f *Fs) Chtimes(name string, atime, mtime time.Time) error {
	if err := f.change("chtimes", name); err != nil {
		return err
	}
	return f.Fs.Chtimes(name, atime, mtime)
}

func (f *Fs) wrap(file afero.File) afero.File {
	if file == nil {
		return nil
	}
	return &writeFile{File: file, fs: f}
}

// writeFile is a file opened for writing, whose changes are counted.
type writeFile struct {
	afero.File
	fs *Fs
}

func (w *writeFile) Write(p []byte) (int, error) {
	if err := w.fs.change("write", w.Name()); err != nil {
		return 0, err
	}
	return w.File.Write(p)
}

func (w *writeFile) WriteAt(p []byte, off int64) (int, error) {
	if err := w.fs.change("write", w.Name()); err != nil {
		return 0, err
	}
	return w.File.WriteAt(p, off)
}

func (w *writeFile) WriteString(s string) (int, error) {
	if err := w.fs.change("write", w.Name()); err != nil {
		return 0, err
	}
	return w.File.WriteString(s)
}

func (w *writeFile) Truncate(size int64) error {
	if err := w.fs.change("truncate", w.Name()); err != nil {
		return err
	}
	return w.File.Truncate(size)
}

func (w *writeFile) Sync() error {
	if err := w.fs.change("sync", w.Name()); err != nil {
		return err
	}
	return w.File.Sync()
}

func (w *writeFile) Close() error {
	err := w.fs.change("close", w.Name())
	if cerr := w.File.Close(); err == nil {
		err = cerr
	}
	return err
}
