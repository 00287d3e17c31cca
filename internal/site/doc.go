// Package site builds the portal with Hugo used as a library. It is the one place that knows
// how to load site.toml and run Hugo, so the portal and the newsletter see the same pages.
//
// # A build that hangs
//
// Hugo v0.165.0 can hang forever instead of reporting an error in a template, when the
// error fails many pages of a site. To reproduce it, append to layouts/baseof.html
//
//	{{ .NoSuchFieldAtAll.Deeper }}
//
// and build, with the hugo command or with portal build: the error is reported in a fraction
// of a second in some runs, and nothing ever happens in the others (about one run in three
// here; 3 of 12 runs of portal build on the real site). TestTemplateErrorNeverHangs builds
// such a site a few times. A goroutine dump of a hung build shows two goroutines stuck on a
// channel send, and Build waiting below them (lines of the module
// github.com/gohugoio/hugo@v0.165.0):
//
//   - hugolib.(*Site).renderPages (hugolib/site_render.go:98) walks the pages and hands
//     each to the render workers with `pages <- p` in the default branch of a select that
//     first checks h.Done(). The pages channel has a small buffer.
//   - hugolib.(*Site).errorCollator (hugolib/site.go:1587), started by renderPages, reads
//     the workers' errors. At the tenth it calls h.Stop(), which closes h.Done(), stops
//     reading, and in a deferred function sends the joined errors on an unbuffered channel
//     that renderPages reads only after the walk and every worker have ended.
//   - Each worker (pageRenderer) returns as soon as h.Done() is closed when it has an error
//     to send. When the walk had already taken the default branch before Stop, and the
//     workers all return, nobody reads the full pages channel again: renderPages waits for
//     a reader forever, errorCollator waits for renderPages, and HugoSites.Build never
//     returns. When the walk checks h.Done() after Stop instead, it stops and the error is
//     reported. Which comes first is a matter of timing.
//
// So the build runs under a watchdog: [params.build] timeout in site.toml (DefaultTimeout
// when it is absent), far above the time a normal build takes. When it passes, the build
// fails with a TimeoutError naming the most recently changed layout and content files, the
// likely cause. The abandoned build goes on in its goroutine (Hugo cannot be stopped), but
// the destination it writes to refuses every change from then on, so it can never write
// into a folder the caller has since swapped in.
//
// When Hugo is upgraded, run the reproduction again (go test -run TestTemplateErrorNeverHangs
// -count 20 ./internal/site, and the hugo command on a copy of the site with the broken
// template): when no run is stopped by the watchdog any longer, this note can go. The
// watchdog itself stays: a build that hangs, for whatever reason, is a failure.
package site
