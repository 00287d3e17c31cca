package social

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

const baseURL = "https://contratto.example/newsletter/2012-06/"

func linkFor(platform string) string {
	return baseURL + "?utm_source=" + platform + "&utm_medium=social&utm_campaign=newsletter-2012-06"
}

// italianPost uses only published figures: the seed's, as protected in
// data/stats/2012-H1.json (labour and begging merged as "other forms").
func italianPost() Post {
	return Post{
		Lang:     "it",
		Date:     time.Date(2012, 7, 2, 9, 30, 0, 0, time.UTC),
		Headline: "ConTratTo: la newsletter di giugno 2012",
		Points: []string{
			"Numero verde regionale: 37 casi nel primo semestre 2012 (28 sfruttamento sessuale, 9 altre forme: lavoro e accattonaggio).",
			"Unità di strada: 2.651 contatti.",
			"Sportelli: 89 colloqui.",
			"Protezione sociale: 63 persone nei programmi.",
			"Accompagnamento ai servizi sanitari e sociali: 124 persone.",
			"Emergenza e prima accoglienza: 27 persone.",
		},
		Helpline: "Numero verde antitratta: 800 290 290",
		Hashtags: []string{"ConTratTo", "StopTratta", "Toscana"},
		Link:     linkFor,
		ImageAlt: "Grafico a barre: casi del numero verde nel primo semestre 2012 per forma di sfruttamento. Sessuale 28; altre forme (lavoro e accattonaggio) 9.",
	}
}

func draftFor(t *testing.T, ds []Draft, platform string) Draft {
	t.Helper()
	for _, d := range ds {
		if d.Platform == platform {
			return d
		}
	}
	t.Fatalf("no draft for %s", platform)
	return Draft{}
}

func TestDraftsItalian(t *testing.T) {
	p := italianPost()
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(Platforms) {
		t.Fatalf("got %d drafts, want %d", len(ds), len(Platforms))
	}
	for i, d := range ds {
		if d.Platform != Platforms[i] {
			t.Errorf("draft %d is %s, want %s", i, d.Platform, Platforms[i])
		}
		first := d.Posts()[0]
		for _, want := range []string{p.Headline, p.Helpline, p.Link(d.Platform)} {
			if !strings.Contains(first, want) {
				t.Errorf("%s: first post lacks %q:\n%s", d.Platform, want, first)
			}
		}
		if d.Platform == Telegram && d.ImageAlt != "" {
			t.Errorf("telegram draft carries alt text; Telegram has none")
		}
		if d.Platform != Telegram && d.ImageAlt != p.ImageAlt {
			t.Errorf("%s: ImageAlt = %q", d.Platform, d.ImageAlt)
		}
	}
	x := draftFor(t, ds, X)
	if len(x.Thread) < 2 {
		t.Fatalf("X draft is not a thread:\n%s", x.Text)
	}
	for i, post := range x.Thread {
		want := fmt.Sprintf("\n%d/%d", i+1, len(x.Thread))
		if !strings.HasSuffix(post, want) {
			t.Errorf("X post %d does not end with %q:\n%s", i+1, want, post)
		}
		if CountX(post) > XLimit {
			t.Errorf("X post %d counts %d", i+1, CountX(post))
		}
	}
	if m := draftFor(t, ds, Mastodon); m.Text == "" || m.Length != CountMastodon(m.Text) || m.Limit != MastodonLimit {
		t.Errorf("Mastodon draft: %+v", m)
	}
	fb, li := draftFor(t, ds, Facebook), draftFor(t, ds, LinkedIn)
	if strings.ReplaceAll(fb.Text, "utm_source=facebook", "utm_source=linkedin") != li.Text || fb.Limit != FacebookLimit {
		t.Errorf("Facebook should carry the LinkedIn text with its own link:\n%s\n---\n%s", fb.Text, li.Text)
	}
}

