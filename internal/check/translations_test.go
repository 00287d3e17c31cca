package check

import (
	"strings"
	"testing"
)

func TestOutdatedTranslationsAreWarnings(t *testing.T) {
	r := Run(build(t, replace(t, "In pericolo?", "Sei in pericolo?")), Options{Essential: []string{"help"}}, nil)
	if r.Errors() != 0 {
		t.Errorf("errors:\n%s", strs(r.Findings))
	}
	want := `content/it/aiuto.md: warning: translation: changed since its translations into en, ar were made ("portal translations" lists them; after updating one, run "portal translations record LANG PAGE"); what changed cannot be shown (no history: the project is not on disk)`
	if !strings.Contains(strs(r.Findings), want+"\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strs(r.Findings), want)
	}
	for _, row := range r.Coverage.Rows {
		if row.Key == "help" && (row.Cells[0].mark() != "✓" || row.Cells[1].mark() != "old" || row.Cells[2].mark() != "old") {
			t.Errorf("help: %+v", row.Cells)
		}
	}
}

func TestATranslationThatLosesAPartIsAnError(t *testing.T) {
	r := Run(build(t, replace(t, "## Who to call\n", "")), Options{Essential: []string{"help"}}, nil)
	expect(t, filterRule(r.Findings, Error),
		`content/en/aiuto.md:11: error: link: broken link "#who-to-call": this page has no id "who-to-call" (on /en/aiuto/)`,
		`content/en/aiuto.md:12: error: translation: does not keep the structure of its source content/it/aiuto.md:7: the translation lacks a level 2 heading that its source has`)
}

func TestATranslationWithoutRecordIsAWarning(t *testing.T) {
	r := Run(build(t, replace(t, "date: 2012-06-01\nsourceHash: \"e37b26b8c956\"\n---\n## Who", "date: 2012-06-01\n---\n## Who")), Options{Essential: []string{"help"}}, nil)
	want := `content/en/aiuto.md:1: warning: translation: does not record which version of content/it/aiuto.md it translates: once it says what the source says, run "portal translations record en aiuto.md"`
	if !strings.Contains(strs(r.Findings), want+"\n") || r.Errors() != 0 {
		t.Errorf("findings:\n%s\nwant:\n%s", strs(r.Findings), want)
	}
}

func filterRule(fs []Finding, s Severity) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}
