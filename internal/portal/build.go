// Package portal is the portal command's work: build the site into public/ atomically,
// preview it while editing, and check the content for editors.
package portal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/hosting"
	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
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
var afterHugo = []func(site.Project, *site.Result) error{exportStatistics, writeNewsletterFeeds, writeNewsFeeds, writeMaterials}

// Build renders the portal straight into a new folder beside outDir (relative to the
// project, or absolute), writes a Brotli and a gzip copy beside every text file, and
// swaps it in place of outDir. In the same step the copies kept for the next build
// replace CompressedCacheDir and, when serverDir is not empty, the configurations of the
// web servers and static hosts that serve it (ServerFiles) replace serverDir. On any
// error outDir, serverDir and the cache are left exactly as they were.
func Build(p site.Project, outDir, serverDir string) (*site.Result, error) {
	outDir = inProject(p, outDir)
	b := atomicfs.NewBatch(p.Fs)
	defer b.Discard()
	var res *site.Result
	var hosts hosting.Site
	var files []string
	var copies hosting.Compressed
	var settingsErr error
	err := b.ReplaceDir(outDir, func(tmp string) error {
		opts := site.Options{Project: p, Destination: p.Fs, PublishDir: tmp}
		var err error
		if res, err = Render(opts); err != nil {
			return err
		}
		if hosts, settingsErr = hosting.LoadSite(p.Fs, p.ConfigPath()); settingsErr != nil {
			return settingsErr
		}
		if files, err = outputFiles(p.Fs, tmp); err != nil {
			return err
		}
		copies, err = hosts.Compress(p.Fs, tmp, p.Path(CompressedCacheDir))
		return err
	})
	var buildErr *site.BuildError
	switch {
	case settingsErr != nil:
		return nil, settingsErr // names site.toml and the line
	case errors.As(err, &buildErr):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("%s: %w", outDir, err)
	}
	if serverDir != "" {
		serverDir = inProject(p, serverDir)
		if err := b.ReplaceDir(serverDir, func(tmp string) error {
			return writeServerFiles(p.Fs, tmp, hosts, files)
		}); err != nil {
			return nil, fmt.Errorf("%s: %w", serverDir, err)
		}
	}
	cacheDir := p.Path(CompressedCacheDir)
	if err := b.ReplaceDir(cacheDir, func(tmp string) error {
		return copies.WriteCache(p.Fs, tmp)
	}); err != nil {
		return nil, fmt.Errorf("%s: %w", cacheDir, err)
	}
	if err := b.Commit(); err != nil {
		return nil, fmt.Errorf("%s: %w", outDir, err)
	}
	return res, nil
}

// CompressedCacheDir keeps the last build's Brotli and gzip copies (hosting.Rules.Compress):
// an unchanged file is not compressed again.
const CompressedCacheDir = ".cache/compressed"

// ServerFiles are the files Build writes into serverDir, from the rules of
// internal/hosting: docs/hosting.md says how each host uses them.
var ServerFiles = []string{"nginx/contratto.conf", "caddy/Caddyfile", "static-host/_headers", "static-host/_redirects"}

// writeServerFiles writes ServerFiles into dir, for the site whose files (paths in
// public/) are given.
func writeServerFiles(fsys afero.Fs, dir string, s hosting.Site, files []string) error {
	contents := [][]byte{s.Nginx(s.NginxServer()), s.Caddyfile(s.CaddyServer()), s.Headers(files), s.Redirects()}
	for i, name := range ServerFiles {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := fsys.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(fsys, path, contents[i], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// outputFiles lists the files under dir as paths in the site ("/en/index.html").
func outputFiles(fsys afero.Fs, dir string) ([]string, error) {
	var files []string
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files = append(files, "/"+filepath.ToSlash(rel))
		return err
	})
	return files, err
}

// inProject makes a path relative to the project absolute.
func inProject(p site.Project, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(p.Dir, path)
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
