package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The columns a case-level export must have (in any order). Other columns are
// never read: no free text, no place finer than the region.
const (
	colCaseID       = "case_id"
	colDateOpened   = "date_opened"
	colChannel      = "channel"
	colExploitation = "exploitation_type"
	colGender       = "gender"
	colAge          = "age_band"
	colNationality  = "nationality"
	colService      = "service"
)

var caseColumns = []string{colCaseID, colDateOpened, colChannel, colExploitation, colGender, colAge, colNationality, colService}

// Case is one case of a case-level export, already coarsened. The export may
// list a case on several rows (one per service); they are merged into one
// Case, so each case counts once in every table. The pseudonymous case ID is
// used only while reading and is not kept.
type Case struct {
	Opened       time.Time // the day the case was opened
	Channel      string    // a category of cases_by_channel
	Exploitation string    // a category of cases_by_exploitation
	Gender       string    // female, male, transgender or unknown
	Age          string    // minor, adult or unknown
	Nationality  string    // a broad group of nationality
	Services     []string  // services received, sorted, each once
	Line         int       // the first line of the case in the export
}

// CaseFile is a parsed case-level export.
type CaseFile struct {
	Name    string   // the path as given
	Cases   []Case   // one per case ID, in order of first appearance
	Rows    int      // data rows read
	Ignored []string // names of columns that were not read
}

// ParseCases reads a case-level export as CSV with a header naming at least
// the columns case_id, date_opened, channel, exploitation_type, gender,
// age_band, nationality and service. Values are coarsened as they are read;
// a value outside the catalogue is an error, and so is a case listed twice
// with different details. Errors name the file, line and column but never
// quote a case ID.
func ParseCases(name string, r io.Reader) (*CaseFile, error) {
	errs := &errorCollector{file: name}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if err == io.EOF {
		errs.add(1, 1, "the file is empty; the first row must name the columns %s", strings.Join(caseColumns, ","))
		return nil, errs.err()
	}
	if err != nil {
		addCSVError(errs, err)
		return nil, errs.err()
	}
	index := map[string]int{}
	file := &CaseFile{Name: name}
	for i, h := range header {
		h = cleanHeader(h)
		if prev, dup := index[h]; dup {
			line, col := cr.FieldPos(i)
			errs.add(line, col, "column %q appears twice (also column %d)", h, prev+1)
			continue
		}
		index[h] = i
		if !slices.Contains(caseColumns, h) {
			file.Ignored = append(file.Ignored, h)
		}
	}
	var missing []string
	for _, c := range caseColumns {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		errs.add(1, 1, "the header lacks the column(s) %s", strings.Join(missing, ", "))
	}
	if errs.err() != nil {
		return nil, errs.err()
	}

	byID := map[string]int{} // case ID -> index in file.Cases; never leaves this function
	for !errs.full() {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			addCSVError(errs, err)
			if _, ok := errors.AsType[*csv.ParseError](err); ok {
				continue
			}
			break
		}
		file.Rows++
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			errs.add(line, 1, "expected %d fields as in the header, found %d", len(header), len(rec))
			continue
		}
		c, id, service, ok := parseCaseRow(cr, rec, index, errs)
		if !ok {
			continue
		}
		c.Line = line
		at, seen := byID[id]
		if !seen {
			if service != "" {
				c.Services = []string{service}
			}
			byID[id] = len(file.Cases)
			file.Cases = append(file.Cases, c)
			continue
		}
		prev := &file.Cases[at]
		if col, what := caseDiffers(*prev, c); what != "" {
			_, byteCol := cr.FieldPos(index[col])
			errs.add(line, byteCol, "this case is also on line %d with a different %s; a case has one %s", prev.Line, what, what)
			continue
		}
		if service != "" && !slices.Contains(prev.Services, service) {
			prev.Services = append(prev.Services, service)
			slices.Sort(prev.Services)
		}
	}
	if errs.err() != nil {
		return nil, errs.err()
	}
	return file, nil
}

