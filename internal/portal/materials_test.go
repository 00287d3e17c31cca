package portal

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/afero"
	"golang.org/x/net/html"

	"github.com/contratto/portal/internal/materials"
)

// printTools are the programs a print shop and a phone use on the material, from
// Debian's poppler-utils and zbar-tools. `make test` installs them (tests/materials/install).
var printTools = []string{"pdftotext", "pdffonts", "pdftoppm", "zbarimg"}

// pngScripts are the languages whose cards are also written as pictures, for a person to
// look at the shaping (joined Arabic letters, conjuncts, Chinese).
var pngScripts = map[string]bool{"ar": true, "ur": true, "bn": true, "pa": true, "zh": true}

// TestPrintedMaterialReadsInPrintTools runs the print tools on the real site's material
// once per test run (the routine test and the sub-path test check only that every item
// is there, printedMaterialInEveryLanguage: the tools take seconds).
func TestPrintedMaterialReadsInPrintTools(t *testing.T) {
	printedMaterialReadsInPrintTools(t, realProject(t))
}

// printedMaterialInEveryLanguage: once the site has printed material, every language has
// every item in its folder, as a PDF.
func printedMaterialInEveryLanguage(t *testing.T, b builtProject) {
	in, ok, err := MaterialsInput(b.Project, b.res)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return
	}
	for i, l := range in.Languages {
		for _, k := range materials.KindsOf(i) {
			file := "/" + path.Join(strings.Trim(l.Folder, "/"), materials.FileName(k)+"-"+l.Code+".pdf")
			data, err := afero.ReadFile(b.res.Output, file)
			if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s: no %s PDF at public%s (%v)", l.Code, k, file, err)
			}
		}
	}
	// the materials pages: every size filled in, and a message of at most 300 characters
	// with every number as a phone dials it and the address of the language's help page
	lines, err := b.res.Helplines()
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, p := range builtPages(t, b.res) {
		if text := textContent(p.doc); strings.Contains(text, "⟦") {
			t.Errorf("public%s: a file size was not filled in", p.file)
		}
		for _, m := range elements(p.doc, func(n *html.Node) bool { return hasClass(n, "message") }) {
			pages++
			msg := textContent(m)
			if n := utf8.RuneCountInString(msg); n > 300 {
				t.Errorf("public%s: the message has %d characters, more than 300: %q", p.file, n, msg)
			}
			for _, h := range lines {
				if !strings.Contains(msg, h.Tel) {
					t.Errorf("public%s: the message lacks the %s line as a phone dials it (%s): %q", p.file, h.Key, h.Tel, msg)
				}
			}
			help := ""
			for _, l := range in.Languages {
				if l.Code == p.lang.Code {
					help = l.HelpURL
				}
			}
			if help == "" || !strings.Contains(msg, help) {
				t.Errorf("public%s: the message lacks the help page's address %q: %q", p.file, help, msg)
			}
		}
	}
	if pages < len(in.Languages) {
		t.Errorf("%d materials pages with a message, want one in each of the %d languages", pages, len(in.Languages))
	}
}

