package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bep/logg"
	"github.com/contratto/portal/internal/frontmatter"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Options say which project to build and how.
type Options struct {
	// Project is the project to build. Hugo reads its Fs and never writes to it:
	// anything Hugo would write there (caches, locks) goes to an in-memory layer that is
	// thrown away.
	Project
	// BaseURL, when set, replaces the config's baseURL (used by portal serve).
	BaseURL string
	// Environment is Hugo's environment name; "production" when empty.
	Environment string
	// Destination, when set, is the file system the site is written to, in the folder
	// PublishDir (absolute). Otherwise the output stays in memory.
	Destination afero.Fs
	PublishDir  string
}

// Result is a built (or loaded) site.
type Result struct {
	// Output holds the rendered site, rooted at "/" (index.html, en/index.html, ...): in
	// memory, or Options.PublishDir of Options.Destination. It is empty when the site
	// was only loaded.
	Output afero.Fs
	// BaseURL is the site's base URL as Hugo resolved it (site.toml's baseURL, or
	// Options.BaseURL), always ending in "/": "https://contratto.example/", or
	// "https://www.example.org/contratto/" for a site served under a sub-path. Every
	// absolute address outside Hugo's templates is derived from it.
	BaseURL string
	// Languages in the order of their weight; the first is the default language.
	Languages []Language
	// Pages per language code: every page Hugo built (home, sections and regular pages).
	Pages map[string][]Page
	// Summary has one line per language.
	Summary []LanguageSummary
	// Warnings Hugo logged during the build.
	Warnings []string
	// Elapsed is the whole build's wall time.
	Elapsed time.Duration

	texts  texts
	source afero.Fs // the project, to read a page's source file
	dir    string
}

// LanguageSummary counts what one language produced.
type LanguageSummary struct {
	Lang   string
	Pages  int
	Files  int
	Render time.Duration // Hugo's own measure of rendering this language's pages
}

// Build loads the site, renders it into memory and copies static files. The project is
// not modified. The error, if any, names the file and line that caused it.
func Build(opts Options) (*Result, error) {
	return run(opts, false)
}

// Load reads the site and returns its pages without rendering any output.
func Load(opts Options) (*Result, error) {
	return run(opts, true)
}

func run(opts Options, skipRender bool) (*Result, error) {
	start := time.Now()
	if opts.Fs == nil || opts.Dir == "" {
		return nil, errors.New("site: the project's Fs and Dir are required")
	}
	dir := filepath.Clean(opts.Dir)
	configFile := opts.ConfigPath()
	if err := checkConfigFile(opts.Fs, configFile); err != nil {
		return nil, err
	}

	scratch := filepath.Join(dir, ".hugo-scratch")
	source := newScratchFs(opts.Fs, scratch)
	destination, publishDir := opts.Destination, opts.PublishDir
	if destination == nil {
		destination, publishDir = afero.NewMemMapFs(), "public"
	}
	written := &writeCheckFs{Fs: destination}
	out := &stopFs{Fs: written}
	logs := newLogCollector()

	flags := config.New()
	flags.Set("workingDir", dir)
	flags.Set("publishDir", publishDir)
	flags.Set("noBuildLock", true)
	flags.Set("cacheDir", filepath.Join(scratch, "cache"))
	flags.Set("resourceDir", filepath.Join(scratch, "resources"))
	if opts.BaseURL != "" {
		flags.Set("baseURL", opts.BaseURL)
	}
	env := opts.Environment
	if env == "" {
		env = "production"
	}
	flags.Set("environment", env)

	logger := loggers.New(loggers.Options{
		Level:         logg.LevelInfo, // info carries Hugo's per-language render times
		StdOut:        io.Discard,
		StdErr:        io.Discard,
		DistinctLevel: logg.LevelWarn,
		HandlerPost:   logs.handle,
	})

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          source,
		Filename:    configFile,
		Flags:       flags,
		Logger:      logger,
		Environment: env,
		Environ:     withoutHugoVariables(os.Environ()),
	})
	if err != nil {
		return nil, relativeError(dir, fmt.Errorf("%s: %w", relPath(dir, configFile), err))
	}
	if len(configs.LoadingInfo.ConfigFiles) == 0 {
		return nil, fmt.Errorf("%s: not loaded as a config file", relPath(dir, configFile))
	}
	timeout, err := buildTimeout(configs, relPath(dir, configFile))
	if err != nil {
		return nil, err
	}

	hfs := hugofs.NewFromSourceAndDestination(source, out, flags)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       hfs,
		LogLevel: logg.LevelInfo,
		StdOut:   io.Discard,
		StdErr:   io.Discard,
		// Hugo's only way to take a logger of the caller's; ours collects warnings,
		// errors and render times instead of printing them.
		TestLogger: logger,
	})
	if err != nil {
		return nil, relativeError(dir, err)
	}
	err = within(timeout, out, opts.Fs, dir, func() error {
		return buildRecovering(h, hugolib.BuildCfg{SkipRender: skipRender, NoBuildLock: true}, logs, opts.Fs, dir)
	})
	if timedOut := (*TimeoutError)(nil); errors.As(err, &timedOut) {
		return nil, relativeError(dir, err)
	}
	if err != nil {
		return nil, relativeError(dir, logs.explain(err))
	}
	if errs := logs.errors(); len(errs) > 0 {
		return nil, relativeError(dir, errors.New(strings.Join(errs, "\n")))
	}

	res := &Result{Output: afero.NewMemMapFs(), Warnings: logs.warnings(dir), source: opts.Fs, dir: dir}
	if !skipRender {
		res.Output = hfs.PublishDir
		if err := copyStatic(h, res.Output); err != nil {
			return nil, relativeError(dir, err)
		}
	}
	if err := written.err(); err != nil {
		return nil, relativeError(dir, fmt.Errorf("the site could not be written: %w", err))
	}
	res.BaseURL = h.Sites[0].BaseURL()
	res.texts = newTexts(h)
	res.Languages = languages(h)
	res.Pages = pages(h, dir)
	res.Summary, err = summarize(res, logs.renderTimes())
	if err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// buildRecovering runs Hugo's build and turns a panic inside Hugo into an error that
