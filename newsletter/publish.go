package newsletter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/spf13/afero"
)

// PublishOptions steer Publish.
type PublishOptions struct {
	Languages []string  // none means every language of the site
	Date      time.Time // the publication date of a draft; today when zero
	// Force publishes a deliberate correction of an issue already published.
	Force bool
}

// published is one language's issue after Publish decided what to do with it.
type published struct {
	bundle    *Bundle
	changed   bool // the bundle file must be written
	artefacts artefacts
	warnings  []string
	note      string
}

// Publish freezes the issue of month and renders its final artefacts from the bundles.
// A draft becomes published with its date; an issue already published is rendered
// again, byte for byte the same, and its bundle is not touched. Changing a published
// issue takes Force, and Publish says what changed.
func Publish(p site.Project, month string, opts PublishOptions, out io.Writer) error {
	s, m, langs, err := start(p, month, opts.Languages)
	if err != nil {
		return err
	}
	date := opts.Date
	if date.IsZero() {
		date = time.Now()
	}
	day := date.In(s.res.Location(langs[0])).Format("2006-01-02")

	var issues []published
	for _, lang := range langs {
		b, err := s.readBundle(m, lang)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is missing: run newsletter assemble -month %s first", bundlePath(m, lang), m)
		}
		if err != nil {
			return err
		}
		issue, err := s.prepare(b, day, opts.Force)
		if err != nil {
			return err
		}
		if issue.artefacts, issue.warnings, err = s.render(issue.bundle); err != nil {
			return err
		}
		if opts.Force {
			issue.note = strings.TrimSpace(issue.note + " " + s.describeChanges(m, lang, issue.artefacts))
		}
		issues = append(issues, issue)
	}
	b := atomicfs.NewBatch(s.p.Fs)
	defer b.Discard()
	for _, issue := range issues {
		changed := issue.bundle
		if !issue.changed {
			changed = nil
		}
		if err := s.stage(b, m, changed, issue.bundle.Lang, issue.artefacts); err != nil {
			return err
		}
	}
	if err := b.Commit(); err != nil {
		return err
	}
	for _, issue := range issues {
		fmt.Fprintf(out, "%s  %s\n", issue.bundle.Lang, issue.note)
		printSizes(out, issue.artefacts)
		for _, w := range issue.warnings {
			fmt.Fprintf(out, "    warning: %s\n", w)
		}
	}
	fmt.Fprintf(out, "\nArtefacts in dist/newsletter/%s/. Run make site to put the web version and the feeds on the portal.\n", m)
	return nil
}

// prepare decides what publishing does to one bundle.
func (s *session) prepare(b *Bundle, day string, force bool) (published, error) {
	switch {
	case b.Status == archive.StatusDraft:
		b.Status, b.Published, b.Date, b.Draft = archive.StatusPublished, day, day, false
		b.Checksum = Checksum(b.Body)
		return published{bundle: b, changed: true, note: "published on " + day}, nil
	case !b.Edited() && !force:
		return published{bundle: b, note: fmt.Sprintf("already published on %s: artefacts rendered again, unchanged", b.Published)}, nil
	case !force:
		return published{}, fmt.Errorf("%s: the text changed after the issue was published on %s; a sent issue never changes. "+
			"Undo the edit, or publish the correction deliberately with -force", b.Path, b.Published)
	case b.Edited():
		b.Checksum, b.Updated = Checksum(b.Body), day
		return published{bundle: b, changed: true, note: fmt.Sprintf("correction of the issue published on %s: text changed, marked updated on %s.", b.Published, day)}, nil
	default:
		return published{bundle: b, note: fmt.Sprintf("published on %s; -force found no change in the text.", b.Published)}, nil
	}
}

// describeChanges lists the artefacts that differ from those already in dist/.
func (s *session) describeChanges(m Month, lang string, a artefacts) string {
	var changed []string
	for _, name := range a.names() {
		old, err := afero.ReadFile(s.p.Fs, s.p.Path(filepath.Join(distDir(m, lang), name)))
		if err != nil || !bytes.Equal(old, a[name]) {
			changed = append(changed, name)
		}
	}
	if len(changed) == 0 {
		return "Artefacts unchanged."
	}
	return "Artefacts changed: " + strings.Join(changed, ", ") + "."
}
