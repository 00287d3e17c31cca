package stats

// Flag marks a hidden value, after Eurostat's confidentiality flag.
const Flag = "c"

// Release is the protected, publishable tables of one period: the content of
// data/stats/<period>.json, which the portal's templates and the newsletter
// read.
type Release struct {
	Period    string           `json:"period"`    // as ParsePeriod reads it
	Start     string           `json:"start"`     // first day, 2006-01-02
	End       string           `json:"end"`       // last day, inclusive
	Threshold int              `json:"threshold"` // k: no persons cell from 1 to k-1 is shown
	Tables    []PublishedTable `json:"tables"`
}

// PublishedTable is one protected table.
type PublishedTable struct {
	ID        string `json:"id"`
	Indicator string `json:"indicator"`
	Unit      Unit   `json:"unit"`
	// Total is nil when hidden (a table of fewer than k persons); TotalFlag is
	// then "c".
	Total     *int   `json:"total"`
	TotalFlag string `json:"total_flag,omitempty"`
	Cells     []Cell `json:"cells"` // empty for a single figure
}

// Cell is one published category, the "other" group of merged categories,
// or a hidden category (Value nil, Flag "c").
type Cell struct {
	Category string   `json:"category"`
	Value    *int     `json:"value"`
	Flag     string   `json:"flag,omitempty"`
	Merged   []string `json:"merged,omitempty"` // for "other": what it holds, sorted
}

// Hidden reports whether the cell's value is withheld.
func (c Cell) Hidden() bool { return c.Value == nil }

func intPtr(n int) *int { return &n }
