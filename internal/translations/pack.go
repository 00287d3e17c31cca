package translations

import (
	"errors"
	"fmt"
	"github.com/contratto/portal/internal/atomicfs"
	"github.com/contratto/portal/internal/po"
	"path"
	"sort"
	"strings"
)

// plan is what a translator still has to translate of one page into one language.
type plan struct {
	Page   string
	Source *Page
	// Base is the file the translated text goes into: the translation itself when it
	// follows its source block by block, else the source, translated anew.
	Base *Page
	// Todo are the source's segments to translate, in order.
	Todo []todo
	// Anew says the page is translated from the source as a whole.
	Anew bool
}

// todo is one segment to translate, with what the translator starts from.
type todo struct {
	Seg      Segment
	Text     protected // the source text with placeholders
	Draft    string    // the current translation with the same placeholders, or ""
	Previous string    // the source text the draft was made from, when known
	Target   *Segment  // where the text goes in Base; nil for a front matter value Base lacks
}

// segments are a page's translated front matter values, then its text blocks.
func (p *Page) segments() []Segment { return append(append([]Segment(nil), p.Fields...), p.Blocks...) }

// aligned pairs the segments of a translation with its source's: the same front matter
// keys and the same blocks of the same kinds. It returns the translation's segment for
// each source segment ID (missing front matter values left out), and false when the
// blocks do not match.
func aligned(src, t *Page) (map[string]Segment, bool) {
	if len(src.Blocks) != len(t.Blocks) {
		return nil, false
	}
	out := map[string]Segment{}
	for i, b := range src.Blocks {
		if t.Blocks[i].Kind != b.Kind {
			return nil, false
		}
		out[b.ID] = t.Blocks[i]
	}
	for _, f := range t.Fields {
		out[f.ID] = f
	}
	return out, true
}

// planPage works out what is left to translate of a page into lang; nil when the
// translation is up to date.
func (tp Project) planPage(lang, page string) (*plan, error) {
	src, err := tp.ReadPage(tp.Source, page)
	if err != nil || src == nil {
		return nil, err
	}
	st, err := tp.status(lang, page, src)
	if err != nil || st.State == Current {
		return nil, err
	}
	pl := &plan{Page: page, Source: src, Base: src, Anew: true}
	var targets map[string]Segment
	var old *Page
	if st.Translation != nil {
		if m, ok := aligned(src, st.Translation); ok {
			pl.Base, pl.Anew, targets = st.Translation, false, m
			if st.State == Outdated {
				old, err = tp.OldSource(src, st.Recorded)
				if err != nil && !errors.Is(err, ErrNoHistory) {
					return nil, err
				}
			}
		}
	}
	var oldText map[string]string
	if old != nil {
		oldText = map[string]string{}
		for _, s := range old.segments() {
			if prot, err := old.protect(s); err == nil {
				oldText[s.ID] = prot.Text
			}
		}
	}
	for _, s := range src.segments() {
		prot, err := src.protect(s)
		if err != nil {
			return nil, err
		}
		td := todo{Seg: s, Text: prot}
		if pl.Anew {
			target := s
			td.Target = &target
			pl.Todo = append(pl.Todo, td)
			continue
		}
		if before, ok := oldText[s.ID]; ok && before == prot.Text {
			continue // the source says here what it said when the translation was made
		}
		td.Previous = oldText[s.ID]
		if target, ok := targets[s.ID]; ok {
			td.Target = &target
			if draft, err := st.Translation.protect(target); err == nil {
				td.Draft = renumber(draft, prot)
			}
		}
		pl.Todo = append(pl.Todo, td)
	}
	return pl, nil
}

// renumber writes a translation's text with the numbers of its source's placeholders
// (a sentence may put them in another order); "" when they do not stand for the same.
func renumber(t, src protected) string {
	used := make([]bool, len(src.Markups))
	number := make([]int, len(t.Markups))
	for i, m := range t.Markups {
		for j, sm := range src.Markups {
			if !used[j] && sm == m {
				used[j], number[i] = true, j+1
				break
			}
		}
		if number[i] == 0 {
			return ""
		}
	}
	if len(t.Markups) != len(src.Markups) {
		return ""
	}
	var b strings.Builder
	last := 0
	for _, tok := range placeholders(t.Text) {
		b.WriteString(t.Text[last:tok.start])
		n := number[tok.n-1]
		switch tok.kind {
		case '{':
			fmt.Fprintf(&b, "{%d}", n)
		case '<':
			fmt.Fprintf(&b, "<%d>", n)
		case '/':
			fmt.Fprintf(&b, "</%d>", n)
		}
		last = tok.end
	}
	b.WriteString(t.Text[last:])
	return b.String()
}

