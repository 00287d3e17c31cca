package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/contratto/portal/internal/bench"
	"github.com/spf13/afero"
)

// siteToMeasure is a site written in the working folder.
type siteToMeasure struct {
	dir, name string
	synthetic bool
	pages     int            // per language (synthetic sites)
	months    map[string]int // months to assemble → items per language (0: read from the command's output)
}

// task is one command measured on a site.
type task struct {
	name   string
	args   []string // program and arguments
	clean  func() error
	timing *bench.Timing
	month  string // newsletter tasks
	issue  *bench.AssembleResult
}

// measureSite runs the portal build, the Hugo CLI and newsletter assemble on one site:
// one untimed warm-up run each (whose outputs are compared and measured), then runs
// rounds in which every command runs once, portal and Hugo swapping places each round.
func measureSite(fsys afero.Fs, t *tools, s siteToMeasure, runs int, outRoot string, log io.Writer) (bench.SiteResult, error) {
	res := bench.SiteResult{Name: s.name, Synthetic: s.synthetic}
	langs, err := afero.ReadDir(fsys, filepath.Join(s.dir, "content"))
	if err != nil {
		return res, err
	}
	for _, l := range langs {
		if l.IsDir() && l.Name() != "newsletter" {
			res.Languages++
		}
	}
	res.PagesPerLanguage = s.pages
	if !s.synthetic {
		res.PagesPerLanguage = countMarkdown(fsys, filepath.Join(s.dir, "content", "it"))
	}

	out := filepath.Join(outRoot, filepath.Base(s.dir))
	portalOut, hugoOut, hugoCache := filepath.Join(out, "portal"), filepath.Join(out, "hugo"), filepath.Join(out, "hugo-cache")
	portal := &task{name: "portal build", timing: &res.Portal,
		args:  []string{t.portal, "build", "-config", "site.toml", "-out", portalOut},
		clean: func() error { return fsys.RemoveAll(portalOut) }}
	hugo := &task{name: "hugo", timing: &res.Hugo,
		args: []string{t.hugo, "--config", "site.toml", "--destination", hugoOut, "--quiet", "--cacheDir", hugoCache, "--noBuildLock"},
		clean: func() error {
			if err := fsys.RemoveAll(hugoOut); err != nil {
				return err
			}
			return fsys.RemoveAll(hugoCache)
		}}
	tasks := []*task{portal, hugo}

	var months []string
	for m := range s.months {
		months = append(months, m)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(months))) // the small month (2012-06) first
	for _, m := range months {
		res.Newsletter = append(res.Newsletter, bench.AssembleResult{Month: m, Items: s.months[m]})
	}
	for i, m := range months {
		a := &res.Newsletter[i]
		issue := filepath.Join(s.dir, "content", "newsletter", m)
		if _, err := fsys.Stat(issue); err == nil {
			a.Error = fmt.Sprintf("the site already has an issue in content/newsletter/%s; it is left alone and not timed", m)
			continue
		}
		clean := func() error {
			if err := fsys.RemoveAll(issue); err != nil {
				return err
			}
			return fsys.RemoveAll(filepath.Join(s.dir, "dist", "newsletter", m))
		}
		tasks = append(tasks, &task{name: "newsletter assemble " + m, month: m, timing: &a.Timing, issue: a, clean: clean,
			args: []string{t.newsletter, "assemble", "-config", "site.toml", "-month", m}})
	}

	// Warm-up: also checks that each command works and records what it wrote.
	fmt.Fprintf(log, "bench: %s: warm-up runs\n", s.name)
	var timed []*task
	for _, tk := range tasks {
		if err := tk.clean(); err != nil {
			return res, err
		}
		_, stdout, err := runOnce(tk.args, s.dir)
		if err != nil {
			if tk.issue == nil {
				return res, fmt.Errorf("%s: %s: %w", s.name, tk.name, err)
			}
			tk.issue.Error = err.Error()
			_ = tk.clean()
			continue
		}
		if tk.issue != nil {
			if err := readIssue(fsys, s.dir, tk.month, stdout, tk.issue); err != nil {
				return res, err
			}
			if err := tk.clean(); err != nil {
				return res, err
			}
		}
		timed = append(timed, tk)
	}
	cmp, err := compareTrees(fsys, portalOut, hugoOut)
	if err != nil {
		return res, err
	}
	res.Output = cmp
	res.OutputFiles, res.OutputBytes, err = treeSize(fsys, portalOut)
	if err != nil {
		return res, err
	}

	for round := range runs {
		order := timed
		if round%2 == 1 { // Hugo first in odd rounds
			order = append([]*task{timed[1], timed[0]}, timed[2:]...)
		}
		fmt.Fprintf(log, "bench: %s: round %d of %d\n", s.name, round+1, runs)
		for _, tk := range order {
			if err := tk.clean(); err != nil {
				return res, err
			}
			sample, _, err := runOnce(tk.args, s.dir)
			if err != nil {
				return res, fmt.Errorf("%s: %s: %w", s.name, tk.name, err)
			}
			tk.timing.Add(sample)
			if tk.issue != nil {
				if err := tk.clean(); err != nil {
					return res, err
				}
			}
		}
	}
	for _, tk := range timed {
		fmt.Fprintf(log, "bench: %s: %s median %.2f s (%.2f–%.2f)\n", s.name, tk.name, tk.timing.Median().Seconds(), tk.timing.Min().Seconds(), tk.timing.Max().Seconds())
	}
	return res, nil
}

