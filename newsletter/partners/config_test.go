package partners

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestLoadConfig(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "/site/site.toml", []byte(`title = "x"
[params.newsletter]
from = "a"

[[params.newsletter.partners]]
id = "rete"
name = "Rete"
feed = "https://rete.example/feed/"
languages = ["it", "en"]

[[params.newsletter.partners]]
id = "locale"
name = "Locale"
feed = "http://127.0.0.1:8080/feed"
languages = ["it"]
note = "a test feed"
`), 0o644)
	list, err := LoadConfig(fsys, "/site/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "rete" || list[1].Languages[0] != "it" || list[0].Languages[1] != "en" {
		t.Errorf("partners = %+v", list)
	}
	afero.WriteFile(fsys, "/site/none.toml", []byte("title = \"x\"\n"), 0o644)
	if list, err := LoadConfig(fsys, "/site/none.toml"); err != nil || len(list) != 0 {
		t.Errorf("a site without partners: %v, %v", list, err)
	}
}

func TestLoadConfigNamesTheLineOfEachMistake(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "site.toml", []byte(`[params]
[[params.newsletter.partners]]
id = "Rete Toscana"
name = ""
feed = "http://rete.example/feed/"
languages = []

[[params.newsletter.partners]]
id = "b"
name = "B"
feed = "javascript:alert(1)"
languages = ["italian"]

[[params.newsletter.partners]]
id = "b"
name = "B again"
feed = "https://b.example/"
languages = ["it"]
`), 0o644)
	_, err := LoadConfig(fsys, "site.toml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`site.toml:2: [[params.newsletter.partners]] partner 1: id "Rete Toscana"`,
		"site.toml:2: [[params.newsletter.partners]] partner 1: name is empty",
		"site.toml:2: [[params.newsletter.partners]] partner 1: feed: \"http://rete.example/feed/\" is plain http",
		"site.toml:2: [[params.newsletter.partners]] partner 1: languages is empty",
		"site.toml:8: [[params.newsletter.partners]] partner 2: feed: \"javascript:alert(1)\"",
		"site.toml:8: [[params.newsletter.partners]] partner 2: languages: \"italian\"",
		`site.toml:14: [[params.newsletter.partners]] partner 3: the id "b" is used twice`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	afero.WriteFile(fsys, "broken.toml", []byte("[params\n"), 0o644)
	if _, err := LoadConfig(fsys, "broken.toml"); err == nil || !strings.HasPrefix(err.Error(), "broken.toml:1:") {
		t.Errorf("a syntax error: %v", err)
	}
}

// The project's own site.toml: whatever partners it lists are valid (an invariant, not
// its list).
func TestTheProjectsPartnersAreValid(t *testing.T) {
	if _, err := LoadConfig(afero.NewOsFs(), "../../site.toml"); err != nil {
		t.Error(err)
	}
}
