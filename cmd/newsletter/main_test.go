package main

import (
	"os"
	"testing"

	"github.com/contratto/portal/internal/portal"
	"github.com/contratto/portal/newsletter"
	"github.com/rogpeppe/go-internal/testscript"
)

// The scripts in testdata/script run "newsletter" as staff type it, with "portal" beside
// it, and check the output, the exit status and the files left behind.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"newsletter": func() { os.Exit(newsletter.Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"portal":     func() { os.Exit(portal.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
