// Package langtag checks BCP 47 language tags: the one rule for the tag of an email, an
// .eml's Content-Language and a feed.
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
