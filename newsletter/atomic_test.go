package newsletter_test

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/contratto/portal/internal/faultfs"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter"
	"github.com/spf13/afero"
)

// TestCommandsWriteAllLanguagesOrNone fails, in turn, each change that assemble and
// publish make to the files of two languages that already have an issue: every failure
// leaves the files of both as they were. (Each change costs a run of the command, so two
// languages, not all; a batch writing new files is tested in atomicfs.)
func TestCommandsWriteAllLanguagesOrNone(t *testing.T) {
	p := fixture(t)
	langs := []string{"it", "ar"}
	on := func(fsys afero.Fs) site.Project { return site.Project{Fs: fsys, Dir: p.Dir} }
	assembleOn := func(fsys afero.Fs) error {
		return newsletter.Assemble(on(fsys), month, newsletter.AssembleOptions{Languages: langs}, io.Discard)
	}
	assemble(t, p, newsletter.AssembleOptions{Languages: langs})
	editorial := filepath.Join(p.Dir, "content/newsletter", month, "editorial.it.md")
	if err := afero.WriteFile(p.Fs, editorial, []byte("A new editorial.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("assemble again", func(t *testing.T) { faultfs.Check(t, p.Fs, assembleOn) })

	t.Run("publish", func(t *testing.T) {
		faultfs.Check(t, p.Fs, func(fsys afero.Fs) error {
			return newsletter.Publish(on(fsys), month, newsletter.PublishOptions{Languages: langs, Date: publishDate}, io.Discard)
		})
	})
}
