package social

import (
	"fmt"
	"strconv"
	"strings"
)

// Drafts writes the post for every platform, in the order of Platforms.
//
// A draft carries the headline, the points that fit (most important first),
// the helpline line, the platform's link and the hashtags that fit. Where a
// post is too long:
//
//   - X, Mastodon and Bluesky get a numbered thread: the first post has the
//     headline, the helpline and the link (and the hashtags that fit), the
//     next ones the points, cut at sentence and word boundaries, never inside
//     a URL, a hashtag, a grouped number or a grapheme; the remaining hashtags
//     close the last post. The marker ("2/4") counts in each post's length.
//   - Instagram, LinkedIn, Facebook and Telegram drop the least important
//     points, then hashtags, and say so in Draft.Notes. Facebook gets the
//     LinkedIn text: its limit is 63,206, but short posts are read.
//
// Instagram links cannot be clicked in captions: the URL is still written, as
// text (after Post.LinkInBio when given), so it can be copied and keeps its
// UTM tag. Telegram has no alt text, so its draft carries none.
//
// Every draft is within its platform's limit by that platform's own count,
// or Drafts returns an error saying what does not fit.
func Drafts(p Post) ([]Draft, error) {
	p = p.normalized()
	if err := p.validate(); err != nil {
		return nil, err
	}
	var out []Draft
	for _, pl := range Platforms {
		rule, _ := RuleFor(pl, p.TelegramCaption)
		var d Draft
		var err error
		switch {
		case rule.Threads:
			d, err = threadDraft(p, rule)
		case pl == Facebook:
			// The LinkedIn-sized text, with Facebook's link.
			short, _ := RuleFor(LinkedIn, false)
			short.Platform = Facebook
			d, err = singleDraft(p, short)
		default:
			d, err = singleDraft(p, rule)
		}
		if err != nil {
			return nil, fmt.Errorf("social post (%s): %s: %w", p.Lang, pl, err)
		}
		d.Platform, d.Limit, d.Unit = pl, rule.Limit, rule.Unit
		for _, post := range d.Posts() {
			if !rule.Fits(post) { // the contract; a bug if it fails
				return nil, fmt.Errorf("social post (%s): %s: internal error: a post counts %d of %d", p.Lang, pl, rule.Count(post), rule.Limit)
			}
			d.Length = max(d.Length, rule.Count(post))
		}
		if rule.AltText {
			d.ImageAlt = p.ImageAlt
		}
		out = append(out, d)
	}
	return out, nil
}

// compose lays out one post: headline, points, helpline and link, hashtags,
// as paragraphs.
func compose(headline string, points []string, helpline, linkBlock string, tags []string) string {
	var paras []string
	add := func(s string) {
		if s != "" {
			paras = append(paras, s)
		}
	}
	add(headline)
	add(strings.Join(points, "\n"))
	add(strings.TrimSpace(helpline + "\n" + linkBlock))
	add(hashtagLine(tags))
	return strings.Join(paras, "\n\n")
}

func hashtagLine(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "#" + strings.Join(tags, " #")
}

func linkBlock(p Post, platform string) string {
	link := p.Link(platform)
	if platform == Instagram && p.LinkInBio != "" {
		return p.LinkInBio + "\n" + link
	}
	return link
}

// singleDraft fits everything into one post, leaving out the least important
// points, then the last hashtags, then shortening the headline.
func singleDraft(p Post, rule Rule) (Draft, error) {
	var notes []string
	tags := p.Hashtags
	if rule.MaxHashtags > 0 && len(tags) > rule.MaxHashtags {
		notes = append(notes, fmt.Sprintf("%d hashtags left out: %s allows %d (%s)",
			len(tags)-rule.MaxHashtags, rule.Platform, rule.MaxHashtags, hashtagLine(tags[rule.MaxHashtags:])))
		tags = tags[:rule.MaxHashtags]
	}
	link := linkBlock(p, rule.Platform)
	points := p.Points
	text := compose(p.Headline, points, p.Helpline, link, tags)
	for !rule.Fits(text) && len(points) > 0 {
		points = points[:len(points)-1]
		notes = append(notes, fmt.Sprintf("point %d left out to fit: %q", len(points)+1, p.Points[len(points)]))
		text = compose(p.Headline, points, p.Helpline, link, tags)
	}
	for !rule.Fits(text) && len(tags) > 0 {
		notes = append(notes, fmt.Sprintf("hashtag left out to fit: #%s", tags[len(tags)-1]))
		tags = tags[:len(tags)-1]
		text = compose(p.Headline, points, p.Helpline, link, tags)
	}
	if !rule.Fits(text) {
		h, ok := truncate(p.Headline, func(h string) bool {
			return rule.Fits(compose(h, nil, p.Helpline, link, nil))
		})
		if !ok {
			return Draft{}, fmt.Errorf("the helpline and the link alone count %d of %d; shorten the helpline",
				rule.Count(compose("", nil, p.Helpline, link, nil)), rule.Limit)
		}
		notes = append(notes, fmt.Sprintf("headline shortened to fit: %q", h))
		text = compose(h, nil, p.Helpline, link, nil)
	}
	return Draft{Text: text, Notes: reverseDropNotes(notes)}, nil
}

