package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/bench"
	"github.com/spf13/afero"
)

func write(t *testing.T, fsys afero.Fs, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompareTrees(t *testing.T) {
	fsys := afero.NewMemMapFs()
	write(t, fsys, map[string]string{
		"/p/index.html": "same", "/h/index.html": "same",
		"/p/en/index.html": "portal", "/h/en/index.html": "hugo",
		"/p/data/stats.json": "{}", "/h/it/sitemap.xml": "<urlset/>",
	})
	got, err := compareTrees(fsys, "/p", "/h")
	if err != nil {
		t.Fatal(err)
	}
	want := bench.OutputComparison{Same: 1, OnlyPortal: []string{"data/stats.json"}, OnlyHugo: []string{"it/sitemap.xml"}, Different: []string{"en/index.html"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if files, size, err := treeSize(fsys, "/p"); err != nil || files != 3 || size != int64(len("same")+len("portal")+len("{}")) {
		t.Errorf("treeSize = %d files, %d bytes, %v", files, size, err)
	}
	if n := countMarkdown(fsys, "/nowhere"); n != 0 {
		t.Errorf("%d Markdown files in a folder that does not exist", n)
	}
}

func TestReadIssue(t *testing.T) {
	fsys := afero.NewMemMapFs()
	write(t, fsys, map[string]string{
		"/s/dist/newsletter/2012-06/it/email.html": "0123456789",
		"/s/dist/newsletter/2012-06/en/email.html": "01234",
	})
	var a bench.AssembleResult
	out := "it  7 item(s), trimmed to titles and links to stay within the email budget\n    + a\nen  7 item(s)\n"
	if err := readIssue(fsys, "/s", "2012-06", out, &a); err != nil {
		t.Fatal(err)
	}
	if a.EmailHTML != 10 || !a.Trimmed || a.Items != 7 {
		t.Errorf("got %+v", a)
	}
	if err := readIssue(fsys, "/s", "2012-05", out, &a); err == nil {
		t.Error("a month without previews was read")
	}
}

func TestCommandLine(t *testing.T) {
	for args, want := range map[string]string{
		"-runs 9 -out BENCHMARKS.md":                   "make bench    # = go run ./internal/bench/cmd/bench -runs 9 -out BENCHMARKS.md",
		"-runs 9 -out BENCHMARKS.md -save /tmp/x.json": "make bench    # = go run ./internal/bench/cmd/bench -runs 9 -out BENCHMARKS.md",
		"-sizes 500 -out B.md":                         "go run ./internal/bench/cmd/bench -sizes 500 -out B.md",
	} {
		if got := commandLine(strings.Fields(args)); got != want {
			t.Errorf("%s: %q, want %q", args, got, want)
		}
	}
}
