package hosting

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
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
func (r Rules) Compress(fsys afero.Fs, dir string) error {
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
		return err
	}
	sort.Strings(files)

	jobs := make(chan string)
	errs := make([]error, len(files))
	index := map[string]int{}
	for i, f := range files {
		index[f] = i
	}
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				errs[index[f]] = compressFile(fsys, f)
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// IsCompressedCopy says whether p is a .br or .gz file that Compress writes beside a text file.
func IsCompressedCopy(p string) bool {
	return strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz")
}

func compressFile(fsys afero.Fs, p string) error {
	data, err := afero.ReadFile(fsys, p)
	if err != nil {
		return err
	}
	br, err := Brotli(data)
	if err != nil {
		return fmt.Errorf("%s: brotli: %w", p, err)
	}
	gz, err := Gzip(data)
	if err != nil {
		return fmt.Errorf("%s: gzip: %w", p, err)
	}
	if err := afero.WriteFile(fsys, p+".br", br, 0o644); err != nil {
		return err
	}
	return afero.WriteFile(fsys, p+".gz", gz, 0o644)
}

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
