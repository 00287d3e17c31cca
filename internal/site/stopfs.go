package site

import (
	"errors"
	"os"
	"sync"
	"time"

	"github.com/spf13/afero"
)

// errStopped is what the destination answers to a build that was given up.
var errStopped = errors.New("the build was stopped by the watchdog; nothing more is written")

// stopFs is the destination Hugo writes to. Once stopped, every call that would create,
// change or remove something fails, so a build the watchdog gave up on cannot write
// anything afterwards (files already open can still be written to, where they are).
type stopFs struct {
	afero.Fs
	mu      sync.RWMutex
	stopped bool
}

// stop waits for the calls under way to end and refuses every later one.
func (s *stopFs) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
}

// change runs a call that changes the file system, unless s is stopped.
func (s *stopFs) change(f func() error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.stopped {
		return errStopped
	}
	return f()
}

func (s *stopFs) Name() string { return "stopFs" }

func (s *stopFs) Create(name string) (file afero.File, err error) {
	err = s.change(func() (err error) { file, err = s.Fs.Create(name); return err })
	return file, err
}

func (s *stopFs) OpenFile(name string, flag int, perm os.FileMode) (file afero.File, err error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) == 0 {
		return s.Fs.OpenFile(name, flag, perm)
	}
	err = s.change(func() (err error) { file, err = s.Fs.OpenFile(name, flag, perm); return err })
	return file, err
}

func (s *stopFs) Mkdir(name string, perm os.FileMode) error {
	return s.change(func() error { return s.Fs.Mkdir(name, perm) })
}

func (s *stopFs) MkdirAll(path string, perm os.FileMode) error {
	return s.change(func() error { return s.Fs.MkdirAll(path, perm) })
}

func (s *stopFs) Remove(name string) error {
	return s.change(func() error { return s.Fs.Remove(name) })
}

func (s *stopFs) RemoveAll(path string) error {
	return s.change(func() error { return s.Fs.RemoveAll(path) })
}

func (s *stopFs) Rename(oldname, newname string) error {
	return s.change(func() error { return s.Fs.Rename(oldname, newname) })
}

func (s *stopFs) Chmod(name string, mode os.FileMode) error {
	return s.change(func() error { return s.Fs.Chmod(name, mode) })
}

func (s *stopFs) Chown(name string, uid, gid int) error {
	return s.change(func() error { return s.Fs.Chown(name, uid, gid) })
}

func (s *stopFs) Chtimes(name string, atime, mtime time.Time) error {
	return s.change(func() error { return s.Fs.Chtimes(name, atime, mtime) })
}
