package stats

import (
	"regexp"
	"slices"
	"testing"
)

var lowerSnake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

func TestCatalogueIDs(t *testing.T) {
	seen := map[string]bool{}
	for _, ind := range Catalogue() {
		if !lowerSnake.MatchString(ind.ID) || seen[ind.ID] {
			t.Errorf("indicator ID %q is not lower_snake ASCII or is repeated", ind.ID)
		}
		seen[ind.ID] = true
		if ind.Unit != Persons && ind.Unit != Activities {
			t.Errorf("%s: unit %q", ind.ID, ind.Unit)
		}
		if ind.Definition == "" || ind.Population == "" {
			t.Errorf("%s: needs a definition and a population", ind.ID)
		}
		cats := map[string]bool{}
		for _, c := range ind.Categories {
			if !lowerSnake.MatchString(c) || cats[c] || c == TotalCategory || c == OtherCategory {
				t.Errorf("%s: category %q is not lower_snake, repeated, or reserved", ind.ID, c)
			}
			cats[c] = true
		}
		for _, x := range ind.Excludes {
			other, ok := LookupIndicator(x)
			if !ok || !slices.Contains(other.Excludes, ind.ID) {
				t.Errorf("%s excludes %s, which must exist and exclude it back", ind.ID, x)
			}
		}
	}
	for _, c := range CategoryIDs() {
		if !lowerSnake.MatchString(c) {
			t.Errorf("category %q", c)
		}
	}
}

// TestCatalogueSeedIndicators: everything the seed reports has a home.
func TestCatalogueSeedIndicators(t *testing.T) {
	want := map[string]Unit{
		"helpline_cases": Persons, "mobile_unit_contacts": Activities, "drop_in_interviews": Activities,
		"emergency_reception": Persons, "social_protection": Persons, "health_social_accompaniment": Persons,
	}
	for id, unit := range want {
		ind, ok := LookupIndicator(id)
		if !ok || ind.Unit != unit {
			t.Errorf("%s: got %+v", id, ind)
		}
	}
	h, _ := LookupIndicator("helpline_cases")
	for _, c := range []string{"sexual", "labour", "begging", "forced_illegal_activities"} {
		if !h.HasCategory(c) {
			t.Errorf("helpline_cases lacks %s", c)
		}
	}
}

// TestCataloguePopulationsShareTotalsOnly: tables of one population are
// margins of the same cases, so they must all come from case exports and
// break the cases down by different dimensions.
func TestCataloguePopulations(t *testing.T) {
	byPop := map[string][]Indicator{}
	for _, ind := range Catalogue() {
		byPop[ind.Population] = append(byPop[ind.Population], ind)
	}
	for pop, inds := range byPop {
		if len(inds) > 1 {
			for _, ind := range inds {
				if !ind.FromCases || len(ind.Categories) == 0 {
					t.Errorf("population %s: %s must be a margin computed from cases", pop, ind.ID)
				}
			}
		}
	}
}

func TestCountryGroups(t *testing.T) {
	if len(countryGroups) < 240 {
		t.Errorf("only %d country codes", len(countryGroups))
	}
	for code, g := range countryGroups {
		if !slices.Contains(nationalityGroups, g) || len(code) != 2 {
			t.Errorf("%s -> %s", code, g)
		}
	}
}
