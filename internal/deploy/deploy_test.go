package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/contratto/portal/internal/hosting"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

// The tests publish to gofakes3, an S3 server, on 127.0.0.1 through AWS's S3 client, and
// look at the bucket through the same client and at the requests the server received.

const bucket = "portal"

// testCredentials are only ever sent to the test server; the tests check that neither
// part appears in what a deploy prints.
var testCredentials = Credentials{AccessKeyID: "AKIDTESTKEYNEVERPRINTED", SecretAccessKey: "secret-that-must-never-be-printed"}

// server is an S3 server on loopback that records the requests it gets and can refuse
// uploads.
type server struct {
	url string
	mu  sync.Mutex
	log []request
	// failFrom refuses every upload from the failFrom-th on (1 is the first), with
	// AccessDenied, which the client does not retry; 0 never.
	failFrom int
	puts     int
	// refuseDeletes refuses every batch delete with AccessDenied.
	refuseDeletes bool
}

// request is one request the server received: "PUT" and the key, "HEAD", "LIST",
// "DELETE" (a batch delete) with the deleted keys.
type request struct {
	op     string
	key    string
	header http.Header
	body   string
}

func startServer(t *testing.T) *server {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	s := &server{}
	fake := gofakes3.New(backend, gofakes3.WithIntegrityCheck(true)).Server()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/"+bucket), "/")
		req := request{key: key, header: r.Header.Clone()}
		switch {
		case r.Method == http.MethodPut:
			req.op = "PUT"
		case r.Method == http.MethodHead:
			req.op = "HEAD"
		case r.Method == http.MethodGet && key == "":
			req.op = "LIST"
		case r.Method == http.MethodPost && r.URL.Query().Has("delete"):
			req.op = "DELETE"
			var b bytes.Buffer
			b.ReadFrom(r.Body)
			req.body = b.String()
			r.Body = readCloser{bytes.NewReader(b.Bytes())}
		default:
			req.op = r.Method
		}
		s.mu.Lock()
		s.log = append(s.log, req)
		refuse := false
		if req.op == "PUT" {
			s.puts++
			refuse = s.failFrom > 0 && s.puts >= s.failFrom
		}
		if req.op == "DELETE" {
			refuse = s.refuseDeletes
		}
		s.mu.Unlock()
		if refuse {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>refused by the test</Message></Error>`)
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	s.url = ts.URL
	return s
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// requests returns and forgets what the server received so far.
func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	log := s.log
	s.log = nil
	return log
}

func (s *server) target() Target {
	return Target{Bucket: bucket, Endpoint: s.url, Region: "us-east-1", Prefix: "site/"}
}

// client is the S3 client the tests look at the bucket with.
func (s *server) client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.url),
		UsePathStyle: true,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "reader", SecretAccessKey: "reader"}, nil
		}),
	})
}

// objects lists the bucket: key → content.
func (s *server) objects(t *testing.T) map[string]string {
	t.Helper()
	c := s.client()
	out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	objs := map[string]string{}
	for _, o := range out.Contents {
		get, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: o.Key})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(get.Body)
		get.Body.Close()
		objs[aws.ToString(o.Key)] = b.String()
	}
	return objs
}

// rules are the portal's real header rules, for a site on HTTPS with an English folder.
func rules(t *testing.T) hosting.Rules {
	t.Helper()
	r, err := hosting.New("https://contratto.example/", []string{"en"}, "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// writeSite writes testdata/site.txtar into a new folder, with the Brotli and gzip copies
// the build writes beside every text file, and returns the folder.
func writeSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, dir, f.Name, string(f.Data))
	}
	compress(t, dir)
	return dir
}

// compress writes the .br and .gz copies of every text file of dir, as the build does.
func compress(t *testing.T, dir string) {
	t.Helper()
	if _, err := rules(t).Compress(afero.NewOsFs(), dir, ""); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// removeFile removes a file of the site with its compressed copies.
func removeFile(t *testing.T, dir, rel string) {
	t.Helper()
	for _, suffix := range []string{"", ".br", ".gz"} {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel+suffix))); err != nil && (suffix == "" || !os.IsNotExist(err)) {
			t.Fatal(err)
		}
	}
}

// siteFiles reads dir: path in it → content.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			b, _ := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return files
}

// deploy runs a deploy of dir and returns the summary, what it printed and its error.
func deploy(t *testing.T, s *server, dir string, h Headers, dry bool) (Summary, string, error) {
	t.Helper()
	var out bytes.Buffer
	sum, err := Run(context.Background(), Options{
		Dir: dir, Target: s.target(), Credentials: testCredentials, Headers: h,
		DryRun: dry, Progress: &out, Workers: 4,
	})
	assertNoCredentials(t, out.String())
	if err != nil {
		assertNoCredentials(t, err.Error())
	}
	return sum, out.String(), err
}

func assertNoCredentials(t *testing.T, printed string) {
	t.Helper()
	for _, secret := range []string{testCredentials.AccessKeyID, testCredentials.SecretAccessKey} {
		if strings.Contains(printed, secret) {
			t.Errorf("the deploy printed a credential:\n%s", printed)
		}
	}
}

// assertBucketIsSite checks that the bucket holds, under the prefix, exactly the site.
func assertBucketIsSite(t *testing.T, s *server, dir string) {
	t.Helper()
	want := map[string]string{}
	for rel, content := range siteFiles(t, dir) {
		want["site/"+rel] = content
	}
	got := s.objects(t)
	for key, content := range want {
		if g, ok := got[key]; !ok {
			t.Errorf("the bucket has no %s", key)
		} else if g != content {
			t.Errorf("%s in the bucket is not the file of the site", key)
		}
	}
	for key := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("the bucket still has %s, which the site no longer has", key)
		}
	}
}

// keys returns the sorted keys of the requests of one op (a DELETE counts each key deleted).
func keys(log []request, op string) []string {
	var out []string
	for _, r := range log {
		if r.op != op {
			continue
		}
		if op == "DELETE" {
			for _, part := range strings.Split(r.body, "<Key>")[1:] {
				k, _, _ := strings.Cut(part, "</Key>")
				out = append(out, k)
			}
			continue
		}
		out = append(out, r.key)
	}
	sort.Strings(out)
	return out
}

func TestFirstDeployUploadsEveryFileWithItsHeaders(t *testing.T) {
	s := startServer(t)
	dir := writeSite(t)
	r := rules(t)
	sum, printed, err := deploy(t, s, dir, r, false)
	if err != nil {
		t.Fatalf("deploy: %v\n%s", err, printed)
	}
	files := siteFiles(t, dir)
	var size int64
	for _, c := range files {
		size += int64(len(c))
	}
	if sum.Uploaded != (Count{len(files), size}) || sum.Unchanged.Files != 0 || sum.Deleted.Files != 0 {
		t.Errorf("summary %+v, want %d files (%d bytes) uploaded, nothing else", sum, len(files), size)
	}
	want := fmt.Sprintf("uploaded %s, deleted 0 files (0 B), unchanged 0 files (0 B)\n", Count{len(files), size})
	if !strings.HasSuffix(printed, want) {
		t.Errorf("the deploy printed\n%s\nwant it to end with\n%s", printed, want)
	}
	for _, line := range []string{"uploaded     en/index.html (new, ", "uploaded     docs/guida.pdf (new, "} {
		if !strings.Contains(printed, line) {
			t.Errorf("no progress line %q in\n%s", line, printed)
		}
	}
	if !strings.Contains(printed, "object storage cannot send Content-Security-Policy, ") {
		t.Errorf("the deploy does not say which headers the CDN must add:\n%s", printed)
	}
	assertBucketIsSite(t, s, dir)

	// Every object has the rules' Content-Type and Cache-Control; a .br or .gz copy those
	// of its file, and Content-Encoding: br or gzip. (The test server keeps Content-Type and
	// Content-Encoding, which are read back; Cache-Control is checked on the upload.)
	uploads := map[string]http.Header{}
	for _, req := range s.requests() {
		if req.op == "PUT" {
			uploads[req.key] = req.header
		}
	}
	c := s.client()
	for rel := range files {
		served, encoding := rel, ""
		if base, ok := strings.CutSuffix(rel, ".gz"); ok {
			served, encoding = base, "gzip"
		}
		if base, ok := strings.CutSuffix(rel, ".br"); ok {
			served, encoding = base, "br"
		}
		h := r.For("/" + served)
		head, err := c.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("site/" + rel)})
		if err != nil {
			t.Fatalf("HEAD %s: %v", rel, err)
		}
		if got := aws.ToString(head.ContentType); got != h.Get("Content-Type") {
			t.Errorf("%s: Content-Type %q, want %q", rel, got, h.Get("Content-Type"))
		}
		if got := aws.ToString(head.ContentEncoding); got != encoding {
			t.Errorf("%s: Content-Encoding %q, want %q", rel, got, encoding)
		}
		if got := uploads["site/"+rel].Get("Cache-Control"); got != h.Get("Cache-Control") || got == "" {
			t.Errorf("%s: uploaded with Cache-Control %q, want %q", rel, got, h.Get("Cache-Control"))
		}
		if head.Metadata[digestMeta] == "" {
			t.Errorf("%s: no digest in the metadata", rel)
		}
	}
}

func TestSecondDeployUploadsNothing(t *testing.T) {
	s := startServer(t)
	dir := writeSite(t)
	if _, printed, err := deploy(t, s, dir, rules(t), false); err != nil {
		t.Fatalf("first deploy: %v\n%s", err, printed)
	}
	s.requests()
	sum, printed, err := deploy(t, s, dir, rules(t), false)
	if err != nil {
		t.Fatalf("second deploy: %v\n%s", err, printed)
	}
	if sum.Uploaded.Files != 0 || sum.Deleted.Files != 0 || sum.Unchanged.Files != len(siteFiles(t, dir)) {
		t.Errorf("second deploy: %+v, want every file unchanged\n%s", sum, printed)
	}
	for _, req := range s.requests() {
		if req.op != "LIST" && req.op != "HEAD" {
			t.Errorf("second deploy sent %s %s: it should only read", req.op, req.key)
		}
	}
}

func TestAfterAnEditOnlyTheChangesAreUploadedAssetsFirstAndDeletionsLast(t *testing.T) {
	// Listings of 3 keys a page and deletions of 2 a request: the bucket is read over
	// several pages and deleted from in several batches, as a real site's would be.
	defer func(l int32, d int) { listPage, deleteBatch = l, d }(listPage, deleteBatch)
	listPage, deleteBatch = 3, 2
	s := startServer(t)
	dir := writeSite(t)
	if _, printed, err := deploy(t, s, dir, rules(t), false); err != nil {
		t.Fatalf("first deploy: %v\n%s", err, printed)
	}
	s.requests()

	// A new stylesheet (new fingerprint) that the pages now use; a page edited; the PDF
	// removed.
	old := "css/site." + strings.Repeat("a", 64) + ".css"
	css := "css/site." + strings.Repeat("b", 64) + ".css"
	files := siteFiles(t, dir)
	removeFile(t, dir, old)
	removeFile(t, dir, "docs/guida.pdf")
	writeFile(t, dir, css, "body{font-family:serif}")
	for _, page := range []string{"index.html", "en/index.html"} {
		writeFile(t, dir, page, strings.ReplaceAll(files[page], old, css))
	}
	compress(t, dir)

	sum, printed, err := deploy(t, s, dir, rules(t), false)
	if err != nil {
		t.Fatalf("deploy after the edit: %v\n%s", err, printed)
	}
	log := s.requests()
	var wantPut []string
	for _, rel := range []string{css, "en/index.html", "index.html"} {
		wantPut = append(wantPut, "site/"+rel, "site/"+rel+".br", "site/"+rel+".gz")
	}
	sort.Strings(wantPut)
	if got := keys(log, "PUT"); strings.Join(got, " ") != strings.Join(wantPut, " ") {
		t.Errorf("uploaded %v, want exactly %v", got, wantPut)
	}
	wantDel := []string{"site/" + old, "site/" + old + ".br", "site/" + old + ".gz", "site/docs/guida.pdf"}
	sort.Strings(wantDel)
	if got := keys(log, "DELETE"); strings.Join(got, " ") != strings.Join(wantDel, " ") {
		t.Errorf("deleted %v, want exactly %v", got, wantDel)
	}
	if sum.Uploaded.Files != len(wantPut) || sum.Deleted.Files != len(wantDel) {
		t.Errorf("summary %+v, want %d uploaded and %d deleted", sum, len(wantPut), len(wantDel))
	}
	if lists, deletes := count(log, "LIST"), count(log, "DELETE"); lists < 2 || deletes != 2 {
		t.Errorf("%d listing requests and %d delete requests, want several pages and 2 batches", lists, deletes)
	}
	assertOrder(t, log)
	assertBucketIsSite(t, s, dir)
}

func count(log []request, op string) int {
	n := 0
	for _, r := range log {
		if r.op == op {
			n++
		}
	}
	return n
}

// assertOrder checks that no page was uploaded before the last other file, and that
// nothing was deleted before the last upload.
func assertOrder(t *testing.T, log []request) {
	t.Helper()
	lastAsset, firstPage, lastPut, firstDelete := -1, len(log), -1, len(log)
	for i, req := range log {
		switch {
		case req.op == "PUT" && strings.Contains(req.key, ".html"):
			firstPage = min(firstPage, i)
			lastPut = i
		case req.op == "PUT":
			lastAsset, lastPut = i, i
		case req.op == "DELETE":
			firstDelete = min(firstDelete, i)
		}
	}
	if lastAsset > firstPage {
		t.Errorf("a page was uploaded (request %d) before the last asset (request %d)", firstPage, lastAsset)
	}
	if lastPut > firstDelete {
		t.Errorf("something was deleted (request %d) before the last upload (request %d)", firstDelete, lastPut)
	}
}

func TestNewHeaderRulesReachUnchangedFiles(t *testing.T) {
	s := startServer(t)
	dir := writeSite(t)
	if _, printed, err := deploy(t, s, dir, rules(t), false); err != nil {
		t.Fatalf("first deploy: %v\n%s", err, printed)
	}
	s.requests()
	// The rules now keep PDFs a week: the PDF, unchanged, is uploaded again with it.
	week := headersFunc(func(p string) http.Header {
		h := rules(t).For(p)
		if strings.HasSuffix(p, ".pdf") {
			h.Set("Cache-Control", "max-age=604800")
		}
		return h
	})
	sum, printed, err := deploy(t, s, dir, week, false)
	if err != nil {
		t.Fatalf("deploy with new rules: %v\n%s", err, printed)
	}
	log := s.requests()
	if got := keys(log, "PUT"); len(got) != 1 || got[0] != "site/docs/guida.pdf" {
		t.Errorf("uploaded %v, want only the PDF", got)
	}
	for _, req := range log {
		if req.op == "PUT" && req.header.Get("Cache-Control") != "max-age=604800" {
			t.Errorf("the PDF was uploaded with Cache-Control %q", req.header.Get("Cache-Control"))
		}
	}
	if !strings.Contains(printed, "uploaded     docs/guida.pdf (headers changed, ") || sum.Uploaded.Files != 1 {
		t.Errorf("the deploy printed\n%s", printed)
	}
}

// deployedWithOldPage is a bucket holding a deployed site with a page old.html, and the
// site's folder.
func deployedWithOldPage(t *testing.T) (*server, string) {
	t.Helper()
	s := startServer(t)
	dir := writeSite(t)
	writeFile(t, dir, "old.html", "<!doctype html><p>old")
	if _, printed, err := deploy(t, s, dir, rules(t), false); err != nil {
		t.Fatalf("first deploy: %v\n%s", err, printed)
	}
	return s, dir
}

type headersFunc func(string) http.Header

func (f headersFunc) For(p string) http.Header { return f(p) }

func TestDryRunChangesNothing(t *testing.T) {
	s, dir := deployedWithOldPage(t)
	removeFile(t, dir, "old.html")
	writeFile(t, dir, "new.html", "<!doctype html><p>new")
	before := s.objects(t)
	s.requests()

	sum, printed, err := deploy(t, s, dir, rules(t), true)
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, printed)
	}
	for _, req := range s.requests() {
		if req.op != "LIST" && req.op != "HEAD" {
			t.Errorf("the dry run sent %s %s", req.op, req.key)
		}
	}
	if after := s.objects(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the dry run changed the bucket")
	}
	if sum.Uploaded.Files != 1 || sum.Deleted.Files != 1 || !sum.DryRun {
		t.Errorf("dry run summary %+v, want 1 to upload and 1 to delete", sum)
	}
	for _, want := range []string{"(dry run: nothing is changed)", "would upload new.html (new, ", "would delete old.html (", "\nwould upload 1 file ("} {
		if !strings.Contains(printed, want) {
			t.Errorf("the dry run did not print %q:\n%s", want, printed)
		}
	}
}

func TestAnInterruptedDeployFinishesWhenRunAgain(t *testing.T) {
	s, dir := deployedWithOldPage(t)
	// Every file changes; the 3rd upload and every one after it fail.
	removeFile(t, dir, "old.html")
	for rel, content := range siteFiles(t, dir) {
		if !strings.HasSuffix(rel, ".br") && !strings.HasSuffix(rel, ".gz") {
			writeFile(t, dir, rel, content+"\n")
		}
	}
	compress(t, dir)
	s.requests()
	s.mu.Lock()
	s.failFrom, s.puts = 3, 0
	s.mu.Unlock()

	sum, printed, err := deploy(t, s, dir, rules(t), false)
	if err == nil {
		t.Fatalf("the deploy did not fail:\n%s", printed)
	}
	var apiErr interface{ ErrorCode() string }
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" || !strings.Contains(err.Error(), "uploading ") || !strings.Contains(err.Error(), "run the deploy again") {
		t.Errorf("the error does not name the failed upload and what to do: %v", err)
	}
	log := s.requests()
	for _, req := range log {
		if req.op == "DELETE" || req.op == "PUT" && strings.Contains(req.key, ".html") {
			t.Errorf("after a failed upload of an asset the deploy sent %s %s", req.op, req.key)
		}
	}
	uploadedBefore := sum.Uploaded.Files

	s.mu.Lock()
	s.failFrom = 0
	s.mu.Unlock()
	sum, printed, err = deploy(t, s, dir, rules(t), false)
	if err != nil {
		t.Fatalf("the deploy run again: %v\n%s", err, printed)
	}
	// What was uploaded before is not uploaded again. (An upload cut short by the failure
	// may have reached the store all the same: then it is found unchanged too.)
	total := len(siteFiles(t, dir))
	if sum.Uploaded.Files+sum.Unchanged.Files != total || sum.Unchanged.Files < uploadedBefore || sum.Uploaded.Files == 0 || sum.Deleted.Files != 1 {
		t.Errorf("run again: %+v; want the files not uploaded before (at most %d) uploaded, the %d uploaded before unchanged, 1 deleted", sum, total-uploadedBefore, uploadedBefore)
	}
	assertOrder(t, s.requests())
	assertBucketIsSite(t, s, dir)
}

func TestAFailedDeletionIsFinishedWhenRunAgain(t *testing.T) {
	s, dir := deployedWithOldPage(t)
	removeFile(t, dir, "old.html")
	writeFile(t, dir, "new.html", "<!doctype html><p>new")
	s.refuseDeletes = true
	sum, printed, err := deploy(t, s, dir, rules(t), false)
	if err == nil || !strings.Contains(err.Error(), "deleting 1 object from s3://portal/site/: ") || !strings.Contains(err.Error(), "every file is uploaded; run the deploy again to finish deleting") {
		t.Fatalf("a refused deletion: %v\n%s", err, printed)
	}
	if sum.Uploaded.Files != 1 || sum.Deleted.Files != 0 {
		t.Errorf("summary %+v, want 1 uploaded and none deleted", sum)
	}
	if _, ok := s.objects(t)["site/old.html"]; !ok {
		t.Error("old.html is gone although its deletion was refused")
	}
	s.refuseDeletes = false
	sum, printed, err = deploy(t, s, dir, rules(t), false)
	if err != nil || sum.Uploaded.Files != 0 || sum.Deleted.Files != 1 {
		t.Errorf("run again: %+v, %v; want old.html deleted and nothing uploaded\n%s", sum, err, printed)
	}
	assertBucketIsSite(t, s, dir)
}

func TestCredentialsComeFromTheEnvironmentAndAreNeverPrinted(t *testing.T) {
	env := map[string]string{EnvAccessKeyID: testCredentials.AccessKeyID}
	_, err := CredentialsFromEnv(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), EnvSecretAccessKey) || strings.Contains(err.Error(), EnvAccessKeyID) {
		t.Errorf("with no secret key: %v", err)
	}
	env[EnvSecretAccessKey] = testCredentials.SecretAccessKey
	c, err := CredentialsFromEnv(func(k string) string { return env[k] })
	if err != nil || c != testCredentials {
		t.Fatalf("CredentialsFromEnv: %v", err)
	}
	o := Options{Credentials: c, Target: Target{Bucket: "b"}}
	assertNoCredentials(t, fmt.Sprintf("%v %+v %#v %s", o, o, o, c))

	// A deploy that fails (no such bucket) prints no key either; deploy() checks.
	s := startServer(t)
	dir := writeSite(t)
	var out bytes.Buffer
	tg := s.target()
	tg.Bucket = "no-such-bucket"
	_, err = Run(context.Background(), Options{Dir: dir, Target: tg, Credentials: c, Headers: rules(t), Progress: &out})
	if err == nil || !strings.Contains(err.Error(), "listing s3://no-such-bucket/site/") {
		t.Errorf("deploy to a missing bucket: %v", err)
	}
	assertNoCredentials(t, out.String()+fmt.Sprint(err))

	// An endpoint with a password in it is refused, without printing it.
	tg = s.target()
	tg.Endpoint = strings.Replace(s.url, "http://", "http://user:"+testCredentials.SecretAccessKey+"@", 1)
	_, err = Run(context.Background(), Options{Dir: dir, Target: tg, Credentials: c, Headers: rules(t), Progress: &out})
	if err == nil {
		t.Fatal("an endpoint with a password in it was accepted")
	}
	assertNoCredentials(t, out.String()+err.Error())
}

func TestBadSettingsAreNamed(t *testing.T) {
	dir := writeSite(t)
	for _, tc := range []struct {
		target Target
		want   string
	}{
		{Target{Region: "auto"}, "no bucket"},
		{Target{Bucket: "b"}, "no region"},
		{Target{Bucket: "b", Region: "auto", Prefix: "a/../b"}, `prefix "a/../b"`},
		{Target{Bucket: "b", Region: "auto", Endpoint: "ftp://x"}, `endpoint "ftp://x"`},
	} {
		_, err := Run(context.Background(), Options{Dir: dir, Target: tc.target, Credentials: testCredentials, Headers: rules(t)})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one saying %q", tc.target, err, tc.want)
		}
	}
	for _, tc := range []struct{ dir, want string }{
		{t.TempDir(), "has no files: build the site first"},
		{filepath.Join(t.TempDir(), "public"), "does not exist: build the site first"},
		{"testdata", "has no index.html: it is not the built site"},
	} {
		_, err := Run(context.Background(), Options{Dir: tc.dir, Target: Target{Bucket: "b", Region: "auto"}, Credentials: testCredentials, Headers: rules(t)})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("-dir %s: %v, want an error saying %q", tc.dir, err, tc.want)
		}
	}
}
