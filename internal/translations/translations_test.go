package translations

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/spf13/afero"
)

// fixture writes testdata/site.txtar, with files added or replaced, into memory.
func fixture(t *testing.T, extra string) Project {
	t.Helper()
	data, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return open(t, sitetest.Project(sitetest.Write(t, string(data)+extra)))
}

func open(t *testing.T, p site.Project) Project {
	t.Helper()
	tp, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

func read(t *testing.T, tp Project, lang, page string) *Page {
	t.Helper()
	p, err := tp.ReadPage(lang, page)
	if err != nil || p == nil {
		t.Fatalf("%s %s: %v", lang, page, err)
	}
	return p
}

// edit replaces one piece of text in a file of the project.
func edit(t *testing.T, tp Project, file, old, new string) {
	t.Helper()
	text := sitetest.Read(t, tp.Fs, tp.Path(file))
	if !strings.Contains(text, old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := afero.WriteFile(tp.Fs, tp.Path(file), []byte(strings.Replace(text, old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenOrdersTheLanguagesAsTheConfig(t *testing.T) {
	tp := fixture(t, "")
	if tp.Source != "it" || strings.Join(tp.Languages, " ") != "en fr" {
		t.Errorf("source %q, languages %v", tp.Source, tp.Languages)
	}
}

func TestHashChangesWithTheTextOnly(t *testing.T) {
	tp := fixture(t, "")
	base := read(t, tp, "it", "aiuto.md").Hash()
	same := map[string][2]string{
		"another weight":       {"weight: 10", "weight: 20"},
		"another key":          {"translationKey: \"help\"", "translationKey: \"help\"\ndate: 2012-01-01"},
		"a line wrapped again": {"Risponde\na ogni ora.", "Risponde a ogni\nora."},
		"more spaces":          {"La linea è gratis.", "La linea  è   gratis. "},
		"quotes in YAML":       {`title: "Chiedi aiuto"`, `title: Chiedi aiuto`},
	}
	for name, c := range same {
		tp := fixture(t, "")
		edit(t, tp, "content/it/aiuto.md", c[0], c[1])
		if h := read(t, tp, "it", "aiuto.md").Hash(); h != base {
			t.Errorf("%s changes the hash", name)
		}
	}
	changed := map[string][2]string{
		"a sentence":    {"La linea è gratis.", "La linea non costa nulla."},
		"the title":     {`title: "Chiedi aiuto"`, `title: "Aiuto"`},
		"the menu":      {`linkTitle: "Aiuto"`, `linkTitle: "Chiedi"`},
		"a description": {"Chi chiamare, subito.", "Chi chiamare."},
		"a summary":     {"weight: 10", "weight: 10\nsummary: In breve."},
		"a helpline":    {`{{< helpline "regional" >}}`, `{{< helpline "emergency" >}}`},
	}
	for name, c := range changed {
		tp := fixture(t, "")
		edit(t, tp, "content/it/aiuto.md", c[0], c[1])
		if h := read(t, tp, "it", "aiuto.md").Hash(); h == base || len(h) != 12 {
			t.Errorf("changing %s gives the hash %q (before: %q)", name, h, base)
		}
	}
}

func TestTheTranslationsKeepTheirSourcesStructure(t *testing.T) {
	tp := fixture(t, "")
	src := read(t, tp, "it", "aiuto.md")
	for _, lang := range tp.Languages {
		if d := Compare(src, read(t, tp, lang, "aiuto.md")); d != nil {
			t.Errorf("%s: %v", lang, d)
		}
	}
	if len(src.Marks) != 10 {
		t.Errorf("marks: %v", src.Marks)
	}
}

func TestStructuralDifferences(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string // the Difference's text
	}{
		{"a list item dropped", "- Ligne régionale : {{< helpline \"regional\" >}}\n", "",
			`content/fr/aiuto.md:9: the translation lacks {{< helpline "regional" >}} that its source has (source content/it/aiuto.md:16)`},
		{"a list item dropped, its text only", "- Un [service près]({{< relref \"/servizi\" >}}) de chez vous.\n", "",
			`content/fr/aiuto.md:18: the translation has a level 3 heading where its source has a list item (source content/it/aiuto.md:17)`},
		{"a numbered step dropped", "2. On vous explique ce que vous pouvez faire.\n", "",
			`content/fr/aiuto.md:21: the translation lacks a numbered step that its source has (source content/it/aiuto.md:22)`},
		{"a heading's level", "### Ce qui se passe", "## Ce qui se passe",
			`content/fr/aiuto.md:19: the translation has a level 2 heading where its source has a level 3 heading (source content/it/aiuto.md:19)`},
		{"a helpline", `Appelez le {{< helpline "emergency" >}}`, `Appelez le 112`,
			`content/fr/aiuto.md:16: the translation has {{< helpline "regional" >}} where its source has {{< helpline "emergency" >}} (source content/it/aiuto.md:9)`},
		{"a link's target", `relref "/servizi"`, `relref "/aiuto"`,
			`content/fr/aiuto.md:17: the translation has the link "/aiuto" where its source has the link "/servizi" (source content/it/aiuto.md:17)`},
		{"an image dropped", "![Une carte de la Toscane](/mappa.png)\n", "",
			`content/fr/aiuto.md:24: the translation lacks the image "/mappa.png" that its source has (source content/it/aiuto.md:24)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tp := fixture(t, "")
			edit(t, tp, "content/fr/aiuto.md", c.old, c.new)
			d := Compare(read(t, tp, "it", "aiuto.md"), read(t, tp, "fr", "aiuto.md"))
			if d == nil || d.Error() != c.want {
				t.Errorf("got  %v\nwant %s", d, c.want)
			}
		})
	}
}

func TestRecordAndOutdated(t *testing.T) {
	tp := fixture(t, "")
	before := sitetest.Read(t, tp.Fs, tp.Path("content/fr/aiuto.md"))
	changed, err := tp.Record("fr")
	if err != nil || strings.Join(changed, " ") != "content/fr/aiuto.md" {
		t.Fatalf("record: %v %v", changed, err)
	}
	hash := read(t, tp, "it", "aiuto.md").Hash()
	after := sitetest.Read(t, tp.Fs, tp.Path("content/fr/aiuto.md"))
	if want := strings.Replace(before, "weight: 10\n", "weight: 10\nsourceHash: \""+hash+"\"\n", 1); after != want {
		t.Errorf("recorded file:\n%s\nwant:\n%s", after, want)
	}
	states := func() string {
		st, err := tp.Statuses()
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, x := range st {
			s = append(s, x.Lang+" "+x.Page+" "+[]string{"untranslated", "current", "outdated", "unrecorded"}[x.State])
		}
		return strings.Join(s, ", ")
	}
	if got := states(); got != "en _index.md untranslated, en aiuto.md unrecorded, en servizi.md untranslated, fr _index.md untranslated, fr aiuto.md current, fr servizi.md untranslated" {
		t.Errorf("states: %s", got)
	}
	edit(t, tp, "content/it/aiuto.md", "La linea è gratis.", "La linea non costa nulla.")
	if got := states(); !strings.Contains(got, "fr aiuto.md outdated") {
		t.Errorf("states after a change: %s", got)
	}
	if _, err := tp.Record("fr", "aiuto.md"); err != nil {
		t.Fatal(err)
	}
	if got := states(); !strings.Contains(got, "fr aiuto.md current") {
		t.Errorf("states after recording again: %s", got)
	}
	if strings.Count(sitetest.Read(t, tp.Fs, tp.Path("content/fr/aiuto.md")), HashKey) != 1 {
		t.Error("recording twice writes two records")
	}
}

func TestRecordRefuses(t *testing.T) {
	tp := fixture(t, "")
	if _, err := tp.Record("de"); err == nil || !strings.Contains(err.Error(), `"de" is not a language`) {
		t.Errorf("unknown language: %v", err)
	}
	if _, err := tp.Record("fr", "servizi.md"); err == nil || !strings.Contains(err.Error(), "content/fr/servizi.md: not translated yet") {
		t.Errorf("missing translation: %v", err)
	}
	edit(t, tp, "content/fr/aiuto.md", "## Qui appeler", "Qui appeler")
	if _, err := tp.Record("fr", "aiuto"); err == nil || !strings.Contains(err.Error(), "content/fr/aiuto.md:") || !strings.Contains(err.Error(), "content/it/aiuto.md:11") {
		t.Errorf("a translation whose structure differs: %v", err)
	}
}

// TestWhatChangedComesFromGit: the diff of an outdated translation is between the source
// as it was when the translation was recorded (found in git) and the source now.
func TestWhatChangedComesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	mem := fixture(t, "")
	for name, data := range sitetest.Tree(t, mem.Fs, sitetest.Dir) {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	tp := open(t, site.Project{Fs: afero.NewOsFs(), Dir: dir})
	if _, err := tp.Record("fr"); err != nil {
		t.Fatal(err)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	edit(t, tp, "content/it/aiuto.md", "La linea è gratis.", "La linea non costa nulla.")
	git("commit", "-q", "-am", "second")
	edit(t, tp, "content/it/aiuto.md", "### Che cosa succede", "### Che cosa succede dopo")

	r, err := tp.Review()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Outdated) != 1 || strings.Join(r.Outdated[0].Langs, " ") != "fr" {
		t.Fatalf("outdated: %+v", r.Outdated)
	}
	want := `content/it/aiuto.md:13:
- La linea è gratis. Risponde
+ La linea non costa nulla. Risponde
content/it/aiuto.md:19:
- ### Che cosa succede
+ ### Che cosa succede dopo
`
	if got := r.Outdated[0].Diff; got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}

	// The translator's pack holds only what changed, the French as a fuzzy draft and the
	// Italian it translated as the previous text; imported, it changes only that.
	file, err := tp.Export("fr")
	if err != nil {
		t.Fatal(err)
	}
	var ctxs []string
	for _, e := range file.Entries {
		ctxs = append(ctxs, e.Context)
	}
	if got := strings.Join(ctxs, " "); got != "_index.md#title _index.md#description aiuto.md#b3 aiuto.md#b6 servizi.md#title servizi.md#description servizi.md#b1" {
		t.Errorf("exported: %s", got)
	}
	if e := file.Entries[2]; e.Previous != "La linea è gratis. Risponde\na ogni ora." || e.Str != "La ligne est gratuite. Elle répond\nà toute heure." || !e.Fuzzy() {
		t.Errorf("a changed paragraph: %+v", e)
	}
	Translate(file)
	if _, _, err := tp.Import("fr.po", file); err != nil {
		t.Fatal(err)
	}
	sitetest.AssertContains(t, tp.Fs, tp.Path("content/fr/aiuto.md"), "**Vous êtes en danger ?**", "\nLA LINEA NON COSTA NULLA. RISPONDE\nA OGNI ORA.\n", "\n### CHE COSA SUCCEDE DOPO\n", "1. On vous écoute.")
	if r, err = tp.Review(); err != nil || len(r.Outdated) != 0 {
		t.Errorf("after the import: %+v, %v", r.Outdated, err)
	}
	git("commit", "-q", "-am", "third")

	// A new list item in the source is no error for a translation made before it.
	edit(t, tp, "content/it/aiuto.md", "- Linea regionale", "- Linea nuova.\n- Linea regionale")
	// (English records nothing, so it is held to the source as it is.)
	if r, err = tp.Review(); err != nil || len(r.Differences) != 1 || r.Differences[0].Translation != "content/en/aiuto.md" || len(r.Outdated) != 1 {
		t.Errorf("review after a new list item: %+v, %v", r.Differences, err)
	}

	// A recorded version that is in no commit leaves the diff out and says why.
	edit(t, tp, "content/fr/aiuto.md", `sourceHash: "`, `sourceHash: "0`)
	if r, err = tp.Review(); err != nil || len(r.Outdated) != 1 || r.Outdated[0].Diff != "" || r.Outdated[0].NoDiff == nil {
		t.Errorf("review: %+v, %v", r.Outdated, err)
	}
}
