package eml

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
	"time"

	goldenfile "github.com/contratto/portal/internal/golden"
)

const (
	sampleText = "ConTratTo, newsletter di giugno 2012\n====\n\nUna riga con spazio finale \nChiama il numero verde 800 186 086.\n.\nFrom the start of a line, = and a very long line that goes on and on well past the seventy-six characters quoted-printable allows.\n"
	sampleHTML = "<!DOCTYPE html>\n<html lang=\"it\" dir=\"ltr\">\n<body style=\"margin:0\"><p>Perché? Più servizi — “sempre”.</p></body>\n</html>\n"
)

func sampleHeader(subject string) Header {
	return Header{
		From:              "ConTratTo <newsletter@contratto.example>",
		ReplyTo:           "Rete ConTratTo <info@contratto.example>",
		To:                "*|LIST|*",
		Subject:           subject,
		Date:              time.Date(2012, 6, 30, 10, 0, 0, 0, time.FixedZone("CEST", 2*3600)),
		MessageID:         "<2012-06.it@contratto.example>",
		Lang:              "it",
		UnsubscribeMailto: "mailto:disiscrizione@contratto.example?subject=unsubscribe",
	}
}

// parsed is a message read back with net/mail and mime/multipart.
type parsed struct {
	header mail.Header
	parts  []part
}

type part struct {
	contentType, encoding string
	body                  []byte // decoded
}

func parseBack(t *testing.T, msg []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(msg))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	p := parsed{header: m.Header}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		raw, err := r.NextRawPart() // raw: keep Content-Transfer-Encoding visible
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		p.parts = append(p.parts, part{raw.Header.Get("Content-Type"), raw.Header.Get("Content-Transfer-Encoding"), body})
	}
	return p
}

func crlfToLF(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

func TestBuildParsesBack(t *testing.T) {
	subjects := map[string]string{
		"ascii":   "ConTratTo newsletter, June 2012",
		"it":      "ConTratTo, la newsletter di giugno 2012: più servizi, perché nessuno resti solo",
		"ar":      "ConTratTo، النشرة الإخبارية لشهر يونيو 2012: ندوة في ليفورنو وأولى أرقام الخط الإقليمي المجاني",
		"zh":      "ConTratTo 2012年6月通讯：利沃诺研讨会和地区免费热线的首批数据，人口贩运受害者可以拨打免费电话",
		"long-it": strings.Repeat("Notizie dalla rete regionale contro la tratta ", 4),
		"trap":    "Not an =?encoded?= word",
	}
	for name, subject := range subjects {
		t.Run(name, func(t *testing.T) {
			h := sampleHeader(subject)
			msg, err := Build(h, []byte(sampleText), []byte(sampleHTML))
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, msg)
			p := parseBack(t, msg)

			got, err := new(mime.WordDecoder).DecodeHeader(p.header.Get("Subject"))
			if err != nil || got != strings.TrimSpace(subject) {
				t.Errorf("decoded subject %q (%v), want %q", got, err, subject)
			}
			for key, want := range map[string]string{
				"MIME-Version":          "1.0",
				"Message-ID":            h.MessageID,
				"Content-Language":      "it",
				"List-Unsubscribe":      "<" + h.UnsubscribeMailto + ">",
				"List-Unsubscribe-Post": "", // no one-click endpoint, no promise
				"To":                    "*|LIST|*",
			} {
				if v := p.header.Get(key); v != want {
					t.Errorf("%s: %q, want %q", key, v, want)
				}
			}
			from, err := p.header.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Address != "newsletter@contratto.example" || from[0].Name != "ConTratTo" {
				t.Errorf("From: %v %v", from, err)
			}
			if rt, err := p.header.AddressList("Reply-To"); err != nil || rt[0].Address != "info@contratto.example" {
				t.Errorf("Reply-To: %v %v", rt, err)
			}
			if d, err := p.header.Date(); err != nil || !d.Equal(h.Date) {
				t.Errorf("Date: %v %v, want %v", d, err, h.Date)
			}

			if len(p.parts) != 2 {
				t.Fatalf("%d parts, want 2", len(p.parts))
			}
			for i, want := range []struct {
				contentType string
				body        string
			}{{"text/plain; charset=utf-8", sampleText}, {"text/html; charset=utf-8", sampleHTML}} {
				got := p.parts[i]
				if got.contentType != want.contentType || got.encoding != "quoted-printable" {
					t.Errorf("part %d: %s, %s; want %s, quoted-printable", i+1, got.contentType, got.encoding, want.contentType)
				}
				if string(crlfToLF(got.body)) != want.body {
					t.Errorf("part %d decodes to %q, want %q", i+1, got.body, want.body)
				}
			}
		})
	}
}

