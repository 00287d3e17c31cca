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

// phases builds the site in this process the way portal.Build does (portal.Render, then
// the copy from memory into a new folder swapped in place of out) and times each step.
// With a profile path it also writes a CPU profile of the whole build.
func phases(dir, out, profile string) (*bench.Phases, error) {
	osFs := afero.NewOsFs()
	p := portal.Project{Fs: osFs, Dir: dir, Config: site.DefaultConfig}
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
	start := time.Now()
	res, err := portal.Render(p, site.Options{Fs: osFs, Dir: dir, Config: site.DefaultConfig})
	if err != nil {
		return nil, err
	}
	rendered := time.Since(start)
	start = time.Now()
	err = atomicfs.ReplaceDir(osFs, out, func(tmp string) error {
		return atomicfs.CopyTree(res.Output, "/", osFs, tmp)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	ph := &bench.Phases{SiteBuild: res.Elapsed, AfterHugo: rendered - res.Elapsed, CopyToDisk: time.Since(start)}
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
	return ph, err
}
