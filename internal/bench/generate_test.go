package bench

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/contratto/portal/internal/frontmatter"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/afero"
)

// project is the repository's own site, read-only: the generator takes its layouts,
// i18n, static files, statistics and site.toml from there.
func project(t testing.TB) (afero.Fs, string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return afero.NewReadOnlyFs(afero.NewOsFs()), root
}

func generate(t testing.TB, spec Spec) (afero.Fs, *Site) {
	t.Helper()
	src, root := project(t)
	dst := afero.NewMemMapFs()
	s, err := Generate(src, root, dst, "/site", spec)
	if err != nil {
		t.Fatal(err)
	}
	return dst, s
}

// files reads every file under dir.
func files(t testing.TB, fsys afero.Fs, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := afero.Walk(fsys, dir, func(path string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, path)
		out[strings.TrimPrefix(path, dir+"/")] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _ := generate(t, Spec{Pages: 150, Seed: 7})
	b, _ := generate(t, Spec{Pages: 150, Seed: 7})
	fa, fb := files(t, a, "/site"), files(t, b, "/site")
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c, _ := generate(t, Spec{Pages: 150, Seed: 8})
	if bytes.Equal(fa["content/it/aiuto.md"], files(t, c, "/site")["content/it/aiuto.md"]) {
		t.Error("another seed wrote the same text")
	}
}

func TestGenerateWritesThePagesAsked(t *testing.T) {
	for _, tc := range []struct {
		pages  int
		months map[string]int
	}{
		{100, map[string]int{SmallMonth: SmallMonthItems}},
		{777, map[string]int{SmallMonth: SmallMonthItems}},
		{2000, map[string]int{SmallMonth: SmallMonthItems, LargeMonth: LargeMonthItems}},
	} {
		fsys, s := generate(t, Spec{Pages: tc.pages, Seed: 1})
		if !reflect.DeepEqual(s.Months, tc.months) {
			t.Errorf("%d pages: months %v, want %v", tc.pages, s.Months, tc.months)
		}
		var lists [][]string
		for _, lang := range Languages {
			list, err := ContentFiles(fsys, "/site", lang)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != tc.pages {
				t.Errorf("%d pages: content/%s has %d Markdown files", tc.pages, lang, len(list))
			}
			lists = append(lists, list)
			news, dated := 0, map[string]int{}
			for _, f := range list {
				if strings.HasPrefix(f, "notizie/") && f != "notizie/_index.md" {
					news++
					dated[f[len("notizie/"):len("notizie/2012-06")]]++
				}
			}
			if news != s.News {
				t.Errorf("%d pages: %d news in %s, the site says %d", tc.pages, news, lang, s.News)
			}
			for m, n := range tc.months {
				if dated[m] != n {
					t.Errorf("%d pages: %d news of %s in %s, want %d", tc.pages, dated[m], m, lang, n)
				}
			}
		}
		if !reflect.DeepEqual(lists[0], lists[1]) {
			t.Errorf("%d pages: the two languages have different files", tc.pages)
		}
	}
}

var relref = regexp.MustCompile(`\{\{< relref "([^"]+)" >\}\}`)

func TestGeneratedFrontMatterIsValid(t *testing.T) {
	fsys, s := generate(t, Spec{Pages: 300, Seed: 3})
	keys := map[string]map[string]bool{}
	for _, lang := range Languages {
		keys[lang] = map[string]bool{}
		list, err := ContentFiles(fsys, "/site", lang)
		if err != nil {
			t.Fatal(err)
		}
		pages := map[string]bool{}
		for _, f := range list {
			pages["/"+strings.TrimSuffix(strings.TrimSuffix(f, ".md"), "/_index")] = true
		}
		for _, f := range list {
			path := filepath.Join("/site/content", lang, f)
			data, err := afero.ReadFile(fsys, path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := frontmatter.Split(data)
			if err != nil || doc.Format != "yaml" {
				t.Fatalf("%s: front matter %q: %v", path, doc.Format, err)
			}
			var fm map[string]any
			if err := doc.Decode(&fm, false); err != nil {
				t.Fatalf("%s:%v", path, err)
			}
			for _, k := range []string{"title", "description", "translationKey"} {
				if v, _ := fm[k].(string); strings.TrimSpace(v) == "" {
					t.Errorf("%s: no %s", path, k)
				}
			}
			key := fm["translationKey"].(string)
			if keys[lang][key] {
				t.Errorf("%s: translationKey %q used twice", path, key)
			}
			keys[lang][key] = true
			if strings.HasPrefix(f, "notizie/") && f != "notizie/_index.md" {
				date, ok := fm["date"].(string)
				if _, err := time.Parse("2006-01-02", date); !ok || err != nil || !strings.HasPrefix(f, "notizie/"+date) {
					t.Errorf("%s: date %v does not match the file name", path, fm["date"])
				}
				if s, _ := fm["summary"].(string); len(strings.Fields(s)) < 10 {
					t.Errorf("%s: summary %q is too short for a newsletter item", path, s)
				}
			}
			for _, m := range relref.FindAllStringSubmatch(string(doc.Body), -1) {
				if !pages[m[1]] {
					t.Errorf("%s links to %s, which is not a page", path, m[1])
				}
			}
			if !strings.Contains(string(doc.Body), "\n## ") && !strings.HasSuffix(f, "_index.md") {
				t.Errorf("%s has no heading", path)
			}
		}
	}
	if !reflect.DeepEqual(keys["it"], keys["en"]) {
		t.Error("the English pages are not translations of the Italian ones (different translationKeys)")
	}
	if s.News == 0 {
		t.Error("no news")
	}
}

func TestGeneratedBodiesHaveTheUsualMarkdown(t *testing.T) {
	fsys, _ := generate(t, Spec{Pages: 200, Seed: 1})
	all := files(t, fsys, "/site/content/it")
	var joined strings.Builder
	for _, data := range all {
		joined.Write(data)
	}
	text := joined.String()
	for what, pattern := range map[string]string{
		"a heading": "\n## ", "a sub-heading": "\n### ", "a list": "\n- ", "a table": "\n|:--|",
		"a link between pages": "{{< relref ", "a helpline": "{{< helpline ",
	} {
		if !strings.Contains(text, pattern) {
			t.Errorf("no page has %s (%q)", what, pattern)
		}
	}
}

func TestWordListsAreParallel(t *testing.T) {
	it, en := reflect.ValueOf(italian), reflect.ValueOf(english)
	for i := range it.NumField() {
		if it.Field(i).Kind() == reflect.Slice && it.Field(i).Len() != en.Field(i).Len() {
			t.Errorf("%s: %d Italian words, %d English: a page and its translation would differ", it.Type().Field(i).Name, it.Field(i).Len(), en.Field(i).Len())
		}
	}
}

func TestTwoLanguageConfig(t *testing.T) {
	src, root := project(t)
	real, err := afero.ReadFile(src, filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := TwoLanguageConfig(real)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := TwoLanguageConfig(real)
	if !bytes.Equal(out, again) {
		t.Error("two runs wrote different configs")
	}
	var before, after map[string]any
	if err := toml.Unmarshal(real, &before); err != nil {
		t.Fatal(err)
	}
	if err := toml.Unmarshal(out, &after); err != nil {
		t.Fatalf("the config written does not parse: %v", err)
	}
	var langs []string
	for code := range after["languages"].(map[string]any) {
		langs = append(langs, code)
	}
	if len(langs) != 2 || after["languages"].(map[string]any)["it"] == nil || after["languages"].(map[string]any)["en"] == nil {
		t.Errorf("languages %v, want it and en", langs)
	}
	for _, key := range []string{"params", "menus", "markup", "outputs", "baseURL", "defaultContentLanguage", "minify"} {
		if !reflect.DeepEqual(before[key], after[key]) {
			t.Errorf("%s changed", key)
		}
	}
	mounts := after["module"].(map[string]any)["mounts"].([]any)
	if len(mounts) != 4 {
		t.Errorf("%d mounts: %v", len(mounts), mounts)
	}
	if _, err := TwoLanguageConfig([]byte("title = 'x'\n")); err == nil {
		t.Error("a config without languages was accepted")
	}
}

func TestGenerateRefusesToReplaceOrToWriteTooLittle(t *testing.T) {
	src, root := project(t)
	dst := afero.NewMemMapFs()
	if err := afero.WriteFile(dst, "/site/keep.txt", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(src, root, dst, "/site", Spec{Pages: 200}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("writing into a folder with files: %v", err)
	}
	if _, err := Generate(src, root, afero.NewMemMapFs(), "/site", Spec{Pages: MinPages - 1}); err == nil || !strings.Contains(err.Error(), "too few") {
		t.Errorf("%d pages: %v", MinPages-1, err)
	}
	if err := CopyRealSite(src, root, dst, "/site"); err == nil {
		t.Error("CopyRealSite wrote into a folder with files")
	}
}

func TestCopyRealSite(t *testing.T) {
	src, root := project(t)
	dst := afero.NewMemMapFs()
	if err := CopyRealSite(src, root, dst, "/real"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.toml", "content/it/aiuto.md", "layouts/baseof.html", "i18n/it.toml", "data/stats"} {
		if _, err := dst.Stat(filepath.Join("/real", name)); err != nil {
			t.Errorf("%s was not copied: %v", name, err)
		}
	}
}
