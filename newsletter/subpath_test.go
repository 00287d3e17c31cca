package newsletter_test

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter"
	"github.com/contratto/portal/newsletter/archive"
	"github.com/contratto/portal/newsletter/social"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// subPathBase is where TestIssueUnderASubPath serves the fixture portal.
const subPathBase = "https://contratto.example/enti/contratto/"

// anyURL finds http(s) URLs in text, email or social drafts.
var anyURL = regexp.MustCompile(`https?://[^\s<>"'\])]+`)

// TestIssueUnderASubPath assembles and publishes an issue of a portal served under a
// sub-path: every link the email, its text version, the social drafts, the issue page
// and the feeds carry to the portal's host stays below the base URL.
func TestIssueUnderASubPath(t *testing.T) {
	p := fixture(t)
	config := filepath.Join(p.Dir, "site.toml")
	toml := sitetest.Read(t, p.Fs, config)
	moved := strings.Replace(toml, `baseURL = "https://contratto.example/"`, `baseURL = "`+subPathBase+`"`, 1)
	if moved == toml {
		t.Fatal("the fixture's baseURL line is not where the test expects it")
	}
	write(t, p, config, moved)
	assemble(t, p, newsletter.AssembleOptions{})
	publish(t, p, false)

	inside := func(where, link string) {
		t.Helper()
		if strings.HasPrefix(strings.ToLower(link), "https://contratto.example") && !strings.HasPrefix(link, subPathBase) {
			t.Errorf("%s: %s is outside %s", where, link, subPathBase)
		}
	}
	for _, lang := range []string{"it", "en", "ar"} {
		prefix := ""
		if lang != "it" {
			prefix = lang + "/"
		}
		web := subPathBase + prefix + "newsletter/" + month + "/"
		dir := filepath.Join(p.Dir, "dist/newsletter", month, lang)

		doc, err := html.Parse(strings.NewReader(sitetest.Read(t, p.Fs, dir+"/email.html")))
		if err != nil {
			t.Fatal(err)
		}
		links := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" {
					inside(lang+"/email.html <"+n.Data+" "+a.Key+">", a.Val)
					if strings.HasPrefix(a.Val, subPathBase) {
						links++
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if links == 0 {
			t.Errorf("%s/email.html: no link into the portal", lang)
		}

		text := sitetest.Read(t, p.Fs, dir+"/email.txt")
		if !strings.Contains(text, web+"?") {
			t.Errorf("%s/email.txt does not link the web version %s", lang, web)
		}
		for _, name := range []string{"email.txt", social.MarkdownFile, social.JSONFile, social.CSVFile} {
			data := sitetest.Read(t, p.Fs, path.Join(dir, name))
			for _, link := range anyURL.FindAllString(data, -1) {
				inside(lang+"/"+name, link)
			}
			if name != "email.txt" && !strings.Contains(data, web+"?") {
				t.Errorf("%s/%s does not link the issue %s", lang, name, web)
			}
		}
		for _, m := range regexp.MustCompile(`\]\((/[^)]*)\)`).FindAllStringSubmatch(string(bundle(t, p, lang).Body), -1) {
			if !strings.HasPrefix(m[1], "/enti/contratto/") {
				t.Errorf("%s issue: link %s is outside the sub-path", lang, m[1])
			}
		}
	}

	res, err := site.Build(sitetest.Options(p.Fs))
	if err != nil {
		t.Fatalf("portal build: %v", err)
	}
	if err := archive.WriteFeeds(res); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "en/", "ar/"} {
		for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
			file := "/" + lang + "newsletter/" + name
			data := sitetest.Read(t, res.Output, file)
			if !strings.Contains(data, subPathBase+lang+"newsletter/"+month+"/") {
				t.Errorf("%s does not link the issue below %s", file, subPathBase)
			}
			for _, link := range anyURL.FindAllString(data, -1) {
				inside(file, link)
			}
		}
	}
}

func write(t *testing.T, p site.Project, file, text string) {
	t.Helper()
	if err := afero.WriteFile(p.Fs, file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
