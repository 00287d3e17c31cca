package check

import (
	"strings"
	"testing"
)

// placeholderConfig is a config with every kind of value: placeholders in tables, in an
// array, in an array of tables and in a comment (which is not in use), and real values.
const placeholderConfig = `-- site.toml --
baseURL = "https://www.example.org/portale/"
title = "Un sito"
[params]
description = "Un esempio di sito, con example.it e examples.com."
[params.legal]
# controller = "TODO: not in use, only a comment"
controller = "TODO: nome del titolare del trattamento"
address = "Via Vera 1, Firenze"
privacyEmail = "privacy@sito.example"
dpoEmail = "rpd@vero.it"
[params.newsletter]
from = "Sito <newsletter@sito.example>"
messageIDDomain = "sito.example"
hashtags = ["Uno", "TODO"]
[menus]
main = [
  { identifier = "help", pageRef = "/aiuto", weight = 10 },
  { identifier = "far", url = "https://partner.example.com/x", weight = 20 },
]
`

func TestPlaceholdersListsEveryOneInUse(t *testing.T) {
	expect(t, Placeholders(source(t, placeholderConfig)),
		`site.toml:1: warning: placeholder: baseURL = "https://www.example.org/portale/" is a placeholder (www.example.org is a domain reserved for examples): put in the real value before the site goes live`,
		`site.toml:7: warning: placeholder: params.legal.controller = "TODO: nome del titolare del trattamento" is a placeholder (it starts with TODO): put in the real value before the site goes live`,
		`site.toml:9: warning: placeholder: params.legal.privacyEmail = "privacy@sito.example" is a placeholder (sito.example is a domain reserved for examples): put in the real value before the site goes live`,
		`site.toml:12: warning: placeholder: params.newsletter.from = "Sito <newsletter@sito.example>" is a placeholder (sito.example is a domain reserved for examples): put in the real value before the site goes live`,
		`site.toml:13: warning: placeholder: params.newsletter.messageIDDomain = "sito.example" is a placeholder (sito.example is a domain reserved for examples): put in the real value before the site goes live`,
		`site.toml:14: warning: placeholder: params.newsletter.hashtags[1] = "TODO" is a placeholder (it starts with TODO): put in the real value before the site goes live`,
		`site.toml:18: warning: placeholder: menus.main[1].url = "https://partner.example.com/x" is a placeholder (partner.example.com is a domain reserved for examples): put in the real value before the site goes live`,
	)
}

func TestPlaceholdersAreWarningsOfTheWholeCheck(t *testing.T) {
	r := Run(build(t, clean), Options{Essential: []string{"help"}}, nil)
	var got []Finding
	for _, f := range r.Findings {
		if f.Rule == "placeholder" {
			got = append(got, f)
		}
	}
	expect(t, got, `site.toml:1: warning: placeholder: baseURL = "https://example.org/" is a placeholder (example.org is a domain reserved for examples): put in the real value before the site goes live`)
	if r.Errors() != 0 {
		t.Errorf("placeholders fail the check:\n%s", strs(r.Findings))
	}
}

func TestPlaceholderReason(t *testing.T) {
	cases := map[string]bool{
		"https://contratto.example/":                   true,
		"disiscrizione@contratto.example":              true,
		"ConTratTo <info@contratto.example>":           true,
		"contratto.example":                            true,
		"Scrivi a contratto.example.":                  true,
		"https://EXAMPLE.COM/":                         true,
		"a@b.example.net":                              true,
		"TODO":                                         true,
		"  TODO: indirizzo":                            true,
		"https://www.google.com/":                      false,
		"example":                                      false,
		"per esempio (example) 12":                     false,
		"https://example.it/ e https://myexample.org/": false,
		"https://www.examples.com/":                    false,
		"https://contratto.examples/":                  false,
		"Da fare: TODO":                                false,
		"{{ UnsubscribeURL }}":                         false,
		"https://www.garanteprivacy.it/":               false,
		"ConTratTo — Regione Toscana <news@regione.toscana.it>": false,
	}
	for v, want := range cases {
		if got := placeholderReason(v) != ""; got != want {
			t.Errorf("placeholderReason(%q) = %q, want a placeholder: %v", v, placeholderReason(v), want)
		}
	}
}

func TestPlaceholdersOfAnUnreadableConfig(t *testing.T) {
	in := source(t, "-- site.toml --\nbaseURL = \"https://x.example/\n")
	if got := Placeholders(in); len(got) != 0 {
		t.Errorf("a config that does not parse gives %s", strs(got))
	}
	if got := Placeholders(source(t, "-- other.toml --\n")); len(got) != 0 {
		t.Errorf("a missing config gives %s", strs(got))
	}
	if !strings.HasPrefix(PlaceholderMark, "TODO") {
		t.Errorf("PlaceholderMark = %q", PlaceholderMark)
	}
}
