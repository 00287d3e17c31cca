package site

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/afero"
)

// scratchFs is the file system Hugo builds from: the project, read-only, except for the
// folders under scratch (Hugo's cache and generated resources), which live in memory and
// vanish with the build. So no cache, lock or temporary file can land in the project.
type scratchFs struct {
	project afero.Fs // read-only view of the project
	memory  afero.Fs
	scratch string // absolute folder whose contents go to memory
}

func newScratchFs(project afero.Fs, scratch string) *scratchFs {
	return &scratchFs{project: afero.NewReadOnlyFs(project), memory: afero.NewMemMapFs(), scratch: filepath.Clean(scratch)}
}

func (s *scratchFs) pick(name string) afero.Fs {
	name = filepath.Clean(name)
	if name == s.scratch || strings.HasPrefix(name, s.scratch+string(filepath.Separator)) {
		return s.memory
	}
	return s.project
}

func (s *scratchFs) Create(name string) (afero.File, error) { return s.pick(name).Create(name) }
func (s *scratchFs) Mkdir(name string, perm os.FileMode) error {
	return s.pick(name).Mkdir(name, perm)
}
func (s *scratchFs) MkdirAll(path string, perm os.FileMode) error {
	return s.pick(path).MkdirAll(path, perm)
}
func (s *scratchFs) Open(name string) (afero.File, error) { return s.pick(name).Open(name) }
func (s *scratchFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	return s.pick(name).OpenFile(name, flag, perm)
}
func (s *scratchFs) Remove(name string) error              { return s.pick(name).Remove(name) }
func (s *scratchFs) RemoveAll(path string) error           { return s.pick(path).RemoveAll(path) }
func (s *scratchFs) Stat(name string) (os.FileInfo, error) { return s.pick(name).Stat(name) }
func (s *scratchFs) Name() string                          { return "scratchFs" }
func (s *scratchFs) Chmod(name string, mode os.FileMode) error {
	return s.pick(name).Chmod(name, mode)
}
func (s *scratchFs) Chown(name string, uid, gid int) error {
	return s.pick(name).Chown(name, uid, gid)
}
func (s *scratchFs) Chtimes(name string, atime, mtime time.Time) error {
	return s.pick(name).Chtimes(name, atime, mtime)
}
func (s *scratchFs) Rename(oldname, newname string) error {
	return s.pick(oldname).Rename(oldname, newname)
}