func TestThreadNumberingAndSplitting(t *testing.T) {
	p := italianPost()
	// One very long point: it must be cut at sentence and word boundaries,
	// never inside the URL, the hashtag or the number in groups.
	long := strings.Repeat("Le unità di strada incontrano le persone dove vivono e lavorano. ", 8) +
		"Chiamate il numero 800 186 086 oppure leggete https://contratto.example/it/aiuto/cosa-succede-quando-chiami/ e seguite #StopTratta ogni giorno."
	p.Points = append([]string{long}, p.Points...)
	p.ThreadMarker = func(i, n int) string { return fmt.Sprintf("(%d di %d)", i, n) }
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, platform := range []string{X, Mastodon, Bluesky} {
		d := draftFor(t, ds, platform)
		rule, _ := RuleFor(platform, false)
		if len(d.Thread) < 2 {
			t.Fatalf("%s: no thread", platform)
		}
		longest := 0
		for i, post := range d.Thread {
			if !strings.HasSuffix(post, fmt.Sprintf("\n(%d di %d)", i+1, len(d.Thread))) {
				t.Errorf("%s post %d: bad marker:\n%s", platform, i+1, post)
			}
			if !rule.Fits(post) {
				t.Errorf("%s post %d counts %d of %d", platform, i+1, rule.Count(post), rule.Limit)
			}
			longest = max(longest, rule.Count(post))
		}
		if d.Length != longest {
			t.Errorf("%s: Length = %d, longest post counts %d", platform, d.Length, longest)
		}
		all := strings.Join(d.Thread, "\n")
		for _, atom := range []string{"800 186 086", "https://contratto.example/it/aiuto/cosa-succede-quando-chiami/", "#StopTratta ogni", "800 290 290"} {
			if !strings.Contains(all, atom) {
				t.Errorf("%s: %q was cut:\n%s", platform, atom, all)
			}
		}
		if !strings.Contains(d.Thread[0], p.Helpline) || !strings.Contains(d.Thread[0], p.Link(platform)) {
			t.Errorf("%s: first post lacks helpline or link", platform)
		}
		// No word was cut: every word of the long point survives whole.
		words := strings.Fields(all)
		set := map[string]bool{}
		for _, w := range words {
			set[w] = true
		}
		for _, w := range strings.Fields(long) {
			if !set[w] {
				t.Errorf("%s: word %q of the long point was cut", platform, w)
			}
		}
	}
}

func TestChineseSplitsBetweenIdeographs(t *testing.T) {
	p := chinesePost()
	p.Points = []string{strings.Repeat("流动服务队在街头与人们见面并提供信息和帮助", 12) + "。"}
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	x := draftFor(t, ds, X)
	if len(x.Thread) < 3 {
		t.Fatalf("want a thread, got %+v", x)
	}
	for i, post := range x.Thread {
		if CountX(post) > XLimit {
			t.Errorf("post %d counts %d", i+1, CountX(post))
		}
		body := strings.TrimSpace(post[:strings.LastIndex(post, "\n")])
		if strings.HasPrefix(body, "。") || strings.HasPrefix(body, "，") {
			t.Errorf("post %d starts with punctuation: %q", i+1, body)
		}
	}
}

func TestSingleDraftDropsLeastImportantPoints(t *testing.T) {
	p := italianPost()
	p.TelegramCaption = true
	filler := strings.Repeat("parola ", 60)
	p.Points = []string{"Primo punto, il più importante.", filler + "uno.", filler + "due.", filler + "tre."}
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	tg := draftFor(t, ds, Telegram)
	if tg.Limit != TelegramCaptionLimit || tg.Length > TelegramCaptionLimit {
		t.Fatalf("telegram caption: %d of %d", tg.Length, tg.Limit)
	}
	if !strings.Contains(tg.Text, "Primo punto") {
		t.Errorf("the most important point was dropped:\n%s", tg.Text)
	}
	if strings.Contains(tg.Text, "tre.") {
		t.Errorf("the least important point was kept while others were dropped")
	}
	if len(tg.Notes) == 0 || !strings.Contains(strings.Join(tg.Notes, "\n"), "left out") {
		t.Errorf("dropping points is not reported: %v", tg.Notes)
	}
	for _, word := range strings.Fields(tg.Text) {
		if strings.HasPrefix("parola", word) && word != "parola" && word != "parola\n" {
			t.Errorf("a word was cut: %q", word)
		}
	}
}

