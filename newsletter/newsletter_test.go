package newsletter_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	goldenfile "github.com/contratto/portal/internal/golden"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/contratto/portal/newsletter/email"
	"github.com/contratto/portal/newsletter/eml/smtptest"
	"github.com/spf13/afero"
)

const month = "2012-06"

// fixture writes testdata/fixture.txtar and, as its data/stats, what `newsletter stats
// release` writes for the seed (the golden files of TestStatsReleaseSeed) into memory.
func fixture(t *testing.T, extra ...string) site.Project {
	t.Helper()
	data, err := os.ReadFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := sitetest.Write(t, string(data)+strings.Join(extra, ""))
	if err := atomicfs.CopyTree(afero.NewOsFs(), "testdata/golden/stats", fsys, sitetest.Dir+"/data/stats"); err != nil {
		t.Fatal(err)
	}
	return sitetest.Project(fsys)
}

func assemble(t *testing.T, p site.Project, opts newsletter.AssembleOptions) string {
	t.Helper()
	var out bytes.Buffer
	if err := newsletter.Assemble(p, month, opts, &out); err != nil {
		t.Fatalf("assemble: %v", err)
	}
	return out.String()
}

var publishDate = time.Date(2012, 7, 2, 0, 0, 0, 0, time.UTC)

func publish(t *testing.T, p site.Project, force bool) string {
	t.Helper()
	var out bytes.Buffer
	if err := newsletter.Publish(p, month, newsletter.PublishOptions{Date: publishDate, Force: force}, &out); err != nil {
		t.Fatalf("publish: %v", err)
	}
	return out.String()
}

func bundle(t *testing.T, p site.Project, lang string) *newsletter.Bundle {
	t.Helper()
	rel := "content/newsletter/" + month + "/index." + lang + ".md"
	b, err := newsletter.ParseBundle(rel, lang, []byte(sitetest.Read(t, p.Fs, filepath.Join(p.Dir, rel))))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAssemblePicksTheMonthsItems(t *testing.T) {
	p := fixture(t)
	out := assemble(t, p, newsletter.AssembleOptions{})

	it := bundle(t, p, "it")
	var titles []string
	for _, item := range it.Items {
		titles = append(titles, item.Title)
	}
	if got := strings.Join(titles, " | "); got != "Il numero verde è attivo | Seminario a Livorno | Riunione della rete" {
		t.Errorf("items = %s (featured first, then by date; the excluded and July's left out)", got)
	}
	if it.Status != archive.StatusDraft || !it.Draft || it.Stats != "2012-H1" || it.Edited() {
		t.Errorf("front matter = %+v", it.FrontMatter)
	}
	body := string(it.Body)
	if !strings.HasPrefix(body, "Un saluto dalla redazione") {
		t.Errorf("the editorial is not at the top:\n%s", body)
	}
	for _, want := range []string{"[Seminario a Livorno](/notizie/seminario/)", "*giugno 2012*", "```chart\n", "| **2.651** |", "[800 290 290](tel:800290290)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Italian issue lacks %q", want)
		}
	}
	ar := bundle(t, p, "ar")
	if ar.ItemsLang != "en" || !strings.Contains(string(ar.Body), "(/ar/notizie/seminario/)") {
		t.Errorf("ar: itemsLang %q; the items should be the English text at Arabic addresses:\n%s", ar.ItemsLang, ar.Body)
	}
	for _, want := range []string{
		"+ Il numero verde è attivo (featured (newsletter: feature))",
		"- Nota interna (front matter says newsletter: exclude)",
		"editorial: content/newsletter/2012-06/editorial.it.md",
		"statistics: 2012-H1",
		"warning: content/it/notizie/senza-riassunto.md:1: no description and no text: the news feed and the newsletter show its title as its summary",
		"warning: content/it/notizie/senza-data.md:1: no date: the news feed and the newsletter leave it out",
		"ar  3 item(s), shown in English",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, lang := range []string{"it", "en", "ar"} {
		for _, name := range []string{"email.html", "email.txt", "issue.eml", "social.md", "social.json", "social.csv", "chart.png"} {
			if _, err := p.Fs.Stat(filepath.Join(p.Dir, "dist/newsletter", month, lang, name)); err != nil {
				t.Errorf("no preview %s/%s: %v", lang, name, err)
			}
		}
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	cases := []struct {
		name string
		run  func(site.Project) error
		want string
	}{
		{"a month without items", func(p site.Project) error {
			return newsletter.Assemble(p, "2012-05", newsletter.AssembleOptions{}, &bytes.Buffer{})
		}, "no items for 2012-05"},
		{"a malformed month", func(p site.Project) error {
			return newsletter.Assemble(p, "June 2012", newsletter.AssembleOptions{}, &bytes.Buffer{})
		}, "write it as YYYY-MM"},
		{"an unknown language", func(p site.Project) error {
			return newsletter.Assemble(p, month, newsletter.AssembleOptions{Languages: []string{"it", "xx"}}, &bytes.Buffer{})
		}, `unknown language "xx"`},
		{"publishing what was never assembled", func(p site.Project) error {
			return newsletter.Publish(p, month, newsletter.PublishOptions{}, &bytes.Buffer{})
		}, "index.it.md is missing: run newsletter assemble"},
		{"sending what was never rendered", func(p site.Project) error {
			return newsletter.SendTest(context.Background(), p, month, "it", "a@example.org", os.Getenv, &bytes.Buffer{})
		}, "issue.eml does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := fixture(t)
			before := sitetest.Tree(t, p.Fs, "/")
			err := c.run(p)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if d := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, "/")); d != "" {
				t.Errorf("files changed:\n%s", d)
			}
		})
	}
}

