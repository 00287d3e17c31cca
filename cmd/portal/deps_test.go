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
	"github.com/contratto/portal/newsletter/partners",
	"github.com/contratto/portal/newsletter/networkblock",
	"github.com/mmcdole/gofeed",
	"net/smtp",
	"github.com/emersion/go-smtp",
}

// portalOnly are what only "portal deploy" needs: the S3 client stays out of the
// newsletter command.
var portalOnly = []string{
	"github.com/contratto/portal/internal/deploy",
	"github.com/aws/aws-sdk-go-v2/service/s3",
}

// tooling are the project's packages that exist for tests and measurements only.
var tooling = []string{
	"github.com/contratto/portal/internal/bench",
	"github.com/contratto/portal/internal/faultfs",
	"github.com/contratto/portal/internal/feedlinttest",
	"github.com/contratto/portal/internal/golden",
	"github.com/contratto/portal/internal/sitetest",
	"github.com/johannesboyne/gofakes3",
	"github.com/contratto/portal/newsletter/eml/smtptest",
}

// deps lists the packages that pkgs link, failing the test unless the list holds want.
func deps(t *testing.T, want string, pkgs ...string) map[string]bool {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to list the dependencies")
	}
	out, err := exec.Command(goCmd, append([]string{"list", "-deps"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	list := map[string]bool{}
	for _, pkg := range strings.Fields(string(out)) {
		list[pkg] = true
	}
	if !list[want] {
		t.Fatalf("go list -deps does not list %s: the list is not the one asked for\n%s", want, out)
	}
	return list
}

func TestPortalDoesNotLinkTheNewsletter(t *testing.T) {
	// newsletter/archive writes the feeds: without it, the list is not the portal's.
	linked := deps(t, "github.com/contratto/portal/newsletter/archive", ".")
	for _, pkg := range newsletterOnly {
		if linked[pkg] {
			t.Errorf("cmd/portal depends on %s, which only the newsletter command needs", pkg)
		}
	}
}

func TestNewsletterDoesNotLinkTheDeploy(t *testing.T) {
	linked := deps(t, "github.com/contratto/portal/newsletter", "../newsletter")
	for _, pkg := range portalOnly {
		if linked[pkg] {
			t.Errorf("cmd/newsletter depends on %s, which only portal deploy needs", pkg)
		}
	}
	if !deps(t, "github.com/contratto/portal/internal/deploy", ".")["github.com/aws/aws-sdk-go-v2/service/s3"] {
		t.Error("portal deploy does not link the S3 client: the list above checks nothing")
	}
}

// TestCommandsDoNotLinkTooling: the commands staff run never link the benchmark tooling
// or the packages written for tests.
func TestCommandsDoNotLinkTooling(t *testing.T) {
	linked := deps(t, "github.com/contratto/portal/newsletter", ".", "../newsletter")
	for _, pkg := range tooling {
		if linked[pkg] {
			t.Errorf("a command staff run links %s, which is for tests and measurements only", pkg)
		}
	}
}

// TestNewsletterDoesNotLinkTheMaterials: the printed material (PDF, fonts) is the
// portal's; the newsletter command has no use for it.
func TestNewsletterDoesNotLinkTheMaterials(t *testing.T) {
	linked := deps(t, "github.com/contratto/portal/newsletter", "../newsletter")
	if linked["github.com/contratto/portal/internal/materials"] {
		t.Error("cmd/newsletter links internal/materials, which only the portal needs")
	}
}
