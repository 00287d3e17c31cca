package newsletter_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contratto/portal/internal/site"
	"github.com/contratto/portal/internal/sitetest"
	"github.com/contratto/portal/newsletter"
)

const fixtureMailto = "mailto:disiscrizione@contratto.example?subject=unsubscribe"

// withNewsletterSetting returns a fixture whose [params.newsletter] has one more line.
func withNewsletterSetting(t *testing.T, line string) site.Project {
	t.Helper()
	p := fixture(t)
	config := filepath.Join(p.Dir, "site.toml")
	toml := sitetest.Read(t, p.Fs, config)
	if !strings.Contains(toml, "[params.newsletter]\n") {
		t.Fatal("the fixture has no [params.newsletter]")
	}
	write(t, p, config, strings.Replace(toml, "[params.newsletter]\n", "[params.newsletter]\n"+line+"\n", 1))
	return p
}

// issueMessage is one language's issue.eml: its raw header and its decoded parts.
type issueMessage struct {
	rawHeader  string
	header     mail.Header
	text, html string
	emailHTML  string // email.html
	emailText  string // email.txt
}

func readIssue(t *testing.T, p site.Project, lang string) issueMessage {
	t.Helper()
	dir := filepath.Join(p.Dir, "dist/newsletter", month, lang)
	raw := sitetest.Read(t, p.Fs, dir+"/issue.eml")
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	im := issueMessage{header: msg.Header, emailHTML: sitetest.Read(t, p.Fs, dir+"/email.html"), emailText: sitetest.Read(t, p.Fs, dir+"/email.txt")}
	im.rawHeader, _, _ = strings.Cut(raw, "\r\n\r\n")
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := r.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n"))
		if strings.HasPrefix(part.Header.Get("Content-Type"), "text/html") {
			im.html = string(body)
		} else {
			im.text = string(body)
		}
	}
	return im
}

// TestUnsubscribeWithoutAnEndpoint: the portal is static, so without the sending service's
// endpoint an issue offers the mailto: address only, and promises no one-click unsubscribe.
func TestUnsubscribeWithoutAnEndpoint(t *testing.T) {
	p := fixture(t)
	assemble(t, p, newsletter.AssembleOptions{})
	for _, lang := range []string{"it", "ar"} {
		m := readIssue(t, p, lang)
		if got, want := m.header.Get("List-Unsubscribe"), "<"+fixtureMailto+">"; got != want {
			t.Errorf("%s: List-Unsubscribe = %q, want %q", lang, got, want)
		}
		if got, ok := m.header["List-Unsubscribe-Post"]; ok {
			t.Errorf("%s: List-Unsubscribe-Post %q promises a one-click unsubscribe nobody provides", lang, got)
		}
		for what, body := range map[string]string{"email.html": m.emailHTML, "issue.eml HTML part": m.html} {
			if !strings.Contains(body, `href="`+fixtureMailto+`"`) {
				t.Errorf("%s: the unsubscribe link of %s is not the mailto: address", lang, what)
			}
		}
		for what, body := range map[string]string{"email.txt": m.emailText, "issue.eml text part": m.text} {
			if !strings.Contains(body, "\n"+fixtureMailto+"\n") && !strings.Contains(body, " "+fixtureMailto+"\n") {
				t.Errorf("%s: %s does not give the mailto: address", lang, what)
			}
		}
	}
}

// TestUnsubscribeWithTheServicesEndpoint: with the sending service's one-click endpoint,
// written as its per-recipient placeholder, List-Unsubscribe names it first and promises
// one-click; the placeholder reaches the header, the HTML link and the text byte for byte.
func TestUnsubscribeWithTheServicesEndpoint(t *testing.T) {
	for _, placeholder := range []string{"{{ UnsubscribeURL }}", "*|UNSUB|*"} {
		t.Run(placeholder, func(t *testing.T) {
			p := withNewsletterSetting(t, `unsubscribeOneClickURL = "`+placeholder+`"`)
			assemble(t, p, newsletter.AssembleOptions{})
			for _, lang := range []string{"it", "ar"} {
				m := readIssue(t, p, lang)
				if !strings.Contains(m.rawHeader, "<"+placeholder+">") {
					t.Errorf("%s: the header does not carry %s byte for byte:\n%s", lang, placeholder, m.rawHeader)
				}
				if got, want := m.header.Get("List-Unsubscribe"), "<"+placeholder+">, <"+fixtureMailto+">"; got != want {
					t.Errorf("%s: List-Unsubscribe = %q, want %q", lang, got, want)
				}
				if got := m.header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
					t.Errorf("%s: List-Unsubscribe-Post = %q", lang, got)
				}
				for what, body := range map[string]string{"email.html": m.emailHTML, "issue.eml HTML part": m.html} {
					if !strings.Contains(body, `href="`+placeholder+`"`) {
						t.Errorf("%s: %s has no link to %s", lang, what, placeholder)
					}
					if strings.Contains(body, fixtureMailto) {
						t.Errorf("%s: %s still links the mailto: address: one unsubscribe link, the service's", lang, what)
					}
				}
				for what, body := range map[string]string{"email.txt": m.emailText, "issue.eml text part": m.text} {
					if !strings.Contains(body, placeholder+"\n") {
						t.Errorf("%s: %s does not end a line with %s", lang, what, placeholder)
					}
				}
			}
		})
	}
}

func TestUnsubscribeSettingsAreChecked(t *testing.T) {
	for _, c := range []struct{ name, line, want string }{
		{"the static page of before", `unsubscribeURL = "https://contratto.example/newsletter/"`, "unsubscribeURL is no longer read"},
		{"an endpoint without https", `unsubscribeOneClickURL = "http://lists.contratto.example/u"`, "unsubscribeOneClickURL: \"http://lists.contratto.example/u\" must be an https URL"},
		{"a bracket in the placeholder", `unsubscribeOneClickURL = "<%unsubscribe%>"`, "unsubscribeOneClickURL: \"<%unsubscribe%>\" must be printable ASCII without <"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := withNewsletterSetting(t, c.line)
			before := sitetest.Tree(t, p.Fs, "/")
			err := newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), "site.toml: [params.newsletter] ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want site.toml and %q", err, c.want)
			}
			if d := sitetest.DiffTrees(before, sitetest.Tree(t, p.Fs, "/")); d != "" {
				t.Errorf("files changed:\n%s", d)
			}
		})
	}
	p := fixture(t)
	config := filepath.Join(p.Dir, "site.toml")
	write(t, p, config, strings.Replace(sitetest.Read(t, p.Fs, config), `unsubscribeMailto = "disiscrizione@contratto.example"`, `unsubscribeMailto = "Redazione <disiscrizione@contratto.example>"`, 1))
	if err := newsletter.Assemble(p, month, newsletter.AssembleOptions{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "unsubscribeMailto: \"Redazione <disiscrizione@contratto.example>\" must be a plain email address") {
		t.Errorf("a named address: err = %v", err)
	}
}