// Export gathers what is left to translate into lang as a PO file: every segment of the
// pages not translated yet; of the outdated pages, the segments whose source changed
// (all of them when the history does not tell), the current translation as a fuzzy
// draft and the source it was made from as the previous msgid. The English text of each
// segment is a comment for the translator.
func (tp Project) Export(lang string) (*po.File, error) {
	if !tp.HasLanguage(lang) {
		return nil, fmt.Errorf("%q is not a language to translate into (languages: %s)", lang, strings.Join(tp.Languages, ", "))
	}
	pages, err := tp.SourcePages()
	if err != nil {
		return nil, err
	}
	file := &po.File{
		Comments: []string{
			"Text of the ConTratTo portal still to translate, from " + tp.Source + " into " + lang + ".",
			"Keep every placeholder: {1} stands for a phone number or another piece of the page;",
			"<2>…</2> surround the text of a link or the description of an image: translate the",
			"text between them. Import with: portal translations import FILE",
		},
		Header: []string{
			"Project-Id-Version: ConTratTo portal",
			"Language: " + lang,
			"MIME-Version: 1.0",
			"Content-Type: text/plain; charset=UTF-8",
			"Content-Transfer-Encoding: 8bit",
			"X-Source-Language: " + tp.Source,
		},
	}
	for _, page := range pages {
		pl, err := tp.planPage(lang, page)
		if err != nil {
			return nil, err
		}
		if pl == nil {
			continue
		}
		english := map[string]string{}
		if lang != "en" && tp.HasLanguage("en") {
			if en, err := tp.ReadPage("en", page); err == nil && en != nil {
				if m, ok := aligned(pl.Source, en); ok {
					for id, s := range m {
						if prot, err := en.protect(s); err == nil {
							english[id] = prot.Text
						}
					}
				}
			}
		}
		for _, td := range pl.Todo {
			e := po.Entry{
				References: []string{fmt.Sprintf("%s:%d", pl.Source.Path, td.Seg.Line)},
				Context:    page + "#" + td.Seg.ID,
				ID:         td.Text.Text,
				Str:        td.Draft,
				Previous:   td.Previous,
			}
			if en := english[td.Seg.ID]; en != "" {
				e.Extracted = append(e.Extracted, "English: "+en)
			}
			if td.Draft != "" {
				e.Flags = []string{"fuzzy"}
			}
			file.Entries = append(file.Entries, e)
		}
	}
	return file, nil
}

// Import writes the translations of a PO file made by Export into content/LANG/, the
// language its header names. A page is written only when all its text is translated and
// no entry is fuzzy; it then records its source's version. A placeholder changed or
// lost, a source text that changed since the export, or a page whose structure would
// leave its source's refuses the whole file, naming the PO file's line, and nothing is
// written. It returns the files written and a note for each page left as it was.
func (tp Project) Import(name string, file *po.File) (written, notes []string, err error) {
	lang := file.HeaderField("Language")
	if !tp.HasLanguage(lang) {
		return nil, nil, &po.Error{File: name, Line: 1, Msg: fmt.Sprintf("the header's Language %q is not a language to translate into (languages: %s)", lang, strings.Join(tp.Languages, ", "))}
	}
	type pageEntries struct {
		page    string
		entries []po.Entry
	}
	var order []*pageEntries
	byPage := map[string]*pageEntries{}
	var errs []error
	for _, e := range file.Entries {
		page, _, ok := strings.Cut(e.Context, "#")
		if !ok || page == "" || path.Clean(page) != page || strings.HasPrefix(page, "../") {
			errs = append(errs, &po.Error{File: name, Line: e.Line, Msg: fmt.Sprintf("msgctxt %q does not name a page and a segment (page.md#b3)", e.Context)})
			continue
		}
		if byPage[page] == nil {
			byPage[page] = &pageEntries{page: page}
			order = append(order, byPage[page])
		}
		byPage[page].entries = append(byPage[page].entries, e)
	}
	type output struct{ file, text string }
	var outputs []output
	for _, pe := range order {
		text, note, err := tp.importPage(name, lang, pe.page, pe.entries)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if note != "" {
			notes = append(notes, note)
			continue
		}
		outputs = append(outputs, output{tp.File(lang, pe.page), text})
	}
	if len(errs) > 0 {
		return nil, notes, errors.Join(errs...)
	}
	batch := atomicfs.NewBatch(tp.Fs)
	defer batch.Discard()
	for _, o := range outputs {
		if err := batch.WriteFile(tp.Path(o.file), []byte(o.text), 0o644); err != nil {
			return nil, notes, err
		}
		written = append(written, o.file)
	}
	if err := batch.Commit(); err != nil {
		return nil, notes, err
	}
	return written, notes, nil
}

