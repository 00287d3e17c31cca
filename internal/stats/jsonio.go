package stats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/spf13/afero"
)

// marshalJSON writes v as deterministic JSON: two-space indent, no HTML
// escaping, a trailing newline. Struct fields keep their order and map keys
// are sorted by encoding/json.
func marshalJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("stats: encoding JSON: %v", err)) // only plain structs are encoded
	}
	return buf.Bytes()
}

// stagedFile is a file to write, held in memory until every check passed.
type stagedFile struct {
	path string
	data []byte
}

// writeAllOrNothing writes every file to a temporary name beside it, and
// only when all of them are written renames them into place, in order (put
// the file that commits the change last). On an error before the renames
// nothing is replaced and the temporary files are removed.
func writeAllOrNothing(fsys afero.Fs, files []stagedFile) error {
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			_ = fsys.Remove(t)
		}
	}
	for _, f := range files {
		if err := fsys.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			cleanup()
			return fmt.Errorf("creating the folder for %s: %w", f.path, err)
		}
		tmp := f.path + ".tmp"
		if err := afero.WriteFile(fsys, tmp, f.data, 0o644); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", tmp, err)
		}
		temps = append(temps, tmp)
	}
	for i, f := range files {
		if err := fsys.Rename(temps[i], f.path); err != nil {
			cleanup()
			return fmt.Errorf("replacing %s: %w", f.path, err)
		}
	}
	return nil
}
