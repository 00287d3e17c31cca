// Package eml wraps the text and HTML renderings of a newsletter issue into
// one MIME message (multipart/alternative, RFC 2046) ready for a mailing
// tool, and sends it over SMTP for a test.
//
// Output is deterministic: the same header and bodies give the same bytes,
// boundary included (it is derived from a hash of the bodies).
package eml

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"github.com/contratto/portal/internal/langtag"
)

// Header holds the message headers the newsletter sets.
type Header struct {
	From    string // "ConTratTo <newsletter@contratto.example>"; required
	ReplyTo string // optional address
	// To is an address list, or a placeholder the mailing tool replaces
	// (printable ASCII, e.g. "*|LIST|*"); empty leaves the header out.
	To        string
	Subject   string    // UTF-8, trimmed; encoded per RFC 2047 when not plain ASCII
	Date      time.Time // required; written in its own time zone
	MessageID string    // "<2012-06.it@contratto.example>"; required, derived by the caller
	Lang      string    // Content-Language, a BCP 47 tag; required
	// UnsubscribeMailto is the mailto: address of List-Unsubscribe (RFC 2369),
	// "mailto:leave@contratto.example?subject=unsubscribe"; required.
	UnsubscribeMailto string
	// UnsubscribeOneClick is the sending service's one-click unsubscribe
	// endpoint (RFC 8058): an https URL, or the service's per-recipient
	// placeholder for one ("{{ UnsubscribeURL }}", "*|UNSUB|*"), written
	// byte for byte. Optional: only with it does the message promise
	// one-click unsubscribe (List-Unsubscribe-Post).
	UnsubscribeOneClick string
}

// maxLine is the longest header line written before folding (RFC 5322
// recommends 78; RFC 2047 limits lines with encoded words to 76).
const maxLine = 76

// Build assembles the message: headers, then a multipart/alternative body
// with the text/plain part first and the text/html part last (the preferred
// one, RFC 2046 §5.1.4), both UTF-8 in quoted-printable, CRLF line endings,
// no line over 76 characters in the bodies or 998 anywhere.
//
// Line endings of text and html become CRLF; their content is otherwise
// carried unchanged.
func Build(h Header, text, html []byte) ([]byte, error) {
	from, replyTo, to, err := h.validate()
	if err != nil {
		return nil, err
	}
	boundary := boundaryFor(text, html)

	var msg bytes.Buffer
	hw := headerWriter{buf: &msg}
	hw.write("Date", h.Date.Format(time.RFC1123Z))
	hw.write("From", from)
	if replyTo != "" {
		hw.write("Reply-To", replyTo)
	}
	if to != "" {
		hw.write("To", to)
	}
	hw.write("Subject", encodeSubject(strings.TrimSpace(h.Subject)))
	hw.write("Message-ID", h.MessageID)
	hw.write("MIME-Version", "1.0")
	hw.write("Content-Language", h.Lang)
	if h.UnsubscribeOneClick != "" {
		hw.writeList("List-Unsubscribe", "<"+h.UnsubscribeOneClick+">", "<"+h.UnsubscribeMailto+">")
		hw.write("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	} else {
		hw.writeList("List-Unsubscribe", "<"+h.UnsubscribeMailto+">")
	}
	hw.write("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": boundary}))
	if hw.err != nil {
		return nil, hw.err
	}
	msg.WriteString("\r\n")

	mw := multipart.NewWriter(&msg)
	if err := mw.SetBoundary(boundary); err != nil {
		return nil, fmt.Errorf("eml: boundary %q: %w", boundary, err)
	}
	for _, p := range []struct {
		contentType string
		body        []byte
	}{{"text/plain; charset=utf-8", text}, {"text/html; charset=utf-8", html}} {
		part, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.contentType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(part) // text mode: line breaks become CRLF
		if _, err := qp.Write(p.body); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	msg.WriteString("\r\n")
	return msg.Bytes(), nil
}

// boundaryFor derives the multipart boundary from the bodies. It starts with
// "=_", which quoted-printable output can never contain, so it cannot clash
// with the content.
func boundaryFor(text, html []byte) string {
	sum := sha256.New()
	fmt.Fprintf(sum, "%d\n", len(text))
	sum.Write(text)
	sum.Write(html)
	return "=_contratto_" + hex.EncodeToString(sum.Sum(nil))[:32]
}

