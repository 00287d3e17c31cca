package materials

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/afero"

	"github.com/contratto/portal/internal/atomicfs"
)

// The package's own source is part of the cache key: a change to the layout code can
// never hand back a PDF drawn by the old code.
//
//go:embed *.go
var ownSource embed.FS

// sourceHash digests the package's source and the versions of the modules that draw.
func sourceHash(w func(format string, a ...any)) {
	names, _ := fs.Glob(ownSource, "*.go")
	sort.Strings(names)
	for _, n := range names {
		b, _ := ownSource.ReadFile(n)
		w("source %s %x\n", n, b)
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if strings.HasPrefix(d.Path, "github.com/tdewolff/") || strings.HasPrefix(d.Path, "github.com/go-text/") || d.Path == "github.com/skip2/go-qrcode" {
				v := d.Version
				if d.Replace != nil {
					v += " => " + d.Replace.Path + " " + d.Replace.Version
				}
				w("module %s %s\n", d.Path, v)
			}
		}
	}
}

// Cache keeps the last rendered set of files in a folder of the project (dir, in fsys),
// under the hash of their inputs: a build whose inputs did not change copies them
// instead of drawing them again.
type Cache struct {
	Fs  afero.Fs
	Dir string // ".cache/materials" of the project
}

// RenderCached returns the files for in: from the cache when it holds them for in's
// hash, else newly rendered (and then cached; a cache that cannot be written is no error).
func (c Cache) RenderCached(in Input) ([]File, bool, error) {
	h, err := Hash(in)
	if err != nil {
		return nil, false, err
	}
	dir := path.Join(c.Dir, h)
	if files, ok := c.read(dir, in); ok {
		return files, true, nil
	}
	files, err := Render(in)
	if err != nil {
		return nil, false, err
	}
	_ = c.write(dir, files)
	return files, false, nil
}

// read loads a cached set: every file of every language and kind must be there.
func (c Cache) read(dir string, in Input) ([]File, bool) {
	var out []File
	for i, l := range in.Languages {
		for _, k := range KindsOf(i) {
			f := describe(l, k)
			b, err := afero.ReadFile(c.Fs, path.Join(dir, f.Path))
			if err != nil || len(b) == 0 {
				return nil, false
			}
			f.Data = b
			out = append(out, f)
		}
	}
	return out, true
}

// write replaces the cache folder with one holding only this set.
func (c Cache) write(dir string, files []File) error {
	if err := c.Fs.MkdirAll(c.Dir, 0o755); err != nil {
		return err
	}
	return atomicfs.ReplaceDir(c.Fs, c.Dir, func(tmp string) error {
		for _, f := range files {
			p := path.Join(tmp, path.Base(dir), f.Path)
			if err := c.Fs.MkdirAll(path.Dir(p), 0o755); err != nil {
				return err
			}
			if err := afero.WriteFile(c.Fs, p, f.Data, 0o644); err != nil {
				return fmt.Errorf("materials cache: %w", err)
			}
		}
		return nil
	})
}
