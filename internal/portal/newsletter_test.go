package portal

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/contratto/portal/newsletter/email"

	"github.com/contratto/portal/internal/site"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/feedlinttest"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter"
	"github.com/contratto/portal/newsletter/social"
	"github.com/mmcdole/gofeed"
	"github.com/spf13/afero"
	"github.com/spf13/cast"
)

// copyProject copies the real project's sources into memory, so a test can run the
// newsletter on it without touching the working tree.
func copyProject(t *testing.T) site.Project {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	osfs, mem := afero.NewOsFs(), afero.NewMemMapFs()
	for _, dir := range []string{"content", "layouts", "i18n", "static", "data"} {
		if err := atomicfs.CopyTree(osfs, filepath.Join(root, dir), mem, "/project/"+dir); err != nil {
			t.Fatal(err)
		}
	}
	if err := atomicfs.CopyTree(osfs, filepath.Join(root, "site.toml"), mem, "/project/site.toml"); err != nil {
		t.Fatal(err)
	}
	return site.Project{Fs: mem, Dir: "/project"}
}

// TestNewsletterMonthEndToEnd runs the monthly routine on the real content: assemble and
// publish June 2012, then build the portal, and checks what every language gets.
func TestNewsletterMonthEndToEnd(t *testing.T) {
	p := copyProject(t)
	if err := newsletter.Assemble(p, "2012-06", newsletter.AssembleOptions{}, io.Discard); err != nil {
		t.Fatalf("assemble: %v", err)
	}
	if err := newsletter.Publish(p, "2012-06", newsletter.PublishOptions{Date: time.Date(2012, 7, 1, 0, 0, 0, 0, time.UTC)}, io.Discard); err != nil {
		t.Fatalf("publish: %v", err)
	}
	res, err := Render(site.Options{Project: p})
	if err != nil {
		t.Fatalf("portal build after publishing: %v", err)
	}
	if len(res.Languages) != 17 {
		t.Fatalf("%d languages", len(res.Languages))
	}
	_, oneClick := cast.ToStringMap(res.Languages[0].Params["newsletter"])["unsubscribeoneclickurl"]
	parser := gofeed.NewParser()
	for _, l := range res.Languages {
		prefix := "/"
		if !l.Default {
			prefix = "/" + l.Code + "/"
		}
		t.Run(l.Code, func(t *testing.T) {
			issue := sitetest.Read(t, res.Output, prefix+"newsletter/2012-06/index.html")
			archive := sitetest.Read(t, res.Output, prefix+"newsletter/index.html")
			if !strings.Contains(archive, `href=`+prefix+`newsletter/2012-06/`) {
				t.Errorf("the archive does not list the issue")
			}
			for _, page := range []string{issue, archive} {
				if !strings.Contains(page, "atom.xml") || !strings.Contains(page, "feed.json") {
					t.Errorf("a newsletter page lacks the subscribe links")
				}
			}
			for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
				file := prefix + "newsletter/" + name
				data := []byte(sitetest.Read(t, res.Output, file))
				location := res.BaseURL + strings.TrimPrefix(file, "/")
				for _, f := range feedlinttest.Failing(feedlinttest.CheckWith(file, data, feedlinttest.Options{Location: location})) {
					t.Errorf("%s", f)
				}
				parsed, err := parser.Parse(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("gofeed cannot read %s: %v", file, err)
				}
				if len(parsed.Items) != 1 || parsed.Items[0].PublishedParsed == nil || parsed.Title == "" {
					t.Fatalf("%s: %d items, title %q", file, len(parsed.Items), parsed.Title)
				}
				if want := res.BaseURL + strings.TrimPrefix(prefix, "/") + "newsletter/2012-06/"; parsed.Items[0].Link != want {
					t.Errorf("%s: item link %s, want %s", file, parsed.Items[0].Link, want)
				}
				if parsed.Language == "" {
					t.Errorf("%s: no language", file)
				}
			}
			news := prefix + "notizie/index.xml"
			data := []byte(sitetest.Read(t, res.Output, news))
			for _, f := range feedlinttest.Failing(feedlinttest.CheckWith(news, data, feedlinttest.Options{Location: res.BaseURL + strings.TrimPrefix(news, "/")})) {
				t.Errorf("%s", f)
			}
			if parsed, err := parser.Parse(bytes.NewReader(data)); err != nil || len(parsed.Items) == 0 {
				t.Errorf("news feed %s: %v", news, err)
			}
			checkArtefacts(t, p.Fs, path.Join("/project/dist/newsletter/2012-06", l.Code), l.Locale, oneClick)
		})
	}
}

