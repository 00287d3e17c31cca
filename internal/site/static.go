package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// copyStatic copies static/ into the output, as the Hugo CLI does around its build.
func copyStatic(h *hugolib.HugoSites, out afero.Fs) error {
	for _, sfs := range h.BaseFs.SourceFilesystems.Static {
		target := string(filepath.Separator) + sfs.PublishFolder
		err := afero.Walk(sfs.Fs, "", func(path string, info fs.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			data, err := afero.ReadFile(sfs.Fs, path)
			if err != nil {
				return err
			}
			dst := filepath.Join(target, path)
			if err := out.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return afero.WriteFile(out, dst, data, 0o644)
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) { // no static/ folder is fine
			return fmt.Errorf("static: %w", err)
		}
	}
	return nil
}
