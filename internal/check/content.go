package check

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contratto/portal/internal/frontmatter"
	"github.com/spf13/afero"
)

// contentFile is one Markdown file under content/, split into front matter and body.
type contentFile struct {
	Path   string // relative to the project root, with forward slashes
	Text   string // the whole file, without a byte-order mark
	Format string // "yaml", "toml", or "" when there is no front matter
	// Front is the front matter between its delimiters; FrontLine is the file line of
	// its first line.
	Front     string
	FrontLine int
	// Body is what follows the front matter; BodyLine is the file line of its first line.
	Body     string
	BodyLine int
	// Unclosed is set when the front matter has no closing delimiter.
	Unclosed bool
}

// isContent tells the files Hugo renders as pages from Markdown.
func isContent(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// contentFiles reads every Markdown file under content/, sorted by path. A file that
// cannot be read becomes a finding.
func contentFiles(in Input) ([]contentFile, []Finding) {
	root := filepath.Join(in.Dir, "content")
	var files []contentFile
	var findings []Finding
	err := afero.Walk(in.Fs, root, func(path string, info fs.FileInfo, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == root {
				return filepath.SkipDir
			}
			findings = append(findings, Finding{File: rel(in.Dir, path), Severity: Error, Rule: "front matter", Message: "cannot be read: " + err.Error()})
			return nil
		}
		if info.IsDir() || !isContent(path) {
			return nil
		}
		b, err := afero.ReadFile(in.Fs, path)
		if err != nil {
			findings = append(findings, Finding{File: rel(in.Dir, path), Severity: Error, Rule: "front matter", Message: "cannot be read: " + err.Error()})
			return nil
		}
		files = append(files, splitContent(rel(in.Dir, path), string(b)))
		return nil
	})
	if err != nil {
		findings = append(findings, Finding{File: "content", Severity: Error, Rule: "front matter", Message: err.Error()})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, findings
}

// splitContent separates the front matter (YAML between "---" lines, TOML between
// "+++" lines) from the body.
func splitContent(path, text string) contentFile {
	doc, err := frontmatter.Split([]byte(text))
	f := contentFile{Path: path, Text: strings.TrimPrefix(text, "\ufeff"), Format: doc.Format,
		Front: string(doc.Front), Body: string(doc.Body), BodyLine: doc.BodyLine, Unclosed: err != nil}
	if f.Format != "" {
		f.FrontLine = 2
	}
	return f
}

// lineAt returns the 1-based line of byte offset i in text.
func lineAt(text string, i int) int {
	return strings.Count(text[:i], "\n") + 1
}

// rel makes path relative to dir, with forward slashes.
func rel(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(path)
}
