// Command newsletter is the newsletter companion of the portal. This minimal
// main only dispatches `newsletter stats ...`; the full command replaces it.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "stats" {
		os.Exit(runStats(os.Args[2:], os.Stdout, os.Stderr))
	}
	fmt.Fprintln(os.Stderr, "usage: newsletter stats release|audit [flags]")
	os.Exit(2)
}
