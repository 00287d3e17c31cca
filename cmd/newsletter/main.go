// Command newsletter assembles, publishes and test-sends the monthly newsletter, and
// turns service figures into protected statistics. See docs/newsletter.md.
//
//	newsletter assemble  -month 2012-06
//	newsletter publish   -month 2012-06 [-date 2012-07-01] [-force]
//	newsletter send-test -month 2012-06 -to me@example.org [-lang it]
//	newsletter stats     release -aggregate FILE | audit
package main

import (
	"os"

	"github.com/contratto/portal/newsletter"
)

func main() {
	os.Exit(newsletter.Main(os.Args[1:], os.Stdout, os.Stderr))
}
