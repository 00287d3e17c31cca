package newsletter_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/contratto/portal/newsletter/email"
	"github.com/contratto/portal/newsletter/partners"
)

// The partners' feeds of the tests: an Italian network in RSS and an English observatory
// in Atom, with items in June 2012 and around it.
const reteFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Rete di esempio</title><link>https://rete.example/</link><language>it</language>
<item><title>Corso per operatori &amp; operatrici</title><link>https://rete.example/corso</link><pubDate>Sun, 10 Jun 2012 09:00:00 +0200</pubDate>
<description><![CDATA[<p>Aperte le iscrizioni.</p><script>alert("x")</script>&lt;script&gt;resta testo&lt;/script&gt;]]></description></item>
<item><title>Incontro con le prefetture</title><link>https://rete.example/prefetture</link><pubDate>Wed, 20 Jun 2012 15:00:00 +0200</pubDate>
<description>Un incontro sui protocolli d'intesa.</description></item>
<item><title>Relazione di maggio</title><link>https://rete.example/maggio</link><pubDate>Wed, 16 May 2012 08:00:00 +0200</pubDate></item>
<item><title>Data sbagliata</title><link>https://rete.example/futuro</link><pubDate>Sat, 12 Jun 2032 10:00:00 +0000</pubDate></item>
</channel></rss>`

const observatoryFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Example Observatory</title><id>tag:observatory.example,2012:news</id>
<updated>2012-06-28T10:00:00Z</updated><link href="https://observatory.example/"/>
<entry><title>Report on labour exploitation</title><link href="https://observatory.example/report"/><id>tag:observatory.example,2012:report</id>
<updated>2012-06-12T08:00:00Z</updated><summary>A new report on exploitation in agriculture.</summary></entry>
<entry><title>An internal note</title><link href="https://observatory.example/internal"/><id>tag:observatory.example,2012:internal</id>
<updated>2012-06-15T08:00:00Z</updated></entry>
</feed>`

var fetchedAt = time.Date(2012, 7, 1, 9, 0, 0, 0, time.UTC)

