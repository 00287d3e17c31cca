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
func measureSite(t *tools, s siteToMeasure, runs int, outRoot string, log io.Writer) (bench.SiteResult, error) {
	res := bench.SiteResult{Name: s.name, Synthetic: s.synthetic}
	langs, err := os.ReadDir(filepath.Join(s.dir, "content"))
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
		res.PagesPerLanguage = countMarkdown(filepath.Join(s.dir, "content", "it"))
	}

	out := filepath.Join(outRoot, filepath.Base(s.dir))
	portalOut, hugoOut, hugoCache := filepath.Join(out, "portal"), filepath.Join(out, "hugo"), filepath.Join(out, "hugo-cache")
	portal := &task{name: "portal build", timing: &res.Portal,
		args:  []string{t.portal, "build", "-config", "site.toml", "-out", portalOut},
		clean: func() error { return os.RemoveAll(portalOut) }}
	hugo := &task{name: "hugo", timing: &res.Hugo,
		args: []string{t.hugo, "--config", "site.toml", "--destination", hugoOut, "--quiet", "--cacheDir", hugoCache, "--noBuildLock"},
		clean: func() error {
			if err := os.RemoveAll(hugoOut); err != nil {
				return err
			}
			return os.RemoveAll(hugoCache)
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
		if _, err := os.Stat(issue); err == nil {
			a.Error = fmt.Sprintf("the site already has an issue in content/newsletter/%s; it is left alone and not timed", m)
			continue
		}
		clean := func() error {
			if err := os.RemoveAll(issue); err != nil {
				return err
			}
			return os.RemoveAll(filepath.Join(s.dir, "dist", "newsletter", m))
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
			if err := readIssue(s.dir, tk.month, stdout, tk.issue); err != nil {
				return res, err
			}
			if err := tk.clean(); err != nil {
				return res, err
			}
		}
		timed = append(timed, tk)
	}
	cmp, err := compareTrees(portalOut, hugoOut)
	if err != nil {
		return res, err
	}
	res.Output = cmp
	res.OutputFiles, res.OutputBytes, err = treeSize(portalOut)
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
func readIssue(dir, month, stdout string, a *bench.AssembleResult) error {
	dist := filepath.Join(dir, "dist", "newsletter", month)
	entries, err := os.ReadDir(dist)
	if err != nil {
		return err
	}
	for _, e := range entries {
		info, err := os.Stat(filepath.Join(dist, e.Name(), "email.html"))
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
func compareTrees(portal, hugo string) (bench.OutputComparison, error) {
	var c bench.OutputComparison
	p, err := hashTree(portal)
	if err != nil {
		return c, err
	}
	h, err := hashTree(hugo)
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

func hashTree(root string) (map[string][sha256.Size]byte, error) {
	out := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	return out, err
}

func treeSize(root string) (int, int64, error) {
	var files int
	var size int64
	err := filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

func countMarkdown(dir string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".md" {
			n++
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
	return n
}
