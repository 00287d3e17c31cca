package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAssertMatchesAndWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	Write(t, path, []byte("a\nb\n"))
	Assert(t, path, []byte("a\nb\n"))
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\nb\n" {
		t.Fatalf("written %q, %v", b, err)
	}
}

func TestDiffNamesTheFirstDifferentLine(t *testing.T) {
	cases := map[string][2]string{
		"line 2":     {"a\nb\nc", "a\nB\nc"},
		"line 3":     {"a\nb\nc", "a\nb"},
		"same lines": {"a\n", "a\n"},
	}
	for want, c := range cases {
		if got := Diff([]byte(c[0]), []byte(c[1])); !strings.Contains(got, want) {
			t.Errorf("Diff(%q, %q) = %q, want it to mention %q", c[0], c[1], got, want)
		}
	}
}

// failingT records failures instead of stopping the test.
type failingT struct {
	testing.TB
	failed bool
}

func (f *failingT) Helper()               {}
func (f *failingT) Errorf(string, ...any) { f.failed = true }
func (f *failingT) Fatalf(string, ...any) { f.failed = true }
func (f *failingT) Fatal(...any)          { f.failed = true }

func TestAssertFailsOnADifference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	Write(t, path, []byte("old"))
	ft := &failingT{TB: t}
	Assert(ft, path, []byte("new"))
	if !ft.failed {
		t.Error("Assert accepted different content")
	}
	ft = &failingT{TB: t}
	Assert(ft, path+".missing", []byte("new"))
	if !ft.failed {
		t.Error("Assert accepted a missing golden file")
	}
}
