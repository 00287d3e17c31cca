package social

import (
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	family    = "👨\u200d👩\u200d👧\u200d👦"                                        // ZWJ sequence, 25 bytes, 11 UTF-16 units
	england   = "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F" // tag sequence
	tangPoems = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。" +
		"朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。" +
		"独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。"
)

// Cases from twitter-text's conformance suite (conformance/validate.yml,
// sections "lengths", "WeightedTweetsWithDiscountedEmojiCounterTest" — the one
// run with config v3 — and "UnicodeDirectionalMarkerCounterTest"), then cases
// of our own for the scripts of the portal's languages.
func TestCountX(t *testing.T) {
	x10 := strings.Repeat("xxxxxxxxxx-", 24)
	kana := strings.Repeat("あいうえおかきくけこ", 12)
	for _, tc := range []struct {
		name string
		text string
		want int
	}{
		// lengths
		{"plain", "This is a test.", 15},
		{"http URL counts 23", "http://test.com", 23},
		{"https URL counts 23", "https://test.com", 23},
		{"URL without protocol counts 23", "test.com", 23},
		{"several URLs", "Test https://test.com test https://test.com test.com test", 86},
		// WeightedTweetsWithDiscountedEmojiCounterTest (v3)
		{"tweet with url", "Hi http://test.co", 26},
		{"just url", "http://test.co", 23},
		{"285 chars", "285 chars-" + x10 + "xxxxxxxxxx-", 285},
		{"url in the middle", "285 chars- http://www.twitter.com/jack " + x10, 299},
		{"url at the end", x10 + " http://www.twitter.com/jack ", 289},
		{"10 urls", strings.Repeat("https://www.twitter.com/aloha ", 10), 240},
		{"160 CJK", tangPoems, 320},
		{"160 emoji", strings.Repeat("😷", 160), 320},
		{"3 latin + 160 CJK", "the" + tangPoems, 323},
		{"NFC: A + combining acute is one character", "A\u0301B", 2},
		{"NFC: שּׁ decomposes into 3 characters", "A\uFB2C", 4},
		{"282 with a normalised character", "282 chars-" + x10 + "xxxxx" + "A\u0301x", 281},
		{"emoji mix with ZWJ family", "H🐱☺" + family, 7},
		{"BMP and astral emoji", "😷👾😡🔥💩", 10},
		{"skin tone and ZWJ", "🙋🏽👨\u200d🎤", 4},
		{"general punctuation, no ZWJ/ZWNJ", "This is a tweet with general punctuation characters: " +
			"\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷", 110},
		{"64-character label is no URL", "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68},
		{"IDN host over 63 punycode characters is no URL", kana + " http://" + strings.Repeat("あいうえおかきくけこ", 5) + "あいう.com", 358},
		{"IDN host within 63 punycode characters", kana + " http://" + strings.Repeat("あいうえおかきくけこ", 5) + "あい.com", 264},
		{"140 family emoji", strings.Repeat(family, 140), 280},
		{"Unicode 10 emoji and a tag-sequence flag", "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; " + england, 34},
		{"Unicode 9 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29},
		// UnicodeDirectionalMarkerCounterTest
		{"directional marks around an IDN-TLD URL", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31},
		// Our own.
		{"Italian accents", "perché è così", 13},
		{"Arabic letters weigh 1", "خط المساعدة", 11},
		{"Arabic with harakat", "مَرْحَبًا", 9},
		{"Urdu", "ہیلپ لائن", 9},
		{"Bengali", "সাহায্য", 7},
		{"Hangul weighs 2", "저찀쯿쿿", 8},
		{"astral code points weigh 2", "\U00010000\U0010ffff", 4},
		{"flag", "🇮🇹", 2},
		{"keycap", "1\uFE0F\u20E3", 2},
		{"copyright alone is text", "©", 1},
		{"copyright with VS16 is emoji", "©\uFE0F", 2},
		{"text presentation is not an emoji sequence", "☺\uFE0E", 4},
		{"bare .it name is no URL", "osservatoriointerventitratta.it", 31},
		{"bare .it name with a path is a URL", "osservatoriointerventitratta.it/numero-verde", 23},
		{"t.co is a URL", "t.co", 23},
		{"foo.co.jp is a URL", "foo.co.jp", 23},
		{"URL inside CJK", "请访问https://contratto.example/zh/。", 3*2 + 23 + 2},
		{"helpline number", "Numero verde antitratta: 800 290 290", 36},
		{"scheme-less ASCII host after CJK", "访问www.example.com", 2*2 + 23},
		{"bare IDN-ccTLD name is no URL", "foo.中国", 4 + 4},
		{"scheme URL after CJK", "中https://t.co/x", 2 + 23},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountX(tc.text); got != tc.want {
				t.Errorf("CountX(%q) = %d, want %d (URLs found: %v)", tc.text, got, tc.want, detectURLs(tc.text, true))
			}
		})
	}
}