// checkLines: CRLF everywhere, no line over 998, header and QP body lines
// within 76 characters.
func checkLines(t *testing.T, msg []byte) {
	t.Helper()
	if !bytes.HasSuffix(msg, []byte("\r\n")) {
		t.Error("message does not end with CRLF")
	}
	header, _, _ := bytes.Cut(msg, []byte("\r\n\r\n"))
	for i, line := range bytes.Split(msg, []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		inHeader := i < bytes.Count(header, []byte("\r\n"))+1
		// A header line may exceed 76 only when it cannot be folded: one
		// token after the field name (a long URL).
		unfoldable := inHeader && bytes.Count(bytes.TrimSpace(line), []byte(" ")) == 1
		if len(line) > 998 || (len(line) > 76 && !unfoldable) {
			t.Errorf("line %d is %d characters long: %q", i+1, len(line), line)
		}
		if inHeader && len(bytes.TrimSpace(line)) == 0 {
			t.Errorf("header line %d is blank", i+1)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	h := sampleHeader("ConTratTo, giugno 2012")
	h.UnsubscribeOneClick = "*|UNSUB|*"
	a, err := Build(h, []byte(sampleText), []byte(sampleHTML))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(h, []byte(sampleText), []byte(sampleHTML))
	if !bytes.Equal(a, b) {
		t.Error("two builds of the same message differ")
	}
	c, _ := Build(h, []byte(sampleText), []byte(sampleHTML+"<!-- -->"))
	if boundaryFor([]byte(sampleText), []byte(sampleHTML)) == boundaryFor([]byte(sampleText), []byte(sampleHTML+"<!-- -->")) ||
		bytes.Equal(a, c) {
		t.Error("the boundary does not depend on the content")
	}
	// Headers in a fixed order, and the whole message as a golden file.
	headers, _, _ := bytes.Cut(a, []byte("\r\n\r\n"))
	var names []string
	for _, l := range strings.Split(string(headers), "\r\n") {
		if name, _, ok := strings.Cut(l, ":"); ok && !strings.HasPrefix(l, " ") {
			names = append(names, name)
		}
	}
	if got := strings.Join(names, ","); got != "Date,From,Reply-To,To,Subject,Message-ID,MIME-Version,Content-Language,"+
		"List-Unsubscribe,List-Unsubscribe-Post,Content-Type" {
		t.Errorf("header order: %s", got)
	}
	goldenfile.Assert(t, filepath.Join("testdata", "issue.eml"), a)
}

func TestBuildValidation(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Header)
		want   string
	}{
		{"no unsubscribe", func(h *Header) { h.UnsubscribeMailto = "" }, "UnsubscribeMailto is missing"},
		{"unsubscribe not mailto", func(h *Header) { h.UnsubscribeMailto = "https://contratto.example/u" }, "must be a mailto: address"},
		{"unsubscribe mailto with a bracket", func(h *Header) { h.UnsubscribeMailto = "mailto:a@b>, <https://x.example/" }, "must be a mailto: address"},
		{"http one-click", func(h *Header) { h.UnsubscribeOneClick = "http://contratto.example/u" }, "must be an https URL"},
		{"mailto as one-click", func(h *Header) { h.UnsubscribeOneClick = "mailto:a@contratto.example" }, "must be an https URL"},
		{"relative one-click", func(h *Header) { h.UnsubscribeOneClick = "contratto.example/u" }, "must be an https URL"},
		{"one-click with a bracket", func(h *Header) { h.UnsubscribeOneClick = "<%unsubscribe%>" }, "without <, >"},
		{"one-click with a comma", func(h *Header) { h.UnsubscribeOneClick = "{{ a, b }}" }, "without <, >"},
		{"one-click with a line break", func(h *Header) { h.UnsubscribeOneClick = "{{ a }}\r\nBcc: x@y" }, "without <, >"},
		{"no from", func(h *Header) { h.From = "" }, "From is missing"},
		{"bad from", func(h *Header) { h.From = "newsletter at contratto" }, "From \"newsletter at contratto\" is not an address"},
		{"no date", func(h *Header) { h.Date = time.Time{} }, "Date is missing"},
		{"no message id", func(h *Header) { h.MessageID = "" }, "MessageID is missing"},
		{"bad message id", func(h *Header) { h.MessageID = "2012-06.it@contratto.example" }, "must look like <id@domain>"},
		{"no lang", func(h *Header) { h.Lang = "" }, "Lang (Content-Language) is missing"},
		{"bad lang", func(h *Header) { h.Lang = "it_IT" }, `Lang "it_IT" is not a BCP 47 language tag as written: write "it-IT"`},
		{"subject injection", func(h *Header) { h.Subject = "x\r\nBcc: a@b" }, "Subject contains a line break"},
		{"non-ASCII placeholder", func(h *Header) { h.To = "iscritti à tutti" }, "neither an address list"},
	}
	for _, c := range cases {
		h := sampleHeader("ConTratTo")
		c.change(&h)
		if _, err := Build(h, []byte("t"), []byte("h")); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.name, err, c.want)
		}
	}
	// Several problems are reported together.
	_, err := Build(Header{Subject: "x"}, nil, nil)
	for _, want := range []string{"From is missing", "Date is missing", "MessageID is missing"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("empty header: %v lacks %q", err, want)
		}
	}
}

