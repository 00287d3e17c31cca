package newsletter

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/newsletter/partners"
	"github.com/spf13/afero"
)

// Usage is the newsletter command's help.
const Usage = `usage: newsletter <command> [flags]

commands:
  assemble   -month YYYY-MM   write the month's draft issue and its previews
  publish    -month YYYY-MM   freeze the issue and render the email, .eml and social drafts
  send-test  -month YYYY-MM -to ADDRESS [-lang it]   mail the .eml to yourself (SMTP settings
             from CONTRATTO_SMTP_HOST, _PORT, _STARTTLS, _USERNAME, _PASSWORD)
  stats      release | audit  turn service figures into protected statistics
  fetch                       read the partners' feeds into data/partners/ (commit them)

Run from the project root; "newsletter <command> -h" lists the flags. The monthly
routine is in docs/newsletter.md.
`

// Main runs the newsletter command with args (the command name first, without the
// program name) and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "stats":
		return runStats(afero.NewOsFs(), rest, stdout, stderr)
	case "fetch":
		return runFetch(afero.NewOsFs(), rest, partners.Options{}, stdout, stderr)
	}
	fset := flag.NewFlagSet("newsletter "+cmd, flag.ContinueOnError)
	fset.SetOutput(stderr)
	project := site.ProjectFlag(fset, afero.NewOsFs())
	month := fset.String("month", "", "the issue's month, YYYY-MM (required)")
	var run func(site.Project) error
	switch cmd {
	case "assemble":
		langs := fset.String("lang", "", "only these languages, comma-separated (default: all)")
		force := fset.Bool("force", false, "replace a draft edited by hand")
		run = func(p site.Project) error {
			return Assemble(p, *month, AssembleOptions{Languages: split(*langs), Force: *force}, stdout)
		}
	case "publish":
		langs := fset.String("lang", "", "only these languages, comma-separated (default: all)")
		force := fset.Bool("force", false, "publish a deliberate correction of a published issue")
		date := fset.String("date", "", "publication date YYYY-MM-DD (default: today)")
		run = func(p site.Project) error {
			opts := PublishOptions{Languages: split(*langs), Force: *force}
			if *date != "" {
				d, err := time.Parse("2006-01-02", *date)
				if err != nil {
					return fmt.Errorf("-date %q: write it as YYYY-MM-DD", *date)
				}
				opts.Date = d
			}
			return Publish(p, *month, opts, stdout)
		}
	case "send-test":
		lang := fset.String("lang", "it", "the language edition to send")
		to := fset.String("to", "", "the address to send the test to (required)")
		run = func(p site.Project) error {
			if *to == "" {
				return fmt.Errorf("-to is required: the address that should receive the test")
			}
			return SendTest(context.Background(), p, *month, *lang, *to, os.Getenv, stdout)
		}
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, Usage)
		return 0
	default:
		fmt.Fprintf(stderr, "newsletter: unknown command %q\n\n%s", cmd, Usage)
		return 2
	}
	if err := fset.Parse(rest); err != nil {
		return 2
	}
	if *month == "" {
		fmt.Fprintf(stderr, "newsletter %s: -month YYYY-MM is required\n", cmd)
		return 2
	}
	p, err := project()
	if err != nil {
		fmt.Fprintf(stderr, "newsletter: %v\n", err)
		return 1
	}
	if err := run(p); err != nil {
		fmt.Fprintf(stderr, "newsletter %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func split(list string) []string {
	var out []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