// withPartners adds the two partners to the fixture's site.toml, an editorial that
// features one item and excludes another, and the portal's render hook of the block; it
// returns the partners and a switch that makes the feeds answer garbage.
func withPartners(t *testing.T, p site.Project) ([]partners.Partner, *atomic.Bool) {
	t.Helper()
	hostile := &atomic.Bool{}
	serve := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if hostile.Load() {
				fmt.Fprint(w, `<?xml version="1.0"?><rss><channel><item><title>broken`)
				return
			}
			fmt.Fprint(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/rete", serve(reteFeed))
	mux.Handle("/observatory", serve(observatoryFeed))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	config := filepath.Join(p.Dir, "site.toml")
	write(t, p, config, sitetest.Read(t, p.Fs, config)+fmt.Sprintf(`
[[params.newsletter.partners]]
id = "rete"
name = "Rete di esempio"
feed = "%s/rete"
languages = ["it"]

[[params.newsletter.partners]]
id = "osservatorio"
name = "Example Observatory"
feed = "%s/observatory"
languages = ["en"]

[[params.newsletter.partners]]
id = "silenzioso"
name = "A partner whose feed is not there"
feed = "%s/missing"
languages = ["it"]
`, srv.URL, srv.URL, srv.URL))
	write(t, p, filepath.Join(p.Dir, "content/newsletter", month, "editorial.it.md"), `---
network:
  feature:
    - https://rete.example/prefetture
  exclude:
    - https://observatory.example/internal
    - https://observatory.example/no-such-item
---
Un saluto dalla redazione: questo mese **due notizie** e i numeri del semestre.
`)
	withNetworkHook(t, p)
	list, err := partners.LoadConfig(p.Fs, p.ConfigPath())
	if err != nil {
		t.Fatal(err)
	}
	return list, hostile
}

// withNetworkHook copies the portal's render hook of the network block into the fixture.
func withNetworkHook(t *testing.T, p site.Project) {
	t.Helper()
	hook, err := os.ReadFile("../layouts/_markup/render-codeblock-network.html")
	if err != nil {
		t.Fatal(err)
	}
	write(t, p, filepath.Join(p.Dir, "layouts/_markup/render-codeblock-network.html"), string(hook))
}

func fetchPartners(t *testing.T, p site.Project, list []partners.Partner) []partners.Result {
	t.Helper()
	return partners.Fetch(context.Background(), p.Fs, p.Dir, list, partners.Options{Now: func() time.Time { return fetchedAt }})
}

func TestFromTheNetwork(t *testing.T) {
	p := fixture(t)
	list, hostile := withPartners(t, p)
	for _, r := range fetchPartners(t, p, list) {
		if (r.Outcome != partners.Updated) != (r.Partner.ID == "silenzioso") {
			t.Fatal(r.Line())
		}
	}
	out := assemble(t, p, newsletter.AssembleOptions{})
	for _, want := range []string{
		"\nwarning: data/partners/silenzioso.json: no snapshot of the partner \"A partner whose feed is not there\" yet: run newsletter fetch, then commit data/partners\n",
		"\nwarning: content/newsletter/2012-06/editorial.it.md: network: https://observatory.example/no-such-item is no item of the partners' snapshots",
	} {
		if strings.Count(out, want) != 1 {
			t.Errorf("the report does not warn once %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"    from the network: 3 item(s)\n",
		"    + [Rete di esempio] Corso per operatori & operatrici <https://rete.example/corso> (dated 2012-06-10)\n",
		"    + [Rete di esempio] Incontro con le prefetture <https://rete.example/prefetture> (featured by content/newsletter/2012-06/editorial.it.md)\n",
		"    - [Rete di esempio] Data sbagliata <https://rete.example/futuro> (dated in the future (2032-06-12T10:00:00Z): not trusted, left out)\n",
		"    + [Example Observatory] Report on labour exploitation <https://observatory.example/report> (dated 2012-06-12)\n",
		"    - [Example Observatory] An internal note <https://observatory.example/internal> (excluded by content/newsletter/2012-06/editorial.it.md)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Relazione di maggio") {
		t.Errorf("an item of May is in June's report:\n%s", out)
	}

	it := bundle(t, p, "it")
	var got []string
	for _, n := range it.Network {
		got = append(got, n.Partner+"|"+n.Title+"|"+n.Date+"|"+n.Lang+"|"+n.Reason)
	}
	if want := "Rete di esempio|Incontro con le prefetture|2012-06-20|it|feature, Rete di esempio|Corso per operatori & operatrici|2012-06-10|it|, Example Observatory|Report on labour exploitation|2012-06-12|en|"; strings.Join(got, ", ") != want {
		t.Errorf("front matter network:\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
	body := string(it.Body)
	news, netw, stats := strings.Index(body, "## Le notizie del mese"), strings.Index(body, "## Dalla rete\n\n```network\n"), strings.Index(body, "## I numeri")
	if !(news >= 0 && news < netw && netw < stats) {
		t.Errorf("the block is not after the portal's news and before the figures:\n%s", body)
	}

	dist := filepath.Join(p.Dir, "dist/newsletter", month)
	for _, lang := range []string{"it", "ar"} {
		html := sitetest.Read(t, p.Fs, filepath.Join(dist, lang, "email.html"))
		text := sitetest.Read(t, p.Fs, filepath.Join(dist, lang, "email.txt"))
		heading := map[string]string{"it": "Dalla rete", "ar": "من الشبكة"}[lang]
		golden(t, "network/"+lang+".email.html", htmlBlock(t, html, heading))
		golden(t, "network/"+lang+".email.txt", textBlock(t, text, heading))
		if strings.Contains(html, "<script") {
			t.Errorf("%s: a partner's script reached the email", lang)
		}
	}
	en := sitetest.Read(t, p.Fs, filepath.Join(dist, "en", "email.html"))
	if strings.Count(en, `<p lang="it" dir="auto"`) != 4 || strings.Contains(en, `lang="en" dir="auto"`) {
		t.Errorf("en: the Italian items are not marked lang=\"it\", or the English one is marked")
	}
	social := sitetest.Read(t, p.Fs, filepath.Join(dist, "it", "social.json"))
	if !strings.Contains(social, "Dalla rete, le notizie di: Rete di esempio, Example Observatory") {
		t.Errorf("the social drafts lack the partners' point:\n%s", social)
	}

	// The same files give the same issue; a hostile feed fetched since changes nothing.
	before := sitetest.Tree(t, p.Fs, filepath.Join(p.Dir, "content/newsletter"))
	hostile.Store(true)
	for _, r := range fetchPartners(t, p, list) {
		if r.Outcome != partners.Failed {
			t.Errorf("a broken feed: %s", r.Line())
		}
	}
	assemble(t, p, newsletter.AssembleOptions{})
	if diff := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, filepath.Join(p.Dir, "content/newsletter"))); diff != "" {
		t.Errorf("assembling again after a failed fetch changed the issue:\n%s", diff)
	}

	// The web version and the feeds, once published.
	publish(t, p, false)
	res, err := site.Build(sitetest.Options(p.Fs))
	if err != nil {
		t.Fatalf("portal build: %v", err)
	}
	page := sitetest.Read(t, res.Output, "/newsletter/"+month+"/index.html")
	for _, want := range []string{`<ul class="network">`, `<li><a href="https://observatory.example/report" rel="noreferrer" lang="en">Report on labour exploitation</a>`, `Rete di esempio · 10 giugno 2012`, `Corso per operatori &amp; operatrici`, `&lt;script&gt;resta testo&lt;/script&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("the web version lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "```network") {
		t.Errorf("the web version shows a script or the raw block:\n%s", page)
	}
	if err := archive.WriteFeeds(res); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		data := sitetest.Read(t, res.Output, "/newsletter/"+name)
		if !strings.Contains(data, "https://observatory.example/report") || !strings.Contains(data, "Dalla rete") {
			t.Errorf("/newsletter/%s lacks the partners' items", name)
		}
	}
}

// TestAMalformedNetworkBlockStopsThePortalBuild: the portal's render hook refuses a block
// with a link that is not http(s), naming the page and the line of the item.
func TestAMalformedNetworkBlockStopsThePortalBuild(t *testing.T) {
	p := fixture(t)
	withNetworkHook(t, p)
	write(t, p, filepath.Join(p.Dir, "content/it/notizie/rete.md"), "---\ntitle: Rete\ndate: 2012-06-11\n---\nTesto.\n\n```network\npartner: A\ntitle: T\nlink: javascript:alert(1)\n```\n")
	_, err := site.Build(sitetest.Options(p.Fs))
	if err == nil || !strings.Contains(err.Error(), `content/it/notizie/rete.md:8: network block: link "javascript:alert(1)" is not an absolute http(s) address`) {
		t.Errorf("portal build of a page with a javascript: link in its network block: %v", err)
	}
}

// htmlBlock is the "From the network" part of an email: its heading to the end of its list.
func htmlBlock(t *testing.T, html, heading string) string {
	t.Helper()
	i := strings.Index(html, ">"+heading+"</h2>")
	start := strings.LastIndex(html[:max(i, 0)], "<h2")
	end := strings.Index(html[max(i, 0):], "</ul>")
	if i < 0 || start < 0 || end < 0 {
		t.Fatalf("no block headed %q in the email", heading)
	}
	return html[start:i+end+len("</ul>")] + "\n"
}

var textHeading = regexp.MustCompile(`\n\n[^\n]+\n-{3,}\n`)

// textBlock is the block in the text version: its heading to the next heading.
func textBlock(t *testing.T, text, heading string) string {
	t.Helper()
	i := strings.Index(text, heading+"\n")
	if i < 0 {
		t.Fatalf("no block headed %q in the text version", heading)
	}
	rest := text[i:]
	if loc := textHeading.FindStringIndex(rest[len(heading)+1:]); loc != nil {
		rest = rest[:len(heading)+1+loc[0]]
	}
	return rest + "\n"
}

// TestManyPartnerItemsStayWithinTheEmailBudget: three partners with the most items a
// snapshot keeps, all in June, and the email still fits its budget.
func TestManyPartnerItemsStayWithinTheEmailBudget(t *testing.T) {
	p := fixture(t)
	config := filepath.Join(p.Dir, "site.toml")
	toml := sitetest.Read(t, p.Fs, config)
	for i := 1; i <= 3; i++ {
		id := fmt.Sprintf("p%d", i)
		toml += fmt.Sprintf("\n[[params.newsletter.partners]]\nid = %q\nname = \"Partner %d\"\nfeed = \"https://%s.example/feed\"\nlanguages = [\"en\"]\n", id, i, id)
		snap := partners.Snapshot{ID: id, Name: id, Feed: "https://" + id + ".example/feed", Languages: []string{"en"}, Fetched: "2012-07-01T00:00:00Z"}
		for j := 0; j < partners.MaxItems; j++ {
			snap.Items = append(snap.Items, partners.Item{
				ID: fmt.Sprint(j), Title: fmt.Sprintf("A partner's news item number %d with a title of ordinary length", j),
				Link: fmt.Sprintf("https://%s.example/news/%d", id, j), Date: fmt.Sprintf("2012-06-%02dT10:00:00Z", 1+j%28),
				Summary: strings.TrimSpace(strings.Repeat("A sentence of a summary of a news item, in plain words. ", 6)), Lang: "en",
			})
		}
		data, err := snap.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		write(t, p, filepath.Join(p.Dir, partners.Path(id)), string(data))
	}
	write(t, p, config, toml)
	var out bytes.Buffer
	if err := newsletter.Assemble(p, month, newsletter.AssembleOptions{Languages: []string{"it"}}, &out); err != nil {
		t.Fatal(err)
	}
	html := sitetest.Read(t, p.Fs, filepath.Join(p.Dir, "dist/newsletter", month, "it", "email.html"))
	if len(html) > email.MaxHTMLBytes {
		t.Errorf("email.html is %d bytes", len(html))
	}
	if !strings.Contains(out.String(), "to stay within the email budget") {
		t.Errorf("the report does not say the issue was trimmed:\n%s", out.String())
	}
}