// importPage makes the translated file of one page from its PO entries. It returns a
// note instead when the page is not ready to be written.
func (tp Project) importPage(name, lang, page string, entries []po.Entry) (string, string, error) {
	at := func(e po.Entry, format string, args ...any) error {
		return &po.Error{File: name, Line: e.Line, Msg: fmt.Sprintf("%s: %s", e.Context, fmt.Sprintf(format, args...))}
	}
	src, err := tp.ReadPage(tp.Source, page)
	if err != nil {
		return "", "", err
	}
	if src == nil {
		return "", "", at(entries[0], "no page %s", tp.File(tp.Source, page))
	}
	sourceText := map[string]protected{}
	for _, s := range src.segments() {
		if sourceText[s.ID], err = src.protect(s); err != nil {
			return "", "", err
		}
	}
	translated := map[string]string{}
	var errs []error
	pending := 0
	for _, e := range entries {
		_, id, _ := strings.Cut(e.Context, "#")
		text, ok := sourceText[id]
		switch {
		case !ok:
			errs = append(errs, at(e, "the source has no such text: export again"))
			continue
		case e.ID != text.Text:
			errs = append(errs, at(e, "the source text changed since the export: export again"))
			continue
		case e.Str == "" || e.Fuzzy():
			pending++
			continue
		}
		md, err := unprotect(e.Str, text.Markups)
		if err != nil {
			errs = append(errs, at(e, "msgstr: %v", err))
			continue
		}
		if strings.TrimSpace(md) == "" {
			pending++
			continue
		}
		translated[id] = md
	}
	if len(errs) > 0 {
		return "", "", errors.Join(errs...)
	}
	pl, err := tp.planPage(lang, page)
	if err != nil {
		return "", "", err
	}
	if pl == nil {
		return "", fmt.Sprintf("%s: already up to date, left as it is", tp.File(lang, page)), nil
	}
	for _, td := range pl.Todo {
		if _, ok := translated[td.Seg.ID]; !ok && pending == 0 {
			return "", fmt.Sprintf("%s: the file lacks texts of the page that changed since (%s): export again", tp.File(lang, page), td.Seg.ID), nil
		}
	}
	file := tp.File(lang, page)
	if pending > 0 {
		return "", fmt.Sprintf("%s: %d of %d texts not translated yet (or fuzzy), left as it is", file, pending, len(entries)), nil
	}
	text, err := pl.write(translated)
	if err != nil {
		return "", "", at(entries[0], "%v", err)
	}
	result, err := ReadPage(file, []byte(text))
	if err != nil {
		return "", "", at(entries[0], "%v", err)
	}
	if d := Compare(pl.Source, result); d != nil {
		return "", "", at(entries[0], "the translation would not keep the structure of its source: %s", d.Message)
	}
	text, err = result.WithHash(pl.Source.Hash())
	return text, "", err
}

// write puts the translated texts into the base file.
func (pl *plan) write(translated map[string]string) (string, error) {
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	base := pl.Base
	for _, td := range pl.Todo {
		t := translated[td.Seg.ID]
		switch {
		case td.Target == nil:
			at := base.frontEnd()
			edits = append(edits, edit{at, at, td.Seg.ID + fieldSep(base) + quote(t) + "\n"})
		case td.Target.Kind == td.Seg.Kind && isField(td.Seg.Kind):
			if t != td.Target.Value || pl.Anew {
				edits = append(edits, edit{td.Target.Start, td.Target.End, quote(t)})
			}
		default:
			if strings.Contains(t, "\n\n") {
				return "", fmt.Errorf("msgstr: a blank line would split the text into two blocks")
			}
			edits = append(edits, edit{td.Target.Start, td.Target.End, t})
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	text := base.Text
	for _, e := range edits {
		text = text[:e.start] + e.text + text[e.end:]
	}
	return text, nil
}

func isField(kind string) bool {
	for _, f := range Fields {
		if f == kind {
			return true
		}
	}
	return false
}

func fieldSep(p *Page) string {
	if p.doc.Format == "toml" {
		return " = "
	}
	return ": "
}
