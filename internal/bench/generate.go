// Package bench writes the sites the speed benchmarks build: synthetic portals of N pages
// in each of two languages (it, en), made with the project's own layouts, interface
// strings, static files and statistics, and a copy of the real site. The same Spec
// always writes the same bytes.
//
// It is benchmark tooling, not part of the product: only the bench command
// (internal/bench/cmd/bench, run by make bench) and tests use it, and neither the portal
// nor the newsletter command links it (a test of cmd/portal checks).
package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"path/filepath"
	"strings"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/spf13/afero"
)

// Languages are the two languages of a synthetic site, the default first.
var Languages = []string{"it", "en"}

// The months whose news the newsletter benchmark assembles.
const (
	SmallMonth      = "2012-06" // every synthetic site has SmallMonthItems news dated in it
	SmallMonthItems = 50
	LargeMonth      = "2012-05" // sites with room for them have LargeMonthItems news dated in it
	LargeMonthItems = 500
)

// LargeMonthMinPages is the smallest site with a month of LargeMonthItems news: its 30%
// of news then hold both months and 50 news of other months.
const LargeMonthMinPages = 2000

// MinPages is the smallest site Generate writes: the fixed pages and a month of news.
const MinPages = 100

// Spec says which synthetic site to write.
type Spec struct {
	// Pages is the number of Markdown files in each language, every page counted: the
	// home page, the section pages and the regular pages.
	Pages int
	// Seed makes the text, the links and the dates; the same seed writes the same site.
	Seed uint64
}

// Site describes a site Generate wrote.
type Site struct {
	Dir       string         // the project root
	Languages []string       // the languages, the default first
	Pages     int            // Markdown files per language
	News      int            // news items per language (in the notizie section)
	Months    map[string]int // news items per language in SmallMonth and, when it has them, LargeMonth
}

// fixedPages are the pages every portal has (the menus point at them), with their
// titles in Italian and English.
var fixedPages = []struct{ slug, it, en string }{
	{"aiuto", "Chiedi aiuto adesso", "Get help now"},
	{"chiamare", "Cosa succede quando chiami", "What happens when you call"},
	{"riconoscere", "Riconoscere lo sfruttamento", "Recognising exploitation"},
	{"diritti", "I tuoi diritti", "Your rights"},
	{"sicurezza-online", "Navigare in sicurezza", "Staying safe online"},
	{"servizi", "I servizi", "Services"},
	{"prevenzione", "Prevenzione", "Prevention"},
	{"progetto", "Il progetto", "The project"},
}

// sections are the list pages besides the home page, with their titles.
var sections = []struct{ dir, it, en, extra string }{
	{"notizie", "Notizie", "News", "outputs: [html, rss]\n"},
	{"dati", "I dati", "The data", ""},
	{"newsletter", "Newsletter", "Newsletter", ""},
	{"guide", "Guide", "Guides", ""},
}

// page is one content file, planned before any is written so that pages can link to
// each other; both languages write it from the same plan.
type page struct {
	file   string // relative to content/LANG/
	kind   string // "home", "fixed", "section", "guide", "news"
	index  int    // seeds the page's own random choices
	slug   string // fixed pages and sections
	title  [2]string
	weight int    // fixed pages: their order
	date   string // news only, YYYY-MM-DD
	links  []string
}

