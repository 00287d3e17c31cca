package stats

import "fmt"

// Count is the unprotected count of one category.
type Count struct {
	Category string
	Value    int
}

// Table is one unprotected one-way table: the count of each category and the
// total. A single figure has no cells, only a total.
type Table struct {
	ID    string  // the indicator's ID
	Unit  Unit    // persons or activities
	Cells []Count // in display order; empty for a single figure
	Total int     // the sum of the cells when there are cells
}

// Input is everything to release for one period, as read from one file.
type Input struct {
	Period Period
	Tables []Table // in catalogue order
	// Where points at the first line that mentions the period (or at the
	// file, for case-level exports); errors about the period name it.
	Where PosError
	// Notes are remarks for the staff report (rows outside the period,
	// columns that were not read).
	Notes []string
}

// errorAt makes an error positioned where the input's period came from.
func (in Input) errorAt(format string, args ...any) *PosError {
	e := in.Where
	e.Msg = fmt.Sprintf(format, args...)
	return &e
}

// maxCount is the largest count accepted: far above any regional figure,
// small enough that sums never overflow.
const maxCount = 1_000_000_000