// TestChartStringsAreChecked: an interface string the statistics chart cannot hold (a
// "|" splits a chart line) stops assemble with the i18n file to fix, and nothing is written.
func TestChartStringsAreChecked(t *testing.T) {
	p := fixture(t)
	i18n := filepath.Join(p.Dir, "i18n", "it.toml")
	text := regexp.MustCompile(`(?m)^(stats_indicator_\w+ = ")`).ReplaceAllString(sitetest.Read(t, p.Fs, i18n), "${1}A | ")
	if err := afero.WriteFile(p.Fs, i18n, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Tree(t, p.Fs, "/")
	err := newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "i18n/it.toml: the chart of ") || !strings.Contains(err.Error(), `contains "|"`) {
		t.Fatalf("err = %v, want the chart's strings in i18n/it.toml named", err)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, "/")); d != "" {
		t.Errorf("files changed:\n%s", d)
	}
}

func TestBrokenBundleNamesFileAndLine(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	path := filepath.Join(p.Dir, "content/newsletter", month, "index.en.md")
	data := sitetest.Read(t, p.Fs, path)
	broken := strings.Replace(data, "status: draft\n", "status: [draft\n", 1)
	if err := afero.WriteFile(p.Fs, path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Tree(t, p.Fs, "/")
	err := newsletter.Publish(p, month, newsletter.PublishOptions{Date: publishDate}, &bytes.Buffer{})
	// The YAML parser notices the unclosed list on the broken line or the next.
	line := strings.Count(broken[:strings.Index(broken, "status: [")], "\n") + 1
	where := regexp.MustCompile(`content/newsletter/2012-06/index\.en\.md:(\d+): front matter`).FindStringSubmatch(fmt.Sprint(err))
	if where == nil || (where[1] != strconv.Itoa(line) && where[1] != strconv.Itoa(line+1)) {
		t.Fatalf("err = %v, want the file and line %d", err, line)
	}
	if d := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, "/")); d != "" {
		t.Errorf("a failed publish changed files:\n%s", d)
	}
}

func TestHandEditedDraftIsKeptUnlessForced(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	path := filepath.Join(p.Dir, "content/newsletter", month, "index.it.md")
	edited := sitetest.Read(t, p.Fs, path) + "\nUna riga aggiunta a mano.\n"
	if err := afero.WriteFile(p.Fs, path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	err := newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "edited by hand") {
		t.Fatalf("err = %v", err)
	}
	if got := sitetest.Read(t, p.Fs, path); got != edited {
		t.Error("assemble overwrote the hand edit")
	}
	assemble(t, p, newsletter.AssembleOptions{Force: true})
	if strings.Contains(sitetest.Read(t, p.Fs, path), "a mano") {
		t.Error("-force did not replace the draft")
	}
}

