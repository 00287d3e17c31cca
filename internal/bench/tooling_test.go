package bench

import (
	"os/exec"
	"strings"
	"testing"
)

// tooling are the project's packages that exist for tests and measurements only.
var tooling = []string{
	"github.com/contratto/portal/internal/bench",
	"github.com/contratto/portal/internal/feedlinttest",
	"github.com/contratto/portal/internal/golden",
	"github.com/contratto/portal/internal/sitetest",
	"github.com/contratto/portal/newsletter/eml/smtptest",
}

// TestProductDoesNotLinkTooling: the commands staff run never link the benchmark
// tooling or the packages written for tests.
func TestProductDoesNotLinkTooling(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to list the dependencies")
	}
	commands := []string{"github.com/contratto/portal/cmd/portal", "github.com/contratto/portal/cmd/newsletter"}
	out, err := exec.Command(goCmd, append([]string{"list", "-deps"}, commands...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := map[string]bool{}
	for _, pkg := range strings.Fields(string(out)) {
		deps[pkg] = true
	}
	for _, cmd := range commands {
		if !deps[cmd] {
			t.Fatalf("go list -deps does not list %s: the list is not the product's\n%s", cmd, out)
		}
	}
	for _, pkg := range tooling {
		if deps[pkg] {
			t.Errorf("a command staff run links %s, which is for tests and measurements only", pkg)
		}
	}
}
