package partners

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/spf13/afero"
	"golang.org/x/net/html/charset"
)

// The limits of one feed's request, as the staff guide states them.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultMaxBytes     = 2 << 20
	DefaultMaxRedirects = 5
	// UserAgent names the project to the partners' servers.
	UserAgent = "ConTratTo-newsletter/1 (partner news for the ConTratTo newsletter)"
)

// Options are the limits of Fetch; the zero value of a field means its default.
type Options struct {
	Timeout      time.Duration // the whole request of one feed, body included
	MaxBytes     int64         // the most of a body read; a larger feed fails
	MaxRedirects int
	// Transport carries the requests; nil is http.DefaultTransport's settings.
	Transport http.RoundTripper
	// Now gives the time snapshots record and item dates are checked against.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = nil // the feed is read from its own server, never through a proxy of the environment
		o.Transport = t
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Outcome is what happened to one partner's feed.
type Outcome int

const (
	// Updated: the feed answered with new content, and its snapshot was written.
	Updated Outcome = iota
	// Unchanged: the feed answered 304 Not Modified, or the same items as before.
	Unchanged
	// Failed: the feed could not be read; the previous snapshot, if any, is kept.
	Failed
)

// Result is one partner's line of the fetch report.
type Result struct {
	Partner Partner
	Outcome Outcome
	// Reason says why a feed failed, or how an unchanged one was recognised.
	Reason   string
	Items    int // items in the snapshot now
	New      int // of which not in the previous snapshot
	Dropped  int // items left out for want of an http(s) link
	Previous *Snapshot
	// Damaged is why the previous snapshot could not be read, if it could not.
	Damaged error
}

// Line is the result as the command prints it, one line per partner.
func (r Result) Line() string {
	switch r.Outcome {
	case Updated:
		s := fmt.Sprintf("%s: new: %d item(s), %d not seen before, written to %s", r.Partner.ID, r.Items, r.New, Path(r.Partner.ID))
		if r.Dropped > 0 {
			s += fmt.Sprintf("; %d left out without an http(s) link", r.Dropped)
		}
		return s
	case Unchanged:
		return fmt.Sprintf("%s: unchanged (%s), %d item(s) in %s", r.Partner.ID, r.Reason, r.Items, Path(r.Partner.ID))
	}
	kept := "no previous snapshot"
	switch {
	case r.Damaged != nil:
		kept = fmt.Sprintf("the previous snapshot is damaged, left as it is: %v", r.Damaged)
	case r.Previous != nil:
		kept = fmt.Sprintf("kept the previous snapshot of %s", r.Previous.Fetched)
	}
	return fmt.Sprintf("%s: failed: %s (%s)", r.Partner.ID, r.Reason, kept)
}

// Usable reports whether the partner has a snapshot as fresh as its feed allows.
func (r Result) Usable() bool { return r.Outcome != Failed }

// Fetch reads every partner's feed in turn and writes the snapshots of those that changed
// into data/partners/ of the project at dir. A feed that fails, whatever it sends, leaves
// its snapshot as it was and does not stop the others.
func Fetch(ctx context.Context, fsys afero.Fs, dir string, list []Partner, opts Options) []Result {
	opts = opts.withDefaults()
	var out []Result
	for _, p := range list {
		out = append(out, fetchOne(ctx, fsys, dir, p, opts))
	}
	return out
}

func fetchOne(ctx context.Context, fsys afero.Fs, dir string, p Partner, opts Options) Result {
	r := Result{Partner: p, Outcome: Failed}
	prev, err := Load(fsys, dir, p.ID)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A damaged snapshot is read again from the feed; until then it stays as it is.
		r.Damaged = err
	}
	r.Previous = prev
	if prev != nil {
		r.Items = len(prev.Items)
	}
	if err := CheckFeedURL(p.Feed); err != nil {
		r.Reason = err.Error()
		return r
	}
	now := opts.Now().UTC().Truncate(time.Second)
	ans, err := get(ctx, p.Feed, prev, opts)
	if err != nil {
		r.Reason = err.Error()
		return r
	}
	if ans.notModified {
		if !ans.conditional {
			r.Reason = "the server answered 304 Not Modified to a request that was not conditional"
			return r
		}
		r.Outcome, r.Reason = Unchanged, "304 Not Modified"
		return r
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(ans.body))
	if err != nil {
		r.Reason = "not a feed gofeed can read: " + firstLine(err.Error())
		return r
	}
	items, dropped := Normalise(feed, p, ans.url, now)
	if len(items) == 0 && len(feed.Items) > 0 {
		r.Reason = fmt.Sprintf("none of its %d item(s) has an http(s) link", len(feed.Items))
		return r
	}
	snap := &Snapshot{
		ID: p.ID, Name: p.Name, Feed: p.Feed, Languages: p.Languages,
		Fetched: now.Format(time.RFC3339), ETag: ans.etag, LastModified: ans.lastModified, Items: items,
	}
	r.Items, r.Dropped = len(items), dropped
	if prev != nil && snap.same(prev) {
		r.Outcome, r.Reason = Unchanged, "the same items as before"
		return r
	}
	seen := map[string]bool{}
	if prev != nil {
		for _, it := range prev.Items {
			seen[it.ID] = true
		}
	}
	for _, it := range items {
		if !seen[it.ID] {
			r.New++
		}
	}
	if err := snap.write(fsys, dir); err != nil {
		r.Reason = "writing " + Path(p.ID) + ": " + err.Error()
		return r
	}
	r.Outcome = Updated
	return r
}

