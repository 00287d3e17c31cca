package social

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/clipperhouse/uax29/v2/words"
)

// Splitting a text that does not fit one post. A text is cut at the coarsest
// level that helps — sentences, then words between spaces, then UAX #29 word
// boundaries (which separate CJK ideographs), then graphemes — and never
// inside a protected span: a URL, a hashtag or a number written in groups
// ("800 290 290").

// Split levels, coarsest first.
const (
	levelSentences = iota
	levelSpaces
	levelWords
	levelGraphemes
	levelNone
)

// part is a piece of a text, and the glue that joined it to the piece before.
type part struct {
	text string
	glue string
}

// splitText cuts s at one level; nil when it cannot be cut there.
func splitText(s string, level int) []part {
	var cuts []span
	switch level {
	case levelSentences:
		it := sentences.FromString(s)
		for it.Next() {
			cuts = append(cuts, trimSpan(s, span{it.Start(), it.End()}))
		}
	case levelSpaces:
		start := -1
		for i, r := range s {
			if isBreakingSpace(r) {
				if start >= 0 {
					cuts = append(cuts, span{start, i})
					start = -1
				}
			} else if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			cuts = append(cuts, span{start, len(s)})
		}
	case levelWords:
		it := words.FromString(s)
		for it.Next() {
			cuts = append(cuts, span{it.Start(), it.End()})
		}
		cuts = attachPunctuation(s, cuts)
	case levelGraphemes:
		it := graphemes.FromString(s)
		for it.Next() {
			cuts = append(cuts, span{it.Start(), it.End()})
		}
	default:
		return nil
	}
	cuts = dropEmpty(cuts)
	cuts = mergeProtected(cuts, protectedSpans(s))
	if len(cuts) < 2 {
		return nil
	}
	parts := make([]part, len(cuts))
	for k, c := range cuts {
		parts[k].text = s[c.start:c.end]
		if k > 0 {
			parts[k].glue = s[cuts[k-1].end:c.start]
		}
	}
	return parts
}

func trimSpan(s string, sp span) span {
	for sp.end > sp.start {
		r, n := utf8.DecodeLastRuneInString(s[sp.start:sp.end])
		if !isBreakingSpace(r) {
			break
		}
		sp.end -= n
	}
	return sp
}

func dropEmpty(cuts []span) []span {
	out := cuts[:0]
	for _, c := range cuts {
		if c.end > c.start {
			out = append(out, c)
		}
	}
	return out
}

// attachPunctuation joins closing punctuation to the word before it and
// opening punctuation to the word after it, so no post starts with "，" or
// ends with "(".
func attachPunctuation(s string, cuts []span) []span {
	var out []span
	glueNext := false
	for _, c := range cuts {
		seg := s[c.start:c.end]
		switch {
		case glueNext && len(out) > 0:
			out[len(out)-1].end = c.end
		case len(out) > 0 && isClosingPunct(seg):
			out[len(out)-1].end = c.end
		default:
			out = append(out, c)
		}
		glueNext = isOpeningPunct(seg)
	}
	return out
}

func isClosingPunct(seg string) bool {
	for _, r := range seg {
		if !unicode.IsPunct(r) || unicode.In(r, unicode.Ps, unicode.Pi) {
			return false
		}
	}
	return true
}

func isOpeningPunct(seg string) bool {
	for _, r := range seg {
		if !unicode.In(r, unicode.Ps, unicode.Pi) {
			return false
		}
	}
	return seg != ""
}

// mergeProtected joins neighbouring cuts when the boundary between them lies
// inside a protected span.
func mergeProtected(cuts, protected []span) []span {
	if len(protected) == 0 {
		return cuts
	}
	inside := func(pos int) bool {
		for _, p := range protected {
			if pos > p.start && pos < p.end {
				return true
			}
		}
		return false
	}
	var out []span
	for _, c := range cuts {
		if n := len(out); n > 0 && (inside(out[n-1].end) || inside(c.start)) {
			out[n-1].end = c.end
			continue
		}
		out = append(out, c)
	}
	return out
}

