package hosting

import (
	"bytes"
	"fmt"
	"sort"
)

// Headers writes the _headers file of static hosts that read one (Netlify, Cloudflare
// Pages) for the site's files (paths in public/, "/css/site.<hash>.css"): the security
// headers for every address, and the Cache-Control of each file that may be kept longer
// than until the next visit. The hosts revalidate everything else by default and choose
// Content-Type themselves. A header is never given twice for one file: both hosts join
// the values of every rule that matches.
func (s Site) Headers(files []string) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# The ConTratTo portal for static hosts (Netlify, Cloudflare Pages), written by\n")
	w("# `portal build` from site.toml (internal/hosting). Do not edit it here.\n")
	w("%s*\n", s.BasePath)
	for _, f := range s.Security() {
		w("  %s: %s\n", f.Name, f.Value)
	}
	sorted := append([]string(nil), files...)
	sort.Strings(sorted)
	for _, f := range sorted {
		if IsCompressedCopy(f) {
			continue
		}
		if c := s.Kind(f).CacheControl; c != Revalidate {
			w("%s%s\n  Cache-Control: %s\n", s.BasePath, f[1:], c)
		}
	}
	return b.Bytes()
}

// Redirects writes the _redirects file of static hosts: each language's own 404 page
// for a missing address under its folder, the site's 404 page for any other. (Netlify
// applies them only where no file exists; Cloudflare Pages finds the nearest 404.html by
// itself and skips these lines.)
func (s Site) Redirects() []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# The ConTratTo portal for static hosts, written by `portal build` (internal/hosting).\n")
	for _, l := range s.Languages {
		w("%s%s/*  %s%s/404.html  404\n", s.BasePath, l, s.BasePath, l)
	}
	w("%s*  %s404.html  404\n", s.BasePath, s.BasePath)
	return b.Bytes()
}
