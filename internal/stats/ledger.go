package stats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// LedgerFile is the ledger's name inside the data directory.
const LedgerFile = "ledger.json"

// Ledger is the committed record of every cell ever published
// (data/stats/ledger.json). A new release is checked against it: the same
// period again must be identical, and a period that overlaps a published one
// (a quarter inside a published semester, a month beside its year) is
// refused when both hold tables of persons, because subtracting one from the
// other could reveal a small count. Refusing is the sound choice here: safely
// protecting a hierarchy of periods would need an audit of linked tables
// across releases, which this package does not attempt. Activities are not
// protected, so releases of activities alone may overlap.
type Ledger struct {
	Releases []LedgerEntry `json:"releases"`

	path string // where the ledger was read from, for messages
	raw  []byte // its bytes, to point at an entry's line
}

// LedgerEntry is every cell of one release, the total of each table first.
type LedgerEntry struct {
	Period    string       `json:"period"`
	Start     string       `json:"start"`
	End       string       `json:"end"`
	Threshold int          `json:"threshold"`
	Cells     []LedgerCell `json:"cells"`
}

// LedgerCell is one published (or hidden) cell of one table.
type LedgerCell struct {
	Table    string   `json:"table"`
	Unit     Unit     `json:"unit"`
	Category string   `json:"category"` // "total" for the table's total
	Value    *int     `json:"value"`
	Flag     string   `json:"flag,omitempty"`
	Merged   []string `json:"merged,omitempty"`
}

// LedgerConflict is why the ledger refuses a release.
type LedgerConflict struct {
	Period     string // the new release
	Published  string // the published period it collides with
	SamePeriod bool   // the same period, with different figures
	Where      string // the ledger and the line of the published entry
}

func (c *LedgerConflict) Error() string {
	if c.SamePeriod {
		return fmt.Sprintf("period %s was already published with different figures (%s); a second version would let readers subtract one from the other, so it is refused", c.Period, c.Where)
	}
	return fmt.Sprintf("period %s overlaps %s, already published (%s); subtracting one from the other could reveal small counts of persons, so it is refused", c.Period, c.Published, c.Where)
}

// LoadLedger reads the ledger at path; a missing ledger is an empty one.
func LoadLedger(fsys afero.Fs, path string) (*Ledger, error) {
	l := &Ledger{path: path}
	data, err := afero.ReadFile(fsys, path)
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ledger: %w", err)
	}
	if err := decodeStrict(path, data, l); err != nil {
		return nil, err
	}
	l.raw = data
	for _, f := range l.Audit() {
		return nil, &PosError{File: path, Msg: f.String()}
	}
	return l, nil
}

