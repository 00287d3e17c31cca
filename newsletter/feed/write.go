package feed

import (
	"fmt"
	"path/filepath"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

// Write writes the three feeds into dir on fs together: a reader finds either all of the
// new ones or the old ones, never a half-written feed.
func (f Files) Write(fs afero.Fs, dir string) error {
	b := atomicfs.NewBatch(fs)
	defer b.Discard()
	for _, file := range f.List() {
		if err := b.WriteFile(filepath.Join(dir, file.Name), file.Data, 0o644); err != nil {
			return fmt.Errorf("feed: %w", err)
		}
	}
	if err := b.Commit(); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
