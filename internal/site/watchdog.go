package site

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/cast"
)

// DefaultTimeout is how long a build may take when site.toml sets no
// [params.build] timeout: far longer than any build of the portal should take.
const DefaultTimeout = 5 * time.Minute

// suspectsPerFolder is how many recently changed files of layouts/ and of content/ a
// TimeoutError names.
const suspectsPerFolder = 3

// TimeoutError is a build stopped by the watchdog because it did not finish in time.
type TimeoutError struct {
	Limit    time.Duration
	Suspects []string // the most recently changed layout and content files, newest first
}

func (e *TimeoutError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the build did not finish within %s and was stopped (the limit is [params.build] timeout in site.toml; %s when it is not set). "+
		"Hugo v0.165 can hang instead of reporting an error in a template (see the internal/site package docs)", e.Limit, DefaultTimeout)
	if len(e.Suspects) == 0 {
		b.WriteString(".")
		return b.String()
	}
	b.WriteString("; the most recently changed files are the likely cause:")
	for _, s := range e.Suspects {
		b.WriteString("\n  " + s)
	}
	return b.String()
}

// hugoBuild is Hugo's build; tests replace it with one that hangs.
var hugoBuild = func(h *hugolib.HugoSites, cfg hugolib.BuildCfg) error { return h.Build(cfg) }

// buildTimeout reads [params.build] timeout from the loaded configuration.
func buildTimeout(configs *allconfig.Configs, configFile string) (time.Duration, error) {
	build, _ := configs.Base.Params["build"].(hmaps.Params)
	raw, ok := build["timeout"]
	if !ok {
		return DefaultTimeout, nil
	}
	text, isText := raw.(string)
	d, err := time.ParseDuration(text)
	if !isText || err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: [params.build] timeout = %v is not a duration; write it like \"2m\" or \"90s\"", configFile, cast.ToString(raw))
	}
	return d, nil
}

// within runs build and waits at most limit for it. When the limit passes, it closes
// out, the destination Hugo writes to, so that the abandoned build can never write there
// again, and returns a TimeoutError naming the files of the project in fsys at dir most
// likely at fault. The build's goroutine is left behind: Hugo offers no way to stop it.
func within(limit time.Duration, out *stopFs, fsys afero.Fs, dir string, build func() error) error {
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- build() }()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case err := <-done:
		// Both may be ready when this goroutine was not scheduled in time: a build that
		// succeeded after its limit is over time whichever the select picked.
		if err != nil || time.Since(start) <= limit {
			return err
		}
	case <-timer.C:
	}
	out.stop()
	return &TimeoutError{Limit: limit, Suspects: recentlyChanged(fsys, dir)}
}

// recentlyChanged names the most recently changed files under layouts/ and content/,
// newest first, each with the time it changed.
func recentlyChanged(fsys afero.Fs, dir string) []string {
	var out []string
	for _, folder := range []string{"layouts", "content"} {
		type file struct {
			path string
			mod  time.Time
		}
		var files []file
		_ = afero.Walk(fsys, filepath.Join(dir, folder), func(path string, info fs.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				files = append(files, file{relPath(dir, path), info.ModTime()})
			}
			return nil
		})
		sort.Slice(files, func(i, j int) bool {
			if !files[i].mod.Equal(files[j].mod) {
				return files[i].mod.After(files[j].mod)
			}
			return files[i].path < files[j].path
		})
		for _, f := range files[:min(len(files), suspectsPerFolder)] {
			out = append(out, fmt.Sprintf("%s (changed %s)", f.path, f.mod.Local().Format("2006-01-02 15:04:05")))
		}
	}
	return out
}
