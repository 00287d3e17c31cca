package site_test

import (
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
)

// A multilingual bundle with two drafts and one file of broken front matter makes Hugo
// v0.165 panic in some runs; the build must still fail with the file and the line.
func TestBrokenBundleFileIsNamedEvenWhenHugoPanics(t *testing.T) {
	files := `
-- site.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "it"
[languages.it]
weight = 1
[languages.en]
weight = 2
[languages.ar]
weight = 3
-- content/newsletter/x/index.ar.md --
---
title: a
draft: true
---
-- content/newsletter/x/index.it.md --
---
title: a
draft: true
---
-- content/newsletter/x/index.en.md --
---
title: [a
draft: true
---
-- layouts/all.html --
{{ .Title }}
`
	for i := 0; i < 5; i++ {
		_, err := site.Load(sitetest.Options(sitetest.Write(t, files)))
		if err == nil || !strings.Contains(err.Error(), "content/newsletter/x/index.en.md:3:") {
			t.Fatalf("run %d: err = %v", i, err)
		}
	}
}
