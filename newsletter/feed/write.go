package feed

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/afero"
)

// Write writes the three feeds into dir on fs. Each file goes to a temporary
// name first and is renamed into place, so a failed write never leaves a
// half-written feed where a reader can fetch it.
func (f Files) Write(fs afero.Fs, dir string) error {
	if err := fs.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("feed: create %s: %w", dir, err)
	}
	for _, file := range f.List() {
		final := filepath.Join(dir, file.Name)
		tmp := final + ".tmp"
		if err := afero.WriteFile(fs, tmp, file.Data, 0o644); err != nil {
			return fmt.Errorf("feed: write %s: %w", tmp, err)
		}
		if err := fs.Rename(tmp, final); err != nil {
			_ = fs.Remove(tmp)
			return fmt.Errorf("feed: rename %s to %s: %w", tmp, final, err)
		}
	}
	return nil
}
