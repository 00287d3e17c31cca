package portal

import (
	"bytes"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/check"
	"github.com/contratto/portal/internal/sitetest"
)

// passesCheck is "make check" on the project: no error may remain. Each error is reported
// on its own, with its file and line, so a failure says exactly which translation, string
// or page is still missing.
func passesCheck(t *testing.T, b builtProject) {
	report := check.Run(check.Input{Project: b.Project, Site: b.res}, check.Options{}, nil)
	for _, f := range report.Findings {
		if f.Severity == check.Error {
			t.Errorf("%s", f)
		}
	}
	if len(report.Coverage.Rows) < len(check.EssentialKeys) || len(report.Coverage.Languages) != len(b.res.Languages) {
		t.Errorf("coverage table has %d rows and %d languages, for %d languages", len(report.Coverage.Rows), len(report.Coverage.Languages), len(b.res.Languages))
	}
	if t.Failed() {
		t.Logf("portal check: %s", report.Summary())
	}
}

// checkSite is a project with one language whose only problem is given by the caller.
const checkSite = `
-- site.toml --
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "sitemap", "rss"]
defaultContentLanguage = "it"
[params.helplines.regional]
display = "800 186 086"
tel = "800186086"
[params.helplines.national]
display = "800 290 290"
tel = "800290290"
[params.helplines.emergency]
display = "112"
tel = "112"
[params.newsletter]
from = "ConTratTo <newsletter@example.org>"
replyTo = "ConTratTo <info@example.org>"
messageIDDomain = "example.org"
unsubscribeMailto = "unsubscribe@example.org"
author = "ConTratTo"
[languages.it]
label = "Italiano"
weight = 1
[[module.mounts]]
source = "content/it"
target = "content"
sites.matrix.languages = ["it"]
-- i18n/it.toml --
skip = "Vai al contenuto"
-- layouts/all.html --
<html><body><main id="main">{{ .Content }}</main></body></html>
-- content/it/_index.md --
---
title: Casa
description: La pagina iniziale.
translationKey: home
---
`

func TestCheckReportsEveryRule(t *testing.T) {
	fsys := sitetest.Write(t, checkSite+`
-- content/it/aiuto.md --
---
title: Aiuto
translationKey: help
---
Chiama il 800 290 291. ![](x.png) [Rotto](/rotto/)
`)
	report := Check(sitetest.Project(fsys))
	var buf bytes.Buffer
	if err := report.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"page             it\nhelp *           ✓\ncalling *        –\n",
		`content/it/aiuto.md:1: error: front matter: "description" is missing`,
		`content/it/aiuto.md:5: error: helpline: "800 290 291" is not a helpline of site.toml`,
		`content/it/aiuto.md:5: error: image: image "x.png" has no alt text`,
		`content/it/aiuto.md:5: error: link: broken image "x.png": no page at /aiuto/x.png (on /aiuto/)`,
		`content/it/aiuto.md:5: error: link: broken link "/rotto/"`,
		`error: translation: no page has translationKey "calling", one of the essential pages`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "\n9 errors, 5 warnings\n") {
		t.Errorf("summary: %s", out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	}
}

func TestCheckOnASiteThatDoesNotBuild(t *testing.T) {
	fsys := sitetest.Write(t, checkSite+"-- content/it/x.md --\n---\ntitle: X\ndescription: d\ntranslationKey: x\ndate: yesterday\n---\n")
	report := Check(sitetest.Project(fsys))
	var buf bytes.Buffer
	if err := report.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"error: build: the site does not build, so translations, links, helplines and page weight were not checked:",
		`content/it/x.md:5: error: front matter: "date" is not a date ("yesterday")`,
		"2 errors, 5 warnings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckCommandFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"check", "extra"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), `unexpected argument "extra"`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := Main([]string{"check", "-nope"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "-nope") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
