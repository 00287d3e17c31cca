// Package deploy publishes the built portal (public/) to S3-compatible object storage:
// AWS S3, Cloudflare R2, MinIO, any bucket a CDN can sit in front of.
//
// A deploy compares every file of public/ with the bucket by content (the object's MD5
// ETag, then a digest of the content and its headers kept in the object's metadata) and
// uploads only what changed, with the Content-Type, Cache-Control and Content-Encoding the
// site's one set of header rules gives (internal/hosting). It goes in three steps, each
// finished before the next starts, so a reader never meets a page whose stylesheet,
// image or download is not there yet, nor a link to a file already deleted:
//
//  1. every new or changed file that is not a page (CSS, JavaScript, images, PDFs, feeds);
//  2. the new or changed HTML pages;
//  3. the objects under the prefix that public/ no longer has are deleted.
//
// If anything fails, nothing after it happens (no page after a failed asset, no deletion
// after a failed upload) and running the deploy again finishes the work: what was
// uploaded is found unchanged and skipped. The access key comes only from the
// environment and is never printed.
package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// Headers gives the HTTP headers a file of the site is served with; path is the file's
// path in public/ ("/en/index.html"). internal/hosting's rules are the one implementation.
type Headers interface {
	For(path string) http.Header
}

// Target is where the site is published.
type Target struct {
	// Bucket is the bucket's name.
	Bucket string
	// Endpoint is the address of the store's S3 API ("https://ACCOUNT.r2.cloudflarestorage.com",
	// "http://127.0.0.1:9000"); empty for AWS S3 itself. Buckets are addressed by path on it.
	Endpoint string
	// Region is the bucket's region ("eu-south-1"; "auto" for Cloudflare R2).
	Region string
	// Prefix is the folder of the bucket the site goes in ("" for the whole bucket,
	// "portal/"). Everything under it that public/ does not have is deleted.
	Prefix string
}

// String names the target the way the progress lines and errors do: s3://bucket/prefix.
func (t Target) String() string { return "s3://" + t.Bucket + "/" + t.Prefix }

// Options say what to publish, where and how.
type Options struct {
	// Dir is the built site, public/.
	Dir string
	// Target is the bucket and where it is.
	Target Target
	// Credentials are the access key (CredentialsFromEnv).
	Credentials Credentials
	// Headers are the site's header rules.
	Headers Headers
	// DryRun compares and reports, but uploads and deletes nothing.
	DryRun bool
	// Progress receives one line per file uploaded or deleted, then the summary.
	Progress io.Writer
	// Workers is how many requests run at once (8 when 0).
	Workers int
}

// Count is a number of files and their size.
type Count struct {
	Files int
	Bytes int64
}

func (c *Count) add(size int64) { c.Files++; c.Bytes += size }

// Summary is what a deploy did (or, in a dry run, would do).
type Summary struct {
	Uploaded, Unchanged, Deleted Count
	// NotStored are the headers the rules give that object storage cannot keep with an
	// object (the security headers, Vary): the CDN in front of the bucket must add them.
	NotStored []string
	DryRun    bool
}

