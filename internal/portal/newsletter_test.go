package portal

import (
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter/email"
	"github.com/contratto/portal/newsletter/social"
	"github.com/spf13/afero"
)

// copyProject copies the real project's sources into memory, so a test can run the
// newsletter on it without touching the working tree.
func copyProject(t *testing.T) site.Project {
	t.Helper()
	mem := afero.NewMemMapFs()
	for _, name := range projectSources {
		if err := atomicfs.CopyTree(afero.NewOsFs(), filepath.Join(realRoot, name), mem, "/project/"+name); err != nil {
			t.Fatal(err)
		}
	}
	return site.Project{Fs: mem, Dir: "/project"}
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
