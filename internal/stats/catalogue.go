package stats

import "slices"

// Unit says what a table counts. Only tables of persons are protected.
type Unit string

// The two units of the catalogue.
const (
	Persons    Unit = "persons"    // victims, callers, people in programmes
	Activities Unit = "activities" // contacts, interviews, calls: published as they are
)

// Method is how a table of persons protects its small cells.
type Method int

// The two protection methods. MergeIntoOther is preferred: readers see an
// honest "other" group that names what it holds. HideCells is for breakdowns
// where "other" would mean nothing (age: minor, adult, unknown).
const (
	MergeIntoOther Method = iota
	HideCells
)

// Reserved category IDs: never a catalogue category of any indicator.
const (
	TotalCategory = "total" // the table's total in the aggregate CSV and the downloads
	OtherCategory = "other" // the group that merged categories are published under
)

// Indicator is one table of the fixed catalogue: what it counts, in what
// unit, broken down by which categories (none for a single figure).
type Indicator struct {
	ID         string   // lower_snake ASCII; the portal labels it stats_indicator_<ID>
	Unit       Unit     // persons or activities
	Categories []string // lower_snake ASCII, in display order; empty for a single figure
	Method     Method   // how small cells are protected (persons only)
	// Population names the set of persons the table breaks down. Tables with
	// the same population are one-way margins of one hidden cross-table: they
	// share their total and nothing else, so each can be audited on its own
	// as long as the total is shown (or hidden) alike in all of them.
	Population string
	// Excludes lists tables that may not be released together with this one,
	// because one could be subtracted from the other (helpline cases are a
	// part of all cases).
	Excludes []string
	// FromCases marks the tables a case-level export is aggregated into.
	FromCases bool
	// Definition says in one line what is counted (for staff and labels).
	Definition string
}

var (
	exploitationTypes = []string{"sexual", "labour", "begging", "forced_illegal_activities", "unknown"}
	channels          = []string{"helpline", "mobile_unit", "drop_in", "help_desk", "social_health_services", "law_enforcement", "unknown"}
	genders           = []string{"female", "male", "transgender", "unknown"}
	ageGroups         = []string{"minor", "adult", "unknown"}
	nationalityGroups = []string{"italy", "eu_other", "europe_non_eu", "africa", "asia", "americas", "oceania", "unknown"}
	services          = []string{"emergency_reception", "social_protection", "health_social_accompaniment"}
)

// catalogue is the fixed list of tables, in the order releases show them.
var catalogue = []Indicator{
	{ID: "helpline_cases", Unit: Persons, Categories: exploitationTypes, Population: "helpline_cases",
		Excludes:   []string{"cases_by_channel", "cases_by_exploitation"},
		Definition: "cases of exploitation handled by the regional helpline, by form of exploitation"},
	{ID: "cases_by_channel", Unit: Persons, Categories: channels, Population: "cases", FromCases: true,
		Excludes:   []string{"helpline_cases"},
		Definition: "cases opened in the period, by the channel through which they came"},
	{ID: "cases_by_exploitation", Unit: Persons, Categories: exploitationTypes, Population: "cases", FromCases: true,
		Excludes:   []string{"helpline_cases"},
		Definition: "cases opened in the period, by form of exploitation"},
	{ID: "cases_by_gender", Unit: Persons, Categories: genders, Population: "cases", FromCases: true,
		Definition: "cases opened in the period, by gender"},
	{ID: "cases_by_age", Unit: Persons, Categories: ageGroups, Method: HideCells, Population: "cases", FromCases: true,
		Definition: "cases opened in the period, minors and adults"},
	{ID: "cases_by_nationality", Unit: Persons, Categories: nationalityGroups, Population: "cases", FromCases: true,
		Definition: "cases opened in the period, by broad group of nationality"},
	{ID: "emergency_reception", Unit: Persons, Population: "emergency_reception", FromCases: true,
		Definition: "persons who used emergency and first reception services"},
	{ID: "social_protection", Unit: Persons, Population: "social_protection", FromCases: true,
		Definition: "persons placed in social protection programmes"},
	{ID: "health_social_accompaniment", Unit: Persons, Population: "health_social_accompaniment", FromCases: true,
		Definition: "persons accompanied to health and social services"},
	{ID: "mobile_unit_contacts", Unit: Activities, Population: "mobile_unit_contacts",
		Definition: "contacts made by the mobile units"},
	{ID: "drop_in_interviews", Unit: Activities, Population: "drop_in_interviews",
		Definition: "interviews held at the drop-in centres"},
}

// Catalogue returns a copy of every indicator, in display order.
func Catalogue() []Indicator {
	out := make([]Indicator, len(catalogue))
	for i, ind := range catalogue {
		ind.Categories = slices.Clone(ind.Categories)
		ind.Excludes = slices.Clone(ind.Excludes)
		out[i] = ind
	}
	return out
}

// LookupIndicator finds an indicator of the catalogue by ID.
func LookupIndicator(id string) (Indicator, bool) {
	for _, ind := range catalogue {
		if ind.ID == id {
			return ind, true
		}
	}
	return Indicator{}, false
}

// HasCategory reports whether c is one of the indicator's own categories.
func (ind Indicator) HasCategory(c string) bool { return slices.Contains(ind.Categories, c) }

// categoryIndex is the display position of c, or len(Categories) if unknown.
func (ind Indicator) categoryIndex(c string) int {
	if i := slices.Index(ind.Categories, c); i >= 0 {
		return i
	}
	return len(ind.Categories)
}

// catalogueIndex is the display position of a table ID.
func catalogueIndex(id string) int {
	for i, ind := range catalogue {
		if ind.ID == id {
			return i
		}
	}
	return len(catalogue)
}

// CategoryIDs lists every category ID used anywhere in the catalogue,
// including the reserved "total" and "other", sorted: the portal needs a
// stats_category_<id> label for each.
func CategoryIDs() []string {
	ids := []string{TotalCategory, OtherCategory}
	for _, ind := range catalogue {
		ids = append(ids, ind.Categories...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// IndicatorIDs lists every indicator ID in display order: the portal needs a
// stats_indicator_<id> label for each.
func IndicatorIDs() []string {
	ids := make([]string, len(catalogue))
	for i, ind := range catalogue {
		ids[i] = ind.ID
	}
	return ids
}