// reverseDropNotes keeps notes in the order a reader expects (they are
// produced from the last point backwards).
func reverseDropNotes(notes []string) []string {
	var head, points []string
	for _, n := range notes {
		if strings.HasPrefix(n, "point ") {
			points = append(points, n)
		} else {
			head = append(head, n)
		}
	}
	for i, j := 0, len(points)-1; i < j; i, j = i+1, j-1 {
		points[i], points[j] = points[j], points[i]
	}
	return append(points, head...)
}

// threadDraft writes one post when everything fits, or else a numbered thread.
func threadDraft(p Post, rule Rule) (Draft, error) {
	link := linkBlock(p, rule.Platform)
	if text := compose(p.Headline, p.Points, p.Helpline, link, p.Hashtags); rule.Fits(text) {
		return Draft{Text: text}, nil
	}
	marker := p.ThreadMarker
	if marker == nil {
		marker = func(i, n int) string { return strconv.Itoa(i) + "/" + strconv.Itoa(n) }
	}
	for n := 2; n <= maxThreadPosts; n++ {
		posts, notes, err := packThread(p, rule, link, marker, n)
		if err != nil {
			return Draft{}, err
		}
		if len(posts) == 1 {
			// Only the hashtags did not fit: one post, with the tags that fit.
			return singleDraft(p, rule)
		}
		if len(posts) == n {
			return Draft{Thread: posts, Notes: notes}, nil
		}
		if len(posts) < n { // a marker that is not wider for larger n: renumber
			if out, ok := renumber(posts, rule, marker); ok {
				return Draft{Thread: out, Notes: notes}, nil
			}
		}
	}
	return Draft{}, fmt.Errorf("the thread would need more than %d posts; give fewer or shorter points", maxThreadPosts)
}

// withMarker appends the thread marker of post i (1-based) of n.
func withMarker(body string, marker func(i, n int) string, i, n int) string {
	return body + "\n" + marker(i, n)
}

// packThread lays out a thread assuming it has n posts; the caller checks
// that it did.
func packThread(p Post, rule Rule, link string, marker func(i, n int) string, n int) ([]string, []string, error) {
	var notes []string
	fitsAt := func(body string, i int) bool { return rule.Fits(withMarker(body, marker, i, n)) }

	// First post: headline, helpline and link, then the hashtags that fit.
	headline := p.Headline
	if !fitsAt(compose(headline, nil, p.Helpline, link, nil), 1) {
		h, ok := truncate(headline, func(h string) bool { return fitsAt(compose(h, nil, p.Helpline, link, nil), 1) })
		if !ok {
			return nil, nil, fmt.Errorf("the helpline and the link alone count %d of %d; shorten the helpline",
				rule.Count(withMarker(compose("", nil, p.Helpline, link, nil), marker, 1, n)), rule.Limit)
		}
		notes = append(notes, fmt.Sprintf("headline shortened to fit: %q", h))
		headline = h
	}
	var firstTags, restTags []string
	for _, t := range p.Hashtags {
		if cand := append(append([]string(nil), firstTags...), t); fitsAt(compose(headline, nil, p.Helpline, link, cand), 1) {
			firstTags = cand
		} else {
			restTags = append(restTags, t)
		}
	}
	firstPost := func(points string) string {
		var ps []string
		if points != "" {
			ps = []string{points}
		}
		return compose(headline, ps, p.Helpline, link, firstTags)
	}

	// The points fill the first post after the headline, then the next ones.
	pk := &packer{
		fits: func(body string, idx int) bool {
			if idx == 0 {
				return fitsAt(firstPost(body), 1)
			}
			return fitsAt(body, idx+1)
		},
		emptyOK: func(idx int) bool { return idx == 0 },
	}
	for _, pt := range p.Points {
		if !pk.add(pt, "\n", levelSentences) {
			return nil, nil, fmt.Errorf("a URL, hashtag or number in point %q is longer than a whole post", pt)
		}
	}
	pk.finish()
	posts := pk.posts
	posts[0] = firstPost(posts[0])

	// The remaining hashtags close the last post, as many as fit.
	if len(restTags) > 0 && len(posts) > 1 {
		last := len(posts) - 1
		var placed []string
		for _, t := range restTags {
			cand := append(append([]string(nil), placed...), t)
			if fitsAt(posts[last]+"\n\n"+hashtagLine(cand), last+1) {
				placed = cand
			} else {
				notes = append(notes, fmt.Sprintf("hashtag left out to fit: #%s", t))
			}
		}
		if len(placed) > 0 {
			posts[last] += "\n\n" + hashtagLine(placed)
		}
	}

	total := len(posts)
	if total == 1 {
		return posts, notes, nil
	}
	out := make([]string, total)
	for i, body := range posts {
		out[i] = withMarker(body, marker, i+1, n)
	}
	if total != n {
		return posts, notes, nil // bodies only; the caller retries or renumbers
	}
	return out, notes, nil
}

// renumber puts markers for the real count on bodies packed for a larger guess.
func renumber(bodies []string, rule Rule, marker func(i, n int) string) ([]string, bool) {
	n := len(bodies)
	out := make([]string, n)
	for i, b := range bodies {
		out[i] = withMarker(b, marker, i+1, n)
		if !rule.Fits(out[i]) {
			return nil, false
		}
	}
	return out, true
}
