package stats

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

const aggHeader = "period,indicator,category,count,unit\n"

func TestParseAggregateSeed(t *testing.T) {
	in := seedInput(t)
	if in.Period != MustParsePeriod("2012-H1") {
		t.Fatalf("period %v", in.Period)
	}
	var got []string
	for _, tab := range in.Tables {
		got = append(got, tab.ID+" "+string(tab.Unit)+" "+itoa(tab.Total)+" "+cellsOf(tab))
	}
	want := []string{
		"helpline_cases persons 37 sexual=28,labour=5,begging=4",
		"emergency_reception persons 27 ",
		"social_protection persons 63 ",
		"health_social_accompaniment persons 124 ",
		"mobile_unit_contacts activities 2651 ",
		"drop_in_interviews activities 89 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if in.Where.Line != 9 || in.Where.Col != 1 {
		t.Errorf("period first seen at %d:%d, want 9:1 (after the comments and header)", in.Where.Line, in.Where.Col)
	}
}

func cellsOf(t Table) string {
	var parts []string
	for _, c := range t.Cells {
		parts = append(parts, c.Category+"="+itoa(c.Value))
	}
	return strings.Join(parts, ",")
}

func TestParseAggregateTotals(t *testing.T) {
	// Without a total row the total is the sum; categories come out in
	// catalogue order whatever the order of the rows.
	ins, err := ParseAggregate("a.csv", strings.NewReader(aggHeader+
		"2012-06,helpline_cases,begging,4,persons\n2012-06,helpline_cases,sexual,28,persons\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tab := ins[0].Tables[0]; tab.Total != 32 || cellsOf(tab) != "sexual=28,begging=4" {
		t.Errorf("got total %d, cells %s", tab.Total, cellsOf(tab))
	}
	// A total alone is a single figure.
	ins, err = ParseAggregate("a.csv", strings.NewReader(aggHeader+"2012-06,helpline_cases,total,37,persons\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tab := ins[0].Tables[0]; tab.Total != 37 || len(tab.Cells) != 0 {
		t.Errorf("got %+v", tab)
	}
}

func TestParseAggregateSeveralPeriods(t *testing.T) {
	ins, err := ParseAggregate("a.csv", strings.NewReader(aggHeader+
		"2012-Q3,drop_in_interviews,total,40,activities\n2012-Q1,drop_in_interviews,total,30,activities\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 2 || ins[0].Period.String() != "2012-Q1" || ins[1].Period.String() != "2012-Q3" {
		t.Fatalf("got %d inputs: %+v", len(ins), ins)
	}
	if ins[0].Where.Line != 3 {
		t.Errorf("2012-Q1 first seen on line %d, want 3", ins[0].Where.Line)
	}
}

// TestParseAggregateErrors checks every kind of bad input: each error names
// the file, line and column.
func TestParseAggregateErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"count with a decimal point", "2012-H1,drop_in_interviews,total,8.5,activities\n",
			`a.csv:2:34: count "8.5" is not a non-negative whole number`},
		{"count with thousands separator", "2012-H1,mobile_unit_contacts,total,2.651,activities\n",
			`a.csv:2:36: count "2.651" is not a non-negative whole number (write digits only, without thousands separators: 2651, not 2.651)`},
		{"negative count", "2012-H1,helpline_cases,sexual,-3,persons\n",
			`a.csv:2:31: count "-3" is not a non-negative whole number`},
		{"empty count", "2012-H1,helpline_cases,sexual,,persons\n",
			`a.csv:2:31: count "" is not a non-negative whole number`},
		{"huge count", "2012-H1,helpline_cases,sexual,99999999999999999999,persons\n",
			`a.csv:2:31: count "99999999999999999999" is larger than 1000000000, the largest count accepted`},
		{"unknown indicator", "2012-H1,victims,sexual,3,persons\n",
			`a.csv:2:9: unknown indicator "victims"; the catalogue has helpline_cases, cases_by_channel, cases_by_exploitation, cases_by_gender, cases_by_age, cases_by_nationality, emergency_reception, social_protection, health_social_accompaniment, mobile_unit_contacts, drop_in_interviews`},
		{"unknown category", "2012-H1,helpline_cases,organs,3,persons\n",
			`a.csv:2:24: unknown category "organs" for helpline_cases; use one of sexual, labour, begging, forced_illegal_activities, unknown, or total`},
		{"category of a single figure", "2012-H1,social_protection,female,3,persons\n",
			`a.csv:2:27: unknown category "female": social_protection is a single figure, so its only category is total`},
		{"category other is reserved", "2012-H1,helpline_cases,other,3,persons\n",
			`a.csv:2:24: unknown category "other" for helpline_cases`},
		{"wrong unit", "2012-H1,mobile_unit_contacts,total,3,persons\n",
			`a.csv:2:38: unit persons does not match the catalogue: mobile_unit_contacts counts activities`},
		{"unknown unit", "2012-H1,mobile_unit_contacts,total,3,people\n",
			`a.csv:2:38: unit "people" is neither persons nor activities`},
		{"bad period", "2012-S1,drop_in_interviews,total,3,activities\n",
			`a.csv:2:1: period "2012-S1" is not in a known form`},
		{"duplicate row", "2012-H1,helpline_cases,sexual,28,persons\n2012-H1,helpline_cases,sexual,27,persons\n",
			`a.csv:3:1: duplicate row: period 2012-H1, indicator helpline_cases, category sexual is already on line 2`},
		{"overlapping periods", "2012-H1,helpline_cases,sexual,28,persons\n2012-Q2,helpline_cases,sexual,20,persons\n",
			`a.csv:3:1: period 2012-Q2 overlaps period 2012-H1 (line 2)`},
		{"month beside its year", "2012,drop_in_interviews,total,200,activities\n2012-06,drop_in_interviews,total,20,activities\n",
			`a.csv:3:1: period 2012-06 overlaps period 2012 (line 2)`},
		{"total that does not add up", "2012-H1,helpline_cases,sexual,28,persons\n2012-H1,helpline_cases,total,37,persons\n",
			`a.csv:3:30: the total of helpline_cases is 37 but its categories add up to 28`},
		{"too few fields", "2012-H1,helpline_cases,sexual,28\n",
			`a.csv:2:1: expected 5 fields (period,indicator,category,count,unit), found 4`},
		{"bad quoting", "2012-H1,\"helpline_cases,sexual,28,persons\n",
			`a.csv:2:`},
		{"excluded tables together", "2012-H1,helpline_cases,sexual,28,persons\n2012-H1,cases_by_channel,helpline,28,persons\n",
			`a.csv:3:9: cases_by_channel cannot be released together with helpline_cases for 2012-H1`},
		{"margins of the same cases disagree", "2012-H1,cases_by_gender,female,28,persons\n2012-H1,cases_by_age,adult,27,persons\n",
			`a.csv:3:9: cases_by_age adds up to 27 but cases_by_gender adds up to 28`},
		{"no figures", "", `a.csv:1:1: the file has a header but no figures`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAggregate("a.csv", strings.NewReader(aggHeader+tt.body))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %s\nwant %s...", err, tt.want)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Errorf("error is %T, want an ErrorList", err)
			}
		})
	}
}

