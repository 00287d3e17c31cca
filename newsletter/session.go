package newsletter

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/spf13/afero"
)

// distDir is where one language's artefacts of a month go, relative to the project.
func distDir(m Month, lang string) string {
	return filepath.Join("dist", "newsletter", m.String(), lang)
}

// session is one run of a command: the site as the portal sees it, the newsletter
// settings and the published statistics.
type session struct {
	p site.Project
	renderer
}

func open(p site.Project) (*session, error) {
	res, err := site.Load(site.Options{Project: p})
	if err != nil {
		return nil, err
	}
	cfg, err := configFrom(res)
	if err != nil {
		return nil, err
	}
	releases, err := stats.LoadReleases(p.Fs, p.Path(filepath.Join("data", "stats")))
	if err != nil {
		return nil, err
	}
	return &session{p: p, renderer: renderer{res: res, cfg: cfg, releases: releases}}, nil
}

// start parses the month and opens the project with the languages asked for: what every
// command does first.
func start(p site.Project, month string, asked []string) (*session, Month, []string, error) {
	m, err := ParseMonth(month)
	if err != nil {
		return nil, Month{}, nil, err
	}
	if err := checkBundles(p, m); err != nil {
		return nil, Month{}, nil, err
	}
	s, err := open(p)
	if err != nil {
		return nil, Month{}, nil, err
	}
	langs, err := s.languages(asked)
	if err != nil {
		return nil, Month{}, nil, err
	}
	return s, m, langs, nil
}

// checkBundles reads every bundle file of the month before Hugo does, so a broken one is
// reported in the newsletter's own words, with its file and line.
func checkBundles(p site.Project, m Month) error {
	dir := filepath.Join("content", archive.Section, m.String())
	names, err := afero.Glob(p.Fs, p.Path(filepath.Join(dir, "index.*.md")))
	if err != nil {
		return err
	}
	for _, name := range names {
		base := filepath.Base(name)
		lang := strings.TrimSuffix(strings.TrimPrefix(base, "index."), ".md")
		data, err := afero.ReadFile(p.Fs, name)
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, base), err)
		}
		if _, err := ParseBundle(filepath.Join(dir, base), lang, data); err != nil {
			return err
		}
	}
	return nil
}

// languages returns the codes asked for, in the site's order; none means all of them.
func (s *session) languages(asked []string) ([]string, error) {
	all := s.languageCodes()
	if len(asked) == 0 {
		return all, nil
	}
	for _, code := range asked {
		if _, err := s.language(code); err != nil {
			return nil, err
		}
	}
	var out []string
	for _, code := range all {
		if slices.Contains(asked, code) {
			out = append(out, code)
		}
	}
	return out, nil
}

// readBundle reads the issue of month in lang; a missing file returns fs.ErrNotExist.
func (s *session) readBundle(m Month, lang string) (*Bundle, error) {
	rel := bundlePath(m, lang)
	data, err := afero.ReadFile(s.p.Fs, s.p.Path(rel))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	return ParseBundle(rel, lang, data)
}
