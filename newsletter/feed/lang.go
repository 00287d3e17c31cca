package feed

import "strings"

// xmlLangFallback maps a language whose primary subtag is valid BCP 47 but is
// missing from the ISO 639-1/639-2 code list that the W3C Feed Validator
// checks RSS <language> and Atom xml:lang against (it reports "must be an
// ISO-639 language code", an error) to the closest tag it accepts.
//
// Nigerian Pidgin has only an ISO 639-3 code, "pcm". Its ISO 639-2 home is
// the collection "cpe" (Creoles and pidgins, English-based), which is also a
// valid BCP 47 language subtag; "-NG" keeps the country. JSON Feed takes any
// RFC 5646 tag, so feed.json keeps "pcm".
var xmlLangFallback = map[string]string{
	"pcm": "cpe-NG",
}

// xmlLang is the tag written into RSS <language> and Atom xml:lang.
func xmlLang(tag string) string {
	primary, rest, _ := strings.Cut(tag, "-")
	fallback, ok := xmlLangFallback[strings.ToLower(primary)]
	if !ok {
		return tag
	}
	if rest != "" && strings.Contains(fallback, "-") {
		// "pcm-Latn" → "cpe-Latn": keep the caller's own subtags.
		fallback, _, _ = strings.Cut(fallback, "-")
		return fallback + "-" + rest
	}
	return fallback
}