// validate checks the header and returns the formatted address fields.
func (h *Header) validate() (from, replyTo, to string, err error) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if h.From == "" {
		add("From is missing")
	} else if a, e := mail.ParseAddress(h.From); e != nil {
		add("From %q is not an address: %v", h.From, e)
	} else {
		from = a.String()
	}
	if h.ReplyTo != "" {
		if a, e := mail.ParseAddress(h.ReplyTo); e != nil {
			add("Reply-To %q is not an address: %v", h.ReplyTo, e)
		} else {
			replyTo = a.String()
		}
	}
	if h.To != "" {
		if list, e := mail.ParseAddressList(h.To); e == nil {
			parts := make([]string, len(list))
			for i, a := range list {
				parts[i] = a.String()
			}
			to = strings.Join(parts, ", ")
		} else if isPrintableASCII(h.To) {
			to = h.To // a placeholder for the mailing tool
		} else {
			add("To %q is neither an address list nor a printable ASCII placeholder", h.To)
		}
	}
	if strings.TrimSpace(h.Subject) == "" {
		add("Subject is missing")
	} else if strings.ContainsAny(h.Subject, "\r\n") {
		add("Subject contains a line break")
	}
	if h.Date.IsZero() {
		add("Date is missing")
	}
	if h.MessageID == "" {
		add("MessageID is missing")
	} else if !validMessageID(h.MessageID) {
		add("MessageID %q must look like <id@domain>", h.MessageID)
	}
	if h.Lang == "" {
		add("Lang (Content-Language) is missing")
	} else if err := langtag.Check(h.Lang); err != nil {
		add("Lang %v", err)
	}
	if h.UnsubscribeMailto == "" {
		add("UnsubscribeMailto is missing")
	} else if err := CheckMailto(h.UnsubscribeMailto); err != nil {
		add("UnsubscribeMailto: %v", err)
	}
	if h.UnsubscribeOneClick != "" {
		if err := CheckOneClick(h.UnsubscribeOneClick); err != nil {
			add("UnsubscribeOneClick: %v", err)
		}
	}
	if len(problems) > 0 {
		return "", "", "", errors.New("eml: invalid header: " + strings.Join(problems, "; "))
	}
	return from, replyTo, to, nil
}

// CheckMailto tells whether s can be the mailto: address of List-Unsubscribe
// (RFC 2369): "mailto:" and an address, printable ASCII without spaces, "<",
// ">", "," or quotes.
func CheckMailto(s string) error {
	rest, ok := strings.CutPrefix(s, "mailto:")
	if !ok || rest == "" || !isListEntry(s) || strings.Contains(s, " ") {
		return fmt.Errorf("%q must be a mailto: address", s)
	}
	return nil
}

// CheckOneClick tells whether s can be the one-click unsubscribe address of
// List-Unsubscribe (RFC 8058): an absolute https URL, or a placeholder the
// sending service replaces with one for each recipient ("{{ UnsubscribeURL }}"
// in listmonk, "*|UNSUB|*" in Mailchimp). A placeholder has no ":" or "/" (an
// address has both), and neither may hold what ends an entry of the header:
// "<", ">", "," or a line break.
func CheckOneClick(s string) error {
	switch {
	case !isListEntry(s):
		return fmt.Errorf("%q must be printable ASCII without <, >, \", \" or a line break", s)
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("%q starts or ends with a space", s)
	case !strings.ContainsAny(s, ":/"):
		return nil // the sending service's placeholder
	}
	if u, err := url.Parse(s); err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q must be an https URL (RFC 8058) or the sending service's placeholder for one", s)
	}
	return nil
}

// isListEntry reports whether s fits between "<" and ">" in List-Unsubscribe.
func isListEntry(s string) bool {
	return s != "" && isPrintableASCII(s) && !strings.ContainsAny(s, "<>,\"")
}

func validMessageID(id string) bool {
	if len(id) < 5 || id[0] != '<' || id[len(id)-1] != '>' {
		return false
	}
	inner := id[1 : len(id)-1]
	left, right, _ := strings.Cut(inner, "@")
	return left != "" && right != "" && strings.Count(inner, "@") == 1 &&
		!strings.ContainsAny(inner, "<> \"\\") && isPrintableASCII(inner)
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
