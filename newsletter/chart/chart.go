// Package chart draws the month's protected statistics as a PNG for social
// posts: horizontal bars, 1200×675, in Go (image, image/png and
// golang.org/x/image with the Go fonts), with no other host or tool.
//
// The value is printed at the end of every bar; a suppressed cell (Eurostat
// flag "c") is a hatched, outlined stub labelled "c", so its meaning is not
// carried by colour alone. Colours meet WCAG AA contrast on white. RTL
// mirrors the layout. The Go fonts cover Latin, Greek and Cyrillic only and
// shape no Arabic: when a text needs other scripts, PNG draws the Fallback
// texts (e.g. Italian) instead of boxes, and says so in its Report.
//
// The bytes are deterministic: no clock, fixed palette, fixed encoder level.
package chart

import (
	"bytes"
	"fmt"
	"image/png"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Size of every chart, and the most bytes a chart may take.
const (
	Width    = 1200
	Height   = 675
	MaxBytes = 100 * 1024
	// HiddenLabel marks a suppressed cell, after Eurostat's confidentiality flag.
	HiddenLabel = "c"
	maxBars     = 12
)

// Bar is one cell of a published table.
type Bar struct {
	Label  string
	Value  int
	Hidden bool // suppressed cell: drawn as a hatched stub labelled "c", Value ignored
}

// Chart is what to draw, in the post's language.
type Chart struct {
	Title    string
	Subtitle string
	Bars     []Bar
	Footnote string // e.g. what "c" means, and the source
	RTL      bool   // mirror the layout for a right-to-left language
	// Format writes a value in the language's style (e.g. "2.651"); nil
	// gives plain digits.
	Format func(int) string
	// Fallback holds the same texts in a language the Go fonts can draw,
	// used when the texts above need other scripts.
	Fallback *Fallback
}

// Fallback is a second set of texts for the same bars.
type Fallback struct {
	Title    string
	Subtitle string
	Labels   []string // one per bar, in the same order
	Footnote string
	RTL      bool
	Format   func(int) string
}

// Report says how the chart was drawn.
type Report struct {
	UsedFallback bool
	Missing      []rune // the runes of the Chart's texts the fonts lack, sorted
}

// texts is one complete set of words to draw.
type texts struct {
	title, subtitle, footnote string
	labels                    []string
	values                    []string // "" for a hidden bar
	rtl                       bool
}

// PNG draws the chart. It fails when the chart has no bars, a negative value,
// texts the fonts cannot draw and no usable fallback, or texts too long to
// fit; each error says which text.
func PNG(c Chart) ([]byte, Report, error) {
	var rep Report
	if err := validate(c); err != nil {
		return nil, rep, err
	}
	t := texts{title: c.Title, subtitle: c.Subtitle, footnote: c.Footnote, rtl: c.RTL}
	for _, b := range c.Bars {
		t.labels = append(t.labels, b.Label)
	}
	t.values = formatValues(c.Bars, c.Format)
	missing, where := uncovered(t)
	if len(missing) > 0 {
		rep.Missing = missing
		if c.Fallback == nil {
			return nil, rep, fmt.Errorf("chart: the Go fonts cannot draw %s in the %s; "+
				"give a Fallback with the texts in a language written in Latin, Greek or Cyrillic", runeList(missing), where)
		}
		f := c.Fallback
		t = texts{title: f.Title, subtitle: f.Subtitle, footnote: f.Footnote, labels: f.Labels, rtl: f.RTL}
		t.values = formatValues(c.Bars, f.Format)
		if m, where := uncovered(t); len(m) > 0 {
			return nil, rep, fmt.Errorf("chart: the fallback %s has %s, which the Go fonts cannot draw either", where, runeList(m))
		}
		rep.UsedFallback = true
	}
	p, err := layout(t, c.Bars, faceCache{})
	if err != nil {
		return nil, rep, err
	}
	img := render(p)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, rep, fmt.Errorf("chart: encoding PNG: %w", err)
	}
	if buf.Len() > MaxBytes {
		return nil, rep, fmt.Errorf("chart: the PNG takes %d bytes, over the %d-byte budget", buf.Len(), MaxBytes)
	}
	return buf.Bytes(), rep, nil
}

func validate(c Chart) error {
	if len(c.Bars) == 0 {
		return fmt.Errorf("chart: no bars to draw")
	}
	if len(c.Bars) > maxBars {
		return fmt.Errorf("chart: %d bars; at most %d fit a 1200×675 image legibly", len(c.Bars), maxBars)
	}
	if strings.TrimSpace(c.Title) == "" {
		return fmt.Errorf("chart: the title is empty")
	}
	for i, b := range c.Bars {
		if strings.TrimSpace(b.Label) == "" {
			return fmt.Errorf("chart: bar %d has no label", i+1)
		}
		if !b.Hidden && b.Value < 0 {
			return fmt.Errorf("chart: bar %d (%q) has the negative value %d", i+1, b.Label, b.Value)
		}
	}
	if f := c.Fallback; f != nil {
		if len(f.Labels) != len(c.Bars) {
			return fmt.Errorf("chart: the fallback has %d labels for %d bars", len(f.Labels), len(c.Bars))
		}
		if strings.TrimSpace(f.Title) == "" {
			return fmt.Errorf("chart: the fallback title is empty")
		}
	}
	return nil
}

func formatValues(bars []Bar, format func(int) string) []string {
	if format == nil {
		format = strconv.Itoa
	}
	out := make([]string, len(bars))
	for i, b := range bars {
		if b.Hidden {
			out[i] = HiddenLabel
		} else {
			out[i] = format(b.Value)
		}
	}
	return out
}

// uncovered returns the runes of t the fonts have no glyph for, and where
// the first one is.
func uncovered(t texts) ([]rune, string) {
	var missing []rune
	where := ""
	check := func(s, name string) {
		for _, r := range s {
			if r == ' ' || covered(r) {
				continue
			}
			if where == "" {
				where = name
			}
			if !slices.Contains(missing, r) {
				missing = append(missing, r)
			}
		}
	}
	check(t.title, "title")
	check(t.subtitle, "subtitle")
	for i, l := range t.labels {
		check(l, fmt.Sprintf("label of bar %d", i+1))
	}
	for i, v := range t.values {
		check(v, fmt.Sprintf("value of bar %d", i+1))
	}
	check(t.footnote, "footnote")
	slices.Sort(missing)
	return missing, where
}

func runeList(rs []rune) string {
	const most = 6
	var parts []string
	for i, r := range rs {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-most))
			break
		}
		if unicode.IsPrint(r) {
			parts = append(parts, fmt.Sprintf("%q (%U)", r, r))
		} else {
			parts = append(parts, fmt.Sprintf("%U", r))
		}
	}
	return strings.Join(parts, ", ")
}
