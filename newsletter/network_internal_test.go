package newsletter

import (
	"strings"
	"testing"
	"time"

	"github.com/contratto/portal/newsletter/partners"
)

func TestSelectNetwork(t *testing.T) {
	item := func(link, date, note string) partners.Item {
		return partners.Item{ID: link, Title: "T " + link, Link: link, Date: date, DateNote: note, Lang: "it"}
	}
	n := &network{
		snapshots: []*partners.Snapshot{
			{ID: "a", Items: []partners.Item{
				item("https://a.example/late", "2012-06-30T22:30:00Z", ""), // 1 July in Rome
				item("https://a.example/1", "2012-06-10T10:00:00Z", ""),
				item("https://shared.example/x", "2012-06-05T10:00:00Z", ""),
				item("https://a.example/old", "1999-06-10T10:00:00Z", partners.DateTooOld),
				item("https://a.example/none", "", partners.DateMissing),
			}},
			{ID: "b", Items: []partners.Item{
				item("https://shared.example/x", "2012-06-05T10:00:00Z", ""),
				item("https://b.example/2", "2012-06-20T10:00:00Z", ""),
				item("https://b.example/out", "2012-06-21T10:00:00Z", ""),
			}},
		},
		names: map[string]string{"a": "Partner A", "b": "Partner B"},
		decisions: decisions{
			exclude: map[string]string{"https://b.example/out": "editorial.it.md"},
			feature: map[string]string{"https://b.example/2": "editorial.en.md"},
		},
	}
	rome, _ := time.LoadLocation("Europe/Rome")
	items, choices := n.selectNetwork(Month{2012, time.June}, rome)
	var got []string
	for _, it := range items {
		got = append(got, it.Item.Link)
	}
	if want := "https://b.example/2 https://shared.example/x https://a.example/1"; strings.Join(got, " ") != want {
		t.Errorf("items = %s, want %s (featured first, then by date; the shared link once; July's left out)", strings.Join(got, " "), want)
	}
	var report []string
	for _, c := range choices {
		mark := "-"
		if c.Picked {
			mark = "+"
		}
		report = append(report, mark+" "+c.Partner+" "+c.Link+" ("+c.Reason+")")
	}
	want := []string{
		"+ Partner A https://a.example/1 (dated 2012-06-10)",
		"+ Partner A https://shared.example/x (dated 2012-06-05)",
		"- Partner A https://a.example/old (dated before 2000 (1999-06-10T10:00:00Z): not trusted, left out)",
		"- Partner A https://a.example/none (no date (none): not trusted, left out)",
		"- Partner B https://shared.example/x (the same link as an item of Partner A, shown once)",
		"+ Partner B https://b.example/2 (featured by editorial.en.md)",
		"- Partner B https://b.example/out (excluded by editorial.it.md)",
	}
	if strings.Join(report, "\n") != strings.Join(want, "\n") {
		t.Errorf("choices:\n%s\nwant:\n%s", strings.Join(report, "\n"), strings.Join(want, "\n"))
	}
}