// decodeStrict decodes JSON refusing unknown fields and trailing data, with
// errors that name the line and column.
func decodeStrict(path string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err == nil {
		return nil
	}
	offset := dec.InputOffset()
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		offset = se.Offset - 1 // the error is at the last byte read
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		offset = te.Offset
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if i := bytes.Index(data, []byte(field+":")); i >= 0 {
			offset = int64(i) // the decoder reports the end of the object
		}
	}
	line, col := lineCol(data, int(offset))
	return &PosError{File: path, Line: line, Col: col, Msg: err.Error()}
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int) (int, int) {
	offset = min(max(offset, 0), len(data))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	return line, offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// EntryOf lists every cell of a release as the ledger records it.
func EntryOf(r Release) LedgerEntry {
	e := LedgerEntry{Period: r.Period, Start: r.Start, End: r.End, Threshold: r.Threshold, Cells: []LedgerCell{}}
	for _, t := range r.Tables {
		e.Cells = append(e.Cells, LedgerCell{Table: t.ID, Unit: t.Unit, Category: TotalCategory, Value: t.Total, Flag: t.TotalFlag})
		for _, c := range t.Cells {
			e.Cells = append(e.Cells, LedgerCell{Table: t.ID, Unit: t.Unit, Category: c.Category, Value: c.Value, Flag: c.Flag, Merged: c.Merged})
		}
	}
	return e
}

func (e LedgerEntry) hasPersons() bool {
	return slices.ContainsFunc(e.Cells, func(c LedgerCell) bool { return c.Unit == Persons })
}

// Entry finds the ledger's record of a period.
func (l *Ledger) Entry(period string) (LedgerEntry, bool) {
	for _, e := range l.Releases {
		if e.Period == period {
			return e, true
		}
	}
	return LedgerEntry{}, false
}

// Check compares a release with the ledger. It reports unchanged when the
// ledger already holds exactly this release, and a *LedgerConflict when the
// release would publish a period again with other figures or overlap a
// published period (both with tables of persons).
func (l *Ledger) Check(r Release) (unchanged bool, err error) {
	p, err := ParsePeriod(r.Period)
	if err != nil {
		return false, err
	}
	entry := EntryOf(r)
	for _, e := range l.Releases {
		if e.Period == r.Period {
			if reflect.DeepEqual(normalised(e), normalised(entry)) {
				return true, nil
			}
			return false, &LedgerConflict{Period: r.Period, Published: e.Period, SamePeriod: true, Where: l.where(e.Period)}
		}
	}
	for _, e := range l.Releases {
		q, err := ParsePeriod(e.Period)
		if err != nil {
			return false, err
		}
		if p.Overlaps(q) && entry.hasPersons() && e.hasPersons() {
			return false, &LedgerConflict{Period: r.Period, Published: e.Period, Where: l.where(e.Period)}
		}
	}
	return false, nil
}

// normalised makes empty and nil slices compare equal.
func normalised(e LedgerEntry) LedgerEntry {
	out := e
	out.Cells = make([]LedgerCell, len(e.Cells))
	for i, c := range e.Cells {
		if len(c.Merged) == 0 {
			c.Merged = nil
		}
		out.Cells[i] = c
	}
	return out
}

// Record adds a release to the ledger (or replaces its identical record),
// keeping the entries in date order.
func (l *Ledger) Record(r Release) {
	entry := EntryOf(r)
	l.Releases = slices.DeleteFunc(l.Releases, func(e LedgerEntry) bool { return e.Period == r.Period })
	l.Releases = append(l.Releases, entry)
	slices.SortStableFunc(l.Releases, func(a, b LedgerEntry) int {
		if c := strings.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.End, b.End); c != 0 {
			return c
		}
		return strings.Compare(a.Period, b.Period)
	})
}

// Audit checks the ledger itself: valid periods, each once, and no two
// overlapping periods that both hold tables of persons.
func (l *Ledger) Audit() []Finding {
	var finds []Finding
	periods := make([]Period, len(l.Releases))
	for i, e := range l.Releases {
		p, err := ParsePeriod(e.Period)
		if err != nil {
			finds = append(finds, Finding{Table: LedgerFile, Problem: err.Error()})
			continue
		}
		periods[i] = p
		if e.Start != p.Start().Format(dateLayout) || e.End != p.End().Format(dateLayout) {
			finds = append(finds, Finding{Table: LedgerFile, Problem: fmt.Sprintf("period %s has the wrong start or end date", e.Period)})
		}
		for j := range i {
			q := periods[j]
			switch {
			case l.Releases[j].Period == e.Period:
				finds = append(finds, Finding{Table: LedgerFile, Problem: fmt.Sprintf("period %s is recorded twice", e.Period)})
			case q.Kind != 0 && p.Overlaps(q) && e.hasPersons() && l.Releases[j].hasPersons():
				finds = append(finds, Finding{Table: LedgerFile, Problem: fmt.Sprintf("periods %s and %s overlap", l.Releases[j].Period, e.Period)})
			}
		}
	}
	return finds
}

// where names the ledger and the line of a period's entry.
func (l *Ledger) where(period string) string {
	needle := []byte(fmt.Sprintf("%q: %q", "period", period))
	if i := bytes.Index(l.raw, needle); i >= 0 {
		line, col := lineCol(l.raw, i)
		return fmt.Sprintf("%s:%d:%d", l.path, line, col)
	}
	return l.path
}

// Bytes is the ledger as written to disk: indented JSON, trailing newline.
func (l *Ledger) Bytes() []byte {
	out := *l
	if out.Releases == nil {
		out.Releases = []LedgerEntry{}
	}
	return marshalJSON(out)
}
