package main

import (
	"fmt"
	"io/fs"
	"runtime/pprof"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/bench"
	"github.com/contratto/portal/internal/portal"
	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
)

// phases builds the site in this process as portal.Build does — Hugo writes straight into a
// new folder, the steps after Hugo add their files, the folder is swapped in place of out —
// and times each step. With a profile path it also writes a CPU profile of the whole build.
func phases(dir, out, profile string) (*bench.Phases, error) {
	osFs := afero.NewOsFs()
	p := site.Project{Fs: osFs, Dir: dir}
	if profile != "" {
		f, err := osFs.Create(profile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	ph := &bench.Phases{}
	var rendered time.Time
	err := atomicfs.ReplaceDir(osFs, out, func(tmp string) error {
		start := time.Now()
		res, err := portal.Render(site.Options{Project: p, Destination: osFs, PublishDir: tmp})
		if err != nil {
			return err
		}
		ph.SiteBuild, ph.AfterHugo = res.Elapsed, time.Since(start)-res.Elapsed
		for _, s := range res.Summary {
			ph.HugoRender += s.Render
		}
		err = afero.Walk(res.Output, "/", func(_ string, info fs.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				ph.Files++
				ph.Bytes += info.Size()
			}
			return err
		})
		rendered = time.Now()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	ph.Swap = time.Since(rendered)
	return ph, nil
}
