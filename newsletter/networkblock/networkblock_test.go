package networkblock

import (
	"strings"
	"testing"
)

func TestFormatParse(t *testing.T) {
	items := []Item{
		{Partner: "Rete", Title: "Titolo <b>con</b> `codice`", Link: "https://rete.example/a", Date: "21 giugno 2012", Summary: "Riga\nspezzata"},
		{Partner: "Observatory", Lang: "en", Title: "Report", Link: "http://obs.example/r?a=1&b=2"},
	}
	text, err := Format(items)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	items[0].Summary = "Riga spezzata"
	if len(back) != 2 || back[0] != items[0] || back[1] != items[1] {
		t.Errorf("round trip:\n%s\n%+v", text, back)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"partner: A\ntitle: T\nlink: javascript:alert(1)\n", `line 1: link "javascript:alert(1)" is not an absolute http(s) address`},
		{"partner: A\ntitle: T\n", "line 1: the item lacks link"},
		{"partner: A\ntitle: T\nlink: https://a.example/\n\ntitle: U\nwhat: x\n", `line 6: "what: x" is not "key: value"`},
		{"partner: A\npartner: B\n", "line 2: partner is given twice"},
		{"partner: A\nlang: italiano\ntitle: T\nlink: https://a.example/\n", "line 1: lang:"},
		{"\n\n", "line 1: the block has no items"},
		{"partner: A\x1b[31m\n", "line 1: the line contains a control character"},
	} {
		_, err := Parse(c.src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) = %v, want %q", c.src, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("partner: A\ntitle: T\nlink: https://a.example/\n")
	f.Add("partner: A\nlang: en\ntitle: T\nlink: https://a.example/\ndate: x\nsummary: y\n\npartner: B\ntitle: U\nlink: http://b.example/\n")
	f.Fuzz(func(t *testing.T, src string) {
		items, err := Parse(src)
		if err != nil {
			return
		}
		text, err := Format(items)
		if err != nil {
			t.Fatalf("Format of what Parse read: %v", err)
		}
		again, err := Parse(text)
		if err != nil || len(again) != len(items) {
			t.Fatalf("Parse of what Format wrote: %v", err)
		}
	})
}
