package portal

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/contratto/portal/internal/deploy"
	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
)

const usage = `usage: portal <command> [flags]

commands:
  build   build the portal into public/, its web server configurations into dist/server/
          (atomically: a failed build changes nothing)
  serve   preview on 127.0.0.1, rebuilt on every change
  check   the editors' lint: translations, links, front matter, numbers, images
  translations  the translations behind their source, and what changed since;
          record, export and import translations
  deploy  publish public/ to an S3-compatible bucket: only what changed, pages after
          the files they use, deletions last (-dry-run lists what it would do)

Run from the project root; "portal <command> -h" lists the flags.
`

// Main runs the portal command with args (without the program name) and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "translations":
		return runTranslations(rest, stdout, stderr)
	case "deploy":
		return deploy.Main(rest, stdout, stderr, os.Getenv)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "portal: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("portal build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	project := site.ProjectFlag(fs, afero.NewOsFs())
	out := fs.String("out", "public", "the folder to write (replaced as a whole)")
	server := fs.String("server", filepath.Join("dist", "server"), "the folder to write the web server configurations to (replaced as a whole; \"\" for none); by default dist/server in the project")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	p, err := project()
	if err != nil {
		return fail(stderr, err)
	}
	outDir := *out
	if !filepath.IsAbs(outDir) {
		// -out is relative to where the command runs, like -config.
		if outDir, err = filepath.Abs(outDir); err != nil {
			return fail(stderr, err)
		}
	}
	// -server given is relative to where the command runs, like -out; left out, the
	// configurations go to the project's dist/server, beside its other outputs.
	serverDir := filepath.Join(p.Dir, "dist", "server")
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "server" {
			serverDir = *server
		}
	})
	if serverDir != "" && !filepath.IsAbs(serverDir) {
		if serverDir, err = filepath.Abs(serverDir); err != nil {
			return fail(stderr, err)
		}
	}
	start := time.Now()
	res, err := Build(p, outDir, serverDir)
	if err != nil {
		return fail(stderr, err)
	}
	PrintSummary(stdout, res, *out, time.Since(start))
	if serverDir != "" {
		fmt.Fprintf(stdout, "wrote the web server configurations in %s\n", relativeTo(p.Dir, serverDir))
	}
	return 0
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "portal: %v\n", err)
	return 1
}

// relativeTo names path relative to dir when it is inside it.
func relativeTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
