package newsletter

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/partners"
	"github.com/spf13/afero"
)

// runFetch runs `newsletter fetch`: it reads the partners' feeds listed in site.toml into
// data/partners/, one line per partner. It fails (status 1) only when there are partners
// and none has a usable snapshot after the run, or the list itself is wrong.
func runFetch(fsys afero.Fs, args []string, opts partners.Options, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("newsletter fetch", flag.ContinueOnError)
	fset.SetOutput(stderr)
	project := site.ProjectFlag(fset, fsys)
	if err := fset.Parse(args); err != nil {
		return 2
	}
	p, err := project()
	if err != nil {
		fmt.Fprintf(stderr, "newsletter fetch: %v\n", err)
		return 1
	}
	list, err := partners.LoadConfig(p.Fs, p.ConfigPath())
	if err != nil {
		fmt.Fprintf(stderr, "newsletter fetch: %v\n", err)
		return 1
	}
	if len(list) == 0 {
		fmt.Fprintf(stdout, "No partners in %s: add them as [[params.newsletter.partners]] (docs/newsletter.md, \"Partners\").\n", site.DefaultConfig)
		return 0
	}
	usable, written := 0, 0
	for _, r := range partners.Fetch(context.Background(), p.Fs, p.Dir, list, opts) {
		fmt.Fprintln(stdout, r.Line())
		if r.Usable() {
			usable++
		}
		if r.Outcome == partners.Updated {
			written++
		}
	}
	if usable == 0 {
		fmt.Fprintf(stderr, "newsletter fetch: no partner feed could be read; every snapshot is as it was\n")
		return 1
	}
	if written > 0 {
		fmt.Fprintf(stdout, "\nLook at the changes (git diff %s), then commit them: newsletter assemble reads only these files.\n", partners.Dir)
	}
	return 0
}
