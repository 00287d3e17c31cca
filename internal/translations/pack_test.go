package translations

import (
	"bytes"
	"github.com/contratto/portal/internal/po"
	"strings"
	"testing"
	"unicode"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
)

// packFixture is the fixture with the French help page recorded, then its source
// changed (outdated), the services page not translated, and the English page without a
// record.
func packFixture(t *testing.T) Project {
	t.Helper()
	tp := fixture(t, "")
	if _, err := tp.Record("fr"); err != nil {
		t.Fatal(err)
	}
	edit(t, tp, "content/it/aiuto.md", "La linea è gratis.", "La linea non costa nulla.")
	return tp
}

func export(t *testing.T, tp Project, lang string) *po.File {
	t.Helper()
	file, err := tp.Export(lang)
	if err != nil {
		t.Fatal(err)
	}
	// What is exported is what a PO file holds: write it and read it back.
	var buf bytes.Buffer
	if err := po.Write(&buf, file); err != nil {
		t.Fatal(err)
	}
	again, err := po.Read(lang+".file", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	return again
}

func entry(t *testing.T, file *po.File, ctx string) *po.Entry {
	t.Helper()
	for i := range file.Entries {
		if file.Entries[i].Context == ctx {
			return &file.Entries[i]
		}
	}
	t.Fatalf("no entry %s", ctx)
	return nil
}

func TestExport(t *testing.T) {
	tp := packFixture(t)
	file := export(t, tp, "fr")
	if file.HeaderField("Language") != "fr" {
		t.Errorf("header: %v", file.Header)
	}
	var ctxs []string
	for _, e := range file.Entries {
		ctxs = append(ctxs, e.Context)
	}
	// Without a history every text of the outdated page is exported; every text of the
	// untranslated one.
	if got := strings.Join(ctxs, " "); got != "_index.md#title _index.md#description aiuto.md#title aiuto.md#linkTitle aiuto.md#description aiuto.md#b1 aiuto.md#b2 aiuto.md#b3 aiuto.md#b4 aiuto.md#b5 aiuto.md#b6 aiuto.md#b7 aiuto.md#b8 aiuto.md#b9 servizi.md#title servizi.md#description servizi.md#b1" {
		t.Errorf("entries: %s", got)
	}
	e := entry(t, file, "aiuto.md#b5")
	if e.ID != "Un <1>servizio vicino</1> a te." || e.Str != "Un <1>service près</1> de chez vous." || !e.Fuzzy() ||
		strings.Join(e.Extracted, "|") != "English: A <1>service near</1> you." || strings.Join(e.References, "|") != "content/it/aiuto.md:17" {
		t.Errorf("a list item with a link: %+v", e)
	}
	if e := entry(t, file, "aiuto.md#b1"); e.ID != "**Sei in pericolo?** Chiama il {1}." || e.Str != "**Vous êtes en danger ?** Appelez le {1}." {
		t.Errorf("a paragraph with a shortcode: %+v", e)
	}
	if e := entry(t, file, "aiuto.md#b9"); e.ID != "<1>Una mappa della Toscana</1>" {
		t.Errorf("an image: %+v", e)
	}
	if e := entry(t, file, "servizi.md#b1"); e.Str != "" || e.Fuzzy() {
		t.Errorf("an untranslated text: %+v", e)
	}
	if _, err := tp.Export("de"); err == nil {
		t.Error("exported a language the site does not have")
	}
}

// TestUntouchedPORoundTrip: importing the exported file as it is changes nothing.
func TestUntouchedPORoundTrip(t *testing.T) {
	tp := packFixture(t)
	before := sitetest.Tree(t, tp.Fs, sitetest.Dir)
	written, notes, err := tp.Import("fr.file", export(t, tp, "fr"))
	if err != nil || len(written) != 0 || len(notes) != 3 {
		t.Fatalf("written %v, notes %v, err %v", written, notes, err)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, tp.Fs, sitetest.Dir)); d != "" {
		t.Errorf("the import changed the project:\n%s", d)
	}
}

