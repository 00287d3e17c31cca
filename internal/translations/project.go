package translations

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/site"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// hashText is the short hash of the lines: 12 hex digits of their SHA-256.
func hashText(lines []string) string {
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])[:12]
}

// Project is the project's languages and where their pages are: content/LANG/.
type Project struct {
	site.Project
	// Source is the language translations are made from: the site's default content
	// language.
	Source string
	// Languages are the other languages, in the order of the config file.
	Languages []string
}

// Open reads the languages from the project's config file.
func Open(p site.Project) (Project, error) {
	config := p.ConfigPath()
	data, err := afero.ReadFile(p.Fs, config)
	if err != nil {
		return Project{}, err
	}
	var cfg struct {
		DefaultContentLanguage string
		Languages              map[string]struct{ Weight int }
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return Project{}, fmt.Errorf("%s: %w", config, err)
	}
	tp := Project{Project: p, Source: cfg.DefaultContentLanguage}
	if tp.Source == "" {
		tp.Source = "en" // Hugo's default
	}
	for code := range cfg.Languages {
		if code != tp.Source {
			tp.Languages = append(tp.Languages, code)
		}
	}
	sort.Slice(tp.Languages, func(i, j int) bool {
		a, b := cfg.Languages[tp.Languages[i]].Weight, cfg.Languages[tp.Languages[j]].Weight
		if a != b {
			return a < b
		}
		return tp.Languages[i] < tp.Languages[j]
	})
	return tp, nil
}

// HasLanguage tells a language of the site other than the source.
func (tp Project) HasLanguage(lang string) bool {
	for _, l := range tp.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// SourcePages lists the source language's pages, as paths below content/SOURCE
// ("servizi.md", "notizie/_index.md"), sorted.
func (tp Project) SourcePages() ([]string, error) {
	root := tp.Path(path.Join("content", tp.Source))
	var pages []string
	err := afero.Walk(tp.Fs, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if !info.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			r, _ := filepath.Rel(root, p)
			pages = append(pages, filepath.ToSlash(r))
		}
		return nil
	})
	sort.Strings(pages)
	return pages, err
}

// File is a page's file in a language, relative to the project root.
func (tp Project) File(lang, page string) string {
	return path.Join("content", lang, page)
}

// ReadPage reads a page of a language; a missing page is nil without an error.
func (tp Project) ReadPage(lang, page string) (*Page, error) {
	file := tp.File(lang, page)
	data, err := afero.ReadFile(tp.Fs, tp.Path(file))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ReadPage(file, data)
}

// State is how a translation stands against its source.
type State int

const (
	// Untranslated: the language has no file for the page.
	Untranslated State = iota
	// Current: the translation records the source as it is.
	Current
	// Outdated: the source changed since the translation was made.
	Outdated
	// Unrecorded: the translation does not say which version of the source it translates.
	Unrecorded
)

// Status is one translation of one source page.
type Status struct {
	Lang, Page  string
	State       State
	Source      *Page
	Translation *Page // nil when Untranslated
	Recorded    string
}

// Statuses reads every source page and its translation into each language, by
// language then page.
func (tp Project) Statuses() ([]Status, error) {
	pages, err := tp.SourcePages()
	if err != nil {
		return nil, err
	}
	sources := map[string]*Page{}
	for _, page := range pages {
		if sources[page], err = tp.ReadPage(tp.Source, page); err != nil {
			return nil, err
		}
	}
	var out []Status
	for _, lang := range tp.Languages {
		for _, page := range pages {
			s, err := tp.status(lang, page, sources[page])
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
	}
	return out, nil
}

func (tp Project) status(lang, page string, src *Page) (Status, error) {
	t, err := tp.ReadPage(lang, page)
	if err != nil {
		return Status{}, err
	}
	s := Status{Lang: lang, Page: page, Source: src, Translation: t}
	switch {
	case t == nil:
		s.State = Untranslated
	case t.RecordedHash() == "":
		s.State = Unrecorded
	case t.RecordedHash() == src.Hash():
		s.State, s.Recorded = Current, t.RecordedHash()
	default:
		s.State, s.Recorded = Outdated, t.RecordedHash()
	}
	return s, nil
}

// Record writes the source's current hash into the translations of lang (every page
// that has one, or only the pages named) and returns the files it changed. A translation
// whose structure is not its source's is an error, and then no file is changed.
func (tp Project) Record(lang string, pages ...string) ([]string, error) {
	if !tp.HasLanguage(lang) {
		return nil, fmt.Errorf("%q is not a language to translate into (languages: %s)", lang, strings.Join(tp.Languages, ", "))
	}
	named := len(pages) > 0
	if !named {
		all, err := tp.SourcePages()
		if err != nil {
			return nil, err
		}
		pages = all
	}
	batch := atomicfs.NewBatch(tp.Fs)
	defer batch.Discard()
	var changed []string
	for _, page := range pages {
		page = strings.TrimPrefix(path.Clean(filepath.ToSlash(page)), tp.File(lang, "")+"/")
		if !strings.HasSuffix(page, ".md") {
			page += ".md"
		}
		src, err := tp.ReadPage(tp.Source, page)
		if err != nil {
			return nil, err
		}
		if src == nil {
			return nil, fmt.Errorf("%s: no such page in the source language", tp.File(tp.Source, page))
		}
		t, err := tp.ReadPage(lang, page)
		if err != nil {
			return nil, err
		}
		if t == nil {
			if named {
				return nil, fmt.Errorf("%s: not translated yet", tp.File(lang, page))
			}
			continue
		}
		if d := Compare(src, t); d != nil {
			return nil, fmt.Errorf("not recorded: %w", d)
		}
		if t.RecordedHash() == src.Hash() {
			continue
		}
		text, err := t.WithHash(src.Hash())
		if err != nil {
			return nil, err
		}
		if err := batch.WriteFile(tp.Path(t.Path), []byte(text), 0o644); err != nil {
			return nil, err
		}
		changed = append(changed, t.Path)
	}
	if err := batch.Commit(); err != nil {
		return nil, err
	}
	return changed, nil
}
