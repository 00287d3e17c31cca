package portal

// The staff's routine, on a copy of the real project: a month of news (none with a summary;
// one without body or description, one without a date), the statistics of a new period,
// the month's newsletter assembled and published, the portal built and checked — each step
// as staff run it, and after each step every invariant of the real site. The month and the
// period are the ones after the project's latest, and the figures are made up here, so the
// test stays true whatever content and data the project holds.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/feedlinttest"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/internal/stats"
	"github.com/contratto/portal/newsletter"
	"github.com/mmcdole/gofeed"
	"github.com/spf13/afero"
	"github.com/spf13/cast"
)

// projectSources are what a clone of the project holds besides the Go code.
var projectSources = []string{"site.toml", "content", "layouts", "i18n", "assets", "data"}

// copyRealProject copies the real project's sources into a new folder on disk, where the
// commands can run on it as staff run them in the repository.
func copyRealProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	osfs := afero.NewOsFs()
	if err := osfs.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range projectSources {
		if err := atomicfs.CopyTree(osfs, filepath.Join(realRoot, name), osfs, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// command is the entry point of a command line: portal.Main or newsletter.Main.
type command func(args []string, stdout, stderr io.Writer) int

// run runs a command as staff type it and returns what it printed; any exit status but 0
// fails the test.
func run(t *testing.T, main command, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("%s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String() + stderr.String()
}

// nextPeriod is the period of the same length that starts the day after p ends.
func nextPeriod(p stats.Period) stats.Period {
	start := p.End().AddDate(0, 0, 1)
	switch p.Kind {
	case stats.Month:
		return stats.Period{Kind: p.Kind, Year: start.Year(), N: int(start.Month())}
	case stats.Quarter:
		return stats.Period{Kind: p.Kind, Year: start.Year(), N: (int(start.Month())-1)/3 + 1}
	case stats.Semester:
		return stats.Period{Kind: p.Kind, Year: start.Year(), N: (int(start.Month())-1)/6 + 1}
	}
	return stats.Period{Kind: stats.Year, Year: start.Year(), N: 1}
}

// nextRoutine picks what staff do next on b: the statistics period after the latest
// release (a month when there is none yet), and the month after both that period and the
// latest dated page.
func nextRoutine(t *testing.T, b builtProject) (period stats.Period, month time.Time) {
	t.Helper()
	var latest time.Time
	for _, pages := range b.res.Pages {
		for _, p := range pages {
			if p.Date.After(latest) {
				latest = p.Date
			}
		}
	}
	releases := releasesOf(t, b)
	if len(releases) == 0 {
		period = stats.Period{Kind: stats.Month, Year: latest.Year(), N: int(latest.Month())}
	} else {
		last := stats.MustParsePeriod(releases[len(releases)-1].Period)
		for _, r := range releases {
			if p := stats.MustParsePeriod(r.Period); p.End().After(last.End()) {
				last = p
			}
		}
		period = nextPeriod(last)
	}
	if end := period.End(); end.After(latest) {
		latest = end
	}
	month = time.Date(latest.Year(), latest.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	return period, month
}

// aggregateFigures makes up a period's figures in the format `newsletter stats release
// -aggregate` reads: the helpline's cases by form of exploitation (one of them too small
// to show), the services' persons and the outreach activities.
func aggregateFigures(period stats.Period) string {
	rnd := rand.New(rand.NewPCG(uint64(period.Year), uint64(period.N)))
	var b strings.Builder
	b.WriteString("# Made up by the routine test.\nperiod,indicator,category,count,unit\n")
	row := func(indicator, category string, count int, unit stats.Unit) {
		fmt.Fprintf(&b, "%s,%s,%s,%d,%s\n", period, indicator, category, count, unit)
	}
	cases, _ := stats.LookupIndicator("helpline_cases")
	total := 0
	for i, c := range cases.Categories {
		n := 10 + rnd.IntN(40)
		if i == 1 {
			n = 1 + rnd.IntN(2) // below the lowest threshold, 3: never shown
		}
		row(cases.ID, c, n, stats.Persons)
		total += n
	}
	row(cases.ID, stats.TotalCategory, total, stats.Persons)
	for _, id := range []string{"emergency_reception", "social_protection", "health_social_accompaniment"} {
		row(id, stats.TotalCategory, 20+rnd.IntN(200), stats.Persons)
	}
	for _, id := range []string{"mobile_unit_contacts", "drop_in_interviews"} {
		row(id, stats.TotalCategory, 50+rnd.IntN(5000), stats.Activities)
	}
	return b.String()
}

// news is what writeNews adds to the Italian and English news, by file name; none has a
// summary. The notice has neither body nor description; the draft has no date.
var news = map[string]map[string]string{
	"it": {
		"avviso-breve": "---\ntitle: \"Sportello chiuso per un giorno\"\ndate: DATE\ntranslationKey: \"news-routine-notice\"\n---\n",
		"incontro":     "---\ntitle: \"Un incontro con le scuole\"\ndate: DATE\ndescription: \"La rete incontra gli insegnanti.\"\ntranslationKey: \"news-routine-meeting\"\n---\n\nLa rete ha incontrato gli insegnanti di una scuola per parlare di tratta e di come chiedere aiuto.\n",
		"bozza":        "---\ntitle: \"Una notizia da finire\"\ndescription: \"Ancora senza data.\"\ntranslationKey: \"news-routine-draft\"\n---\n\nIl testo arriverà.\n",
	},
	"en": {
		"avviso-breve": "---\ntitle: \"Drop-in centre closed for a day\"\ndate: DATE\ntranslationKey: \"news-routine-notice\"\n---\n",
		"incontro":     "---\ntitle: \"A meeting with schools\"\ndate: DATE\ndescription: \"The network meets teachers.\"\ntranslationKey: \"news-routine-meeting\"\n---\n\nThe network met the teachers of a school to talk about trafficking and how to ask for help.\n",
		"bozza":        "---\ntitle: \"News still to finish\"\ndescription: \"No date yet.\"\ntranslationKey: \"news-routine-draft\"\n---\n\nThe text will follow.\n",
	},
}

// writeNews writes news into the project in dir, the dated items dated in month, and
// returns the names of the dated ones.
func writeNews(t *testing.T, dir string, month time.Time) (dated []string) {
	t.Helper()
	date := month.AddDate(0, 0, 9).Format("2006-01-02")
	for lang, files := range news {
		for name, text := range files {
			file := filepath.Join(dir, "content", lang, "notizie", name+".md")
			if err := os.WriteFile(file, []byte(strings.ReplaceAll(text, "DATE", date)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return []string{"avviso-breve", "incontro"}
}

// partnerLink is the item of the partner's feed addPartner serves.
const partnerLink = "https://partner.example/news/1"

// addPartner lists in the project's site.toml a partner whose feed, served on this
// machine for the test, has one item in English dated in month.
func addPartner(t *testing.T, config string, month time.Time) {
	t.Helper()
	item := month.AddDate(0, 0, 11).Format(time.RFC1123Z)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test partner</title><link>https://partner.example/</link>
<language>en</language><item><title>A partner's meeting</title><link>%s</link><pubDate>%s</pubDate><description>&lt;p&gt;A meeting of the network.&lt;/p&gt;</description></item></channel></rss>`, partnerLink, item)
	}))
	t.Cleanup(srv.Close)
	f, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintf(f, "\n[[params.newsletter.partners]]\nid = \"rete-di-prova\"\nname = \"Rete di prova\"\nfeed = %q\nlanguages = [\"en\"]\n", srv.URL+"/feed.xml")
}

func TestStaffRoutineKeepsTheSiteWhole(t *testing.T) {
	dir := copyRealProject(t)
	project := site.Project{Fs: afero.NewOsFs(), Dir: dir}
	config := filepath.Join(dir, "site.toml")
	period, month := nextRoutine(t, realProject(t))
	m := month.Format("2006-01")
	t.Logf("the routine: statistics for %s, news and newsletter of %s", period, m)

	var slugs []string
	steps := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"writing the month's news, fetching the partners'", func(t *testing.T) {
			slugs = writeNews(t, dir, month)
			addPartner(t, config, month)
			if fetched := run(t, newsletter.Main, "fetch", "-config", config); !strings.Contains(fetched, "rete-di-prova: new: 1 item(s)") {
				t.Errorf("newsletter fetch:\n%s", fetched)
			}
		}},
		{"stats release", func(t *testing.T) {
			figures := filepath.Join(filepath.Dir(dir), "figures.csv")
			if err := os.WriteFile(figures, []byte(aggregateFigures(period)), 0o644); err != nil {
				t.Fatal(err)
			}
			released := run(t, newsletter.Main, "stats", "release", "-aggregate", figures,
				"-config", config, "-data", filepath.Join(dir, "data", "stats"))
			if !strings.Contains(released, "Audit: passed.") {
				t.Errorf("stats release:\n%s", released)
			}
		}},
		{"newsletter assemble", func(t *testing.T) {
			if assembled := run(t, newsletter.Main, "assemble", "-config", config, "-month", m); !strings.Contains(assembled, period.String()) {
				t.Errorf("assemble does not use the new period %s:\n%s", period, assembled)
			}
		}},
		{"newsletter publish", func(t *testing.T) {
			run(t, newsletter.Main, "publish", "-config", config, "-month", m, "-date", month.AddDate(0, 1, 0).Format("2006-01-02"))
		}},
	}
	// After every step staff are told to do, every test of the real site passes.
	var b builtProject
	for _, step := range steps {
		if !t.Run(step.name, step.do) {
			t.FailNow()
		}
		b = buildProject(t, project)
		t.Run("after "+step.name, func(t *testing.T) { checkInvariants(t, b) })
	}
	// The build and the check name the undated page, which the feeds leave out.
	for _, out := range []string{
		run(t, Main, "build", "-config", config, "-out", filepath.Join(dir, "public")),
		run(t, Main, "check", "-config", config),
	} {
		if !strings.Contains(out, filepath.Join("content", "it", "notizie", "bozza.md")) {
			t.Errorf("the undated page is not named:\n%s", out)
		}
	}

	// The new period and month are on the portal, in the feeds and in stats.json.
	public := afero.NewBasePathFs(afero.NewOsFs(), filepath.Join(dir, "public"))
	var export struct {
		Periods []struct{ Period string } `json:"periods"`
	}
	if err := json.Unmarshal([]byte(sitetest.Read(t, public, "/data/stats.json")), &export); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(export.Periods, func(p struct{ Period string }) bool { return p.Period == period.String() }) {
		t.Errorf("public/data/stats.json lacks %s: %+v", period, export.Periods)
	}
	_, oneClick := cast.ToStringMap(b.res.Languages[0].Params["newsletter"])["unsubscribeoneclickurl"]
	for _, l := range b.res.Languages {
		t.Run("month/"+l.Code, func(t *testing.T) {
			prefix := homePath(l)
			checkMonthOnThePortal(t, public, b.res.BaseURL, prefix, m, slugs, []string{"bozza"})
			issue := sitetest.Read(t, public, prefix+"newsletter/"+m+"/index.html")
			if !strings.Contains(issue, `<a href=`+partnerLink) && !strings.Contains(issue, `<a href="`+partnerLink) {
				t.Errorf("the issue of %s does not link the partner's item %s", m, partnerLink)
			}
			checkArtefacts(t, afero.NewOsFs(), path.Join(dir, "dist/newsletter", m, l.Code), l.Locale, oneClick)
		})
	}

	// Without the newsletter's email settings the portal still builds and passes the
	// check; the newsletter refuses and names every setting it lacks.
	removed := removeSettings(t, config, "params.newsletter", newsletterEmailSettings...)
	run(t, Main, "build", "-config", config, "-out", filepath.Join(dir, "public"))
	run(t, Main, "check", "-config", config)
	var stdout, stderr bytes.Buffer
	if code := newsletter.Main([]string{"assemble", "-config", config, "-month", m, "-force"}, &stdout, &stderr); code != 1 {
		t.Errorf("assemble without email settings: exit %d, want 1\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, key := range removed {
		if !strings.Contains(stderr.String(), key) {
			t.Errorf("assemble without email settings does not name %s: %s", key, stderr.String())
		}
	}
}

// newsletterEmailSettings are the settings of [params.newsletter] only the email needs.
var newsletterEmailSettings = []string{"from", "replyTo", "messageIDDomain", "unsubscribeMailto"}

// removeSettings deletes the lines that set keys in the table of a TOML file and returns
// the keys it found there.
func removeSettings(t *testing.T, file, table string, keys ...string) (removed []string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	current := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") {
			current = strings.Trim(trimmed, "[]")
		}
		key, _, isSetting := strings.Cut(trimmed, "=")
		if key = strings.TrimSpace(key); isSetting && current == table && slices.Contains(keys, key) {
			removed = append(removed, key)
			continue
		}
		kept = append(kept, line)
	}
	if len(removed) == 0 {
		t.Fatalf("%s: [%s] sets none of %v", file, table, keys)
	}
	if err := os.WriteFile(file, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return removed
}

// checkMonthOnThePortal: the month's issue is in the archive and first in the newsletter's
// feeds, and the month's news is in the news feed, the undated left out, in one language
// of the built portal.
func checkMonthOnThePortal(t *testing.T, public afero.Fs, baseURL, prefix, month string, slugs, undated []string) {
	t.Helper()
	issue := sitetest.Read(t, public, prefix+"newsletter/"+month+"/index.html")
	archive := sitetest.Read(t, public, prefix+"newsletter/index.html")
	if !strings.Contains(archive, `href=`+prefix+`newsletter/`+month+`/`) {
		t.Errorf("%snewsletter/ does not list the issue of %s", prefix, month)
	}
	for _, page := range []string{issue, archive} {
		if !strings.Contains(page, "atom.xml") || !strings.Contains(page, "feed.json") {
			t.Errorf("a newsletter page lacks the subscribe links")
		}
	}
	parser := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		file := prefix + "newsletter/" + name
		parsed := lintedFeed(t, public, baseURL, parser, file)
		if len(parsed.Items) == 0 || !strings.HasSuffix(parsed.Items[0].Link, prefix+"newsletter/"+month+"/") {
			t.Errorf("%s: the newest item is not the issue of %s", file, month)
		}
		if parsed.Language == "" || parsed.Title == "" {
			t.Errorf("%s: no language or title", file)
		}
	}
	feed := lintedFeed(t, public, baseURL, parser, prefix+"notizie/index.xml")
	for _, slug := range slugs {
		found := false
		for _, it := range feed.Items {
			found = found || strings.HasSuffix(it.Link, "/notizie/"+slug+"/") && it.Description != ""
		}
		if !found {
			t.Errorf("%snotizie/index.xml has no item with a description for %s", prefix, slug)
		}
	}
	for _, it := range feed.Items {
		for _, slug := range undated {
			if strings.HasSuffix(it.Link, "/notizie/"+slug+"/") {
				t.Errorf("%snotizie/index.xml lists the undated %s", prefix, slug)
			}
		}
	}
}

// lintedFeed reads a feed of the built portal, served under baseURL, reports what the feed
// validator finds wrong with it and parses it as a feed reader would.
func lintedFeed(t *testing.T, public afero.Fs, baseURL string, parser *gofeed.Parser, file string) *gofeed.Feed {
	t.Helper()
	data := []byte(sitetest.Read(t, public, file))
	for _, f := range feedlinttest.Failing(feedlinttest.CheckWith(file, data, feedlinttest.Options{Location: strings.TrimSuffix(baseURL, "/") + file})) {
		t.Errorf("%s", f)
	}
	parsed, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("a feed reader cannot read %s: %v", file, err)
	}
	return parsed
}