// Generate writes the synthetic site of spec into dstDir of dst: site.toml (the project's
// own, reduced to the two languages), content/it and content/en, and copies of the
// project's layouts, i18n, assets, static and data folders from srcDir of src. dstDir must not
// exist or be empty: Generate never replaces anything.
func Generate(src afero.Fs, srcDir string, dst afero.Fs, dstDir string, spec Spec) (*Site, error) {
	if spec.Pages < MinPages {
		return nil, fmt.Errorf("bench: %d pages per language is too few: a site needs at least %d (the fixed pages, the sections and a month of %d news)", spec.Pages, MinPages, SmallMonthItems)
	}
	if err := checkEmpty(dst, dstDir); err != nil {
		return nil, err
	}
	config, err := afero.ReadFile(src, filepath.Join(srcDir, "site.toml"))
	if err != nil {
		return nil, fmt.Errorf("bench: the project's config: %w", err)
	}
	twoLangs, err := TwoLanguageConfig(config)
	if err != nil {
		return nil, err
	}
	if err := copyFolders(src, srcDir, dst, dstDir, "layouts", "i18n", "assets", "static", "data"); err != nil {
		return nil, err
	}
	if err := writeFile(dst, filepath.Join(dstDir, "site.toml"), twoLangs); err != nil {
		return nil, err
	}
	pages, s := plan(spec)
	s.Dir = dstDir
	for li, lang := range Languages {
		w := &italian
		if lang == "en" {
			w = &english
		}
		for _, p := range pages {
			data := render(p, li, w, spec.Seed)
			if err := writeFile(dst, filepath.Join(dstDir, "content", lang, filepath.FromSlash(p.file)), data); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// CopyRealSite copies the project's site as it is (site.toml, content, layouts, i18n,
// assets, static and data) into dstDir, so it can be built without touching the project.
func CopyRealSite(src afero.Fs, srcDir string, dst afero.Fs, dstDir string) error {
	if err := checkEmpty(dst, dstDir); err != nil {
		return err
	}
	config, err := afero.ReadFile(src, filepath.Join(srcDir, "site.toml"))
	if err != nil {
		return fmt.Errorf("bench: the project's config: %w", err)
	}
	if err := copyFolders(src, srcDir, dst, dstDir, "content", "layouts", "i18n", "assets", "static", "data"); err != nil {
		return err
	}
	return writeFile(dst, filepath.Join(dstDir, "site.toml"), config)
}

// plan lays out the site's pages: the fixed ones, the news (a month of SmallMonthItems,
// a month of LargeMonthItems when there is room, the rest over other months) and guides
// in sub-sections of 50 files.
func plan(spec Spec) ([]page, *Site) {
	r := rand.New(rand.NewPCG(spec.Seed, 0x5eed))
	var pages []page
	add := func(p page) { p.index = len(pages) + 1; pages = append(pages, p) }

	add(page{file: "_index.md", kind: "home", title: [2]string{"ConTratTo – Contro la Tratta in Toscana", "ConTratTo – Against Trafficking in Tuscany"}})
	for i, f := range fixedPages {
		add(page{file: f.slug + ".md", kind: "fixed", slug: f.slug, title: [2]string{f.it, f.en}, weight: 10 * (i + 1)})
	}
	for _, s := range sections {
		add(page{file: s.dir + "/_index.md", kind: "section", slug: s.dir, title: [2]string{s.it, s.en}})
	}

	s := &Site{Languages: Languages, Pages: spec.Pages, Months: map[string]int{}}
	s.News = max(spec.Pages*3/10, SmallMonthItems+10)
	large := spec.Pages >= LargeMonthMinPages
	for i := range s.News {
		var y, m, d int
		switch {
		case i < SmallMonthItems:
			y, m, d = 2012, 6, 1+i%30
			s.Months[SmallMonth]++
		case large && i < SmallMonthItems+LargeMonthItems:
			y, m, d = 2012, 5, 1+i%31
			s.Months[LargeMonth]++
		default:
			for {
				y, m = 2008+r.IntN(6), 1+r.IntN(12)
				if y != 2012 || (m != 5 && m != 6) {
					break
				}
			}
			d = 1 + r.IntN(28)
		}
		add(page{file: fmt.Sprintf("notizie/%04d-%02d-%02d-notizia-%05d.md", y, m, d, i+1), kind: "news",
			date: fmt.Sprintf("%04d-%02d-%02d", y, m, d)})
	}

	left := spec.Pages - len(pages)
	for sub := 1; left > 0; sub++ {
		topic := sub % len(italian.topics)
		dir := fmt.Sprintf("guide/%s-%02d", italian.topics[topic], sub)
		add(page{file: dir + "/_index.md", kind: "section", slug: dir,
			title: [2]string{fmt.Sprintf(italian.titleGuide, italian.topics[topic], sub), fmt.Sprintf(english.titleGuide, english.topics[topic], sub)}})
		left--
		for n := 1; n <= 49 && left > 0; n++ {
			add(page{file: fmt.Sprintf("%s/pagina-%03d.md", dir, n), kind: "guide"})
			left--
		}
	}

	// Links: every page but the lists links to two to four regular pages.
	var targets []string
	for _, p := range pages {
		if p.kind == "fixed" || p.kind == "guide" || p.kind == "news" {
			targets = append(targets, "/"+strings.TrimSuffix(p.file, ".md"))
		}
	}
	for i := range pages {
		if pages[i].kind == "section" {
			continue
		}
		for range 2 + r.IntN(3) {
			pages[i].links = append(pages[i].links, targets[r.IntN(len(targets))])
		}
	}
	return pages, s
}

// render writes page p in the language at index li of Languages.
func render(p page, li int, w *words, seed uint64) []byte {
	// The same source of choices for both languages: the English page translates the Italian.
	r := rand.New(rand.NewPCG(seed, uint64(p.index)))
	var fm strings.Builder
	field := func(key, value string) { fmt.Fprintf(&fm, "%s: %q\n", key, value) }
	var body string
	switch p.kind {
	case "home", "fixed", "section":
		field("title", p.title[li])
		if p.kind != "home" {
			field("linkTitle", p.title[li])
		}
		field("description", strings.TrimSuffix(w.sentence(r), "."))
		if p.kind == "home" {
			field("translationKey", "home")
		} else {
			field("translationKey", "page-"+strings.ReplaceAll(p.slug, "/", "-"))
		}
		if p.weight > 0 {
			fmt.Fprintf(&fm, "weight: %d\n", p.weight)
		}
		for _, s := range sections {
			if s.dir == p.slug {
				fm.WriteString(s.extra)
			}
		}
		if p.kind == "section" {
			body = w.paragraph(r, 2+r.IntN(3)) + "\n\n" // a list page: a short introduction
		} else {
			body = w.body(r, p.links)
		}
	case "guide":
		topic := r.IntN(len(w.topics))
		field("title", fmt.Sprintf(w.titleGuide, w.topics[topic], p.index))
		field("description", strings.TrimSuffix(w.sentence(r), "."))
		field("translationKey", fmt.Sprintf("guide-%05d", p.index))
		fmt.Fprintf(&fm, "weight: %d\n", p.index)
		body = w.body(r, p.links)
	case "news":
		topic := r.IntN(len(w.topics))
		field("title", fmt.Sprintf(w.titleNews, w.topics[topic], p.index))
		fmt.Fprintf(&fm, "date: %s\n", p.date)
		field("description", strings.TrimSuffix(w.sentence(r), "."))
		field("summary", w.paragraph(r, 2))
		field("translationKey", fmt.Sprintf("news-%05d", p.index))
		body = w.body(r, p.links)
	}
	return []byte("---\n" + fm.String() + "---\n\n" + body)
}

// checkEmpty refuses a destination that already holds files.
func checkEmpty(fsys afero.Fs, dir string) error {
	entries, err := afero.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("bench: %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("bench: %s is not empty: give a new folder (nothing is replaced)", dir)
	}
	return nil
}

// copyFolders copies the named folders of the project, those it has.
func copyFolders(src afero.Fs, srcDir string, dst afero.Fs, dstDir string, names ...string) error {
	for _, name := range names {
		from := filepath.Join(srcDir, name)
		if _, err := src.Stat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := atomicfs.CopyTree(src, from, dst, filepath.Join(dstDir, name)); err != nil {
			return fmt.Errorf("bench: copy %s: %w", name, err)
		}
	}
	return nil
}

func writeFile(fsys afero.Fs, name string, data []byte) error {
	if err := fsys.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(fsys, name, data, 0o644)
}

// ContentFiles lists a language's Markdown files of the site in dir, as paths relative
// to content/LANG with forward slashes, sorted.
func ContentFiles(fsys afero.Fs, dir, lang string) ([]string, error) {
	root := filepath.Join(dir, "content", lang)
	var files []string
	err := afero.Walk(fsys, root, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		rel, err := filepath.Rel(root, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	return files, err
}