// runOnce runs a command in dir, in a process of its own, with Hugo's environment
// variables removed, and measures it.
func runOnce(args []string, dir string) (bench.Sample, string, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(strings.ToUpper(kv), "HUGO") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return bench.Sample{}, stdout.String(), fmt.Errorf("%s %s: %s", filepath.Base(args[0]), strings.Join(args[1:], " "), msg)
	}
	s := bench.Sample{Wall: wall, User: cmd.ProcessState.UserTime(), Sys: cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.MaxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return s, stdout.String(), nil
}

// itemsLine is the first line newsletter assemble prints for a language: "it  50 item(s)".
var itemsLine = regexp.MustCompile(`(?m)^[a-z]+\s+(\d+) item\(s\)`)

// readIssue records what a warm-up assemble wrote: the largest email.html, whether the
// issue was trimmed, and how many items it has when the site did not say.
func readIssue(fsys afero.Fs, dir, month, stdout string, a *bench.AssembleResult) error {
	dist := filepath.Join(dir, "dist", "newsletter", month)
	entries, err := afero.ReadDir(fsys, dist)
	if err != nil {
		return err
	}
	for _, e := range entries {
		info, err := fsys.Stat(filepath.Join(dist, e.Name(), "email.html"))
		if err != nil {
			return err
		}
		a.EmailHTML = max(a.EmailHTML, int(info.Size()))
	}
	a.Trimmed = strings.Contains(stdout, "trimmed")
	if a.Items == 0 {
		if m := itemsLine.FindStringSubmatch(stdout); m != nil {
			a.Items, _ = strconv.Atoi(m[1])
		}
	}
	return nil
}

// compareTrees compares two output folders file by file.
func compareTrees(fsys afero.Fs, portal, hugo string) (bench.OutputComparison, error) {
	var c bench.OutputComparison
	p, err := hashTree(fsys, portal)
	if err != nil {
		return c, err
	}
	h, err := hashTree(fsys, hugo)
	if err != nil {
		return c, err
	}
	for name, sum := range p {
		switch hs, ok := h[name]; {
		case !ok:
			c.OnlyPortal = append(c.OnlyPortal, name)
		case hs != sum:
			c.Different = append(c.Different, name)
		default:
			c.Same++
		}
	}
	for name := range h {
		if _, ok := p[name]; !ok {
			c.OnlyHugo = append(c.OnlyHugo, name)
		}
	}
	sort.Strings(c.OnlyPortal)
	sort.Strings(c.OnlyHugo)
	sort.Strings(c.Different)
	return c, nil
}

// hashTree maps the files under root (paths relative to it, with forward slashes) to
// their SHA-256.
func hashTree(fsys afero.Fs, root string) (map[string][sha256.Size]byte, error) {
	out := map[string][sha256.Size]byte{}
	err := afero.Walk(fsys, root, func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	return out, err
}

// treeSize counts the files under root and their bytes.
func treeSize(fsys afero.Fs, root string) (int, int64, error) {
	var files int
	var size int64
	err := afero.Walk(fsys, root, func(_ string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

// countMarkdown counts the Markdown files under dir; none when dir does not exist.
func countMarkdown(fsys afero.Fs, dir string) int {
	n := 0
	_ = afero.Walk(fsys, dir, func(path string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Ext(path) == ".md" {
			n++
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
	return n
}