// TestOneClickUnsubscribe: with the sending service's endpoint, List-Unsubscribe names it
// first and promises one-click unsubscribe; a placeholder is written byte for byte, never
// folded inside.
func TestOneClickUnsubscribe(t *testing.T) {
	for _, oneClick := range []string{
		"{{ UnsubscribeURL }}",
		"*|UNSUB|*",
		"https://lists.contratto.example/subscription/unsubscribe?list=contratto-it&id=%%subscriber%%",
	} {
		h := sampleHeader("ConTratTo")
		h.UnsubscribeOneClick = oneClick
		msg, err := Build(h, []byte("t"), []byte("h"))
		if err != nil {
			t.Fatalf("%s: %v", oneClick, err)
		}
		checkLines(t, msg)
		header, _, _ := bytes.Cut(msg, []byte("\r\n\r\n"))
		if !bytes.Contains(header, []byte("<"+oneClick+">")) {
			t.Errorf("%s: the header does not carry it byte for byte:\n%s", oneClick, header)
		}
		p := parseBack(t, msg)
		if got, want := p.header.Get("List-Unsubscribe"), "<"+oneClick+">, <"+h.UnsubscribeMailto+">"; got != want {
			t.Errorf("List-Unsubscribe = %q, want %q", got, want)
		}
		if got := p.header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
			t.Errorf("%s: List-Unsubscribe-Post = %q", oneClick, got)
		}
	}
}

func TestToAddressList(t *testing.T) {
	h := sampleHeader("ConTratTo")
	h.To = "Redazione <redazione@contratto.example>, Zoë <zoe@contratto.example>"
	msg, err := Build(h, []byte("t"), []byte("h"))
	if err != nil {
		t.Fatal(err)
	}
	list, err := parseBack(t, msg).header.AddressList("To")
	if err != nil || len(list) != 2 || list[1].Name != "Zoë" {
		t.Errorf("To read back as %v (%v)", list, err)
	}
}

func FuzzEncodeSubject(f *testing.F) {
	f.Add("ConTratTo, giugno 2012: più servizi")
	f.Add("النشرة الإخبارية")
	f.Add("通讯：利沃诺研讨会")
	f.Fuzz(func(t *testing.T, s string) {
		if !isValidSubject(s) {
			t.Skip()
		}
		enc := encodeSubject(s)
		got, err := new(mime.WordDecoder).DecodeHeader(enc)
		if err != nil || got != s {
			t.Fatalf("encodeSubject(%q) = %q decodes to %q (%v)", s, enc, got, err)
		}
		for _, w := range strings.Split(enc, " ") {
			if strings.HasPrefix(w, "=?") && len(w) > maxWord {
				t.Fatalf("encoded word of %d characters: %q", len(w), w)
			}
		}
	})
}

// isValidSubject: valid UTF-8 without control characters or runs of spaces
// (a decoder may collapse those), which Build would not be given.
func isValidSubject(s string) bool {
	if s == "" || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return false
		}
	}
	return true
}
