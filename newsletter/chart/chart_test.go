package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	goldenfile "github.com/contratto/portal/internal/golden"
)

// italianThousands writes 2651 as "2.651".
func italianThousands(v int) string {
	s := strconv.Itoa(v)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// activities: the seed's published activity counts and persons.
func activities() Chart {
	return Chart{
		Title:    "ConTratTo: attività nel primo semestre 2012",
		Subtitle: "Toscana, gennaio–giugno 2012",
		Bars: []Bar{
			{Label: "Contatti delle unità di strada", Value: 2651},
			{Label: "Accompagnamenti ai servizi (persone)", Value: 124},
			{Label: "Colloqui agli sportelli", Value: 89},
			{Label: "Persone nei programmi di protezione sociale", Value: 63},
			{Label: "Emergenza e prima accoglienza (persone)", Value: 27},
		},
		Footnote: "Fonte: rete regionale ConTratTo.",
		Format:   italianThousands,
	}
}

// helpline shows suppressed cells as the portal would publish them.
func helpline() Chart {
	return Chart{
		Title:    "Numero verde: casi per forma di sfruttamento",
		Subtitle: "Toscana, gennaio–giugno 2012 (persone)",
		Bars: []Bar{
			{Label: "Sfruttamento sessuale", Value: 28},
			{Label: "Sfruttamento lavorativo", Hidden: true},
			{Label: "Accattonaggio", Hidden: true},
		},
		Footnote: "c: dato riservato per proteggere le persone (meno di 5, o deducibile dagli altri). Fonte: rete regionale ConTratTo.",
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func mustPNG(t *testing.T, c Chart) ([]byte, Report) {
	t.Helper()
	b, rep, err := PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	return b, rep
}

func same(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	return uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B
}

func TestSizeBudgetAndDeterminism(t *testing.T) {
	for name, c := range map[string]Chart{"activities": activities(), "helpline": helpline()} {
		b1, _ := mustPNG(t, c)
		b2, _ := mustPNG(t, c)
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s: two renderings differ", name)
		}
		if len(b1) > MaxBytes {
			t.Errorf("%s: %d bytes, over %d", name, len(b1), MaxBytes)
		}
		if bnd := decode(t, b1).Bounds(); bnd.Dx() != 1200 || bnd.Dy() != 675 {
			t.Errorf("%s: %v, want 1200×675", name, bnd)
		}
	}
}

// barRuns finds the bars in the image: groups of rows holding bar-coloured
// pixels, each with its longest run of them.
func barRuns(img image.Image) []struct{ x0, x1, y int } {
	var out []struct{ x0, x1, y int }
	inBar := false
	for y := 0; y < Height; y++ {
		x0, x1 := -1, -1
		for x := 0; x < Width; x++ {
			if same(img.At(x, y), barC) {
				if x0 < 0 {
					x0 = x
				}
				x1 = x + 1
			}
		}
		switch {
		case x0 >= 0 && !inBar:
			out = append(out, struct{ x0, x1, y int }{x0, x1, y})
			inBar = true
		case x0 < 0:
			inBar = false
		}
	}
	return out
}

func TestBarsAreProportional(t *testing.T) {
	c := activities()
	b, _ := mustPNG(t, c)
	runs := barRuns(decode(t, b))
	if len(runs) != len(c.Bars) {
		t.Fatalf("found %d bars in the image, want %d", len(runs), len(c.Bars))
	}
	longest := runs[0].x1 - runs[0].x0
	for i, r := range runs {
		got := r.x1 - r.x0
		want := float64(longest) * float64(c.Bars[i].Value) / float64(c.Bars[0].Value)
		if math.Abs(float64(got)-want) > 1 {
			t.Errorf("bar %d (%d) is %d px, want %.1f (longest %d px for %d)", i+1, c.Bars[i].Value, got, want, longest, c.Bars[0].Value)
		}
		if r.x0 != runs[0].x0 {
			t.Errorf("bar %d starts at x=%d, others at %d", i+1, r.x0, runs[0].x0)
		}
	}
	if longest < minBarLen {
		t.Errorf("longest bar is %d px", longest)
	}
}

func TestHiddenCellIsPatternedAndLabelled(t *testing.T) {
	c := helpline()
	b, _ := mustPNG(t, c)
	img := decode(t, b)
	p, err := layout(texts{title: c.Title, subtitle: c.Subtitle, footnote: c.Footnote,
		labels: []string{c.Bars[0].Label, c.Bars[1].Label, c.Bars[2].Label}, values: formatValues(c.Bars, nil)}, c.Bars, faceCache{})
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range p.bars {
		if !g.hidden {
			continue
		}
		r := p.rect(g.x0, g.x1, g.y0, g.y1)
		inkN, paperN, total := 0, 0, 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				px := img.At(x, y)
				edge := x < r.Min.X+2 || x >= r.Max.X-2 || y < r.Min.Y+2 || y >= r.Max.Y-2
				switch {
				case same(px, barC):
					t.Fatalf("bar %d: a suppressed cell is drawn in the bar colour", i+1)
				case edge && !same(px, ink):
					t.Fatalf("bar %d: outline missing at (%d,%d)", i+1, x, y)
				case edge:
				case same(px, ink):
					inkN++
				case same(px, paper):
					paperN++
				}
				total++
			}
		}
		if inkN < total/5 || paperN < total/3 {
			t.Errorf("bar %d: hatching has %d ink and %d paper pixels of %d", i+1, inkN, paperN, total)
		}
		// The "c" is printed after the stub.
		v := g.value
		found := false
		for y := v.y - 20; y < v.y+4 && !found; y++ {
			for x := p.physX(v.x, v.w); x < p.physX(v.x, v.w)+v.w; x++ {
				if same(img.At(x, y), ink) {
					found = true
					break
				}
			}
		}
		if v.text != HiddenLabel || !found {
			t.Errorf("bar %d: label %q not drawn", i+1, v.text)
		}
	}
}

