package stats

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Coarsening turns the values of a case-level export into the broad
// categories of the catalogue before anything is counted: age as minor,
// adult or unknown; nationality in broad groups; codes for the rest. The
// region is always counted as a whole: the export has no place column, and
// extra columns are never read.

// normaliseCode lower-cases a code and writes spaces and hyphens as
// underscores, so "Mobile unit" and "mobile-unit" both read as mobile_unit.
func normaliseCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// coarsenCode accepts one of the allowed codes (after normalisation).
func coarsenCode(raw, what string, allowed []string) (string, error) {
	c := normaliseCode(raw)
	if c == "" {
		c = "unknown"
	}
	if !slices.Contains(allowed, c) {
		return "", fmt.Errorf("%s %q is not in the catalogue; use one of %s", what, raw, strings.Join(allowed, ", "))
	}
	return c, nil
}

// coarsenGender maps a gender code to female, male, transgender or unknown.
func coarsenGender(raw string) (string, error) {
	switch normaliseCode(raw) {
	case "f", "female", "woman", "donna":
		return "female", nil
	case "m", "male", "man", "uomo":
		return "male", nil
	case "transgender", "trans":
		return "transgender", nil
	case "", "unknown":
		return "unknown", nil
	}
	return "", fmt.Errorf("gender %q is not in the catalogue; use female, male, transgender or unknown", raw)
}

// coarsenAge maps an age or an age band to minor, adult or unknown. It
// accepts those three words, a whole age ("16"), a band ("18-24") and an
// open band ("65+"); a band that straddles 18 cannot be coarsened.
func coarsenAge(raw string) (string, error) {
	s := normaliseCode(raw)
	switch s {
	case "", "unknown":
		return "unknown", nil
	case "minor", "adult":
		return s, nil
	case "<18", "under_18":
		return "minor", nil
	}
	bad := fmt.Errorf("age band %q cannot be coarsened; write minor, adult, unknown, an age, or a band such as 18-24 or 65+", raw)
	age := func(t string) (int, bool) {
		n, err := strconv.Atoi(t)
		return n, err == nil && allDigits(t) && n <= 130
	}
	if n, ok := age(s); ok {
		return minorOrAdult(n), nil
	}
	if from, ok := strings.CutSuffix(s, "+"); ok {
		n, ok := age(from)
		if !ok {
			return "", bad
		}
		if n < 18 {
			return "", fmt.Errorf("age band %q mixes minors and adults; it cannot be coarsened", raw)
		}
		return "adult", nil
	}
	if lo, hi, ok := strings.Cut(s, "_"); ok {
		a, okA := age(lo)
		b, okB := age(hi)
		if !okA || !okB || a > b {
			return "", bad
		}
		if minorOrAdult(a) != minorOrAdult(b) {
			return "", fmt.Errorf("age band %q mixes minors and adults; it cannot be coarsened", raw)
		}
		return minorOrAdult(a), nil
	}
	return "", bad
}

func minorOrAdult(age int) string {
	if age < 18 {
		return "minor"
	}
	return "adult"
}

// coarsenNationality maps an ISO 3166-1 alpha-2 code (or a group ID) to a
// broad group: italy, eu_other, europe_non_eu, africa, asia, americas,
// oceania, or unknown (unknown or stateless).
func coarsenNationality(raw string) (string, error) {
	s := normaliseCode(raw)
	switch s {
	case "", "unknown", "stateless", "apolide":
		return "unknown", nil
	}
	if slices.Contains(nationalityGroups, s) {
		return s, nil
	}
	if g, ok := countryGroups[strings.ToUpper(s)]; ok {
		return g, nil
	}
	return "", fmt.Errorf("nationality %q is neither an ISO 3166-1 alpha-2 country code nor a group (%s)", raw, strings.Join(nationalityGroups, ", "))
}

// countryGroups maps ISO 3166-1 alpha-2 codes to the broad groups. The EU is
// the 27 member states of today (Greece also as EL, Kosovo as XK); the rest
// follows the continents of the UN M49 standard.
var countryGroups = func() map[string]string {
	groups := map[string]string{
		"italy":         "IT",
		"eu_other":      "AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE LV LT LU MT NL PL PT RO SK SI ES SE",
		"europe_non_eu": "AL AD AX BA BY CH FO GB GG GI IM IS JE LI MC MD ME MK NO RS RU SJ SM UA VA XK",
		"africa": "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA " +
			"MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA ZM ZW",
		"asia": "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO " +
			"MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE",
		"americas": "AG AI AR AW BB BL BM BO BQ BR BS BV BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY " +
			"HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI",
		"oceania": "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
	}
	m := make(map[string]string)
	for g, codes := range groups {
		for _, c := range strings.Fields(codes) {
			m[c] = g
		}
	}
	return m
}()
