package materials

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"

	"github.com/tdewolff/canvas/renderers/pdf"
)

// ptPerMm converts millimetres to PDF points.
const ptPerMm = 72 / 25.4

// writePDF renders the pages (each of the same size, bleed included) into one PDF with
// every font embedded and subset, then finishes it: see finishPDF.
func writePDF(pages []*sheet, bleed float64, title, lang string) ([]byte, error) {
	var buf bytes.Buffer
	w, h := pages[0].canvas.Size()
	p := pdf.New(&buf, w, h, &pdf.Options{Compress: true, SubsetFonts: true})
	p.SetInfo(title, "", "", "ConTratTo", "")
	words := make([][]spokenWord, len(pages))
	for i, sh := range pages {
		if i > 0 {
			p.NewPage(w, h)
		}
		sh.canvas.RenderTo(p)
		words[i] = sh.words
	}
	if err := p.Close(); err != nil {
		return nil, err
	}
	return finishPDF(buf.Bytes(), w, h, bleed, lang, words)
}

var (
	reXref     = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	reObjStart = regexp.MustCompile(`^(\d+) 0 obj\n`)
	reDate     = regexp.MustCompile(`/CreationDate ?\([^)]*\)`)
	reContents = regexp.MustCompile(`/Contents (\d+) 0 R`)
	reFlateObj = regexp.MustCompile(`^(\d+ 0 obj\n)<</Filter/FlateDecode/Length (\d+)>>stream\n`)
)

// finishPDF rewrites the PDF canvas wrote, object by object (canvas writes a classic
// cross-reference table and no object streams), for a print shop and for every reader:
// page dictionaries get a TrimBox and a BleedBox, each page's words (words[i] for page i,
// in drawing order) their ActualText, the catalogue gets /Lang, the information
// dictionary loses its creation date, so the same input gives the same bytes; then the
// cross-reference table is written anew.
func finishPDF(b []byte, w, h, bleed float64, lang string, words [][]spokenWord) ([]byte, error) {
	m := reXref.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref < 0 || xref >= len(b) {
		return nil, fmt.Errorf("pdf: startxref %q is outside the file", m[1])
	}
	table := b[xref:]
	var n int
	if _, err := fmt.Sscanf(string(table), "xref\n0 %d\n", &n); err != nil {
		return nil, fmt.Errorf("pdf: cross-reference table: %w", err)
	}
	lines := bytes.Split(table, []byte("\n"))
	if n < 2 || len(lines) < n+2 {
		return nil, fmt.Errorf("pdf: short cross-reference table")
	}
	type obj struct{ num, off int }
	var objs []obj
	for i := 1; i < n; i++ {
		f := bytes.Fields(lines[2+i])
		if len(f) == 0 {
			return nil, fmt.Errorf("pdf: cross-reference entry %d is empty", i)
		}
		off, err := strconv.Atoi(string(f[0]))
		if err != nil || off < 0 || off >= xref {
			return nil, fmt.Errorf("pdf: cross-reference entry %d: offset %q", i, f[0])
		}
		objs = append(objs, obj{i, off})
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].off < objs[j].off })
	for i := 1; i < len(objs); i++ {
		if objs[i].off == objs[i-1].off {
			return nil, fmt.Errorf("pdf: objects %d and %d at one offset", objs[i-1].num, objs[i].num)
		}
	}
	bodies := make([][]byte, len(objs))
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		bodies[i] = b[o.off:end]
		if reObjStart.Find(bodies[i]) == nil {
			return nil, fmt.Errorf("pdf: object %d is not where the table says", o.num)
		}
	}
	// the pages, in the order canvas wrote them, and their content streams
	pageOf := map[int]int{} // content stream object → page
	for i, o := range objs {
		if !bytes.Contains(bodies[i], []byte("<</Type/Page/")) {
			continue
		}
		m := reContents.FindSubmatch(bodies[i])
		if m == nil {
			return nil, fmt.Errorf("pdf: page object %d has no contents", o.num)
		}
		c, _ := strconv.Atoi(string(m[1]))
		pageOf[c] = len(pageOf)
	}
	if len(pageOf) != len(words) {
		return nil, fmt.Errorf("pdf: %d pages where %d were drawn", len(pageOf), len(words))
	}
	box := func(inset float64) string {
		return fmt.Sprintf("[%s %s %s %s]", num(inset*ptPerMm), num(inset*ptPerMm), num((w-inset)*ptPerMm), num((h-inset)*ptPerMm))
	}
	boxes := []byte("/TrimBox " + box(bleed) + "/BleedBox " + box(0))

	var out bytes.Buffer
	out.Write(b[:objs[0].off])
	offsets := make([]int, n)
	for i, o := range objs {
		body := bodies[i]
		page, isContents := pageOf[o.num]
		switch {
		case o.num == 1: // the catalogue
			body = bytes.Replace(body, []byte("<</Type/Catalog"), []byte("<</Type/Catalog/Lang ("+lang+")"), 1)
		case o.num == 2: // the document information
			body = reDate.ReplaceAll(body, nil)
		case isContents:
			if body, err = speakPage(body, words[page]); err != nil {
				return nil, fmt.Errorf("pdf: page %d: %w", page+1, err)
			}
		case bytes.Contains(body, []byte("<</Type/Page/")):
			body = bytes.Replace(body, []byte("<</Type/Page/"), append(append([]byte("<</Type/Page"), boxes...), '/'), 1)
		}
		offsets[o.num] = out.Len()
		out.Write(body)
	}
	start := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	trailer := lines[2+n:]
	rest := bytes.Join(trailer, []byte("\n"))
	// the trailer dictionary is unchanged; only startxref moves
	rest = reXref.ReplaceAll(rest, []byte(fmt.Sprintf("startxref\n%d\n%%%%EOF\n", start)))
	out.Write(rest)
	return out.Bytes(), nil
}

// speakPage gives the words of a page's content stream object their ActualText.
func speakPage(body []byte, words []spokenWord) ([]byte, error) {
	m := reFlateObj.FindSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("the content stream is not a Flate stream")
	}
	n, _ := strconv.Atoi(string(m[2]))
	data := body[len(m[0]):]
	if n > len(data) {
		return nil, fmt.Errorf("the content stream is shorter than its /Length %d", n)
	}
	tail := data[n:]
	content, err := inflate(data[:n])
	if err != nil {
		return nil, fmt.Errorf("content stream: %w", err)
	}
	if content, err = speakWords(content, words); err != nil {
		return nil, err
	}
	data = deflate(content)
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s<</Filter/FlateDecode/Length %d>>stream\n", m[1], len(data))
	out.Write(data)
	out.Write(tail)
	return out.Bytes(), nil
}

// num writes a PDF number with at most three decimals.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}