// protectedSpans finds the spans of s that must not be cut: URLs (as X finds
// them, plus any "http(s)://" run up to white space), hashtags, and numbers
// written in up to five groups separated by single spaces.
func protectedSpans(s string) []span {
	ps := detectURLs(s, true)
	for i := 0; i < len(s); {
		switch {
		case hasPrefixFold(s[i:], "http://") || hasPrefixFold(s[i:], "https://"):
			j := nextBreakingSpace(s, i)
			ps = append(ps, span{i, j})
			i = j
		case s[i] == '#' && (i == 0 || !isWordRune(lastRune(s[:i]))):
			j := nextBreakingSpace(s, i)
			ps = append(ps, span{i, j})
			i = j
		default:
			if j := numberGroups(s, i); j > i {
				ps = append(ps, span{i, j})
				i = j
				continue
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	sort.Slice(ps, func(a, b int) bool { return ps[a].start < ps[b].start })
	return ps
}

// numberGroups returns the end of a number like "800 290 290" starting at i
// (two to five digit groups separated by one space of any kind), or i.
func numberGroups(s string, i int) int {
	if i > 0 && unicode.IsDigit(lastRune(s[:i])) {
		return i
	}
	digits := func(p int) int {
		for p < len(s) {
			r, n := utf8.DecodeRuneInString(s[p:])
			if !unicode.IsDigit(r) {
				break
			}
			p += n
		}
		return p
	}
	end := digits(i)
	if end == i {
		return i
	}
	groups := 1
	for groups < 5 {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsSpace(r) {
			break
		}
		e := digits(end + n)
		if e == end+n {
			break
		}
		end = e
		groups++
	}
	if groups == 1 {
		return i
	}
	return end
}

func nextBreakingSpace(s string, i int) int {
	j := strings.IndexFunc(s[i:], isBreakingSpace)
	if j < 0 {
		return len(s)
	}
	return i + j
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// packer fills posts with pieces of text, in order.
type packer struct {
	fits    func(body string, post int) bool // post is the 0-based index in posts
	emptyOK func(post int) bool              // whether a post may be left without pieces
	posts   []string
	body    string
}

func (p *packer) index() int { return len(p.posts) }

func (p *packer) flush() {
	p.posts = append(p.posts, p.body)
	p.body = ""
}

// finish closes the last post.
func (p *packer) finish() {
	if p.body != "" || len(p.posts) == 0 {
		p.flush()
	}
}

// add appends text, joined by sep when the current post already has content.
// Text that does not fit the current post starts a new one; text that does
// not fit an empty post is cut one level finer. ok is false when a protected
// span alone is too long for a post.
func (p *packer) add(text, sep string, level int) bool {
	joined := text
	if p.body != "" {
		joined = p.body + sep + text
	}
	if p.fits(joined, p.index()) {
		p.body = joined
		return true
	}
	canClose := p.body != "" || (p.emptyOK != nil && p.emptyOK(p.index()))
	if canClose && p.fits(text, p.index()+1) {
		p.flush()
		p.body = text
		return true
	}
	for ; level < levelNone; level++ {
		parts := splitText(text, level)
		if parts == nil {
			continue
		}
		for k, pt := range parts {
			s := pt.glue
			if k == 0 {
				s = sep
			}
			if !p.add(pt.text, s, level+1) {
				return false
			}
		}
		return true
	}
	return false
}

// truncate returns the longest prefix of s, cut at a word boundary outside
// protected spans and ended with "…", for which fits holds; ok is false when
// not even one word fits.
func truncate(s string, fits func(string) bool) (string, bool) {
	if fits(s) {
		return s, true
	}
	var ends []int
	for level := levelSpaces; level <= levelGraphemes && len(ends) == 0; level++ {
		pos := 0
		for _, pt := range splitText(s, level) {
			pos += len(pt.glue) + len(pt.text)
			ends = append(ends, pos)
		}
	}
	for k := len(ends) - 2; k >= 0; k-- {
		cand := strings.TrimRightFunc(s[:ends[k]], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
		if fits(cand) {
			return cand, true
		}
	}
	return "", false
}
