package check

import (
	"testing"

	"github.com/spf13/afero"
)

func TestI18nComplete(t *testing.T) {
	expect(t, I18n(build(t, clean)))
}

func TestI18nMissingKeys(t *testing.T) {
	in := build(t, with(`
-- i18n/en.toml --
skip = "Skip to content"
-- i18n/ar.toml --
note = "الصفحة بلغة {{ .Language }}."
`))
	expect(t, I18n(in),
		"i18n/ar.toml: error: i18n: 1 string is missing, in the order of i18n/it.toml:\n"+
			`    skip = "Vai al contenuto"  (i18n/it.toml:2)`,
		"i18n/en.toml: error: i18n: 1 string is missing, in the order of i18n/it.toml:\n"+
			`    note = "Pagina in {{ .Language }}."  (i18n/it.toml:3)`)
}

func TestI18nMissingFile(t *testing.T) {
	in := build(t, replace(t, "-- i18n/ar.toml --", "-- unused/ar.toml --"))
	expect(t, I18n(in),
		"i18n/ar.toml: error: i18n: missing: العربية (ar) has no interface strings (menus, buttons, notes); copy i18n/it.toml and translate it")
}

func TestI18nExtraKeyAndLostPlaceholder(t *testing.T) {
	in := build(t, with(`
-- i18n/en.toml --
skip = "Skip to content"

note = "Page in another language."
oldKey = "Nobody reads me"
`))
	expect(t, I18n(in),
		`i18n/en.toml:3: error: i18n: "note" leaves out {{ .Language }}, which i18n/it.toml has`,
		`i18n/en.toml:4: warning: i18n: "oldKey" is not in i18n/it.toml, so it is never shown: remove it, or add it there`)
}

func TestI18nPluralTables(t *testing.T) {
	in := build(t, with(`
-- i18n/it.toml --
skip = "Vai al contenuto"
note = "Pagina in {{ .Language }}."
[pages]
one = "una pagina"
other = "{{ .Count }} pagine"
-- i18n/en.toml --
skip = "Skip to content"
note = "Page in {{ .Language }}."
[pages]
one = "one page"
other = "pages"
-- i18n/ar.toml --
skip = "انتقل إلى المحتوى"
note = "الصفحة بلغة {{ .Language }}."
[pages]
zero = "{{ .Count }}"
other = "{{ .Count }}"
`))
	expect(t, I18n(in), `i18n/en.toml:3: error: i18n: "pages" leaves out {{ .Count }}, which i18n/it.toml has`)
}

func TestI18nUnreadableFile(t *testing.T) {
	in := build(t, clean)
	// Hugo would refuse to build with this file; the rule reads files on its own.
	broken := "skip = \"Skip\"\nnote = \"Page in {{ .Language }}\n"
	if err := afero.WriteFile(in.Fs, "/project/i18n/en.toml", []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	expect(t, I18n(in), `i18n/en.toml:2: error: i18n: cannot be read: toml: basic strings cannot have new lines`)
}