// answer is what a feed's server sent.
type answer struct {
	notModified        bool
	conditional        bool // the request sent a validator back
	body               []byte
	url                string // after redirects
	etag, lastModified string
}

// get requests the feed, conditionally when there is a previous snapshot, and reads at
// most opts.MaxBytes of its body, decoded to UTF-8 when the server names another charset
// and the document does not declare its own.
func get(ctx context.Context, feedURL string, prev *Snapshot, opts Options) (*answer, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	client := &http.Client{
		Transport: opts.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("more than %d redirects", opts.MaxRedirects)
			}
			if err := CheckFeedURL(req.URL.String()); err != nil {
				return fmt.Errorf("redirected to an address that is not read: %v", err)
			}
			if req.URL.Scheme != via[0].URL.Scheme {
				// an https feed never leads to plain http, even on this machine
				return fmt.Errorf("redirected from %s to %s: not followed", via[0].URL.Scheme, req.URL.Scheme)
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.8, text/xml;q=0.8, */*;q=0.1")
	conditional := false
	if prev != nil && prev.Feed == feedURL {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
			conditional = true
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
			conditional = true
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, describe(err, opts)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return &answer{notModified: true, conditional: conditional}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	if resp.ContentLength > opts.MaxBytes {
		return nil, fmt.Errorf("the feed is %d bytes, more than the %d read", resp.ContentLength, opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opts.MaxBytes+1))
	if err != nil {
		return nil, describe(err, opts)
	}
	if int64(len(body)) > opts.MaxBytes {
		return nil, fmt.Errorf("the feed is more than the %d bytes read", opts.MaxBytes)
	}
	if body, err = toUTF8(body, resp.Header.Get("Content-Type")); err != nil {
		return nil, err
	}
	return &answer{body: body, url: resp.Request.URL.String(), etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, nil
}

// describe words a request's error for the report.
func describe(err error, opts Options) error {
	if errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "Client.Timeout") {
		return fmt.Errorf("no complete answer within %s", opts.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// toUTF8 decodes a body the server says is in another charset than UTF-8, unless the
// document declares its own encoding (an XML declaration with encoding=, which gofeed
// honours) or carries a byte order mark. A body that should be UTF-8 but is not (a feed
// written in ISO-8859-1 that declares UTF-8, a common mistake) is read as Windows-1252,
// the superset of ISO-8859-1 that browsers read it as.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	label := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = strings.ToLower(strings.TrimSpace(params["charset"]))
	}
	declared := declaresEncoding(body)
	if label == "" || label == "utf-8" || label == "utf8" || declared {
		if !utf8.Valid(body) && (!declared || declaresUTF8(body)) {
			label = "windows-1252"
		} else {
			return body, nil
		}
	}
	r, err := charset.NewReaderLabel(label, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("the server names the charset %q, which cannot be read", label)
	}
	return io.ReadAll(r)
}

func declaresEncoding(body []byte) bool {
	if bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(body, []byte("\xfe\xff")) || bytes.HasPrefix(body, []byte("\xff\xfe")) {
		return true
	}
	head := body[:min(len(body), 200)]
	end := bytes.Index(head, []byte("?>"))
	return bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("<?xml")) && end > 0 && bytes.Contains(head[:end], []byte("encoding"))
}

// declaresUTF8 reports whether the document's XML declaration names UTF-8.
func declaresUTF8(body []byte) bool {
	head := bytes.ToLower(body[:min(len(body), 200)])
	end := bytes.Index(head, []byte("?>"))
	return end > 0 && (bytes.Contains(head[:end], []byte(`"utf-8"`)) || bytes.Contains(head[:end], []byte(`'utf-8'`)))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return PlainText(s, 200)
}
