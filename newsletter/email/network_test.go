package email

import (
	"strings"
	"testing"
)

const networkMarkdown = "## Dalla rete\n\n```network\n" +
	"partner: Rete & Co\ntitle: <script>alert(1)</script> Corso *non* Markdown [x](javascript:alert(1))\nlink: https://rete.example/corso?a=1&b=2\ndate: 21 giugno 2012\nsummary: Testo &amp; <b>altro</b>\n\n" +
	"partner: Example Observatory\nlang: en\ntitle: Report on labour exploitation\nlink: https://observatory.example/report\n" +
	"```\n"

func TestNetworkBlock(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte(networkMarkdown)
	html, err := HTML(m)
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	for _, want := range []string{
		`href="https://rete.example/corso?a=1&amp;b=2"`,
		`&lt;script&gt;alert(1)&lt;/script&gt; Corso *non* Markdown [x](javascript:alert(1))</a>`,
		`Rete &amp; Co · 21 giugno 2012</em>`,
		`Testo &amp;amp; &lt;b&gt;altro&lt;/b&gt;</p>`,
		`<p lang="en" dir="auto" style=`,
		`>Report on labour exploitation</a>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Contains(h, "<script") || strings.Contains(h, `href="javascript`) || strings.Count(h, "<p lang=") != 1 {
		t.Errorf("the partners' text became markup, or a lang is wrong:\n%s", h)
	}
	text, err := Text(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<script>alert(1)</script> Corso *non* Markdown", "Rete & Co · 21 giugno 2012", "https://rete.example/corso?a=1&b=2", "Report on labour exploitation"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
}

func TestNetworkBlockErrors(t *testing.T) {
	m := fixture(t, "it")
	m.Markdown = []byte("Testo.\n\n```network\npartner: A\ntitle: T\nlink: javascript:alert(1)\n```\n")
	for name, render := range map[string]func(Message) ([]byte, error){"HTML": HTML, "Text": Text} {
		_, err := render(m)
		if err == nil || !strings.Contains(err.Error(), `markdown:4: network block: link "javascript:alert(1)" is not an absolute http(s) address`) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