// printedMaterialReadsInPrintTools: every item of every language is in the language's
// folder; pdffonts shows every font embedded; pdftotext gives both helpline numbers of
// site.toml digit for digit (and, on a discreet card, none of the language's forbidden
// words); the QR code, read by zbarimg from a 150 dpi rendering, gives the address of the
// language's help page. The cards of the right-to-left, Indic and Chinese scripts are
// written as PNG files to tests/materials/png/ of the project.
func printedMaterialReadsInPrintTools(t *testing.T, b builtProject) {
	for _, tool := range printTools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run tests/materials/install (make test does) to install poppler-utils and zbar-tools", tool)
		}
	}
	in, ok, err := MaterialsInput(b.Project, b.res)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("the site has no printed material: i18n of the default language has no mat_cardTitle")
	}
	work := t.TempDir()
	pngDir := filepath.Join(b.Dir, "tests", "materials", "png")
	if err := os.MkdirAll(pngDir, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		var stderr bytes.Buffer
		cmd := exec.Command(name, args...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
		}
		return string(out)
	}
	for i, l := range in.Languages {
		for _, k := range materials.KindsOf(i) {
			folder := strings.Trim(l.Folder, "/")
			file := "/" + path.Join(folder, materials.FileName(k)+"-"+l.Code+".pdf")
			if ok, _ := afero.Exists(b.res.Output, file); !ok {
				t.Errorf("%s: no %s at public%s", l.Code, k, file)
				continue
			}
			data, err := afero.ReadFile(b.res.Output, file)
			if err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(work, path.Base(file))
			if err := os.WriteFile(pdf, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(run("pdffonts", pdf), "\n")[2:] {
				if f := strings.Fields(line); len(f) >= 5 && !(f[len(f)-5] == "yes" && f[len(f)-4] == "yes") {
					t.Errorf("public%s: a font is not embedded and subset: %s", file, line)
				}
			}
			text := readable(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
			for _, n := range []materials.Number{in.Regional, in.National} {
				if !strings.Contains(text, n.Display) {
					t.Errorf("public%s: pdftotext does not give %q:\n%s", file, n.Display, text)
				}
			}
			// in every script, a sentence comes out whole, letter for letter, in reading order
			if sentence := readingOrderCheck[k]; sentence != "" {
				if want := materials.Letters(l.Strings[sentence]); !strings.Contains(materials.Letters(text), want) {
					t.Errorf("public%s: pdftotext does not give %s in reading order, %q:\n%s", file, sentence, l.Strings[sentence], text)
				}
			}
			if k == materials.DiscreetCard {
				low := strings.ToLower(text)
				words, _ := materials.Forbidden(l.Code)
				for _, w := range words {
					if strings.Contains(low, strings.ToLower(w)) {
						t.Errorf("public%s: the discreet card says %q", file, w)
					}
				}
			}
			prefix := filepath.Join(work, strings.TrimSuffix(path.Base(file), ".pdf"))
			if materials.HasQR(k) {
				// the QR code is on the last page
				n := "1"
				if k == materials.PocketCard || k == materials.Leaflet {
					n = "2"
				}
				run("pdftoppm", "-r", "150", "-png", "-f", n, "-l", n, "-singlefile", pdf, prefix+"-qr")
				got := strings.TrimSpace(run("zbarimg", "--quiet", "--raw", prefix+"-qr.png"))
				if got != l.HelpURL {
					t.Errorf("public%s: the QR code reads %q, want the help page %q", file, got, l.HelpURL)
				}
			}
			if pngScripts[l.Code] && (k == materials.PocketCard || k == materials.DiscreetCard) {
				run("pdftoppm", "-r", "150", "-png", pdf, filepath.Join(pngDir, strings.TrimSuffix(path.Base(file), ".pdf")))
			}
		}
	}
	t.Logf("the cards in Arabic, Urdu, Bengali, Punjabi and Chinese, as pictures: %s", pngDir)
}

// readingOrderCheck names, per item, a sentence that pdftotext must give whole.
var readingOrderCheck = map[materials.Kind]string{
	materials.PocketCard:   "mat_call2",
	materials.DiscreetCard: "mat_discreetTitle",
	materials.Leaflet:      "mat_notYourFault",
	materials.Poster:       "helplinesNote",
}

// readable undoes what pdftotext adds or keeps around right-to-left text: direction
// marks, and the no-break spaces that hold a number's groups together.
func readable(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		case r == 0xa0:
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// printStylesheetDropsMenusAndPrintsAddresses: the site's stylesheet has a print block
// that hides the menus, the language switcher and the exit link, makes the numbers large
// and prints each link's address after it.
func printStylesheetDropsMenusAndPrintsAddresses(t *testing.T, b builtProject) {
	sheets, _ := afero.Glob(b.res.Output, "/css/*.css")
	if len(sheets) == 0 {
		t.Fatal("the site has no stylesheet in /css/")
	}
	for _, name := range sheets {
		css, err := afero.ReadFile(b.res.Output, name)
		if err != nil {
			t.Fatal(err)
		}
		var print string
		for _, block := range strings.Split(string(css), "@media")[1:] {
			if strings.HasPrefix(strings.TrimSpace(block), "print") {
				print += block
			}
		}
		if print == "" {
			t.Errorf("public%s has no @media print block", name)
			continue
		}
		for _, want := range []string{".exit-bar", ".nav-main", ".nav-more", ".languages", "display:none", ".tel-number{font-size", "attr(href)"} {
			if !strings.Contains(print, want) {
				t.Errorf("public%s: the print block lacks %q", name, want)
			}
		}
	}
}