func TestPublishedIssueIsFrozen(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	out := publish(t, p, false)
	if !strings.Contains(out, "it  published on 2012-07-02") {
		t.Errorf("report:\n%s", out)
	}
	it := bundle(t, p, "it")
	if it.Status != archive.StatusPublished || it.Published != "2012-07-02" || it.Date != "2012-07-02" || it.Draft {
		t.Fatalf("front matter after publish = %+v", it.FrontMatter)
	}
	first := sitetest.Tree(t, p.Fs, "/")

	// Publishing again renders byte-identical artefacts and leaves the bundles alone.
	out = publish(t, p, false)
	if !strings.Contains(out, "already published on 2012-07-02") {
		t.Errorf("report:\n%s", out)
	}
	if d := sitetest.DiffTrees(first, sitetest.Tree(t, p.Fs, "/")); d != "" {
		t.Fatalf("publishing again changed files:\n%s", d)
	}

	// Assemble refuses to touch it.
	err := newsletter.Assemble(p, month, newsletter.AssembleOptions{Force: true}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "frozen") {
		t.Fatalf("assemble on a published issue: %v", err)
	}
	if d := sitetest.DiffTrees(first, sitetest.Tree(t, p.Fs, "/")); d != "" {
		t.Fatalf("assemble changed a published issue:\n%s", d)
	}

	// An edit after publication is refused, then published deliberately with -force.
	path := filepath.Join(p.Dir, "content/newsletter", month, "index.it.md")
	edited := strings.Replace(sitetest.Read(t, p.Fs, path), "Un saluto dalla redazione", "Un caro saluto dalla redazione", 1)
	if err := afero.WriteFile(p.Fs, path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	err = newsletter.Publish(p, month, newsletter.PublishOptions{Date: publishDate}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "changed after the issue was published") {
		t.Fatalf("publish of an edited issue: %v", err)
	}
	out = publish(t, p, true)
	for _, want := range []string{"it  correction of the issue published on 2012-07-02: text changed", "Artefacts changed: email.html, email.txt, issue.eml", "en  published on 2012-07-02; -force found no change in the text. Artefacts unchanged."} {
		if !strings.Contains(out, want) {
			t.Errorf("the -force report lacks %q:\n%s", want, out)
		}
	}
	if b := bundle(t, p, "it"); b.Updated != "2012-07-02" || b.Edited() {
		t.Errorf("after -force: updated %q, edited %v", b.Updated, b.Edited())
	}
}

func TestGoldenArtefacts(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	publish(t, p, false)
	for _, lang := range []string{"it", "ar"} {
		dir := filepath.Join(p.Dir, "dist/newsletter", month, lang)
		emlText := sitetest.Read(t, p.Fs, dir+"/issue.eml")
		headers, _, _ := strings.Cut(emlText, "\r\n\r\n")
		golden(t, lang+".email.html", sitetest.Read(t, p.Fs, dir+"/email.html"))
		golden(t, lang+".email.txt", sitetest.Read(t, p.Fs, dir+"/email.txt"))
		golden(t, lang+".eml-headers.txt", headers+"\r\n")
		golden(t, lang+".social.json", sitetest.Read(t, p.Fs, dir+"/social.json"))
		golden(t, lang+".index.md", sitetest.Read(t, p.Fs, filepath.Join(p.Dir, "content/newsletter", month, "index."+lang+".md")))
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Assert(t, filepath.Join("testdata", "golden", name), []byte(got))
}

func TestBusyMonthsStayWithinTheEmailBudget(t *testing.T) {
	for _, c := range []struct {
		items, listed int
		more          string
	}{
		// The fixture has three June items of its own: the featured one and the seminar
		// of 1 June come among the first 100, the meeting of 25 June does not.
		{50, 50, ""},
		{500, 98, "[Altre 403 notizie di questo mese sono sul sito](/notizie/)"},
	} {
		t.Run(strconv.Itoa(c.items), func(t *testing.T) {
			var items strings.Builder
			for i := 1; i <= c.items; i++ {
				fmt.Fprintf(&items, "-- content/it/notizie/n%03d.md --\n---\ntitle: Notizia numero %d con un titolo di lunghezza normale\ndate: 2012-06-%02d\nsummary: %s\n---\n",
					i, i, 1+i%28, strings.Repeat("Una frase di riassunto di una notizia, scritta in parole semplici. ", 4))
			}
			p := fixture(t, items.String())
			assemble(t, p, newsletter.AssembleOptions{Languages: []string{"it"}})
			html := sitetest.Read(t, p.Fs, filepath.Join(p.Dir, "dist/newsletter", month, "it", "email.html"))
			if len(html) > email.MaxHTMLBytes {
				t.Fatalf("email.html is %d bytes with %d items", len(html), c.items)
			}
			body := string(bundle(t, p, "it").Body)
			if n := len(regexp.MustCompile(`\]\(/notizie/n\d{3}/\)`).FindAllString(body, -1)); n != c.listed {
				t.Errorf("%d of %d items listed, want %d", n, c.items, c.listed)
			}
			if c.more != "" && !strings.Contains(body, c.more) {
				t.Errorf("no link to the rest (%s)", c.more)
			}
		})
	}
}

func TestSendTestReachesARealSMTPServer(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	server := smtptest.Start(t, false)
	env := map[string]string{
		"CONTRATTO_SMTP_HOST":     server.Host,
		"CONTRATTO_SMTP_PORT":     strconv.Itoa(server.Port),
		"CONTRATTO_SMTP_STARTTLS": "false",
	}
	var out bytes.Buffer
	err := newsletter.SendTest(context.Background(), p, month, "en", "redazione@contratto.example", func(k string) string { return env[k] }, &out)
	if err != nil {
		t.Fatal(err)
	}
	got := server.Messages()
	if len(got) != 1 {
		t.Fatalf("the server received %d messages", len(got))
	}
	msg := got[0]
	if msg.From != "newsletter@contratto.example" || len(msg.To) != 1 || msg.To[0] != "redazione@contratto.example" {
		t.Errorf("envelope %q → %v", msg.From, msg.To)
	}
	eml := sitetest.Read(t, p.Fs, filepath.Join(p.Dir, "dist/newsletter", month, "en", "issue.eml"))
	if want := "To: redazione@contratto.example\r\n" + eml; string(msg.Data) != want {
		t.Errorf("the server received other bytes than the .eml with a To header")
	}
	if !strings.Contains(out.String(), "sent dist/newsletter/2012-06/en/issue.eml to redazione@contratto.example") {
		t.Errorf("report: %s", out.String())
	}
}

// The portal builds without the email settings; the newsletter's own commands say which
// of them site.toml lacks, and write nothing.
func TestEmailSettingsAreRequired(t *testing.T) {
	cases := []struct {
		name, drop, want string
	}{
		{"two settings", "from|replyTo", "site.toml: [params.newsletter] needs from, replyTo"},
		{"all of them", "from|replyTo|messageIDDomain|unsubscribeMailto|unsubscribeOneClickURL|author|hashtags", "site.toml: [params.newsletter] needs from, messageIDDomain, replyTo, unsubscribeMailto"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := fixture(t)
			config := filepath.Join(p.Dir, "site.toml")
			dropped := regexp.MustCompile(`(?m)^(`+c.drop+`) = .*\n`).ReplaceAllString(sitetest.Read(t, p.Fs, config), "")
			if err := afero.WriteFile(p.Fs, config, []byte(dropped), 0o644); err != nil {
				t.Fatal(err)
			}
			before := sitetest.Tree(t, p.Fs, "/")
			for cmd, run := range map[string]func() error{
				"assemble": func() error { return newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{}) },
				"publish":  func() error { return newsletter.Publish(p, month, newsletter.PublishOptions{}, &bytes.Buffer{}) },
			} {
				if err := run(); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: err = %v, want %q", cmd, err, c.want)
				}
			}
			if d := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, "/")); d != "" {
				t.Errorf("files changed:\n%s", d)
			}
		})
	}
}