// names the file. Hugo v0.165 can panic while it drops the pages of a multilingual bundle
// when one of its files has broken front matter: that file is then found by reading the
// front matter of every content file.
func buildRecovering(h *hugolib.HugoSites, cfg hugolib.BuildCfg, logs *logCollector, fsys afero.Fs, dir string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the build stopped inside Hugo with an internal error (%v)", r)
			if errs := logs.errors(); len(errs) > 0 {
				err = errors.New(strings.Join(errs, "\n"))
			} else if fmErr := firstFrontMatterError(fsys, filepath.Join(dir, "content")); fmErr != nil {
				err = fmErr
			}
		}
	}()
	return hugoBuild(h, cfg)
}

// firstFrontMatterError returns the first content file whose front matter does not parse.
func firstFrontMatterError(fsys afero.Fs, contentDir string) error {
	var found error
	_ = afero.Walk(fsys, contentDir, func(path string, info fs.FileInfo, err error) error {
		if err != nil || found != nil || info.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := afero.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		doc, err := frontmatter.Split(data)
		if err == nil && doc.Format != "" {
			var m map[string]any
			err = doc.Decode(&m, false)
		}
		if err != nil {
			found = fmt.Errorf("%s:%w", path, err)
		}
		return nil
	})
	return found
}

// withoutHugoVariables drops HUGO_* variables, so the caller's shell never changes a
// build. Hugo reads os.Environ itself when given an empty list, so the list always keeps
// one entry of ours.
func withoutHugoVariables(environ []string) []string {
	out := []string{"CONTRATTO_PORTAL=1"}
	for _, kv := range environ {
		if !strings.HasPrefix(strings.ToUpper(kv), "HUGO") {
			out = append(out, kv)
		}
	}
	return out
}

// checkConfigFile turns a missing or unreadable config into an error: Hugo would
// otherwise build an empty default site without a word.
func checkConfigFile(fsys afero.Fs, path string) error {
	info, err := fsys.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: config file not found", relPath(filepath.Dir(path), path))
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("%s: is a folder, not a config file", relPath(filepath.Dir(path), path))
	}
	f, err := fsys.Open(path)
	if err != nil {
		return fmt.Errorf("%s: cannot be read: %w", path, err)
	}
	return f.Close()
}

// relativeError rewrites absolute project paths in err as paths relative to the project,
// so messages read "content/it/aiuto.md:3:1: ..." wherever the project lives.
func relativeError(dir string, err error) error {
	if err == nil {
		return nil
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	return &BuildError{msg: msg, err: err}
}

// BuildError is a build failure, with paths relative to the project root.
type BuildError struct {
	msg string
	err error
}

func (e *BuildError) Error() string { return e.msg }
func (e *BuildError) Unwrap() error { return e.err }

func relPath(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
