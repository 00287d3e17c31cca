package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/contratto/portal/internal/site"
)

// Helpline is one number of site.toml's [params.helplines].
type Helpline = site.Helpline

// Helplines checks that every phone number is the one in site.toml. In content (body
// and front matter), a number that looks like a helpline but differs from site.toml
// (a wrong digit, another format, a +39 prefix) is an error; the right number typed by
// hand in the body is a warning, because the helpline shortcode keeps it in one place.
// In built pages, every tel: link must dial one of site.toml's numbers.
func Helplines(in Input) []Finding {
	if in.Site == nil {
		return nil
	}
	lines, err := in.Site.Helplines()
	if err != nil {
		return []Finding{{File: in.config(), Severity: Error, Rule: "helpline", Message: err.Error()}}
	}
	files, _ := contentFiles(in) // unreadable files are reported by FrontMatter
	var out []Finding
	for _, f := range files {
		out = append(out, scanNumbers(f, lines)...)
	}
	return append(out, telLinks(in, lines)...)
}

// telLinks checks the tel: links of the built pages. A link written in a content file
// is left to scanNumbers, which knows its line.
func telLinks(in Input, lines []Helpline) []Finding {
	o, err := readOutput(in)
	if err != nil || o == nil {
		return nil // Links reports an unreadable output
	}
	tels := map[string]bool{}
	var list []string
	for _, h := range lines {
		tels[h.Tel] = true
		list = append(list, h.Tel)
	}
	var pf pageFindings
	for _, p := range o.pages {
		for _, r := range p.Refs {
			if len(r.Value) < 4 || !strings.EqualFold(r.Value[:4], "tel:") || tels[r.Value[4:]] {
				continue
			}
			if o.lineOf(p.Source, r.Value) > 0 {
				continue
			}
			pf.add(Finding{File: p.Source, Severity: Error, Rule: "helpline",
				Message: fmt.Sprintf("phone link %q does not dial a number of %s (tel: %s)", r.Value, in.config(), strings.Join(list, ", "))}, p)
		}
	}
	return pf.list()
}

// Digits as the portal's scripts write them: ASCII, Arabic-Indic, Extended
// Arabic-Indic (Urdu), Devanagari, Bengali, Gurmukhi and full-width.
var digitZeros = []rune{'0', '\u0660', '\u06F0', '\u0966', '\u09E6', '\u0A66', '\uFF10'}

const (
	digitClass = `0-9\x{0660}-\x{0669}\x{06F0}-\x{06F9}\x{0966}-\x{096F}\x{09E6}-\x{09EF}\x{0A66}-\x{0A6F}\x{FF10}-\x{FF19}`
	// One separator between groups of digits: spaces (also no-break and thin ones),
	// dots and hyphens.
	sepClass = ` .\-\x{00A0}\x{202F}\x{2009}\x{2010}\x{2011}`
)

var (
	numberRe    = regexp.MustCompile(`(?i)(tel:)?(\+)?[` + digitClass + `]+(?:[` + sepClass + `][` + digitClass + `]+)*`)
	digitsRe    = regexp.MustCompile(`[` + digitClass + `]+`)
	shortcodeRe = regexp.MustCompile(`(?s)\{\{[<%].*?[%>]\}\}`)
	// spaces writes the spaces a number may be typed with as plain ones.
	spaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ")
)

// asciiDigits writes a run of digits of any of the portal's scripts in ASCII.
func asciiDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		for _, z := range digitZeros {
			if r >= z && r <= z+9 {
				b.WriteRune('0' + r - z)
				break
			}
		}
	}
	return b.String()
}

// scanNumbers finds the numbers of one content file that look like helplines.
func scanNumbers(f contentFile, lines []Helpline) []Finding {
	// Newsletter issues are written by "newsletter assemble" from site.toml and frozen
	// once sent; their numbers are typed out on purpose (an email runs no shortcode),
	// so only a number that differs from site.toml is reported there.
	typedOutOnPurpose := strings.HasPrefix(f.Path, "content/newsletter/")
	text := blankShortcodes(f.Text)
	bodyStart := 0
	if f.Format != "" {
		bodyStart = len(f.Text) - len(f.Body)
		if f.Unclosed {
			bodyStart = len(f.Text)
		}
	}
	var out []Finding
	for _, m := range numberRe.FindAllStringSubmatchIndex(text, -1) {
		for _, fd := range scanNumber(f, text, m, bodyStart, lines) {
			if fd.Severity == Error || !typedOutOnPurpose {
				out = append(out, fd)
			}
		}
	}
	return out
}

// blankShortcodes replaces shortcode calls with spaces, keeping offsets and lines.
func blankShortcodes(text string) string {
	return shortcodeRe.ReplaceAllStringFunc(text, func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, s)
	})
}

// maxDigits is the longest phone number, with its country code (ITU-T E.164: 15).
const maxDigits = 16

// group is one run of digits of a number, by offsets in the text, and its digits in ASCII.
type group struct {
	start, end int
	digits     string
}

