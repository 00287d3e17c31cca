package feedlinttest

import (
	"reflect"
	"strings"
	"testing"
)

// TestFindingString: findings read like compiler errors.
func TestFindingString(t *testing.T) {
	f := Finding{File: "public/newsletter/index.xml", Line: 3, Column: 10, Severity: Warning,
		Rule: "MissingAtomSelfLink", Message: `Missing atom:link with rel="self"`}
	want := `public/newsletter/index.xml:3:10: warning: Missing atom:link with rel="self" [MissingAtomSelfLink]`
	if got := f.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	f.Line, f.Column = 0, 0
	if got := f.String(); !strings.HasPrefix(got, "public/newsletter/index.xml: warning:") {
		t.Errorf("without a line: %s", got)
	}
}

// TestPositions: a finding points at the element concerned, and findings
// come sorted by position.
func TestPositions(t *testing.T) {
	doc := rss(rssMeta, rssItemWith("Sat, 30 Jun 2012", "Fri, 30 Jun 2012")+"\n"+rssItemWith(`<guid isPermaLink="false">tag:example.org,2012:2012-06</guid>`, ""))
	findings := Check("index.xml", []byte(doc))
	if len(findings) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", list(findings))
	}
	if f := findings[0]; f.Rule != "IncorrectDOW" || f.Line != 14 {
		t.Errorf("first finding = %s, want IncorrectDOW on line 14 (the pubDate)", f)
	}
	if f := findings[1]; f.Rule != "MissingGuid" || f.Line != 16 {
		t.Errorf("second finding = %s, want MissingGuid on line 16 (the second item)", f)
	}
}

// TestFailing keeps errors and warnings, not recommendations.
func TestFailing(t *testing.T) {
	in := []Finding{{Severity: Recommendation}, {Severity: Warning}, {Severity: Error}}
	got := Failing(in)
	if len(got) != 2 || got[0].Severity != Warning || got[1].Severity != Error {
		t.Errorf("Failing = %v", got)
	}
}

// hugoRSS is what Hugo's own RSS template writes for a section in Nigerian
// Pidgin whose summary holds a site-relative link: the lead runs feedlint
// on it too.
const hugoRSS = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Notizie on ConTratTo</title>
    <link>https://contratto.example/pcm/notizie/</link>
    <description>Recent content in Notizie on ConTratTo</description>
    <generator>Hugo</generator>
    <language>pcm</language>
    <lastBuildDate>Fri, 12 Oct 2012 14:48:00 +0200</lastBuildDate>
    <atom:link href="https://contratto.example/pcm/notizie/index.xml" rel="self" type="application/rss+xml" />
    <item>
      <title>ConTratTo</title>
      <link>https://contratto.example/pcm/notizie/contratto/</link>
      <pubDate>Fri, 12 Oct 2012 14:48:00 +0200</pubDate>
      <guid>https://contratto.example/pcm/notizie/contratto/</guid>
      <description>&lt;p&gt;See &lt;a href=&#34;/pcm/aiuto/&#34;&gt;help&lt;/a&gt;&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
`

// TestHugoRSS: the two problems a default Hugo feed can have here.
func TestHugoRSS(t *testing.T) {
	findings := CheckWith("public/pcm/notizie/index.xml", []byte(hugoRSS),
		Options{Location: "https://contratto.example/pcm/notizie/index.xml"})
	var rules []string
	for _, f := range findings {
		rules = append(rules, f.Rule)
	}
	if want := []string{"InvalidLanguage", "ContainsRelRef"}; !reflect.DeepEqual(rules, want) {
		t.Errorf("rules = %v, want %v:\n%s", rules, want, list(findings))
	}
}

// TestDeterministic: the same input gives the same findings.
func TestDeterministic(t *testing.T) {
	for _, tc := range ruleCases {
		a := CheckWith("x", []byte(tc.bad), tc.opts)
		b := CheckWith("x", []byte(tc.bad), tc.opts)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: findings differ between runs", tc.rule)
		}
	}
}

// FuzzCheck: any input is checked without panicking, deterministically,
// and every finding is graded and named.
func FuzzCheck(f *testing.F) {
	for _, tc := range ruleCases {
		f.Add([]byte(tc.bad))
	}
	f.Add([]byte(goodRSS))
	f.Add([]byte(goodAtom))
	f.Add([]byte(jsonGood))
	f.Add([]byte(hugoRSS))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := CheckWith("fuzz", data, Options{Location: "https://example.org/index.xml", Charset: "utf-8"})
		b := CheckWith("fuzz", data, Options{Location: "https://example.org/index.xml", Charset: "utf-8"})
		if !reflect.DeepEqual(a, b) {
			t.Fatal("findings differ between runs")
		}
		for _, finding := range a {
			if finding.Rule == "" || finding.Message == "" || finding.Severity < Error || finding.Severity > Recommendation {
				t.Fatalf("malformed finding %#v", finding)
			}
		}
	})
}
