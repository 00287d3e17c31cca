package newsletter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/spf13/afero"
)

// AssembleOptions steer Assemble.
type AssembleOptions struct {
	Languages []string // none means every language of the site
	// Force replaces a draft whose Markdown was edited by hand (never a published issue).
	Force bool
}

// assembled is one language's draft, ready to be written.
type assembled struct {
	bundle    *Bundle
	artefacts artefacts
	choices   []Choice
	network   []networkChoice
	trimmed   bool
	editorial string
	warnings  []string
}

// Assemble writes the draft issue of month, one bundle per language, and renders its
// previews in dist/. It checks everything before writing anything: a month without
// items, an unknown language or a published issue leave every file as it was.
func Assemble(p site.Project, month string, opts AssembleOptions, out io.Writer) error {
	s, m, langs, err := start(p, month, opts.Languages)
	if err != nil {
		return err
	}
	if err := s.checkReplaceable(m, langs, opts.Force); err != nil {
		return err
	}
	var release *stats.Release
	if r, ok := stats.Latest(s.releases, m.End(s.res.Location(langs[0])).AddDate(0, 0, -1)); ok {
		release = &r
	}
	net, err := s.loadNetwork(m)
	if err != nil {
		return err
	}
	var drafts []assembled
	for _, lang := range langs {
		d, err := s.assembleLanguage(m, lang, release, net)
		if err != nil {
			return err
		}
		drafts = append(drafts, d)
	}
	b := atomicfs.NewBatch(s.p.Fs)
	defer b.Discard()
	for _, d := range drafts {
		if err := s.stage(b, m, d.bundle, d.bundle.Lang, d.artefacts); err != nil {
			return err
		}
	}
	if err := b.Commit(); err != nil {
		return err
	}
	for _, d := range drafts {
		printDraft(out, s, m, d)
	}
	// What concerns the partners is the same in every language: said once.
	for _, w := range append(net.warnings, net.unknownDecisions()...) {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
	fmt.Fprintf(out, "\nDraft written to content/newsletter/%s/ and previews to dist/newsletter/%s/.\nReview them, then: newsletter publish -month %s\n", m, m, m)
	return nil
}

// checkReplaceable refuses to touch a published issue, or a draft edited by hand.
func (s *session) checkReplaceable(m Month, langs []string, force bool) error {
	var edited []string
	for _, lang := range langs {
		b, err := s.readBundle(m, lang)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if b.Status == archive.StatusPublished {
			return fmt.Errorf("%s: the %s issue was published on %s and is frozen; assemble does not change it (to correct it, edit the file and run newsletter publish -month %s -force)", b.Path, m, b.Published, m)
		}
		if b.Edited() {
			edited = append(edited, b.Path)
		}
	}
	if len(edited) > 0 && !force {
		return fmt.Errorf("these drafts were edited by hand and assembling again would lose the edits: %s\n"+
			"put an editorial in content/newsletter/%s/editorial.LANG.md instead, or run again with -force to replace them",
			strings.Join(edited, ", "), m)
	}
	return nil
}

func (s *session) assembleLanguage(m Month, lang string, release *stats.Release, net *network) (assembled, error) {
	items, choices := selectItems(s.res.Pages[lang], s.cfg.Sections, m, s.res.Location(lang))
	netItems, netChoices := net.selectNetwork(m, s.res.Location(lang))
	if len(items) == 0 {
		return assembled{}, fmt.Errorf("no items for %s in %s: no page of %s is dated in that month (or all are excluded with newsletter: exclude)",
			m, lang, strings.Join(s.cfg.Sections, ", "))
	}
	d := assembled{choices: choices, network: netChoices}
	var editorial []byte
	var lines origin
	if data, err := afero.ReadFile(s.p.Fs, s.p.Path(editorialPath(m, lang))); err == nil {
		d.editorial = editorialPath(m, lang)
		if editorial, lines.editorialLine, err = editorialText(d.editorial, data); err != nil {
			return assembled{}, err
		}
		if len(editorial) > 0 {
			lines.editorial, lines.editorialLines = d.editorial, bytes.Count(editorial, []byte("\n"))+1
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return assembled{}, fmt.Errorf("%s: %w", editorialPath(m, lang), err)
	}
	for i, lay := range layouts {
		ed, err := compose(s.res, s.cfg, lang, m, items, netItems, release, editorial, lay)
		if err != nil {
			return assembled{}, err
		}
		b := &Bundle{Lang: lang, Path: bundlePath(m, lang), Body: ed.Body, FrontMatter: FrontMatter{
			Title:          ed.Title,
			Description:    ed.Preheader,
			Date:           m.Start(s.res.Location(lang)).Format("2006-01-02"),
			Draft:          true,
			TranslationKey: "newsletter-" + m.String(),
			Month:          m.String(),
			Status:         archive.StatusDraft,
			ItemsLang:      ed.ItemsLang,
			Items:          ed.Items,
			Network:        ed.Network,
			Stats:          ed.Stats,
			Checksum:       Checksum(ed.Body),
		}, lines: lines}
		arts, warnings, err := s.render(b)
		if isTooLarge(err) && i < len(layouts)-1 {
			d.trimmed = true
			continue
		}
		if err != nil {
			return assembled{}, err
		}
		d.bundle, d.artefacts = b, arts
		d.warnings = append(itemWarnings(s.res, lang, items, s.cfg.Sections), warnings...)
		return d, nil
	}
	panic("unreachable: the last layout returns")
}

// stage adds to b one language's bundle, unless it is nil, and the folder of its
// artefacts in dist/, which replaces the old one whole.
func (s *session) stage(b *atomicfs.Batch, m Month, bundle *Bundle, lang string, a artefacts) error {
	if bundle != nil {
		data, err := bundle.Marshal()
		if err != nil {
			return err
		}
		if err := b.WriteFile(s.p.Path(bundle.Path), data, 0o644); err != nil {
			return err
		}
	}
	return b.ReplaceDir(s.p.Path(distDir(m, lang)), func(tmp string) error {
		for _, name := range a.names() {
			if err := afero.WriteFile(s.p.Fs, filepath.Join(tmp, name), a[name], 0o644); err != nil {
				return err
			}
		}
		return nil
	})
}

func printDraft(out io.Writer, s *session, m Month, d assembled) {
	b := d.bundle
	fmt.Fprintf(out, "%s  %d item(s)", b.Lang, len(b.Items))
	if b.ItemsLang != "" {
		fmt.Fprintf(out, ", shown in %s (no translation of their own)", languageLabel(s.res, b.ItemsLang))
	}
	if d.trimmed {
		fmt.Fprint(out, ", trimmed to titles and links (and, on a busy month, a link to the rest) to stay within the email budget")
	}
	fmt.Fprintln(out)
	for _, c := range d.choices {
		fmt.Fprintf(out, "    %s %s (%s)\n", mark(c.Picked), c.Page.Title, c.Reason)
	}
	if len(d.network) > 0 {
		fmt.Fprintf(out, "    from the network: %d item(s)\n", len(b.Network))
		picked := 0
		for _, c := range d.network {
			if c.Picked {
				picked++
			}
			fmt.Fprintf(out, "    %s [%s] %s <%s> (%s)\n", mark(c.Picked), c.Partner, c.Title, c.Link, c.Reason)
		}
		if shown := len(b.Network); shown < picked {
			fmt.Fprintf(out, "    from the network: %d of %d picked item(s) shown, to stay within the email budget\n", shown, picked)
		}
	}
	if d.editorial != "" {
		fmt.Fprintf(out, "    editorial: %s\n", d.editorial)
	}
	if b.Stats != "" {
		fmt.Fprintf(out, "    statistics: %s (the latest published release)\n", b.Stats)
	} else {
		fmt.Fprintln(out, "    statistics: none published yet")
	}
	printSizes(out, d.artefacts)
	for _, w := range d.warnings {
		fmt.Fprintf(out, "    warning: %s\n", w)
	}
}

// mark is how the report marks a choice: "+" picked, "-" left out.
func mark(picked bool) string {
	if picked {
		return "+"
	}
	return "-"
}

func printSizes(out io.Writer, a artefacts) {
	var parts []string
	for _, name := range []string{EmailHTMLFile, EmailTextFile, EMLFile} {
		parts = append(parts, fmt.Sprintf("%s %.1f KB", name, float64(len(a[name]))/1024))
	}
	fmt.Fprintf(out, "    %s\n", strings.Join(parts, ", "))
}