// An error in the Markdown names the file staff wrote it in and the line in that file,
// front matter included: the editorial while assembling, the bundle while publishing.
func TestMarkdownErrorsNameTheirFileAndLine(t *testing.T) {
	p := fixture(t)
	editorial := filepath.Join(p.Dir, "content/newsletter", month, "editorial.it.md")
	text := "---\ntitle: ignored\n---\n\nUn saluto.\n\n```chart\nTitolo\nLavoro 5\n```\n\n![](foto.png)\n"
	if err := afero.WriteFile(p.Fs, editorial, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	err := newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{})
	for _, want := range []string{
		`content/newsletter/2012-06/editorial.it.md:9: chart block: "Lavoro 5" is not a bar`,
		`content/newsletter/2012-06/editorial.it.md:12:1: image "foto.png" has no alt text`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("assemble: err = %v, want %q", err, want)
		}
	}

	if err := p.Fs.Remove(editorial); err != nil {
		t.Fatal(err)
	}
	assemble(t, p, newsletter.AssembleOptions{})
	path := filepath.Join(p.Dir, "content/newsletter", month, "index.en.md")
	edited := sitetest.Read(t, p.Fs, path) + "\n```chart\nTitle\nWork 5\n```\n"
	if err := afero.WriteFile(p.Fs, path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(edited[:strings.Index(edited, "Work 5")], "\n") + 1
	err = newsletter.Publish(p, month, newsletter.PublishOptions{Date: publishDate}, &bytes.Buffer{})
	want := fmt.Sprintf(`content/newsletter/2012-06/index.en.md:%d: chart block: "Work 5" is not a bar`, line)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("publish: err = %v, want %q", err, want)
	}
}

func TestBundleProblemsNameTheirLine(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	path := filepath.Join(p.Dir, "content/newsletter", month, "index.en.md")
	data := strings.Replace(sitetest.Read(t, p.Fs, path), "status: draft\n", "status: sent\n", 1)
	if err := afero.WriteFile(p.Fs, path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(data[:strings.Index(data, "status: sent")], "\n") + 1
	err := newsletter.Publish(p, month, newsletter.PublishOptions{Date: publishDate}, &bytes.Buffer{})
	want := fmt.Sprintf(`content/newsletter/2012-06/index.en.md:%d: front matter: status "sent" is neither draft nor published`, line)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
