package frontmatter

import (
	"errors"
	"testing"
)

func TestSplitAndDecode(t *testing.T) {
	cases := []struct {
		name, file string
		line       int // 0: no error
		title      string
	}{
		{"yaml", "---\ntitle: Aiuto\n---\nCorpo\n", 0, "Aiuto"},
		{"toml", "+++\ntitle = \"Aiuto\"\n+++\nCorpo\n", 0, "Aiuto"},
		{"crlf", "---\r\ntitle: Aiuto\r\n---\r\n", 0, "Aiuto"},
		{"empty front matter", "---\n---\nCorpo\n", 0, ""},
		{"yaml error line", "---\ntitle: Aiuto\ndate: [2012\n---\n", 3, ""},
		{"toml error line", "+++\ntitle = \"Aiuto\"\ndate = \n+++\n", 3, ""},
		{"unclosed", "---\ntitle: Aiuto\n", 1, ""},
		{"none, then decoded", "Corpo\n", 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Split([]byte(c.file))
			var m map[string]any
			if err == nil {
				err = doc.Decode(&m, false)
			}
			var fe *Error
			if c.line == 0 {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if got, _ := m["title"].(string); got != c.title {
					t.Errorf("title = %q", got)
				}
				return
			}
			if !errors.As(err, &fe) || fe.Line != c.line {
				t.Fatalf("err = %v, want line %d", err, c.line)
			}
		})
	}
}

func TestStrictRefusesUnknownKeys(t *testing.T) {
	doc, err := Split([]byte("---\ntitle: x\nsurprise: 1\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Title string `yaml:"title"`
	}
	var fe *Error
	if err := doc.Decode(&v, true); !errors.As(err, &fe) || fe.Line != 3 {
		t.Fatalf("err = %v, want line 3", err)
	}
}

func FuzzSplitDecode(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\nbody"))
	f.Add([]byte("+++\ntitle = 'x'\n+++\n"))
	f.Add([]byte("---\n: [\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Split(data)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		var m map[string]any
		if err := doc.Decode(&m, false); err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
		}
	})
}

func TestKeyLine(t *testing.T) {
	cases := []struct {
		file, key string
		want      int
	}{
		{"---\ntitle: A\nDate: 2012-06-01\n---\nText.\n", "date", 3},
		{"---\ntitle: A\nparams:\n  date: 2012-06-01\n---\n", "date", 0},
		{"+++\ntitle = \"A\"\n\"date\" = 2012-06-01\n+++\n", "date", 3},
		{"+++\ntitle = \"A\"\n[params]\ndate = 2012-06-01\n+++\n", "date", 0},
		{"No front matter.\n", "title", 0},
	}
	for _, c := range cases {
		doc, err := Split([]byte(c.file))
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.KeyLine(c.key); got != c.want {
			t.Errorf("KeyLine(%q) in %q = %d, want %d", c.key, c.file, got, c.want)
		}
	}
}
