package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"

	"github.com/contratto/portal/internal/bench"
)

// microArgs are the Go benchmarks of the project's own hot spots: protecting statistics
// tables, the email renderer, the feeds and social-media counting.
var microArgs = []string{"test", "-run", "^$", "-bench", ".", "-benchmem", "./internal/stats", "./internal/materials", "./newsletter/..."}

// microBenchmarks runs them and returns the command and the results.
func microBenchmarks(root string) (string, []bench.Micro, error) {
	line := "go " + strings.Join(microArgs, " ")
	cmd := exec.Command("go", microArgs...)
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	results, err := bench.ParseGoBench(&stdout)
	if runErr != nil {
		return line, results, fmt.Errorf("%s: %v\n%s", line, runErr, strings.TrimSpace(stderr.String()))
	}
	return line, results, err
}
