package chartblock

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := "\n  Casi gestiti dal numero verde regionale  \r\n" +
		"Sfruttamento sessuale | 28\r\n" +
		"\n" +
		"   Altre forme|9\n" +
		"Accattonaggio |  c \n" +
		"Zero | 0\n"
	got, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := Chart{
		Title: "Casi gestiti dal numero verde regionale",
		Bars: []Bar{
			{Label: "Sfruttamento sessuale", Value: 28},
			{Label: "Altre forme", Value: 9},
			{Label: "Accattonaggio", Hidden: true},
			{Label: "Zero", Value: 0},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse = %+v\nwant  %+v", got, want)
	}
	if got.Max() != 28 {
		t.Errorf("Max = %d, want 28", got.Max())
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"empty", "", 1, "the chart is empty"},
		{"blank only", "\n  \n\t\n", 1, "the chart is empty"},
		{"no bars", "\nTitolo\n\n", 2, `the chart "Titolo" has no bars`},
		{"title is a bar", "Sessuale | 28\n", 1, "the first line of a chart is its title"},
		{"no pipe", "Titolo\nSessuale 28\n", 2, `"Sessuale 28" is not a bar`},
		{"two pipes", "Titolo\nA | B | 3\n", 2, `more than one "|"`},
		{"no label", "Titolo\n | 3\n", 2, `no label before "|"`},
		{"no value", "Titolo\nA |\n", 2, `no value after "|"`},
		{"negative", "Titolo\nA | 1\nB | -3\n", 3, "negative"},
		{"separator", "Titolo\nA | 2.651\n", 2, "digits only, without separators: 2651"},
		{"comma", "Titolo\nA | 2,651\n", 2, "digits only, without separators: 2651"},
		{"decimal", "Titolo\nA | 2.5x\n", 2, `"2.5x" is not a whole number or c`},
		{"word", "Titolo\nA | molti\n", 2, `"molti" is not a whole number or c`},
		{"capital C", "Titolo\nA | C\n", 2, "lowercase c"},
		{"plus", "Titolo\nA | +3\n", 2, `"+3" is not a whole number`},
		{"too large", "Titolo\nA | 1000000000000\n", 2, "too large: a count has at most 12 digits"},
		{"leading zeros", "Titolo\nA | 0001000000000000\n", 2, "too large"},
		{"control", "Titolo\nA\x1b | 3\n", 2, `control character "\x1b"`},
		{"not utf-8", "Titolo\nA\xff | 3\n", 2, "not valid UTF-8"},
		{"crlf line numbers", "Titolo\r\n\r\nA | 1\r\nB 2\r\n", 4, "is not a bar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v, want an *Error", c.src, err)
			}
			if e.Line != c.line || !strings.Contains(e.Msg, c.want) {
				t.Errorf("Parse(%q) = line %d %q, want line %d containing %q", c.src, e.Line, e.Msg, c.line, c.want)
			}
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("error %q does not start with its line", err)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	c := Chart{Title: "Casi", Bars: []Bar{{Label: "Sessuale", Value: 28}, {Label: "Lavoro", Hidden: true}, {Label: "Zero"}}}
	want := "Casi\nSessuale | 28\nLavoro | c\nZero | 0\n"
	if got := Format(c); got != want {
		t.Fatalf("Format = %q, want %q", got, want)
	}
	back, err := Parse(want)
	if err != nil || !reflect.DeepEqual(back, c) {
		t.Fatalf("Parse(Format) = %+v, %v", back, err)
	}
}

func TestValidate(t *testing.T) {
	if err := (Chart{Title: "T", Bars: []Bar{{Label: "a", Value: 1}}}).Validate(); err != nil {
		t.Fatalf("a good chart: %v", err)
	}
	bad := Chart{Title: " T|x", Bars: []Bar{
		{Label: "", Value: 1},
		{Label: "a\nb", Value: 1},
		{Label: "a", Value: -1},
		{Label: "h", Value: 3, Hidden: true},
		{Label: "x|y", Value: 1},
		{Label: "z\x00", Value: 1},
		{Label: "big", Value: 1_000_000_000_000},
	}}
	err := bad.Validate()
	if err == nil {
		t.Fatal("a bad chart passed")
	}
	for _, want := range []string{
		`the title " T|x" starts or ends with a space`,
		"the label of bar 1 is empty",
		`the label of bar 2 "a\nb" contains a line break`,
		"bar 3 (\"a\") has the negative value -1",
		"bar 4 (\"h\") is hidden but has the value 3",
		`the label of bar 5 "x|y" contains "|"`,
		`the label of bar 6 "z\x00": contains the control character "\x00"`,
		`bar 7 ("big") has the value 1000000000000, more than 12 digits`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate lacks %q:\n%v", want, err)
		}
	}
	if err := (Chart{Title: "T"}).Validate(); err == nil || !strings.Contains(err.Error(), "no bars") {
		t.Errorf("no bars: %v", err)
	}
}

// FuzzParseFormat checks the round trip both ways: whatever Parse accepts,
// Format writes back as text that parses to the same chart, and Format is a
// fixed point (formatting twice gives the same text). A chart Parse returns
// always passes Validate.
func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{
		"Casi\nSessuale | 28\nAltre | 9\nLavoro | c\n",
		"\n\n T \r\n a|0\r\n",
		"中文标题\n性剥削 | 28\n",
		"عنوان\nاستغلال جنسي | 28\nأخرى | c\n",
		"T\na | 2.651\n",
		"T\n| 3\n",
		"a | b\n",
		"T\nA | 007\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("Parse(%q): error %v names no line of the block", src, err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse(%q) gave a chart Validate refuses: %v", src, err)
		}
		text := Format(c)
		back, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(Format(%+v)) = %v\n%s", c, err, text)
		}
		if !reflect.DeepEqual(back, c) {
			t.Fatalf("round trip changed the chart:\n%+v\n%+v", c, back)
		}
		if again := Format(back); again != text {
			t.Fatalf("Format is not stable:\n%q\n%q", text, again)
		}
	})
}

func TestLeadingZerosAndLimit(t *testing.T) {
	c, err := Parse("T\na | 007\nb | 000999999999999\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Bars[0].Value != 7 || c.Bars[1].Value != 999999999999 {
		t.Errorf("values = %+v", c.Bars)
	}
}
