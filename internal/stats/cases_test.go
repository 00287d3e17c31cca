package stats

import (
	"os"
	"strings"
	"testing"
)

func parseCasesFile(t *testing.T) *CaseFile {
	t.Helper()
	f, err := os.Open("testdata/cases-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cf, err := ParseCases("cases.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	return cf
}

func TestParseCasesMergesRowsOfOneCase(t *testing.T) {
	cf := parseCasesFile(t)
	if cf.Rows != 9 || len(cf.Cases) != 7 {
		t.Fatalf("rows %d cases %d, want 9 rows and 7 cases", cf.Rows, len(cf.Cases))
	}
	first := cf.Cases[0]
	if strings.Join(first.Services, ",") != "emergency_reception,social_protection" || first.Age != "adult" || first.Nationality != "africa" {
		t.Errorf("first case %+v", first)
	}
	if strings.Join(cf.Ignored, ",") != "notes" {
		t.Errorf("ignored columns %v, want [notes]", cf.Ignored)
	}
}

func TestCaseInputCountsEachCaseOnce(t *testing.T) {
	in := parseCasesFile(t).Input(MustParsePeriod("2012-H1"))
	got := map[string]string{}
	for _, tab := range in.Tables {
		got[tab.ID] = itoa(tab.Total) + " " + cellsOf(tab)
	}
	want := map[string]string{
		"cases_by_channel":            "6 helpline=3,mobile_unit=1,drop_in=1,help_desk=0,social_health_services=0,law_enforcement=1,unknown=0",
		"cases_by_exploitation":       "6 sexual=3,labour=1,begging=1,forced_illegal_activities=1,unknown=0",
		"cases_by_gender":             "6 female=2,male=2,transgender=1,unknown=1",
		"cases_by_age":                "6 minor=1,adult=4,unknown=1",
		"cases_by_nationality":        "6 italy=0,eu_other=2,europe_non_eu=0,africa=1,asia=1,americas=1,oceania=0,unknown=1",
		"emergency_reception":         "2 ",
		"social_protection":           "1 ",
		"health_social_accompaniment": "1 ",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: got %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("tables %v", got)
	}
	if notes := strings.Join(in.Notes, " "); !strings.Contains(notes, "7 cases; 6 opened in 2012-H1, 1 outside it") || !strings.Contains(notes, "notes") {
		t.Errorf("notes %q", notes)
	}
}

func TestCaseInputProtectsAndPassesAudit(t *testing.T) {
	in := parseCasesFile(t).Input(MustParsePeriod("2012-H1"))
	rel, _ := protectInput(in, 5)
	if _, finds := AuditRelease(rel); len(finds) > 0 {
		t.Fatal(finds)
	}
	// Six cases: every category is small, so margins merge or hide, and the
	// services (1 and 2 persons) are hidden.
	for _, tab := range rel.Tables {
		if tab.Total != nil && *tab.Total != 6 {
			t.Errorf("%s shows total %d", tab.ID, *tab.Total)
		}
	}
}

func TestParseCasesErrors(t *testing.T) {
	const header = "case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\n"
	tests := []struct{ name, body, want string }{
		{"missing column", "case_id,date_opened,channel\n", "cases.csv:1:1: the header lacks the column(s) exploitation_type, gender, age_band, nationality, service"},
		{"duplicate column", "case_id,case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\n", `cases.csv:1:9: column "case_id" appears twice`},
		{"empty case id", header + ",2012-01-01,helpline,sexual,F,20,NG,\n", "cases.csv:2:1: the case id is empty"},
		{"bad date", header + "X1,10/01/2012,helpline,sexual,F,20,NG,\n", `cases.csv:2:4: date opened "10/01/2012" is not a date written as 2012-06-30`},
		{"unknown channel", header + "X1,2012-01-01,carrier pigeon,sexual,F,20,NG,\n", `cases.csv:2:15: channel "carrier pigeon" is not in the catalogue`},
		{"unknown exploitation", header + "X1,2012-01-01,helpline,organ_removal,F,20,NG,\n", `cases.csv:2:24: exploitation type "organ_removal" is not in the catalogue`},
		{"unknown gender", header + "X1,2012-01-01,helpline,sexual,Q,20,NG,\n", `cases.csv:2:31: gender "Q" is not in the catalogue`},
		{"age band across 18", header + "X1,2012-01-01,helpline,sexual,F,15-19,NG,\n", `cases.csv:2:33: age band "15-19" mixes minors and adults`},
		{"age as words", header + "X1,2012-01-01,helpline,sexual,F,young,NG,\n", `cases.csv:2:33: age band "young" cannot be coarsened`},
		{"unknown nationality", header + "X1,2012-01-01,helpline,sexual,F,20,Narnia,\n", `cases.csv:2:36: nationality "Narnia" is neither`},
		{"unknown service", header + "X1,2012-01-01,helpline,sexual,F,20,NG,spa\n", `cases.csv:2:39: service "spa" is not in the catalogue`},
		{"wrong number of fields", header + "X1,2012-01-01\n", "cases.csv:2:1: expected 8 fields as in the header, found 2"},
		{"one case, two genders", header + "X1,2012-01-01,helpline,sexual,F,20,NG,\nX1,2012-01-01,helpline,sexual,M,20,NG,\n",
			"cases.csv:3:31: this case is also on line 2 with a different gender; a case has one gender"},
		{"one case, two dates", header + "X1,2012-01-01,helpline,sexual,F,20,NG,\nX1,2012-01-02,helpline,sexual,F,20,NG,\n",
			"cases.csv:3:4: this case is also on line 2 with a different date opened"},
		{"empty file", "", "cases.csv:1:1: the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCases("cases.csv", strings.NewReader(tt.body))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("got  %v\nwant %s...", err, tt.want)
			}
		})
	}
}

