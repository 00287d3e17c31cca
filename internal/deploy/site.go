package deploy

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// file is one file of public/ and the object it becomes.
type file struct {
	rel    string // path in public/ with forward slashes: "en/index.html"
	path   string // on disk
	size   int64
	md5    string // hex MD5 of the content: an S3 ETag of a plain upload
	meta   objectHeaders
	digest string // digestOf the content and meta: kept in the object's metadata
	page   bool   // an HTML page (or its .br/.gz): uploaded after everything else
	reason string // why it is uploaded: "new", "changed", "headers changed"
}

// objectHeaders are the response headers object storage keeps with an object and sends
// back; an empty value is not set.
type objectHeaders struct {
	ContentType, CacheControl, ContentEncoding, ContentLanguage, ContentDisposition string
}

// stored are the header names objectHeaders holds.
var stored = map[string]bool{
	"Content-Type": true, "Cache-Control": true, "Content-Encoding": true,
	"Content-Language": true, "Content-Disposition": true,
}

// encodings are the suffixes of the precompressed copies the build writes beside a text
// file, and the Content-Encoding each is sent with.
var encodings = map[string]string{".br": "br", ".gz": "gzip"}

// digestMeta is the metadata key (x-amz-meta-portal-digest) that keeps digestOf.
const digestMeta = "portal-digest"

// readSite reads every file of dir with its headers; the second result lists the
// headers the rules give that objects cannot keep.
func readSite(dir, prefix string, rules Headers) ([]*file, []string, error) {
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil, nil, fmt.Errorf("%s does not exist: build the site first (portal build)", dir)
	}
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rels = append(rels, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading the site: %w", err)
	}
	if len(rels) == 0 {
		return nil, nil, fmt.Errorf("%s has no files: build the site first (portal build)", dir)
	}
	have := map[string]bool{}
	for _, r := range rels {
		have[r] = true
	}
	if !have["index.html"] {
		// Not the built site (the project's root, a wrong -dir): everything else under the
		// prefix would be deleted.
		return nil, nil, fmt.Errorf("%s has no index.html: it is not the built site; give -dir the folder portal build writes (public)", dir)
	}
	notStored := map[string]bool{}
	files := make([]*file, 0, len(rels))
	for _, rel := range rels {
		if len(prefix+rel) > 1024 {
			return nil, nil, fmt.Errorf("%s: the object name would be longer than 1024 bytes", filepath.Join(dir, rel))
		}
		f := &file{rel: rel, path: filepath.Join(dir, filepath.FromSlash(rel))}
		served, encoding := rel, ""
		for suffix, enc := range encodings {
			if base := strings.TrimSuffix(rel, suffix); base != rel && have[base] {
				served, encoding = base, enc
			}
		}
		h := rules.For("/" + served)
		f.meta = objectHeaders{
			ContentType:        h.Get("Content-Type"),
			CacheControl:       h.Get("Cache-Control"),
			ContentEncoding:    encoding,
			ContentLanguage:    h.Get("Content-Language"),
			ContentDisposition: h.Get("Content-Disposition"),
		}
		if f.meta.ContentType == "" {
			return nil, nil, fmt.Errorf("%s: the header rules give no Content-Type", f.path)
		}
		for name := range h {
			if !stored[http.CanonicalHeaderKey(name)] {
				notStored[http.CanonicalHeaderKey(name)] = true
			}
		}
		f.page = strings.HasPrefix(f.meta.ContentType, "text/html")
		if err := f.hash(); err != nil {
			return nil, nil, err
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, sortedKeys(notStored), nil
}

// hash reads the file for its size, MD5 and digest.
func (f *file) hash() error {
	r, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer r.Close()
	m, s := md5.New(), sha256.New()
	n, err := io.Copy(io.MultiWriter(m, s), r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", f.path, err)
	}
	f.size = n
	f.md5 = hex.EncodeToString(m.Sum(nil))
	f.digest = digestOf(s.Sum(nil), f.meta)
	return nil
}

// digestOf is the SHA-256 of the content's SHA-256 and the headers the object is stored
// with: it changes when either does, so new header rules reach objects whose content
// did not change.
func digestOf(contentSHA256 []byte, h objectHeaders) string {
	d := sha256.New()
	fmt.Fprintf(d, "portal-deploy 1\n%x\n", contentSHA256)
	for _, kv := range [][2]string{
		{"Content-Type", h.ContentType}, {"Cache-Control", h.CacheControl},
		{"Content-Encoding", h.ContentEncoding}, {"Content-Language", h.ContentLanguage},
		{"Content-Disposition", h.ContentDisposition},
	} {
		fmt.Fprintf(d, "%s: %s\n", kv[0], kv[1])
	}
	return hex.EncodeToString(d.Sum(nil))
}
