package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// tools are the binaries the benchmark runs, all built without cgo from the project's
// own module versions.
type tools struct {
	portal, newsletter, hugo string
	hugoVersion, goVersion   string
	notes                    []string
}

const hugoModule = "github.com/gohugoio/hugo"

// buildTools builds bin/portal, bin/newsletter and bin/hugo. Hugo's command is built
// from the project's module when go.sum has what it needs; otherwise from a scratch copy
// of go.mod and go.sum in work, where `go get -tool` adds the CLI's own dependencies
// (cobra and the like) without changing any version the portal uses, and without
// touching the project's go.mod.
func buildTools(fsys afero.Fs, root, work string, log io.Writer) (*tools, error) {
	bin := filepath.Join(root, "bin")
	t := &tools{
		portal:     filepath.Join(bin, "portal"),
		newsletter: filepath.Join(bin, "newsletter"),
		hugo:       filepath.Join(bin, "hugo"),
	}
	fmt.Fprintln(log, "bench: building bin/portal and bin/newsletter")
	if _, err := goCmd(root, "build", "-o", t.portal, "./cmd/portal"); err != nil {
		return nil, err
	}
	if _, err := goCmd(root, "build", "-o", t.newsletter, "./cmd/newsletter"); err != nil {
		return nil, err
	}
	v, err := goCmd(root, "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	t.goVersion = strings.TrimSpace(v)
	version, err := goCmd(root, "list", "-m", "-f", "{{.Version}}", hugoModule)
	if err != nil {
		return nil, err
	}
	version = strings.TrimSpace(version)

	fmt.Fprintf(log, "bench: building bin/hugo (%s) from the module cache; the first time takes minutes\n", version)
	if _, err := goCmd(root, "build", "-o", t.hugo, hugoModule); err != nil {
		if !strings.Contains(err.Error(), "missing go.sum entry") {
			return nil, err
		}
		scratch := filepath.Join(work, "hugo-module")
		if err := fsys.MkdirAll(scratch, 0o755); err != nil {
			return nil, err
		}
		for _, name := range []string{"go.mod", "go.sum"} {
			data, err := afero.ReadFile(fsys, filepath.Join(root, name))
			if err != nil {
				return nil, err
			}
			if err := afero.WriteFile(fsys, filepath.Join(scratch, name), data, 0o644); err != nil {
				return nil, err
			}
		}
		if _, err := goCmd(scratch, "get", "-tool", hugoModule+"@"+version); err != nil {
			return nil, err
		}
		if _, err := goCmd(scratch, "build", "-o", t.hugo, hugoModule); err != nil {
			return nil, err
		}
		t.notes = append(t.notes, "The project's go.sum lacks the Hugo CLI's own dependencies (cobra, websocket, the deploy clients), so `go build github.com/gohugoio/hugo` does not work in the project itself; the runner builds the CLI in a scratch copy of go.mod and go.sum after `go get -tool github.com/gohugoio/hugo@"+version+"`, which adds those modules and changes no version the portal uses. Adding the tool to the project's go.mod (`go get -tool`) would make `go tool hugo` work too, at the cost of about 100 more indirect requirements.")
	}
	out, err := exec.Command(t.hugo, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version: %w", t.hugo, err)
	}
	t.hugoVersion = strings.TrimSpace(string(out))
	if !strings.Contains(t.hugoVersion, version) {
		return nil, fmt.Errorf("bin/hugo reports %q, want %s", t.hugoVersion, version)
	}
	return t, nil
}

// goCmd runs the go command in dir without cgo and returns its standard output.
func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return stdout.String(), nil
}