// parseCaseRow reads and coarsens one row. It returns the case, its ID and
// the service named on the row ("" for none).
func parseCaseRow(cr *csv.Reader, rec []string, index map[string]int, errs *errorCollector) (Case, string, string, bool) {
	ok := true
	field := func(col string) string { return rec[index[col]] }
	fail := func(col string, err error) {
		line, byteCol := cr.FieldPos(index[col])
		errs.add(line, byteCol, "%v", err)
		ok = false
	}
	var c Case
	id := strings.TrimSpace(field(colCaseID))
	if id == "" {
		fail(colCaseID, errors.New("the case id is empty"))
	}
	raw := strings.TrimSpace(field(colDateOpened))
	opened, err := time.Parse(dateLayout, raw)
	if err != nil {
		fail(colDateOpened, fmt.Errorf("date opened %q is not a date written as 2012-06-30", raw))
	}
	c.Opened = opened
	set := func(dst *string, col string, v string, err error) {
		if err != nil {
			fail(col, err)
		}
		*dst = v
	}
	v, err := coarsenCode(field(colChannel), "channel", channels)
	set(&c.Channel, colChannel, v, err)
	v, err = coarsenCode(field(colExploitation), "exploitation type", exploitationTypes)
	set(&c.Exploitation, colExploitation, v, err)
	v, err = coarsenGender(field(colGender))
	set(&c.Gender, colGender, v, err)
	v, err = coarsenAge(field(colAge))
	set(&c.Age, colAge, v, err)
	v, err = coarsenNationality(field(colNationality))
	set(&c.Nationality, colNationality, v, err)

	service := normaliseCode(field(colService))
	if service == "none" {
		service = ""
	}
	if service != "" && !slices.Contains(services, service) {
		fail(colService, fmt.Errorf("service %q is not in the catalogue; use one of %s, or leave it empty", field(colService), strings.Join(services, ", ")))
	}
	return c, id, service, ok
}

// caseDiffers names the first detail in which two rows of one case disagree.
func caseDiffers(a, b Case) (column, what string) {
	switch {
	case !a.Opened.Equal(b.Opened):
		return colDateOpened, "date opened"
	case a.Channel != b.Channel:
		return colChannel, "channel"
	case a.Exploitation != b.Exploitation:
		return colExploitation, "exploitation type"
	case a.Gender != b.Gender:
		return colGender, "gender"
	case a.Age != b.Age:
		return colAge, "age group"
	case a.Nationality != b.Nationality:
		return colNationality, "nationality group"
	}
	return "", ""
}

// Input aggregates the cases opened in period p into the fixed tables of the
// catalogue that come from case-level exports: one-way margins of those
// cases (each case once per table) and, for each service, the number of
// those cases that received it.
func (f *CaseFile) Input(p Period) Input {
	var in []Case
	for _, c := range f.Cases {
		if p.Contains(c.Opened) {
			in = append(in, c)
		}
	}
	input := Input{Period: p, Where: PosError{File: f.Name}}
	for _, ind := range catalogue {
		if !ind.FromCases {
			continue
		}
		t := Table{ID: ind.ID, Unit: ind.Unit}
		if len(ind.Categories) == 0 { // a service
			for _, c := range in {
				if slices.Contains(c.Services, ind.ID) {
					t.Total++
				}
			}
			input.Tables = append(input.Tables, t)
			continue
		}
		counts := map[string]int{}
		for _, c := range in {
			counts[c.category(ind.ID)]++
		}
		for _, cat := range ind.Categories {
			t.Cells = append(t.Cells, Count{Category: cat, Value: counts[cat]})
		}
		t.Total = len(in)
		input.Tables = append(input.Tables, t)
	}
	input.Notes = append(input.Notes, fmt.Sprintf("%s: %d rows, %d cases; %d opened in %s, %d outside it and left out.",
		f.Name, f.Rows, len(f.Cases), len(in), p, len(f.Cases)-len(in)))
	if len(f.Ignored) > 0 {
		input.Notes = append(input.Notes, fmt.Sprintf("Columns not read (never published): %s.", strings.Join(f.Ignored, ", ")))
	}
	if len(in) == 0 {
		input.Notes = append(input.Notes, fmt.Sprintf("Warning: no case in the file was opened in %s; every table will show 0.", p))
	}
	return input
}

// category gives the case's category in the breakdown of table id.
func (c Case) category(id string) string {
	switch id {
	case "cases_by_channel":
		return c.Channel
	case "cases_by_exploitation":
		return c.Exploitation
	case "cases_by_gender":
		return c.Gender
	case "cases_by_age":
		return c.Age
	case "cases_by_nationality":
		return c.Nationality
	}
	panic("stats: no case breakdown for table " + id)
}