// TestAcceptedDraftsRoundTrip: accepting every draft of an outdated page writes it back
// byte for byte, with the record of the source's new version.
func TestAcceptedDraftsRoundTrip(t *testing.T) {
	tp := packFixture(t)
	before := sitetest.Read(t, tp.Fs, tp.Path("content/fr/aiuto.md"))
	oldHash := read(t, tp, "fr", "aiuto.md").RecordedHash()
	file := export(t, tp, "fr")
	for i := range file.Entries {
		file.Entries[i].Flags = nil
	}
	written, _, err := tp.Import("fr.file", file)
	if err != nil || strings.Join(written, " ") != "content/fr/aiuto.md" {
		t.Fatalf("written %v: %v", written, err)
	}
	want := strings.Replace(before, oldHash, read(t, tp, "it", "aiuto.md").Hash(), 1)
	if got := sitetest.Read(t, tp.Fs, tp.Path("content/fr/aiuto.md")); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// upper translates mechanically: the text in capitals, the placeholders as they are.
func upper(s string) string {
	var b strings.Builder
	last := 0
	for _, tok := range placeholders(s) {
		b.WriteString(strings.Map(unicode.ToUpper, s[last:tok.start]))
		b.WriteString(tok.text)
		last = tok.end
	}
	b.WriteString(strings.Map(unicode.ToUpper, s[last:]))
	return b.String()
}

// Translate fills every entry of a PO file mechanically, as a translator would.
func Translate(file *po.File) {
	for i := range file.Entries {
		file.Entries[i].Str = upper(file.Entries[i].ID)
		file.Entries[i].Flags = nil
	}
}

func TestTranslatedPOIsImported(t *testing.T) {
	tp := packFixture(t)
	file := export(t, tp, "fr")
	Translate(file)
	written, notes, err := tp.Import("fr.file", file)
	if err != nil || strings.Join(written, " ") != "content/fr/_index.md content/fr/aiuto.md content/fr/servizi.md" || len(notes) != 0 {
		t.Fatalf("written %v, notes %v: %v", written, notes, err)
	}
	st, err := tp.Statuses()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.Lang == "fr" && s.State != Current {
			t.Errorf("%s is not current after the import", s.Translation.Path)
		}
		if s.Lang == "fr" && Compare(s.Source, s.Translation) != nil {
			t.Errorf("%v", Compare(s.Source, s.Translation))
		}
	}
	got := sitetest.Read(t, tp.Fs, tp.Path("content/fr/servizi.md"))
	want := "---\ntitle: \"I SERVIZI\"\ndescription: \"I SERVIZI IN TOSCANA.\"\ntranslationKey: \"services\"\nsourceHash: \"" + read(t, tp, "it", "servizi.md").Hash() + "\"\n---\n\nIN TUTTA LA TOSCANA C'È UNA RETE DI SERVIZI.\n"
	if got != want {
		t.Errorf("a new page:\n%s\nwant:\n%s", got, want)
	}
	sitetest.AssertContains(t, tp.Fs, tp.Path("content/fr/aiuto.md"),
		"- UN [SERVIZIO VICINO]({{< relref \"/servizi\" >}}) A TE.\n",
		"**SEI IN PERICOLO?** CHIAMA IL {{< helpline \"emergency\" >}}.\n",
		"![UNA MAPPA DELLA TOSCANA](/mappa.png)\n",
		"LA LINEA NON COSTA NULLA. RISPONDE\nA OGNI ORA.\n")

	// The site builds, with the translated pages in French.
	res, err := site.Build(site.Options{Project: tp.Project})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	sitetest.AssertContains(t, res.Output, "/fr/aiuto/index.html", "LA LINEA NON COSTA NULLA", `<a href="tel:112">112</a>`, `alt="UNA MAPPA DELLA TOSCANA"`)
	sitetest.AssertContains(t, res.Output, "/fr/servizi/index.html", "IN TUTTA LA TOSCANA")
}

func TestImportRefusesLostPlaceholders(t *testing.T) {
	cases := []struct{ ctx, str, want string }{
		{"aiuto.md#b1", "Appelez.", "msgstr: {1} is missing"},
		{"aiuto.md#b1", "Appelez {1} {1}.", "msgstr: {1} is there twice"},
		{"aiuto.md#b1", "Appelez {2}.", "msgstr: {2} is not a placeholder of the source text"},
		{"aiuto.md#b5", "Un <1>service près de chez vous.", "msgstr: <1> is not closed by </1>"},
		{"aiuto.md#b5", "Un service</1> près.", "msgstr: </1> closes nothing open"},
		{"aiuto.md#b5", "Un {1} près.", "msgstr: {1} is not a placeholder of the source text (it has <1>…</1>)"},
		{"aiuto.md#b2", "Qui appeler\n\nmaintenant", "a blank line would split the text into two blocks"},
		{"aiuto.md#b3", "La ligne est gratuite.\n- Toujours.", "would not keep the structure of its source"},
	}
	for _, c := range cases {
		tp := packFixture(t)
		before := sitetest.Tree(t, tp.Fs, sitetest.Dir)
		file := export(t, tp, "fr")
		Translate(file)
		e := entry(t, file, c.ctx)
		e.Str = c.str
		_, _, err := tp.Import("fr.file", file)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "fr.file:") {
			t.Errorf("%q: got %v, want %s", c.str, err, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), c.ctx) && !strings.Contains(err.Error(), "aiuto.md#title") {
			t.Errorf("%q: the error does not name the entry: %v", c.str, err)
		}
		if d := sitetest.DiffTrees(before, sitetest.Tree(t, tp.Fs, sitetest.Dir)); d != "" {
			t.Errorf("%q: a refused import changed the project:\n%s", c.str, d)
		}
	}
}

func TestImportRefusesAStaleExport(t *testing.T) {
	tp := packFixture(t)
	file := export(t, tp, "fr")
	Translate(file)
	edit(t, tp, "content/it/servizi.md", "una rete di servizi", "una rete")
	_, _, err := tp.Import("fr.file", file)
	if err == nil || !strings.Contains(err.Error(), "servizi.md#b1: the source text changed since the export: export again") {
		t.Errorf("got %v", err)
	}
	file.Header = []string{"Language: de"}
	if _, _, err := tp.Import("x.file", file); err == nil || !strings.HasPrefix(err.Error(), `x.file:1: the header's Language "de"`) {
		t.Errorf("got %v", err)
	}
}

func TestExportRefusesTextLikeAPlaceholder(t *testing.T) {
	tp := fixture(t, "")
	edit(t, tp, "content/it/servizi.md", "una rete di servizi.", "una rete di servizi {1}.")
	if _, err := tp.Export("fr"); err == nil || err.Error() != `content/it/servizi.md:7: "{1}" looks like a translator's placeholder: write it another way` {
		t.Errorf("got %v", err)
	}
}
