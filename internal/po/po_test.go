package po

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

const samplePO = `# A comment for the whole file.
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. English: Who to call
#: content/it/aiuto.md:11
#, fuzzy
#| msgid "Chi chiamare"
msgctxt "aiuto.md#b2"
msgid "Chi chiamare, subito"
msgstr "Qui appeler"

#~ msgid "obsolete"
#~ msgstr "obsolète"

msgctxt "aiuto.md#b3"
msgid ""
"La linea è gratis. Risponde\n"
"a ogni ora \"sempre\"."
msgstr ""
"La ligne est gratuite\t\\ ok\n"
"tout le temps."
`

func TestRead(t *testing.T) {
	po, err := Read("fr.po", []byte(samplePO))
	if err != nil {
		t.Fatal(err)
	}
	if po.HeaderField("language") != "fr" || len(po.Comments) != 1 || len(po.Entries) != 2 {
		t.Fatalf("%+v", po)
	}
	want := []Entry{
		{Extracted: []string{"English: Who to call"}, References: []string{"content/it/aiuto.md:11"}, Flags: []string{"fuzzy"},
			Previous: "Chi chiamare", Context: "aiuto.md#b2", ID: "Chi chiamare, subito", Str: "Qui appeler", Line: 7},
		{Context: "aiuto.md#b3", ID: "La linea è gratis. Risponde\na ogni ora \"sempre\".", Str: "La ligne est gratuite\t\\ ok\ntout le temps.", Line: 18},
	}
	if !reflect.DeepEqual(po.Entries, want) {
		t.Errorf("entries:\n%#v\nwant:\n%#v", po.Entries, want)
	}
	if !po.Entries[0].Fuzzy() || po.Entries[1].Fuzzy() {
		t.Error("fuzzy flags")
	}
}

func TestWriteReadsBack(t *testing.T) {
	po, err := Read("fr.po", []byte(samplePO))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, po); err != nil {
		t.Fatal(err)
	}
	again, err := Read("again.po", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	for i := range again.Entries {
		again.Entries[i].Line = po.Entries[i].Line
	}
	if !reflect.DeepEqual(po, again) {
		t.Errorf("written and read again:\n%s", buf.String())
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ po, want string }{
		{"msgid \"a\"\nmsgstr \"b\n", `x.po:2: msgstr: not a quoted string: "b`},
		{"msgid \"a\"\n\nmsgstr \"b\"\n", `x.po:1: the entry has no msgstr`},
		{"msgstr \"b\"\n", `x.po:1: msgstr without a msgid before it`},
		{"msgid \"a\"\nmsgid_plural \"as\"\n", `x.po:2: plural forms are not used`},
		{"msgid \"a\"\nmsgstr[0] \"b\"\n", `x.po:2: plural forms are not used`},
		{"\"a\"\n", `x.po:1: a string that continues nothing`},
		{"msgid \"a\\q\"\nmsgstr \"\"\n", `x.po:1: msgid: unknown escape \q`},
		{"msgid \"\"\nmsgstr \"\"\n\nmsgid \"\"\nmsgstr \"\"\n", `x.po:4: a second header`},
		{"nonsense \"a\"\n", `x.po:1: unknown keyword "nonsense"`},
	} {
		_, err := Read("x.po", []byte(c.po))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.po, err, c.want)
		}
	}
}

// FuzzRead: any input is read without a panic, and what it reads is written and read
// back to the same entries.
func FuzzRead(f *testing.F) {
	f.Add([]byte(samplePO))
	f.Add([]byte("msgid \"\"\nmsgstr \"Language: fr\\n\"\n"))
	f.Add([]byte("#, fuzzy\nmsgctxt \"a#b1\"\nmsgid \"x\\n\"\n\"y\"\nmsgstr \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		po, err := Read("f.po", data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, po); err != nil {
			t.Fatal(err)
		}
		again, err := Read("again.po", buf.Bytes())
		if err != nil {
			t.Fatalf("what was written does not read back: %v\n%s", err, buf.String())
		}
		var buf2 bytes.Buffer
		if err := Write(&buf2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatalf("written twice differently:\n%s\n---\n%s", buf.String(), buf2.String())
		}
	})
}