func TestRTLMirrorsTheBars(t *testing.T) {
	ltr := activities()
	rtl := activities()
	rtl.RTL = true
	lb, _ := mustPNG(t, ltr)
	rb, _ := mustPNG(t, rtl)
	li, ri := decode(t, lb), decode(t, rb)
	bars := 0
	for y := 0; y < Height; y++ {
		for x := 0; x < Width; x++ {
			l, r := same(li.At(x, y), barC), same(ri.At(Width-1-x, y), barC)
			if l != r {
				t.Fatalf("bar pixel at (%d,%d) in LTR is not mirrored at (%d,%d) in RTL", x, y, Width-1-x, y)
			}
			if l {
				bars++
			}
		}
	}
	if bars == 0 {
		t.Fatal("no bars drawn")
	}
	// The title starts at the right margin in RTL.
	lt, rt := inkExtent(li, 40, 100), inkExtent(ri, 40, 100)
	if lt.min > margin+4 || rt.max < Width-margin-4 {
		t.Errorf("title ink spans %v in LTR and %v in RTL; want it against the left, then the right margin", lt, rt)
	}
}

type extent struct{ min, max int }

func inkExtent(img image.Image, y0, y1 int) extent {
	e := extent{Width, -1}
	for y := y0; y < y1; y++ {
		for x := 0; x < Width; x++ {
			if same(img.At(x, y), ink) {
				e.min, e.max = min(e.min, x), max(e.max, x)
			}
		}
	}
	return e
}

