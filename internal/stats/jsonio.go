package stats

import (
	"bytes"
	"encoding/json"
	"fmt"
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
