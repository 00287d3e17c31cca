package hosting

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/spf13/afero"
)

// Compress writes, beside every text file under dir (Rules.Compressible), the same file
// compressed with Brotli (name.br) and with gzip (name.gz), both at their highest level.
// Servers send them to browsers that accept them (nginx brotli_static and gzip_static,
// Caddy precompressed). The output depends on the content only: the gzip header holds
// no name and no time. It uses every core; the first error stops it.
//
// Brotli at its best level is slow, so a file that has not changed since the last build
// gets its copies from cacheDir (when not empty), where Compressed.WriteCache kept them
// under a digest of the file and of the compressors' versions; they are checked before
// use, so a damaged cache only costs time. It returns the copies, for the next build's
// cache.
func (r Rules) Compress(fsys afero.Fs, dir, cacheDir string) (Compressed, error) {
	var files []string
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		if r.Compressible(filepath.ToSlash(p)) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)

	cache := compressCache{fsys, cacheDir}
	jobs := make(chan int)
	copies := make(Compressed, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				copies[i], errs[i] = compressFile(fsys, files[i], cache)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return copies, nil
}

// Compressed are the Brotli and gzip copies of one build's files.
type Compressed []compressed

// WriteCache writes the copies into dir, a new folder that becomes the next build's
// cacheDir (the portal build puts it in place with the site, or not at all).
func (c Compressed) WriteCache(fsys afero.Fs, dir string) error {
	for _, cp := range c {
		if err := afero.WriteFile(fsys, filepath.Join(dir, cp.key+".br"), cp.br, 0o644); err != nil {
			return err
		}
		if err := afero.WriteFile(fsys, filepath.Join(dir, cp.key+".gz"), cp.gz, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// IsCompressedCopy says whether p is a .br or .gz file that Compress writes beside a text file.
func IsCompressedCopy(p string) bool {
	return strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz")
}

// compressed are a file's two compressed copies, and the cache key of its content.
type compressed struct {
	key    string
	br, gz []byte
}

func compressFile(fsys afero.Fs, p string, cache compressCache) (compressed, error) {
	data, err := afero.ReadFile(fsys, p)
	if err != nil {
		return compressed{}, err
	}
	c, ok := cache.get(data)
	if !ok {
		if c.br, err = Brotli(data); err != nil {
			return c, fmt.Errorf("%s: brotli: %w", p, err)
		}
		if c.gz, err = Gzip(data); err != nil {
			return c, fmt.Errorf("%s: gzip: %w", p, err)
		}
	}
	if err := afero.WriteFile(fsys, p+".br", c.br, 0o644); err != nil {
		return c, err
	}
	return c, afero.WriteFile(fsys, p+".gz", c.gz, 0o644)
}

// compressCache is the folder of the last build's copies (none when dir is "").
type compressCache struct {
	fs  afero.Fs
	dir string
}

// get returns the copies of data the cache holds, when they hold data; else only the key.
func (c compressCache) get(data []byte) (compressed, bool) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", compressors())
	h.Write(data)
	out := compressed{key: hex.EncodeToString(h.Sum(nil))}
	if c.dir == "" {
		return out, false
	}
	br, errBr := afero.ReadFile(c.fs, filepath.Join(c.dir, out.key+".br"))
	gz, errGz := afero.ReadFile(c.fs, filepath.Join(c.dir, out.key+".gz"))
	if errBr != nil || errGz != nil || !holds(brotli.NewReader(bytes.NewReader(br)), data) {
		return out, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil || !holds(zr, data) {
		return out, false
	}
	out.br, out.gz = br, gz
	return out, true
}

// holds reports whether r reads exactly data.
func holds(r io.Reader, data []byte) bool {
	plain, err := io.ReadAll(r)
	return err == nil && bytes.Equal(plain, data)
}

// compressors names the versions of the code that compresses: Go's (gzip) and the
// Brotli module's, so that another version never reuses the copies of this one. It is
// read once, when the first file is compressed, not when a command starts.
var compressors = sync.OnceValue(func() string {
	s := runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/andybalholm/brotli" {
				s += " " + d.Path + " " + d.Version
			}
		}
	}
	return s
})

// Brotli compresses data at Brotli's best quality (11).
func Brotli(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Gzip compresses data at gzip's best level, with no name and no time in the header.
func Gzip(data []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(w, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
