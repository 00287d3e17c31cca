package partners

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

// Dir is where the snapshots live, relative to the project.
const Dir = "data/partners"

// Snapshot is what was last read from one partner's feed: data/partners/ID.json.
type Snapshot struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Feed      string   `json:"feed"`
	Languages []string `json:"languages"`
	// Fetched is when the feed was last read with a new answer (RFC 3339, UTC).
	Fetched string `json:"fetched"`
	// ETag and LastModified are the feed's validators, sent back on the next request so
	// that an unchanged feed answers 304 without its body.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	Items        []Item `json:"items"`
}

// Path is the snapshot file of the partner with id, relative to the project.
func Path(id string) string { return filepath.Join(Dir, id+".json") }

// Marshal is the snapshot's file: indented JSON ending in a new line, the same bytes for
// the same snapshot.
func (s *Snapshot) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// same reports whether s and o hold the same feed answer (the time it was read aside).
func (s *Snapshot) same(o *Snapshot) bool {
	a, b := *s, *o
	a.Fetched, b.Fetched = "", ""
	x, err1 := a.Marshal()
	y, err2 := b.Marshal()
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// Load reads the snapshot of the partner with id from the project at dir. A partner never
// read has none: the error is fs.ErrNotExist. Other errors name the file and what is wrong.
func Load(fsys afero.Fs, dir, id string) (*Snapshot, error) {
	rel := Path(id)
	data, err := afero.ReadFile(fsys, filepath.Join(dir, rel))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	return Parse(rel, data)
}

// Parse reads a snapshot file's content; rel names it in errors.
func Parse(rel string, data []byte) (*Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s:%d: %v (run newsletter fetch again, or restore the file from git)", rel, lineOf(data, se.Offset), err)
		}
		return nil, fmt.Errorf("%s: %v (run newsletter fetch again, or restore the file from git)", rel, err)
	}
	for i, it := range s.Items {
		// The file is committed and could be edited: what it says goes through the same
		// rules as what the feed said.
		if CleanLink(it.Link, nil) != it.Link || it.Link == "" {
			return nil, fmt.Errorf("%s: item %d: link %q is not an absolute http(s) address", rel, i+1, it.Link)
		}
		if !IsPlain(it.Title, MaxTitle) || !IsPlain(it.Summary, MaxSummary) {
			return nil, fmt.Errorf("%s: item %d: the title or summary is not plain text as newsletter fetch writes it", rel, i+1)
		}
		if it.Date != "" && it.Time().IsZero() {
			return nil, fmt.Errorf("%s: item %d: date %q is not an RFC 3339 date", rel, i+1, it.Date)
		}
	}
	return &s, nil
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// write puts the snapshot in place atomically: a reader sees the old file or the new one.
func (s *Snapshot) write(fsys afero.Fs, dir string) error {
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	if err := fsys.MkdirAll(filepath.Join(dir, Dir), 0o755); err != nil {
		return err
	}
	return atomicfs.WriteFile(fsys, filepath.Join(dir, Path(s.ID)), data, 0o644)
}
