package translations

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/spf13/afero"
)

// ErrNoHistory says the version of a source page a translation was made from cannot be
// found: git is not installed, the project is no git repository, or no commit of the
// page has the recorded hash.
var ErrNoHistory = errors.New("no history")

// OldSource finds, in the git history of the source page, the version whose hash is the
// one the translation records.
func (tp Project) OldSource(src *Page, hash string) (*Page, error) {
	if _, ok := tp.Fs.(*afero.OsFs); !ok {
		return nil, fmt.Errorf("%w: the project is not on disk", ErrNoHistory)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%w: git is not installed", ErrNoHistory)
	}
	log, err := tp.git("log", "--format=%H", "--", src.Path)
	if err != nil {
		return nil, err
	}
	for _, commit := range strings.Fields(log) {
		data, err := tp.git("show", commit+":./"+src.Path)
		if err != nil {
			continue // the page had another name then
		}
		if old, err := ReadPage(src.Path, []byte(data)); err == nil && old.Hash() == hash {
			return old, nil
		}
	}
	return nil, fmt.Errorf("%w: no commit of %s has the hash %s", ErrNoHistory, src.Path, hash)
}

func (tp Project) git(args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", tp.Dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%w: git %s: %s", ErrNoHistory, args[0], strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

// Diff shows what changed between two versions of a source page's text (Page.Source):
// the removed lines with "-", the added ones with "+", each group after the line of the
// new version where it is.
func Diff(path string, old, new *Page) string {
	a, b := old.Source(), new.Source()
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	lines := sourceLines(new)
	inHunk := false
	hunk := func(j int) {
		if !inHunk {
			line := lineAt(new.Text, len(new.Text))
			if j < len(lines) {
				line = lines[j]
			}
			fmt.Fprintf(&out, "%s:%d:\n", path, line)
			inHunk = true
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j, inHunk = i+1, j+1, false
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			hunk(j)
			fmt.Fprintf(&out, "- %s\n", a[i])
			i++
		default:
			hunk(j)
			fmt.Fprintf(&out, "+ %s\n", b[j])
			j++
		}
	}
	return out.String()
}

// sourceLines gives, for each line of Page.Source, its line in the file.
func sourceLines(p *Page) []int {
	var lines []int
	for _, f := range p.Fields {
		lines = append(lines, f.Line)
	}
	lines = append(lines, lineAt(p.Text, p.Body))
	for n, l := range strings.Split(p.Text[p.Body:], "\n") {
		if normalize(l) != "" {
			lines = append(lines, lineAt(p.Text, p.Body)+n)
		}
	}
	return lines
}
