package check

import (
	"strings"
	"testing"
)

func TestPageWeightCleanSite(t *testing.T) {
	expect(t, PageWeight(build(t, clean), DefaultWeightLimits))
}

func TestPageWeightCountsHTMLCSSAndJavaScript(t *testing.T) {
	in := build(t, with(`
-- static/js/exit.js --
`+strings.Repeat("x", 2048)+`
-- layouts/page.html --
<html><head><link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/css/site.css"><script src="/js/exit.js"></script><link rel="icon" href="/mappa.png"></head>
<body><a id="main"></a>{{ .Content }}</body></html>
`))
	html := int64(len(read(t, in, "/aiuto/index.html")))
	css := int64(len(read(t, in, "/css/site.css")))
	js := int64(len(read(t, in, "/js/exit.js")))
	limit := html + css + js - 1 // one byte too many for the Italian help page
	got := strs(PageWeight(in, WeightLimits{Page: limit, Home: 1 << 20}))
	want := "content/it/aiuto.md: warning: weight: the page weighs " + kb(limit+1) +
		" (HTML " + kb(html) + ", CSS " + kb(css) + ", JavaScript " + kb(js) + "); keep a page under " + kb(limit) + " (on /aiuto/)\n"
	if !strings.Contains(got, want) {
		t.Errorf("findings:\n%swant among them:\n%s", got, want)
	}
}

func TestPageWeightHomeHasItsOwnLimit(t *testing.T) {
	in := build(t, clean)
	got := PageWeight(in, WeightLimits{Page: 1 << 20, Home: 100})
	var files []string
	for _, f := range got {
		if f.Severity != Warning || !strings.Contains(f.Message, "keep a home page under 0.1 KB") {
			t.Errorf("finding = %s", f)
		}
		files = append(files, f.File)
	}
	if strings.Join(files, " ") != "content/ar/_index.md content/en/_index.md content/it/_index.md" {
		t.Errorf("warned about %v, want the three home pages", files)
	}
}

func TestKB(t *testing.T) {
	for n, want := range map[int64]string{50 * 1024: "50 KB", 1536: "1.5 KB", 100: "0.1 KB", 0: "0 KB"} {
		if got := kb(n); got != want {
			t.Errorf("kb(%d) = %q, want %q", n, got, want)
		}
	}
}