// scanNumber looks at one number, whose groups of digits may hold more than one phone
// number ("112 800 290 290"): from the left, the longest run of groups that reads as a
// helpline is taken, then the search goes on after it.
func scanNumber(f contentFile, text string, m []int, bodyStart int, lines []Helpline) []Finding {
	start, end := m[0], m[1]
	isTel, plus := m[2] >= 0, m[4] >= 0
	var groups []group
	for _, g := range digitsRe.FindAllStringIndex(text[start:end], -1) {
		groups = append(groups, group{start + g[0], start + g[1], asciiDigits(text[start+g[0] : start+g[1]])})
	}
	var out []Finding
	firstTaken := false
	for i := 0; i < len(groups); {
		found := false
		// No phone number has more than maxDigits digits: a long run of figures
		// ("1 2 3 4 ...") is looked at in windows of that size.
		var digits strings.Builder
		var upTo []int // upTo[k]: the digits of groups i..i+k
		for k := i; k < len(groups) && (k == i || digits.Len()+len(groups[k].digits) <= maxDigits); k++ {
			digits.WriteString(groups[k].digits)
			upTo = append(upTo, digits.Len())
		}
		all := digits.String()
		from := groups[i].start
		if i == 0 {
			from = start
		}
		for j := i + len(upTo) - 1; j >= i; j-- {
			w := window{raw: text[from:groups[j].end], digits: all[:upTo[j-i]], tel: isTel && i == 0, plus: plus && i == 0, whole: i == 0 && j == len(groups)-1}
			msg, sev, ok := w.classify(lines, start >= bodyStart)
			if !ok {
				continue
			}
			if msg != "" {
				out = append(out, Finding{File: f.Path, Line: lineAt(f.Text, from), Severity: sev, Rule: "helpline", Message: msg})
			}
			if i == 0 {
				firstTaken = true
			}
			i, found = j+1, true
			break
		}
		if !found {
			i++
		}
	}
	if isTel && !firstTaken {
		out = append(out, Finding{File: f.Path, Line: lineAt(f.Text, start), Severity: Error, Rule: "helpline",
			Message: fmt.Sprintf("phone link %q does not dial a helpline of site.toml", text[start:end])})
	}
	return out
}

// window is a run of groups of digits that may be a phone number.
type window struct {
	raw    string // as written, with "tel:" and "+" when they start the number
	digits string
	tel    bool // written as a tel: link
	plus   bool // starts with "+"
	whole  bool // the whole number, not a part of it
}

// classify tells whether the window reads as a helpline (ok) and what, if anything, is
// wrong with it. In front matter shortcodes do not work, so the right number as
// site.toml displays it is fine there.
func (w window) classify(lines []Helpline, inBody bool) (msg string, sev Severity, ok bool) {
	digits, intl := w.digits, false
	switch {
	case w.plus && strings.HasPrefix(digits, "39"):
		digits, intl = digits[2:], true
	case strings.HasPrefix(digits, "0039"):
		digits, intl = digits[4:], true
	}
	advice := func(h Helpline) string {
		if inBody {
			return fmt.Sprintf(`use {{< helpline %q >}}`, h.Key)
		}
		return fmt.Sprintf("write %q", h.Display)
	}
	for _, h := range lines {
		if digits != h.Tel || len(h.Tel) < 6 && (!w.whole || intl) {
			continue
		}
		shown := spaces.Replace(w.raw)
		switch {
		case intl:
			return fmt.Sprintf("%q: Italian toll-free numbers are dialled without +39 and may not connect with it; %s", w.raw, advice(h)), Error, true
		case shown == h.Display || w.tel && shown == "tel:"+h.Tel:
			if !inBody {
				return "", 0, true
			}
			return fmt.Sprintf("the %s helpline typed by hand: use {{< helpline %q >}}, so the number is kept in one place (site.toml)", h.Key, h.Key), Warning, true
		default:
			return fmt.Sprintf("%q is written differently from site.toml (%q): %s", w.raw, h.Display, advice(h)), Error, true
		}
	}
	if len(digits) < 6 {
		return "", 0, false
	}
	best, dist := Helpline{}, -1
	for _, h := range lines {
		if len(h.Tel) < 6 {
			continue
		}
		if len(digits) > len(h.Tel)+2 || len(digits) < len(h.Tel)-2 {
			continue // at least 3 digits apart: not worth the count
		}
		if d := levenshtein(digits, h.Tel); dist < 0 || d < dist {
			best, dist = h, d
		}
	}
	tollFree := len(digits) >= 8 && len(digits) <= 10 && (strings.HasPrefix(digits, "800") || strings.HasPrefix(digits, "803"))
	if dist < 0 || dist > 2 && !tollFree {
		return "", 0, false
	}
	return fmt.Sprintf("%q is not a helpline of site.toml (the %s line is %q): %s", w.raw, best.Key, best.Display, advice(best)), Error, true
}

// levenshtein counts the digits to add, remove or change to turn a into b.
func levenshtein(a, b string) int {
	var rows [2][maxDigits + 8]int // phone numbers are short: no allocation
	prev, cur := rows[0][:], rows[1][:]
	if len(b) >= len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