// URL cases from twitter-text's conformance/validate.yml ("urls",
// "urls_without_protocol"): whether the whole text is extracted as one URL.
func TestDetectURLs(t *testing.T) {
	for _, tc := range []struct {
		text  string
		whole bool   // the whole text is one URL
		url   string // else: the URL found, if any
	}{
		{"http://example.com", true, ""},
		{"https://example.com/path/to/resource?search=foo&lang=en", true, ""},
		{"http://twitter.com/#!/twitter", true, ""},
		{"HTTPS://www.ExaMPLE.COM/index.html", true, ""},
		{"http://test_underscore.twitter.com", true, ""},
		{"http://☃.net/", true, ""},
		{"http://example.com/Русские_слова", true, ""},
		{"https://www.youtube.com/playlist?list=PL0ZPu8XSRTB7wZzn0mLHMvyzVFeRxbWn-", true, ""},
		{"http://example.com?foo=$bar.;baz?BAZ&c=d-#top/?stories+", false, "http://example.com?foo=$bar.;baz?BAZ&c=d-#top/?stories"},
		{"ftp://www.example.com/", false, ""},
		{"http://domain-dash_2314352345_dfasd.foo-cow_4352.com", false, ""},
		{"http://www.-domain4352.com/", false, ""},
		{"http://www.domain4352-.com/", false, ""},
		{"http://☃-.net/", false, ""},
		{"http://256.1.2.3/", false, ""},
		{"http://en.wikipedia.org/wiki/\"#Punctuation", false, "http://en.wikipedia.org/wiki/"},
		{"http://example.com/#anchor ", false, "http://example.com/#anchor"},
		{"http://test.-twitter.com", false, ""},
		{"example.com", true, ""},
		{"www.example.com", true, ""},
		{"t.co", true, ""},
		{"foo.co.jp", true, ""},
		{"example.com/path/to/resource?search=foo&lang=en", true, ""},
		// Our own.
		{"Vedi https://contratto.example/newsletter/2012-06/?utm_source=x&utm_medium=social.", false,
			"https://contratto.example/newsletter/2012-06/?utm_source=x&utm_medium=social"},
		{"(https://contratto.example/it/aiuto/)", false, "https://contratto.example/it/aiuto/"},
		{"https://it.wikipedia.org/wiki/Tratta_(diritto)", true, ""},
		{"mail@example.com", false, ""},
		{"#example.com", false, ""},
	} {
		got := detectURLs(tc.text, true)
		switch {
		case tc.whole:
			if len(got) != 1 || got[0] != (span{0, len(tc.text)}) {
				t.Errorf("detectURLs(%q) = %v, want the whole text", tc.text, got)
			}
		case tc.url == "":
			if len(got) > 0 {
				t.Errorf("detectURLs(%q) = %q, want none", tc.text, spansText(tc.text, got))
			}
		default:
			if len(got) != 1 || tc.text[got[0].start:got[0].end] != tc.url {
				t.Errorf("detectURLs(%q) = %q, want [%q]", tc.text, spansText(tc.text, got), tc.url)
			}
		}
	}
}

func spansText(s string, sps []span) []string {
	var out []string
	for _, sp := range sps {
		out = append(out, s[sp.start:sp.end])
	}
	return out
}