func TestFallbackForArabic(t *testing.T) {
	it := helpline()
	ar := Chart{
		Title:    "الخط الأخضر: الحالات حسب شكل الاستغلال",
		Subtitle: "توسكانا، يناير–يونيو 2012",
		Bars: []Bar{
			{Label: "الاستغلال الجنسي", Value: 28},
			{Label: "الاستغلال في العمل", Hidden: true},
			{Label: "التسول", Hidden: true},
		},
		Footnote: "c: بيانات محمية.",
		RTL:      true,
	}
	if _, rep, err := PNG(ar); err == nil || !strings.Contains(err.Error(), "title") || !strings.Contains(err.Error(), "Fallback") || len(rep.Missing) == 0 {
		t.Fatalf("Arabic without fallback: err = %v, report %+v; want an error naming the title and asking for a Fallback", err, rep)
	}
	ar.Fallback = &Fallback{Title: it.Title, Subtitle: it.Subtitle, Footnote: it.Footnote,
		Labels: []string{it.Bars[0].Label, it.Bars[1].Label, it.Bars[2].Label}}
	got, rep := mustPNG(t, ar)
	if !rep.UsedFallback || len(rep.Missing) == 0 {
		t.Errorf("report = %+v, want the fallback used and the missing runes listed", rep)
	}
	want, _ := mustPNG(t, it)
	if !bytes.Equal(got, want) {
		t.Error("the fallback chart differs from the Italian chart")
	}
	// A fallback the fonts cannot draw either is an error, not tofu.
	ar.Fallback.Title = "热线"
	if _, _, err := PNG(ar); err == nil || !strings.Contains(err.Error(), "fallback") {
		t.Errorf("Chinese fallback: err = %v", err)
	}
	// Greek and Cyrillic need no fallback.
	for _, title := range []string{"Гореща линия", "Γραμμή βοήθειας", "Linja e ndihmës", "Numărul verde"} {
		c := helpline()
		c.Title = title
		if _, rep, err := PNG(c); err != nil || rep.UsedFallback {
			t.Errorf("%q: err = %v, report %+v", title, err, rep)
		}
	}
}

func TestPNGRejectsBadCharts(t *testing.T) {
	long := strings.Repeat("parola ", 80)
	for _, tc := range []struct {
		name   string
		change func(*Chart)
		want   string
	}{
		{"no bars", func(c *Chart) { c.Bars = nil }, "no bars"},
		{"negative", func(c *Chart) { c.Bars[0].Value = -1 }, "negative"},
		{"no label", func(c *Chart) { c.Bars[1].Label = " " }, "bar 2 has no label"},
		{"no title", func(c *Chart) { c.Title = "" }, "title is empty"},
		{"long title", func(c *Chart) { c.Title = long }, "title"},
		{"long label", func(c *Chart) { c.Bars[0].Label = long }, "labels"},
		{"too many bars", func(c *Chart) {
			for i := 0; i < 12; i++ {
				c.Bars = append(c.Bars, Bar{Label: "x", Value: i})
			}
		}, "at most 12"},
		{"fallback labels", func(c *Chart) { c.Fallback = &Fallback{Title: "t", Labels: []string{"a"}} }, "1 labels for 5 bars"},
		{"control character", func(c *Chart) { c.Subtitle = "a\tb" }, "subtitle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := activities()
			tc.change(&c)
			if _, _, err := PNG(c); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

// WCAG 2 contrast ratios of the palette.
func TestContrast(t *testing.T) {
	lum := func(c color.RGBA) float64 {
		ch := func(v uint8) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
	}
	ratio := func(a, b color.RGBA) float64 {
		la, lb := lum(a), lum(b)
		return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
	}
	if r := ratio(ink, paper); r < 7 {
		t.Errorf("text contrast %.1f:1", r)
	}
	if r := ratio(barC, paper); r < 4.5 {
		t.Errorf("bar contrast %.1f:1", r)
	}
}

func TestGolden(t *testing.T) {
	for name, c := range map[string]Chart{"helpline": helpline(), "activities": activities()} {
		t.Run(name, func(t *testing.T) {
			got, _ := mustPNG(t, c)
			path := filepath.Join("testdata", name+".golden.png")
			if goldenfile.Update() {
				goldenfile.Write(t, path, got)
				return
			}
			wantBytes, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			gi, wi := decode(t, got), decode(t, wantBytes)
			diff := 0
			for y := 0; y < Height; y++ {
				for x := 0; x < Width; x++ {
					r1, g1, b1, a1 := gi.At(x, y).RGBA()
					r2, g2, b2, a2 := wi.At(x, y).RGBA()
					if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
						diff++
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d pixels differ from %s (look at the image, then run go test -update)", diff, path)
			}
		})
	}
}