// TestParseCasesNeverQuotesCaseIDs: errors about a case name its lines, not
// its pseudonymous ID.
func TestParseCasesNeverQuotesCaseIDs(t *testing.T) {
	body := "case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\n" +
		"SECRET-ID-77,2012-01-01,helpline,sexual,F,20,NG,\nSECRET-ID-77,2012-01-01,drop_in,sexual,F,20,NG,\n" +
		"SECRET-ID-78,2012-13-01,helpline,sexual,F,20,NG,\n"
	_, err := ParseCases("cases.csv", strings.NewReader(body))
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("got %v", err)
	}
}

func TestCoarsening(t *testing.T) {
	ages := map[string]string{"": "unknown", "unknown": "unknown", "Minor": "minor", "adult": "adult", "0": "minor", "17": "minor",
		"18": "adult", "14-17": "minor", "18-24": "adult", "65+": "adult", "<18": "minor", "under 18": "minor"}
	for raw, want := range ages {
		if got, err := coarsenAge(raw); err != nil || got != want {
			t.Errorf("coarsenAge(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, raw := range []string{"15-19", "16+", "17-16", "200", "x", "-3"} {
		if got, err := coarsenAge(raw); err == nil {
			t.Errorf("coarsenAge(%q) = %q, want an error", raw, got)
		}
	}
	nat := map[string]string{"IT": "italy", "it": "italy", "RO": "eu_other", "EL": "eu_other", "AL": "europe_non_eu", "UA": "europe_non_eu",
		"NG": "africa", "MA": "africa", "CN": "asia", "PK": "asia", "BR": "americas", "AU": "oceania", "": "unknown",
		"stateless": "unknown", "africa": "africa"}
	for raw, want := range nat {
		if got, err := coarsenNationality(raw); err != nil || got != want {
			t.Errorf("coarsenNationality(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	if _, err := coarsenNationality("Nigeria"); err == nil {
		t.Error("a country name is not a code")
	}
	for raw, want := range map[string]string{"F": "female", "uomo": "male", "trans": "transgender", "": "unknown"} {
		if got, err := coarsenGender(raw); err != nil || got != want {
			t.Errorf("coarsenGender(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	if got, err := coarsenCode("Mobile-Unit", "channel", channels); err != nil || got != "mobile_unit" {
		t.Errorf("coarsenCode = %q, %v", got, err)
	}
}

func FuzzParseCases(f *testing.F) {
	sample, err := os.ReadFile("testdata/cases-sample.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte("case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\nX,2012-01-01,helpline,sexual,F,15-19,NG,\n"))
	f.Add([]byte("service,nationality,age_band,gender,exploitation_type,channel,date_opened,case_id\n,,,,,,,\n"))
	f.Add([]byte("case_id,date_opened,channel,exploitation_type,gender,age_band,nationality,service\n\"X\n\",2012-02-29,helpline,sexual,M,65+,XK,none\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := ParseCases("f.csv", strings.NewReader(string(data)))
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !posPrefix.MatchString(line) {
					t.Fatalf("error line without a position: %q", line)
				}
			}
			return
		}
		for _, p := range []string{"2012-H1", "2012"} {
			in := cf.Input(MustParsePeriod(p))
			rel, _ := protectInput(in, 5)
			if _, finds := AuditRelease(rel); len(finds) > 0 {
				t.Fatalf("audit refuses: %v", finds)
			}
			for _, tab := range in.Tables {
				ind, _ := LookupIndicator(tab.ID)
				sum := 0
				for _, c := range tab.Cells {
					if !ind.HasCategory(c.Category) {
						t.Fatalf("category %q outside the catalogue", c.Category)
					}
					sum += c.Value
				}
				if len(tab.Cells) > 0 && sum != tab.Total || tab.Total > len(cf.Cases) {
					t.Fatalf("table %s: cells %d, total %d, cases %d", tab.ID, sum, tab.Total, len(cf.Cases))
				}
			}
		}
	})
}
