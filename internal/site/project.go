package site

import (
	"flag"
	"path/filepath"

	"github.com/spf13/afero"
)

// DefaultConfig is the config file a project has at its root.
const DefaultConfig = "site.toml"

// Project says where a portal project is. The portal, the newsletter and the editors'
// check all read the project through it.
type Project struct {
	// Fs holds the project.
	Fs afero.Fs
	// Dir is the project root in Fs, as an absolute path.
	Dir string
	// Config is the config file, relative to Dir or absolute; DefaultConfig when empty.
	Config string
}

// ConfigPath returns the config file's path in Fs.
func (p Project) ConfigPath() string {
	name := p.Config
	if name == "" {
		name = DefaultConfig
	}
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.Dir, name)
}

// Path returns the path in Fs of a file given relative to the project root.
func (p Project) Path(rel string) string { return filepath.Join(p.Dir, rel) }

// ProjectFlag defines the -config flag on fset. Once fset is parsed, the function it
// returns gives the project that config file belongs to: the file's folder in fsys, with
// a relative -config taken from the working directory.
func ProjectFlag(fset *flag.FlagSet, fsys afero.Fs) func() (Project, error) {
	config := fset.String("config", DefaultConfig, "the site's config file")
	return func() (Project, error) {
		path, err := filepath.Abs(*config)
		if err != nil {
			return Project{}, err
		}
		return Project{Fs: fsys, Dir: filepath.Dir(path), Config: filepath.Base(path)}, nil
	}
}
