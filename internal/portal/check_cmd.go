package portal

import (
	"flag"
	"fmt"
	"io"

	"github.com/contratto/portal/internal/check"
	"github.com/contratto/portal/internal/site"
	"github.com/spf13/afero"
)

// runCheck is "portal check": the editors' lint, on the site exactly as the build
// makes it. It prints the report on stdout and exits 1 when there is an error, 0
// when only warnings remain.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("portal check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	project := site.ProjectFlag(fs, afero.NewOsFs())
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "portal check: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	p, err := project()
	if err != nil {
		return fail(stderr, err)
	}
	report := Check(p)
	if err := report.Write(stdout); err != nil {
		return fail(stderr, err)
	}
	if report.Errors() > 0 {
		return 1
	}
	return 0
}

// Check builds the portal in memory, as Build would, and runs every rule of the
// editors' lint on the project and the result. A site that does not build is an
// error of the report; the rules that read the project alone still run.
func Check(p site.Project) check.Report {
	res, err := Render(site.Options{Project: p})
	in := check.Input{Project: p, Site: res}
	return check.Run(in, check.Options{}, err)
}
