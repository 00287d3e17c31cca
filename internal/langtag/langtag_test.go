package langtag

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tag := range []string{"it", "ar", "pcm", "zh-Hans", "zh-hans", "EN", "pt-PT", "sr-Latn-RS", "x-private"} {
		if err := Check(tag); err != nil {
			t.Errorf("Check(%q) = %v, want nil", tag, err)
		}
	}
	for tag, want := range map[string]string{
		"":          `"" is not a BCP 47 language tag`,
		"italiano!": `"italiano!" is not a BCP 47 language tag`,
		"en US":     `"en US" is not a BCP 47 language tag`,
		"xx":        `"xx" is not a BCP 47 language tag`,
		"und":       `"und" names no language`,
		"en_US":     `write "en-US"`,
		"iw":        `write "he"`,
	} {
		err := Check(tag)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%q) = %v, want an error with %q", tag, err, want)
		}
	}
}

func TestSameLanguage(t *testing.T) {
	for _, c := range []struct {
		tag, lang string
		same      bool
	}{
		{"it", "it", true},
		{"it-CH", "it", true},
		{"IT", "it", true},
		{"zh-Hans", "zh-Hans", true},
		{"zh", "zh-Hans", false},
		{"en", "it", false},
		{"ita", "it", false},
	} {
		if got := SameLanguage(c.tag, c.lang); got != c.same {
			t.Errorf("SameLanguage(%q, %q) = %v, want %v", c.tag, c.lang, got, c.same)
		}
	}
}
