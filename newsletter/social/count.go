package social

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"golang.org/x/text/unicode/norm"
)

// The weighting of twitter-text's configuration v3 (config/v3.json), the one
// X uses for 280-character posts.
const (
	xScale                = 100
	xDefaultWeight        = 200
	xTransformedURLLength = 23
)

// xLightRanges are the code point ranges of config v3 that weigh 100
// (one character); everything else weighs defaultWeight (two).
var xLightRanges = [...][2]rune{
	{0, 4351},    // Latin, Greek, Cyrillic, Arabic, Hebrew, Indic scripts, …
	{8192, 8205}, // general punctuation spaces, ZWSP, ZWNJ, ZWJ
	{8208, 8223}, // dashes and quotation marks
	{8242, 8247}, // primes
}

// CountX is a post's length as X counts it: twitter-text's parseTweet with
// configuration v3 (github.com/twitter/twitter-text, js/src/parseTweet.js and
// config/v3.json; docs: developer.x.com "Counting characters").
//
// The text is normalised to NFC first. Then every URL counts
// transformedURLLength (23), whatever its length (URLs as detectURLs finds
// them, with or without a scheme); every emoji sequence — a single emoji, a
// keycap, a flag, a modifier sequence, a tag sequence or a ZWJ sequence —
// counts defaultWeight (2); every other code point counts 1 inside the ranges
// 0–4351, 8192–8205, 8208–8223 and 8242–8247 and 2 outside them (so CJK
// ideographs, kana and Hangul count 2). The limit is 280.
//
// Emoji sequences follow UTS #51 on the Unicode 17 Extended_Pictographic
// property instead of twemoji-parser's list: as in twemoji, ©, ® and ™ are
// emoji only when followed by U+FE0F, and a pictograph followed by U+FE0E (text
// presentation) is not an emoji sequence.
func CountX(s string) int {
	s = norm.NFC.String(s)
	urls := detectURLs(s, true)
	weighted := 0
	u := 0
	for i := 0; i < len(s); {
		if u < len(urls) && urls[u].start == i {
			weighted += xTransformedURLLength * xScale
			i = urls[u].end
			u++
			continue
		}
		if n := emojiSequence(s, i); n > 0 {
			weighted += xDefaultWeight
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		weighted += xWeight(r)
		i += n
	}
	return weighted / xScale
}

func xWeight(r rune) int {
	for _, rg := range xLightRanges {
		if r >= rg[0] && r <= rg[1] {
			return xScale
		}
	}
	return xDefaultWeight
}

// CountMastodon is a post's length as a Mastodon server counts it
// (app/validators/status_length_validator.rb; docs.joinmastodon.org/user/posting,
// "Text"): every http:// or https:// URL is replaced by 23 characters, a
// mention "@user@domain" by "@user", and the result is counted in extended
// grapheme clusters (Ruby's each_grapheme_cluster). The default limit is 500.
//
// URLs are found with the same twitter-text rules as CountX, without the
// scheme-less ones; Mastodon's own path rules accept more characters, so a
// URL's tail can only be overcounted here, never undercounted.
func CountMastodon(s string) int {
	var b strings.Builder
	last := 0
	for _, sp := range detectURLs(s, false) {
		b.WriteString(dropMentionDomains(s[last:sp.start]))
		b.WriteString(strings.Repeat("x", 23))
		last = sp.end
	}
	b.WriteString(dropMentionDomains(s[last:]))
	return Graphemes(b.String())
}

// dropMentionDomains rewrites "@user@example.org" as "@user", as Mastodon's
// counter does (Account::MENTION_RE).
func dropMentionDomains(s string) string {
	if strings.Count(s, "@") < 2 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '@' || (i > 0 && mentionBlockedBy(s[:i])) {
			r, n := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			i += n
			continue
		}
		// Username: [a-z0-9_]+ with inner "." and "-".
		j := i + 1
		for j < len(s) && (isASCIIAlnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == '-') {
			j++
		}
		for j > i+1 && (s[j-1] == '.' || s[j-1] == '-') {
			j--
		}
		if j == i+1 {
			b.WriteByte('@')
			i++
			continue
		}
		user := s[i:j]
		// Domain: [\w.-]+ ending in \w.
		if j < len(s) && s[j] == '@' {
			k := j + 1
			lastWord := -1
			for k < len(s) {
				r, n := utf8.DecodeRuneInString(s[k:])
				if isWordRune(r) {
					k += n
					lastWord = k
				} else if r == '.' || r == '-' {
					k += n
				} else {
					break
				}
			}
			if lastWord > j+1 {
				b.WriteString(user)
				i = lastWord
				continue
			}
		}
		b.WriteString(user)
		i = j
	}
	return b.String()
}

// mentionBlockedBy reports whether the text before "@" prevents a mention
// (Mastodon's negative look-behind [=/\w]).
func mentionBlockedBy(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return r == '=' || r == '/' || isWordRune(r)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// CountBluesky is a post's length as Bluesky counts it: extended grapheme
// clusters (UAX #29), the unit of maxGraphemes in the app.bsky.feed.post
// lexicon (text: maxGraphemes 300, maxLength 3000 UTF-8 bytes, which the
// Bluesky Rule checks as BlueskyMaxBytes). Links are facets over the visible text, so a URL counts as the
// text that is posted: the full URL here.
func CountBluesky(s string) int { return Graphemes(s) }

// CountInstagram is a caption's length for Instagram's 2,200-character limit
// (developers.facebook.com, Instagram Graph API, IG User Media: "caption …
// maximum 2,200 characters, 30 hashtags, and 20 @ tags"). The documentation
// does not say what a character is; this counts UTF-16 code units, which is
// never less than the code point or grapheme count, so a caption within the
// limit here is within it under any of those readings.
func CountInstagram(s string) int { return UTF16Len(s) }

// InstagramHashtags counts the hashtags in a caption (at most 30 are allowed):
// a "#" not preceded by a letter, digit or "&", followed by a letter, digit or
// "_".
func InstagramHashtags(s string) int {
	n := 0
	prev := rune(-1)
	for i, r := range s {
		if r == '#' || r == '＃' {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if (prev < 0 || !(isWordRune(prev) || prev == '&')) && isWordRune(next) {
				n++
			}
		}
		prev = r
	}
	return n
}

// CountLinkedIn is a post's length for LinkedIn's 3,000-character limit
// (learn.microsoft.com, LinkedIn Posts API, "commentary"). LinkedIn does not
// define the character; UTF-16 code units are counted, as for Instagram, the
// reading that is never below the others.
func CountLinkedIn(s string) int { return UTF16Len(s) }

// CountFacebook is a post's length for Facebook's 63,206-character limit,
// counted like LinkedIn (UTF-16 code units).
func CountFacebook(s string) int { return UTF16Len(s) }

// CountTelegram is a message's length as the Telegram Bot API counts it: the
// API measures text in UTF-16 code units (core.telegram.org/bots/api,
// MessageEntity: "offset and length … in UTF-16 code units"); sendMessage takes
// 1–4,096 characters, a media caption 0–1,024.
func CountTelegram(s string) int { return UTF16Len(s) }

// Graphemes counts extended grapheme clusters (UAX #29).
func Graphemes(s string) int {
	n := 0
	g := graphemes.FromString(s)
	for g.Next() {
		n++
	}
	return n
}

// UTF16Len counts UTF-16 code units: two for a code point above U+FFFF.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// CodePoints counts Unicode code points.
func CodePoints(s string) int { return utf8.RuneCountInString(s) }
