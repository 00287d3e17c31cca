package deploy

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/contratto/portal/internal/hosting"
	"github.com/spf13/afero"
)

// Main runs "portal deploy" with args (after the command's name) and returns the exit
// status. getenv (os.Getenv) gives the access key.
func Main(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("portal deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", "site.toml", "the site's config file: its [params.deploy] says where to publish")
	dir := fs.String("dir", "public", "the built site to publish")
	var flags Target
	fs.StringVar(&flags.Bucket, "bucket", "", "the bucket (instead of [params.deploy] bucket)")
	fs.StringVar(&flags.Endpoint, "endpoint", "", "the store's S3 address, empty for AWS S3 (instead of [params.deploy] endpoint)")
	fs.StringVar(&flags.Region, "region", "", `the bucket's region, "auto" for Cloudflare R2 (instead of [params.deploy] region)`)
	fs.StringVar(&flags.Prefix, "prefix", "", "the folder of the bucket the site goes in (instead of [params.deploy] prefix)")
	dry := fs.Bool("dry-run", false, "list what would be uploaded and deleted; change nothing")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: portal deploy [flags]\n\nPublishes the built site to an S3-compatible bucket: only what changed, pages after\nthe files they use, deletions last. The access key comes from the environment:\n%s and %s (and %s for a temporary key).\n\n", EnvAccessKeyID, EnvSecretAccessKey, EnvSessionToken)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "portal deploy: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "portal deploy: %v\n", err)
		return 1
	}
	configFile, err := filepath.Abs(*config)
	if err != nil {
		return fail(err)
	}
	osFs := afero.NewOsFs()
	target, err := LoadTarget(osFs, configFile)
	if err != nil {
		return fail(err)
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "bucket":
			target.Bucket = flags.Bucket
		case "endpoint":
			target.Endpoint = flags.Endpoint
		case "region":
			target.Region = flags.Region
		case "prefix":
			target.Prefix = flags.Prefix
		}
	})
	rules, err := hosting.Load(osFs, configFile)
	if err != nil {
		return fail(err)
	}
	creds, err := CredentialsFromEnv(getenv)
	if err != nil {
		return fail(err)
	}
	site, err := filepath.Abs(*dir)
	if err != nil {
		return fail(err)
	}
	// Ctrl-C stops the deploy between requests; running it again finishes the work.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if _, err := Run(ctx, Options{Dir: site, Target: target, Credentials: creds, Headers: rules, DryRun: *dry, Progress: stdout}); err != nil {
		return fail(err)
	}
	return 0
}
