// Package langtag checks BCP 47 language tags — the one rule for the tag of an email, an
// .eml's Content-Language and a feed — and tells whether a tagged text is in a language.
package langtag

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Check returns nil when tag is a BCP 47 language tag with known subtags, written in its
// canonical form (letter case aside): "it", "ar", "pcm", "zh-Hans". Otherwise the error
// starts with the tag, quoted, and says what to write instead when there is a canonical
// form.
func Check(tag string) error {
	t, err := language.Parse(tag)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a BCP 47 language tag (like \"it\", \"ar\" or \"pcm\"): %v", tag, err)
	case t == language.Und:
		return fmt.Errorf("%q names no language", tag)
	case !strings.EqualFold(t.String(), tag):
		return fmt.Errorf("%q is not a BCP 47 language tag as written: write %q", tag, t.String())
	}
	return nil
}

// SameLanguage reports whether a text tagged tag is in the language lang: the same tag,
// or lang with a region or script after it ("it-CH" is in "it"), in any letter case
// (tags are case-insensitive).
func SameLanguage(tag, lang string) bool {
	base, _, _ := strings.Cut(tag, "-")
	return strings.EqualFold(tag, lang) || strings.EqualFold(base, lang)
}
