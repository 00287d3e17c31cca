package portal

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/contratto/portal/internal/hosting"
	"github.com/contratto/portal/internal/site"
	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// Preview holds the latest build of the site for the local preview server: the last good
// output, or the error of the last build, which it shows in the browser.
type Preview struct {
	project site.Project
	baseURL string
	log     io.Writer

	mu     sync.RWMutex
	output afero.Fs
	rules  hosting.Rules
	err    error
	builds int
}

// NewPreview returns a preview of the project as seen at baseURL; call Rebuild to build it.
func NewPreview(p site.Project, baseURL string, log io.Writer) *Preview {
	return &Preview{project: p, baseURL: baseURL, log: log}
}

// Rebuild builds the site again with a new Hugo instance. A failed build keeps the server
// running: the error is printed and shown in the browser until the next good build.
func (pv *Preview) Rebuild() error {
	start := time.Now()
	opts := site.Options{Project: pv.project, BaseURL: pv.baseURL, Environment: "development"}
	res, err := Render(opts)
	var rules hosting.Rules
	if err == nil {
		rules, err = previewRules(pv.project, pv.baseURL)
	}
	pv.mu.Lock()
	pv.builds++
	pv.err = err
	if err == nil {
		pv.output, pv.rules = res.Output, rules
	}
	pv.mu.Unlock()
	if err != nil {
		fmt.Fprintf(pv.log, "build failed: %v\n", err)
		return err
	}
	pages := 0
	for _, s := range res.Summary {
		pages += s.Pages
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(pv.log, "warning: %s\n", w)
	}
	fmt.Fprintf(pv.log, "built %d pages in %d languages in %d ms\n", pages, len(res.Summary), time.Since(start).Milliseconds())
	return nil
}

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Build failed</title></head>
<body><h1>Build failed</h1><p>Fix the file named below; this page reloads by itself.</p>
<pre>{{ . }}</pre></body></html>
`))

// previewRules are the production rules (site.toml) for the site served at baseURL.
func previewRules(p site.Project, baseURL string) (hosting.Rules, error) {
	s, err := hosting.LoadSite(p.Fs, p.ConfigPath())
	if err != nil {
		return hosting.Rules{}, err
	}
	return hosting.New(baseURL, s.Languages, s.Policy)
}

// ServeHTTP serves the last good build with the headers production sends (internal/hosting),
// or the last build's error.
func (pv *Preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pv.mu.RLock()
	out, rules, err := pv.output, pv.rules, pv.err
	pv.mu.RUnlock()
	if err != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_ = errorPage.Execute(w, err.Error())
		return
	}
	if out == nil {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	setHeaders := func(file string) {
		for name, values := range rules.For(file) {
			w.Header()[name] = values
		}
	}
	if _, serr := out.Stat(r.URL.Path); serr != nil && errors.Is(serr, fs.ErrNotExist) {
		notFound := rules.NotFoundPage(r.URL.Path)
		if page, perr := afero.ReadFile(out, notFound); perr == nil {
			setHeaders(notFound)
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(page)
			return
		}
	}
	setHeaders(r.URL.Path)
	http.FileServer(afero.NewHttpFs(out)).ServeHTTP(w, r)
}

// Watch rebuilds the preview whenever a file under the project changes, until ctx ends.
// Changes that arrive together are built once. It calls ready, when not nil, as soon as
// every folder of the project is watched: a change made after that is seen. An error
// (the folders cannot be watched) is returned before ready is called.
func (pv *Preview) Watch(ctx context.Context, ready func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := addTree(w, pv.project.Dir); err != nil {
		return err
	}
	if ready != nil {
		ready()
	}
	var timer *time.Timer
	rebuild := make(chan struct{}, 1)
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-w.Events:
			if ignored(pv.project.Dir, ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					_ = addTree(w, ev.Name)
				}
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(100*time.Millisecond, func() {
				select {
				case rebuild <- struct{}{}:
				default:
				}
			})
		case <-rebuild:
			_ = pv.Rebuild()
		case err := <-w.Errors:
			fmt.Fprintf(pv.log, "watch: %v\n", err)
		}
	}
}

// ignored tells the files whose changes never affect the site: outputs, tools, editors' swap files.
func ignored(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return true
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	switch first {
	case "public", "dist", "bin", ".git", "node_modules", "tests":
		return true
	}
	base := filepath.Base(path)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp")
}

func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that vanished meanwhile
		}
		if d.IsDir() {
			if path != root && ignored(root, path) {
				return filepath.SkipDir
			}
			return w.Add(path)
		}
		return nil
	})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("portal serve", flag.ContinueOnError)
	fset.SetOutput(stderr)
	project := site.ProjectFlag(fset, afero.NewOsFs())
	addr := fset.String("addr", "127.0.0.1:1313", "where to listen (loopback only)")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	p, err := project()
	if err != nil {
		return fail(stderr, err)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fail(stderr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fail(stderr, fmt.Errorf("-addr %s: the preview listens on this machine only (127.0.0.1)", *addr))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, err)
	}
	url := "http://" + ln.Addr().String() + "/"
	pv := NewPreview(p, url, stdout)
	_ = pv.Rebuild()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	watching, watchErr := make(chan struct{}), make(chan error, 1)
	go func() { watchErr <- pv.Watch(ctx, func() { close(watching) }) }()
	select {
	case <-watching:
	case err := <-watchErr:
		fmt.Fprintf(stderr, "watch: %v (the preview is not rebuilt on changes)\n", err)
	}
	srv := &http.Server{Handler: pv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	// The ready signal: the address is listened on, the first build is done and every
	// change from now on is seen.
	fmt.Fprintf(stdout, "preview at %s (Ctrl+C to stop)\n", url)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(stderr, err)
	}
	return 0
}
