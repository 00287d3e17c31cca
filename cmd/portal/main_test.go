package main

import (
	"os"
	"testing"

	"github.com/contratto/portal/internal/portal"
	"github.com/rogpeppe/go-internal/testscript"
)

// The scripts in testdata/script run "portal" as users type it and check its output,
// exit status and the files it leaves behind.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"portal": func() { os.Exit(portal.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