func TestInstagramAtMost30Hashtags(t *testing.T) {
	p := italianPost()
	p.Hashtags = nil
	for i := 0; i < 35; i++ {
		p.Hashtags = append(p.Hashtags, "Tag"+strconv.Itoa(i))
	}
	p.LinkInBio = "Link in bio"
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	ig := draftFor(t, ds, Instagram)
	if n := InstagramHashtags(ig.Text); n != 30 {
		t.Errorf("Instagram caption has %d hashtags, want 30", n)
	}
	if !strings.Contains(ig.Text, "Link in bio\n"+p.Link(Instagram)) {
		t.Errorf("Instagram caption lacks the link line:\n%s", ig.Text)
	}
	if len(ig.Notes) == 0 {
		t.Errorf("dropped hashtags are not reported")
	}
}

func TestHeadlineTooLongIsShortened(t *testing.T) {
	p := italianPost()
	p.Headline = strings.Repeat("Titolo lunghissimo ", 30) + "fine"
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	x := draftFor(t, ds, X)
	if !strings.Contains(x.Posts()[0], "…") || len(x.Notes) == 0 {
		t.Errorf("X headline not shortened with a note: %v\n%s", x.Notes, x.Posts()[0])
	}
	for _, d := range ds {
		r, _ := RuleFor(d.Platform, false)
		for _, post := range d.Posts() {
			if !r.Fits(post) {
				t.Errorf("%s: over the limit", d.Platform)
			}
		}
	}
}

func TestDraftsRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Post)
		want   string
	}{
		{"no language", func(p *Post) { p.Lang = "" }, "Lang is empty"},
		{"no helpline", func(p *Post) { p.Helpline = " " }, "Helpline is empty"},
		{"helpline without number", func(p *Post) { p.Helpline = "Chiamate il numero verde" }, "has no number"},
		{"nil link", func(p *Post) { p.Link = nil }, "Link is nil"},
		{"link without utm", func(p *Post) { p.Link = func(string) string { return baseURL } }, `utm_source is ""`},
		{"relative link", func(p *Post) { p.Link = func(pl string) string { return "/newsletter/?utm_source=" + pl } }, "not an absolute"},
		{"hashtag with space", func(p *Post) { p.Hashtags = []string{"Stop Tratta"} }, `e.g. "StopTratta"`},
		{"hashtag with #", func(p *Post) { p.Hashtags = []string{"#StopTratta"} }, "without"},
		{"lower-case hashtag", func(p *Post) { p.Hashtags = []string{"stopTratta"} }, "not CamelCase"},
		{"hashtag with hyphen", func(p *Post) { p.Hashtags = []string{"Stop-Tratta"} }, "letters and digits only"},
		{"numeric hashtag", func(p *Post) { p.Hashtags = []string{"2012"} }, "start with a letter"},
		{"alt text too long for X", func(p *Post) { p.ImageAlt = strings.Repeat("a", 1001) }, "x allows 1000"},
		{"alt text too long for Mastodon", func(p *Post) { p.ImageAlt = strings.Repeat("😷", 760) }, "x allows 1000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := italianPost()
			tc.change(&p)
			_, err := Drafts(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Drafts: err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestValidateHashtagAcceptsCaselessScripts(t *testing.T) {
	for _, tag := range []string{"ConTratTo", "StopTratta", "反拐卖", "مكافحةالاتجار", "Toscana2012", "ਮਦਦ"} {
		if err := ValidateHashtag(tag); err != nil {
			t.Errorf("ValidateHashtag(%q) = %v", tag, err)
		}
	}
}

// The property: for many random posts — Latin, Arabic, CJK, emoji-heavy,
// with URLs, grouped numbers and hashtags inside the points — every draft is
// within its platform's limit by that platform's own count, carries the
// helpline and the link in its first post, numbers its thread correctly, and
// loses no point on the thread platforms.
func TestDraftsPropertyWithinLimits(t *testing.T) {
	seeds := int64(120)
	if testing.Short() {
		seeds = 20
	}
	for seed := int64(1); seed <= seeds; seed++ {
		rng := rand.New(rand.NewSource(seed))
		p := randomPost(rng)
		ds, err := Drafts(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		np := p.normalized()
		for _, d := range ds {
			rule, _ := RuleFor(d.Platform, p.TelegramCaption)
			posts := d.Posts()
			longest := 0
			for i, post := range posts {
				if !rule.Fits(post) {
					t.Fatalf("seed %d: %s post %d counts %d of %d (%d bytes, %d hashtags):\n%s",
						seed, d.Platform, i+1, rule.Count(post), rule.Limit, len(post), InstagramHashtags(post), post)
				}
				longest = max(longest, rule.Count(post))
			}
			if d.Length != longest || d.Limit != rule.Limit {
				t.Fatalf("seed %d: %s: Length %d Limit %d, want %d %d", seed, d.Platform, d.Length, d.Limit, longest, rule.Limit)
			}
			if !strings.Contains(posts[0], np.Helpline) || !strings.Contains(posts[0], p.Link(d.Platform)) {
				t.Fatalf("seed %d: %s: first post lacks the helpline or the link:\n%s", seed, d.Platform, posts[0])
			}
			if len(posts) > 1 {
				marker := p.ThreadMarker
				if marker == nil {
					marker = func(i, n int) string { return fmt.Sprintf("%d/%d", i, n) }
				}
				for i, post := range posts {
					if !strings.HasSuffix(post, "\n"+marker(i+1, len(posts))) {
						t.Fatalf("seed %d: %s post %d lacks marker %q", seed, d.Platform, i+1, marker(i+1, len(posts)))
					}
				}
			}
			if rule.Threads {
				checkNoPointLost(t, seed, d, np)
			} else {
				checkKeptPointsWhole(t, seed, d, np)
			}
		}
	}
}

// checkNoPointLost rebuilds the points from a thread platform's posts and
// compares them with the input, ignoring white space.
func checkNoPointLost(t *testing.T, seed int64, d Draft, p Post) {
	t.Helper()
	var bodies []string
	posts := d.Posts()
	for i, post := range posts {
		body := post
		if len(posts) > 1 {
			body = body[:strings.LastIndex(body, "\n")] // marker
		}
		paras := strings.Split(body, "\n\n")
		if i == 0 {
			paras = paras[1:] // headline
			for k, para := range paras {
				if strings.HasPrefix(para, p.Helpline+"\n") {
					paras = paras[:k]
					break
				}
			}
		} else if n := len(paras); n > 1 && strings.HasPrefix(paras[n-1], "#") {
			paras = paras[:n-1] // hashtags closing the thread
		}
		bodies = append(bodies, paras...)
	}
	got := squeeze(strings.Join(bodies, ""))
	want := squeeze(strings.Join(p.Points, ""))
	if got != want {
		t.Fatalf("seed %d: %s lost text:\n got %q\nwant %q", seed, d.Platform, got, want)
	}
}

// checkKeptPointsWhole: a single post keeps a prefix of the points, each whole,
// and reports every point it left out.
func checkKeptPointsWhole(t *testing.T, seed int64, d Draft, p Post) {
	t.Helper()
	dropped := 0
	for _, n := range d.Notes {
		if strings.HasPrefix(n, "point ") {
			dropped++
		}
	}
	kept := len(p.Points) - dropped
	for i, pt := range p.Points {
		if in := strings.Contains(d.Text, pt); in != (i < kept) {
			t.Fatalf("seed %d: %s: point %d kept=%v, want %v (notes %v)", seed, d.Platform, i+1, in, i < kept, d.Notes)
		}
	}
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

var (
	latinWords  = strings.Fields("la tratta di esseri umani è un reato grave perché sfrutta persone vulnerabili città lavoro sfruttamento sessuale accattonaggio unità di strada sportello colloqui protezione sociale")
	arabicWords = strings.Fields("الاتجار بالبشر جريمة خطيرة تستغل الأشخاص الضعفاء في العمل والتسول وحدات الشارع مكتب المساعدة الحماية الاجتماعية مَرْحَبًا")
	cjkRuns     = []string{"人口贩运是严重的犯罪", "流动服务队", "社会保护项目", "热线电话", "帮助与信息", "乞讨", "性剥削", "劳动剥削", "安全上网"}
	emojis      = []string{"📞", "🆘", family, "🇮🇹", "🇪🇺", "👍🏾", "🙋🏽\u200d♀\ufe0f", "1\ufe0f\u20e3", england, "❤\ufe0f", "©\ufe0f"}
	numbers     = []string{"37", "2.651", "2,651", "800 290 290", "800 186 086", "112", "٣٧", "63"}
	urlsInText  = []string{"https://contratto.example/it/aiuto/", "osservatoriointerventitratta.it/numero-verde", "http://example.org/a_(b)", "example.com"}
)

func randomWord(rng *rand.Rand, style int) string {
	switch k := rng.Intn(40); {
	case k == 0:
		return urlsInText[rng.Intn(len(urlsInText))]
	case k == 1:
		return "#Tag" + strconv.Itoa(rng.Intn(100))
	case k < 5:
		return numbers[rng.Intn(len(numbers))]
	case k < 5+style*3: // emoji-heavy styles
		return emojis[rng.Intn(len(emojis))]
	}
	switch style {
	case 0, 3:
		return latinWords[rng.Intn(len(latinWords))]
	case 1:
		return arabicWords[rng.Intn(len(arabicWords))]
	default:
		return cjkRuns[rng.Intn(len(cjkRuns))]
	}
}

func randomSentence(rng *rand.Rand, style, words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		w := randomWord(rng, style)
		if i > 0 && !(style == 2 && rng.Intn(3) > 0) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if rng.Intn(12) == 0 {
			if style == 2 {
				b.WriteString("，")
			} else {
				b.WriteString(",")
			}
		}
	}
	switch style {
	case 1:
		b.WriteString("؟")
	case 2:
		b.WriteString("。")
	default:
		b.WriteString(".")
	}
	return b.String()
}

func randomPost(rng *rand.Rand) Post {
	style := rng.Intn(4) // 0 Latin, 1 Arabic, 2 CJK, 3 emoji-heavy Latin
	p := Post{
		Lang:     []string{"it", "ar", "zh", "it"}[style],
		Date:     time.Date(2012, 7, 2, 9, 0, 0, 0, time.UTC),
		Headline: randomSentence(rng, style, 2+rng.Intn(12)),
		Helpline: []string{"Numero verde antitratta: 800 290 290", "خط مكافحة الاتجار: 800 290 290", "反人口贩运热线：800 290 290", "📞 800 290 290"}[style],
		Link:     linkFor,
		ImageAlt: randomSentence(rng, style, rng.Intn(30)),
	}
	if rng.Intn(10) == 0 {
		p.Headline = randomSentence(rng, style, 120) // needs shortening
	}
	for i, n := 0, rng.Intn(10); i < n; i++ {
		var pt strings.Builder
		for s, ns := 0, 1+rng.Intn(4); s < ns; s++ {
			if s > 0 && style != 2 {
				pt.WriteByte(' ')
			}
			words := 2 + rng.Intn(15)
			if rng.Intn(8) == 0 {
				words = 30 + rng.Intn(40) // longer than a post
			}
			pt.WriteString(randomSentence(rng, style, words))
		}
		p.Points = append(p.Points, pt.String())
	}
	for i, n := 0, rng.Intn(40); i < n; i++ {
		p.Hashtags = append(p.Hashtags, []string{"ConTratTo", "StopTratta", "Toscana", "NumeroVerde", "反拐卖", "مكافحةالاتجار"}[rng.Intn(6)]+strconv.Itoa(i))
	}
	switch rng.Intn(3) {
	case 0:
		p.ThreadMarker = func(i, n int) string { return fmt.Sprintf("%d/%d", i, n) }
	case 1:
		digits := []rune("٠١٢٣٤٥٦٧٨٩")
		ar := func(n int) string {
			var b strings.Builder
			for _, c := range strconv.Itoa(n) {
				b.WriteRune(digits[c-'0'])
			}
			return b.String()
		}
		p.ThreadMarker = func(i, n int) string { return ar(i) + "/" + ar(n) }
	}
	p.TelegramCaption = rng.Intn(2) == 0
	return p
}
