package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The portal writes the newsletter's feeds, but never sends, renders or drafts an email:
// its binary must not link what only the newsletter command needs.
var newsletterOnly = []string{
	"github.com/contratto/portal/newsletter",
	"github.com/contratto/portal/newsletter/email",
	"github.com/contratto/portal/newsletter/eml",
	"github.com/contratto/portal/newsletter/chart",
	"github.com/contratto/portal/newsletter/social",
	"net/smtp",
	"github.com/emersion/go-smtp",
}

func TestPortalDoesNotLinkTheNewsletter(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to list the dependencies")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := map[string]bool{}
	for _, pkg := range strings.Fields(string(out)) {
		deps[pkg] = true
	}
	if !deps["github.com/contratto/portal/newsletter/archive"] {
		t.Fatalf("go list -deps does not list newsletter/archive, which writes the feeds: the list is not the portal's\n%s", out)
	}
	for _, pkg := range newsletterOnly {
		if deps[pkg] {
			t.Errorf("cmd/portal depends on %s, which only the newsletter command needs", pkg)
		}
	}
}