// Run publishes o.Dir to o.Target. On error the summary says what was done before it.
func Run(ctx context.Context, o Options) (Summary, error) {
	sum := Summary{DryRun: o.DryRun}
	target, err := o.Target.normalized()
	if err != nil {
		return sum, err
	}
	if o.Headers == nil {
		return sum, errors.New("deploy: no header rules")
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	out := &lineWriter{w: o.Progress}
	files, notStored, err := readSite(o.Dir, target.Prefix, o.Headers)
	if err != nil {
		return sum, err
	}
	sum.NotStored = notStored
	store, err := newStore(target, o.Credentials)
	if err != nil {
		return sum, err
	}
	verb := ""
	if o.DryRun {
		verb = " (dry run: nothing is changed)"
	}
	out.printf("deploying %s to %s%s%s\n", o.Dir, target, target.at(), verb)

	remote, err := store.list(ctx)
	if err != nil {
		return sum, err
	}
	plan, err := makePlan(ctx, store, files, remote, o.Workers)
	if err != nil {
		return sum, err
	}
	sum.Unchanged = plan.unchanged
	out.total = len(plan.assets) + len(plan.pages)

	for _, step := range [][]*file{plan.assets, plan.pages} {
		err := forEach(ctx, o.Workers, step, func(ctx context.Context, f *file) error {
			if !o.DryRun {
				if err := store.put(ctx, f); err != nil {
					return fmt.Errorf("uploading %s to s3://%s/%s: %w", f.rel, target.Bucket, target.key(f.rel), err)
				}
			}
			out.uploaded(o.DryRun, f, &sum.Uploaded)
			return nil
		})
		if err != nil {
			out.summary(sum)
			return sum, fmt.Errorf("%w\nnothing was deleted; run the deploy again to finish it", err)
		}
	}

	deleted := func(g remoteObject) { out.deleted(o.DryRun, target.rel(g.key), g.size, &sum.Deleted) }
	if o.DryRun {
		for _, g := range plan.gone {
			deleted(g)
		}
	} else if err := store.delete(ctx, plan.gone, deleted); err != nil {
		out.summary(sum)
		return sum, fmt.Errorf("%w\nevery file is uploaded; run the deploy again to finish deleting", err)
	}
	out.summary(sum)
	return sum, nil
}

// normalized checks the target and gives its prefix the form keys are made with: no
// leading slash, a trailing one unless empty.
func (t Target) normalized() (Target, error) {
	if t.Bucket == "" {
		return t, errors.New("no bucket: set [params.deploy] bucket in site.toml or -bucket")
	}
	if t.Region == "" {
		return t, errors.New(`no region: set [params.deploy] region in site.toml or -region ("auto" for Cloudflare R2)`)
	}
	p := strings.Trim(t.Prefix, "/")
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return t, fmt.Errorf("prefix %q: no . or .. segments", t.Prefix)
		}
	}
	if p != "" {
		p += "/"
	}
	t.Prefix = p
	return t, nil
}

func (t Target) key(rel string) string { return t.Prefix + rel }
func (t Target) rel(key string) string { return strings.TrimPrefix(key, t.Prefix) }

func (t Target) at() string {
	if t.Endpoint == "" {
		return " (AWS S3, " + t.Region + ")"
	}
	return " at " + t.Endpoint + " (" + t.Region + ")"
}

// forEach runs do on every file, n at a time, in the files' order; after the first error
// it starts no more and returns that error once the running ones have ended.
func forEach(ctx context.Context, n int, files []*file, do func(context.Context, *file) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	sem := make(chan struct{}, n)
	for _, f := range files {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func(f *file) {
			defer func() { <-sem; wg.Done() }()
			if err := do(ctx, f); err != nil {
				mu.Lock()
				if first == nil {
					first = err
					cancel()
				}
				mu.Unlock()
			}
		}(f)
	}
	wg.Wait()
	if first == nil {
		return ctx.Err()
	}
	return first
}

// lineWriter prints whole lines from several goroutines.
type lineWriter struct {
	mu    sync.Mutex
	w     io.Writer
	total int // files to upload
	done  int // files uploaded so far
}

func (l *lineWriter) printf(format string, args ...any) {
	if l.w == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}

func (l *lineWriter) uploaded(dry bool, f *file, c *Count) {
	l.mu.Lock()
	c.add(f.size)
	l.done++
	n := l.done
	l.mu.Unlock()
	verb := "uploaded"
	if dry {
		verb = "would upload"
	}
	l.printf("%-12s %s (%s, %s) [%d/%d]\n", verb, f.rel, f.reason, Size(f.size), n, l.total)
}

func (l *lineWriter) deleted(dry bool, rel string, size int64, c *Count) {
	l.mu.Lock()
	c.add(size)
	l.mu.Unlock()
	verb := "deleted"
	if dry {
		verb = "would delete"
	}
	l.printf("%-12s %s (%s)\n", verb, rel, Size(size))
}

func (l *lineWriter) summary(s Summary) {
	if len(s.NotStored) > 0 {
		l.printf("object storage cannot send %s: the CDN in front of the bucket adds them (docs/deploy.md)\n", strings.Join(s.NotStored, ", "))
	}
	verb := []string{"uploaded", "deleted"}
	if s.DryRun {
		verb = []string{"would upload", "would delete"}
	}
	l.printf("%s %s, %s %s, unchanged %s\n", verb[0], s.Uploaded, verb[1], s.Deleted, s.Unchanged)
}

// String says "3 files (12.4 kB)".
func (c Count) String() string {
	noun := "files"
	if c.Files == 1 {
		noun = "file"
	}
	return fmt.Sprintf("%d %s (%s)", c.Files, noun, Size(c.Bytes))
}

// Size writes a number of bytes for people: 812 B, 12.4 kB, 3.1 MB.
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