// Mastodon: docs.joinmastodon.org/user/posting ("links are counted as 23
// characters", "only the username part will count"), graphemes as the
// server's StatusLengthValidator counts.
func TestCountMastodon(t *testing.T) {
	long := "https://contratto.example/newsletter/2012-06/?utm_source=mastodon&utm_medium=social&utm_campaign=newsletter-2012-06"
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Hello", 5},
		{long, 23},
		{"Leggi: " + long, 7 + 23},
		{"http://a.it", 23},
		{"contratto.example/it/ without scheme counts as written", 54},
		{"@alice@example.com ciao", len("@alice ciao")},
		{"grazie @alice@mastodon.social e @bob", len("grazie @alice e @bob")},
		{"mail=x@y@example.com", len("mail=x@y@example.com")},
		{family, 1},
		{"🇮🇹🇪🇺", 2},
		{"🙋🏽", 1},
		{"e\u0301", 1},
		{"مَرْحَبًا", 5},
		{"中文简体", 4},
		{"क्षि", 1},
	} {
		if got := CountMastodon(tc.text); got != tc.want {
			t.Errorf("CountMastodon(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// Bluesky: app.bsky.feed.post text maxGraphemes 300, maxLength 3000 bytes.
func TestCountBluesky(t *testing.T) {
	for _, tc := range []struct {
		text      string
		graphemes int
	}{
		{"Hello", 5},
		{family, 1},
		{england, 1},
		{"🇮🇹", 1},
		{"👍🏾", 1},
		{"1\uFE0F\u20E3", 1},
		{"e\u0301", 1},
		{"क्षि", 1},
		{"مَرْحَبًا", 5},
		{"\u1112\u1161\u11AB", 1}, // Hangul jamo
		{"https://contratto.example/it/", 29},
		{"\r\n", 1},
	} {
		if got := CountBluesky(tc.text); got != tc.graphemes {
			t.Errorf("CountBluesky(%q) = %d, want %d", tc.text, got, tc.graphemes)
		}
	}
	r, _ := RuleFor(Bluesky, false)
	if text := strings.Repeat(family, 150); r.Fits(text) {
		t.Errorf("150 family emoji (150 graphemes, %d bytes) fit Bluesky; the 3,000-byte cap is not applied", len(text))
	}
}

// Instagram, LinkedIn, Facebook and Telegram count UTF-16 code units.
func TestCountUTF16Platforms(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"abc", 3},
		{"perché", 6},
		{"中文", 2},
		{"😷", 2},
		{family, 11},
		{"🇮🇹", 4},
		{"e\u0301", 2},
		{"مرحبا", 5},
	} {
		for name, f := range map[string]func(string) int{
			"Instagram": CountInstagram, "LinkedIn": CountLinkedIn, "Facebook": CountFacebook, "Telegram": CountTelegram,
		} {
			if got := f(tc.text); got != tc.want {
				t.Errorf("Count%s(%q) = %d, want %d", name, tc.text, got, tc.want)
			}
		}
		if u, c := UTF16Len(tc.text), utf8.RuneCountInString(tc.text); u < c {
			t.Errorf("UTF16Len(%q) = %d below the code point count %d", tc.text, u, c)
		}
	}
}

func TestInstagramHashtags(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"#ConTratTo #StopTratta", 2},
		{"no tags here", 0},
		{"a#b &#39; # alone", 0},
		{"#中文 #العربية", 2},
		{"(#Toscana)", 1},
		{strings.TrimSpace(strings.Repeat("#Tag ", 31)), 31},
	} {
		if got := InstagramHashtags(tc.text); got != tc.want {
			t.Errorf("InstagramHashtags(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func FuzzCountX(f *testing.F) {
	for _, s := range []string{"Hi http://test.co", family + "🇮🇹" + england, tangPoems, "a.b.c/d?e=f", "http://(a)", "#x.com", "xn--abc.xn--def"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := CountX(s)
		if n < 0 || n > 2*utf8.RuneCountInString(s)+23 {
			t.Fatalf("CountX(%q) = %d out of range", s, n)
		}
		prev := 0
		for _, sp := range detectURLs(s, true) {
			if sp.start < prev || sp.end <= sp.start || sp.end > len(s) || !utf8.ValidString(s[sp.start:sp.end]) {
				t.Fatalf("detectURLs(%q): bad span %v after %d", s, sp, prev)
			}
			prev = sp.end
		}
		if m := CountMastodon(s); m < 0 {
			t.Fatalf("CountMastodon(%q) = %d", s, m)
		}
	})
}
