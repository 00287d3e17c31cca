package site

import (
	"os"
	"sync"

	"github.com/spf13/afero"
)

// writeCheckFs is the destination under Hugo. Hugo does not look at the error of closing
// a file it wrote, so a write that fails there would leave a truncated page behind a
// build that reports success. writeCheckFs keeps the first error of any write, sync,
// truncate or close of a file opened for writing, and the build fails with it.
type writeCheckFs struct {
	afero.Fs
	mu    sync.Mutex
	first error
}

// err returns the first error a file written through fs reported, or nil.
func (fs *writeCheckFs) err() error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.first
}

// keep remembers err if it is the first.
func (fs *writeCheckFs) keep(err error) error {
	if err != nil {
		fs.mu.Lock()
		if fs.first == nil {
			fs.first = err
		}
		fs.mu.Unlock()
	}
	return err
}

func (fs *writeCheckFs) Name() string { return "writeCheckFs" }

func (fs *writeCheckFs) Create(name string) (afero.File, error) {
	f, err := fs.Fs.Create(name)
	return fs.wrap(f), err
}

func (fs *writeCheckFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := fs.Fs.OpenFile(name, flag, perm)
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) == 0 {
		return f, err
	}
	return fs.wrap(f), err
}

func (fs *writeCheckFs) wrap(f afero.File) afero.File {
	if f == nil {
		return nil
	}
	return &checkedFile{File: f, fs: fs}
}

// checkedFile is a file opened for writing whose errors are kept.
type checkedFile struct {
	afero.File
	fs *writeCheckFs
}

func (f *checkedFile) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	return n, f.fs.keep(err)
}

func (f *checkedFile) WriteAt(p []byte, off int64) (int, error) {
	n, err := f.File.WriteAt(p, off)
	return n, f.fs.keep(err)
}

func (f *checkedFile) WriteString(s string) (int, error) {
	n, err := f.File.WriteString(s)
	return n, f.fs.keep(err)
}

func (f *checkedFile) Truncate(size int64) error { return f.fs.keep(f.File.Truncate(size)) }
func (f *checkedFile) Sync() error               { return f.fs.keep(f.File.Sync()) }
func (f *checkedFile) Close() error              { return f.fs.keep(f.File.Close()) }