// checkArtefacts checks one language's email files: the size budget, the MIME shape, and
// an unsubscribe that works: a mailto: address always, one-click only when site.toml names
// the sending service's endpoint.
func checkArtefacts(t *testing.T, fsys afero.Fs, dir, locale string, oneClick bool) {
	t.Helper()
	html := sitetest.Read(t, fsys, dir+"/email.html")
	if len(html) > email.MaxHTMLBytes {
		t.Errorf("email.html is %d bytes, over the %d-byte budget", len(html), email.MaxHTMLBytes)
	}
	msg, err := mail.ReadMessage(strings.NewReader(sitetest.Read(t, fsys, dir+"/issue.eml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"From", "Reply-To", "Date", "Message-Id", "Subject"} {
		if msg.Header.Get(h) == "" {
			t.Errorf("issue.eml has no %s", h)
		}
	}
	if got := msg.Header.Get("List-Unsubscribe-Post"); oneClick != (got == "List-Unsubscribe=One-Click") {
		t.Errorf("List-Unsubscribe-Post = %q, but site.toml names a one-click endpoint: %v", got, oneClick)
	}
	if got := msg.Header.Get("List-Unsubscribe"); !strings.Contains(got, "<mailto:") {
		t.Errorf("List-Unsubscribe = %q, without a mailto: address", got)
	}
	if got := msg.Header.Get("Content-Language"); got != locale {
		t.Errorf("Content-Language = %q, want %q", got, locale)
	}
	media, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || media != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v)", media, err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var types []string
	for {
		part, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		mt, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		types = append(types, mt)
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v, want text/plain then text/html", types)
	}
	checkSocialDrafts(t, fsys, dir)
}

// checkSocialDrafts counts every post of social.json again, by its platform's own rule.
func checkSocialDrafts(t *testing.T, fsys afero.Fs, dir string) {
	t.Helper()
	var drafts []social.Draft
	if err := json.Unmarshal([]byte(sitetest.Read(t, fsys, dir+"/social.json")), &drafts); err != nil {
		t.Fatal(err)
	}
	if len(drafts) != len(social.Platforms) {
		t.Errorf("%d drafts, want one per platform (%d)", len(drafts), len(social.Platforms))
	}
	for _, d := range drafts {
		rule, ok := social.RuleFor(d.Platform, false)
		if !ok {
			t.Errorf("unknown platform %q", d.Platform)
			continue
		}
		for i, post := range d.Posts() {
			if !rule.Fits(post) {
				t.Errorf("%s post %d: %d of %d %s", d.Platform, i+1, rule.Count(post), rule.Limit, rule.Unit)
			}
		}
		if first := d.Posts()[0]; !strings.Contains(first, "800 ") || !strings.Contains(first, "utm_source="+d.Platform) {
			t.Errorf("%s: the first post lacks the helpline or the tagged link:\n%s", d.Platform, first)
		}
	}
}

// preheadersFitEveryMonth keeps each language's preheader within the characters
// mail clients show, whatever the month's name, so the newsletter never has to cut it.
func preheadersFitEveryMonth(t *testing.T, b builtProject) {
	res := b.res
	for _, l := range res.Languages {
		for m := time.January; m <= time.December; m++ {
			month := res.FormatDate(l.Code, time.Date(2012, m, 1, 0, 0, 0, 0, time.UTC), res.T(l.Code, "monthYear", nil))
			pre := res.T(l.Code, "nlPreheader", map[string]any{"Month": month})
			if n := utf8.RuneCountInString(pre); n > email.MaxPreheaderRunes {
				t.Errorf("%s: %d characters: %s", l.Code, n, pre)
			}
		}
	}
}
