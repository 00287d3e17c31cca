package deploy

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// config writes a site.toml with the given [params.deploy] lines and returns its path.
func config(t *testing.T, deployTable string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "site.toml")
	toml := "baseURL = \"https://contratto.example/\"\ndefaultContentLanguage = \"it\"\n\n[languages.it]\nweight = 1\n[languages.en]\nweight = 2\n\n[params]\ndescription = \"x\"\n\n" + deployTable + "\n[params.other]\nkey = \"value\"\n"
	if err := os.WriteFile(p, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// portalDeploy runs "portal deploy args..." with the test's access key in the environment.
func portalDeploy(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	env := map[string]string{EnvAccessKeyID: testCredentials.AccessKeyID, EnvSecretAccessKey: testCredentials.SecretAccessKey}
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr, func(k string) string { return env[k] })
	assertNoCredentials(t, stdout.String()+stderr.String())
	return code, stdout.String(), stderr.String()
}

func TestPortalDeployReadsSiteTomlAndFlags(t *testing.T) {
	s := startServer(t)
	dir := writeSite(t)
	cfg := config(t, fmt.Sprintf("[params.deploy]\nbucket = %q\nendpoint = %q\nregion = \"us-east-1\"\nprefix = \"site\"\n", bucket, s.url))

	code, out, errs := portalDeploy(t, "-config", cfg, "-dir", dir, "-dry-run")
	if code != 0 || !strings.Contains(out, "would upload "+fmt.Sprint(len(siteFiles(t, dir)))+" files") {
		t.Fatalf("portal deploy -dry-run: exit %d\n%s%s", code, out, errs)
	}
	if n := len(s.objects(t)); n != 0 {
		t.Errorf("the dry run left %d objects", n)
	}
	if code, out, errs := portalDeploy(t, "-config", cfg, "-dir", dir); code != 0 {
		t.Fatalf("portal deploy: exit %d\n%s%s", code, out, errs)
	}
	assertBucketIsSite(t, s, dir)

	// A flag wins over site.toml.
	code, out, errs = portalDeploy(t, "-config", cfg, "-dir", dir, "-prefix", "copy/", "-dry-run")
	if code != 0 || !strings.Contains(out, "to s3://"+bucket+"/copy/ at ") {
		t.Errorf("-prefix copy/: exit %d\n%s%s", code, out, errs)
	}
}

func TestPortalDeployRefusesBadSettingsNamingTheLine(t *testing.T) {
	dir := writeSite(t)
	for _, tc := range []struct{ table, want, secret string }{
		{"[params.deploy]\nbucket = \"b\"\nregion = \"auto\"\nsecretAccessKey = \"wJalrXUtnFEMIEXAMPLEKEY\"\n",
			"site.toml:15: [params.deploy] secretAccessKey: not a setting", "wJalrXUtnFEMIEXAMPLEKEY"},
		{"[params.deploy]\nbucket = 7\n", "site.toml:13: [params.deploy] bucket: write it as a string", ""},
		{"[params.deploy]\nregion = \"auto\"\n", "no bucket: set [params.deploy] bucket in site.toml or -bucket", ""},
		{"", "no bucket", ""},
	} {
		code, out, errs := portalDeploy(t, "-config", config(t, tc.table), "-dir", dir)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, printed\n%s%s\nwant an error saying %q", tc.table, code, out, errs, tc.want)
		}
		if tc.secret != "" && strings.Contains(out+errs, tc.secret) {
			t.Errorf("the value of a key in site.toml was printed:\n%s", errs)
		}
	}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"-config", config(t, "[params.deploy]\nbucket = \"b\"\nregion = \"auto\"\n"), "-dir", dir}, &stdout, &stderr, func(string) string { return "" })
	if code != 1 || !strings.Contains(stderr.String(), "no access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment") {
		t.Errorf("without an access key: exit %d, %s", code, stderr.String())
	}
}
