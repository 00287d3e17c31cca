// Package portal is the portal command's work: build the site into public/ atomically,
// preview it while editing, and check the content for editors.
package portal

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/site"
)

// Render builds the whole portal — Hugo's pages, then the files the steps after Hugo add —
// in memory, or where opts.Destination says. Nothing else in the project is written.
func Render(opts site.Options) (*site.Result, error) {
	res, err := site.Build(opts)
	if err != nil {
		return nil, err
	}
	for _, step := range afterHugo {
		if err := step(opts.Project, res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// afterHugo are the build steps that write into the output after Hugo has rendered it,
// in order (steps.go).
var afterHugo = []func(site.Project, *site.Result) error{exportStatistics, writeNewsletterFeeds, writeNewsFeeds}

// Build renders the portal straight into a new folder beside outDir (relative to the
// project, or absolute) and swaps it in place of outDir. On any error outDir is left
// exactly as it was.
func Build(p site.Project, outDir string) (*site.Result, error) {
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(p.Dir, outDir)
	}
	var res *site.Result
	err := atomicfs.ReplaceDir(p.Fs, outDir, func(tmp string) error {
		opts := site.Options{Project: p, Destination: p.Fs, PublishDir: tmp}
		var err error
		res, err = Render(opts)
		return err
	})
	if err != nil {
		var buildErr *site.BuildError
		if errors.As(err, &buildErr) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", outDir, err)
	}
	return res, nil
}

// PrintSummary writes one line per language, then the warnings.
func PrintSummary(w io.Writer, res *site.Result, out string, elapsed time.Duration) {
	for _, s := range res.Summary {
		fmt.Fprintf(w, "%-4s %5d pages %6d files %6d ms\n", s.Lang, s.Pages, s.Files, s.Render.Milliseconds())
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "built %s in %d ms\n", out, elapsed.Milliseconds())
}