func TestParseCountHint(t *testing.T) {
	for raw, hint := range map[string]bool{"2.651": true, "1,234,567": true, "8.5": false, "12.34": false, "abc": false} {
		_, err := parseCount(raw)
		if err == nil || strings.Contains(err.Error(), "thousands") != hint {
			t.Errorf("parseCount(%q) = %v; want thousands hint %v", raw, err, hint)
		}
	}
	if n, err := parseCount(" 42 "); err != nil || n != 42 {
		t.Errorf("parseCount(\" 42 \") = %d, %v", n, err)
	}
}

func TestParseAggregateHeader(t *testing.T) {
	for body, want := range map[string]string{
		"":                              "a.csv:1:1: the file is empty",
		"period,indicator,count,unit\n": "a.csv:1:1: the first row must be period,indicator,category,count,unit",
		"\uFEFFPeriod, Indicator,category,count,unit\n2012,drop_in_interviews,total,1,activities\n": "",
	} {
		_, err := ParseAggregate("a.csv", strings.NewReader(body))
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: unexpected error %v", body, err)
		case want != "" && (err == nil || !strings.HasPrefix(err.Error(), want)):
			t.Errorf("%q: got %v, want %s", body, err, want)
		}
	}
}

// TestParseAggregateCollectsErrors shows that one run reports every
// problem, each on its own line.
func TestParseAggregateCollectsErrors(t *testing.T) {
	_, err := ParseAggregate("a.csv", strings.NewReader(aggHeader+
		"2012-H1,helpline_cases,sexual,x,persons\n2012-H1,helpline_cases,labour,y,persons\n"))
	if err == nil || strings.Count(err.Error(), "\n") != 1 {
		t.Fatalf("want two lines, got %v", err)
	}
}

var posPrefix = regexp.MustCompile(`^f\.csv:\d+(:\d+)?: `)

func FuzzParseAggregate(f *testing.F) {
	f.Add([]byte(aggHeader + "2012-H1,helpline_cases,sexual,28,persons\n2012-H1,helpline_cases,total,28,persons\n"))
	f.Add([]byte("# comment\n" + aggHeader + "2012-06,mobile_unit_contacts,total,2651,activities\n"))
	f.Add([]byte(aggHeader + "2012-Q2,cases_by_age,minor,3,persons\n2012-Q2,cases_by_gender,female,3,persons\n"))
	f.Add([]byte(aggHeader + "2012,drop_in_interviews,total,1,activities\n2012-H2,drop_in_interviews,total,1,activities\n"))
	f.Add([]byte(aggHeader + "\"2012-H1\",helpline_cases,\"sex\nual\",1,persons\n"))
	f.Add([]byte(aggHeader + "2012-H1,helpline_cases,sexual,2.651,persons\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inputs, err := ParseAggregate("f.csv", strings.NewReader(string(data)))
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !posPrefix.MatchString(line) {
					t.Fatalf("error line without a position: %q", line)
				}
			}
			return
		}
		for i, in := range inputs {
			if i > 0 && in.Period.Overlaps(inputs[i-1].Period) {
				t.Fatalf("overlapping periods accepted: %v, %v", inputs[i-1].Period, in.Period)
			}
			for _, tab := range in.Tables {
				ind, ok := LookupIndicator(tab.ID)
				if !ok || ind.Unit != tab.Unit || tab.Total < 0 || tab.Total > maxCount*len(ind.Categories)+maxCount {
					t.Fatalf("bad table %+v", tab)
				}
				sum := 0
				for _, c := range tab.Cells {
					if !ind.HasCategory(c.Category) || c.Value < 0 {
						t.Fatalf("bad cell %+v", c)
					}
					sum += c.Value
				}
				if len(tab.Cells) > 0 && sum != tab.Total {
					t.Fatalf("table %s does not add up", tab.ID)
				}
				// Whatever parses can be protected and passes the audit.
				pt, _ := Protect(tab, 5, ind.Method)
				if _, finds := AuditTable(pt, 5); len(finds) > 0 {
					t.Fatalf("audit refuses %s: %v", tab.ID, finds)
				}
			}
		}
	})
}
