package social

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The file names of the drafts among an issue's artefacts: social.md, a review sheet
// for staff (Markdown); social.json, the list of Draft (JSON); social.csv, a scheduler's
// bulk-import form (CSV).
const (
	MarkdownFile = "social.md"
	JSONFile     = "social.json"
	CSVFile      = "social.csv"
)

// JSON renders the drafts as an indented JSON list, with a final newline.
func JSON(drafts []Draft) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if drafts == nil {
		drafts = []Draft{}
	}
	if err := enc.Encode(drafts); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// CSVDateLayout is the date format of social.csv.
const CSVDateLayout = "2006-01-02 15:04"

// CSV renders the drafts as a scheduler's bulk-import form (RFC 4180: CRLF,
// fields quoted when they hold commas, quotes or line breaks). Columns: date,
// text, link, platform. One row per post; a thread's posts are consecutive
// rows, one minute apart so a scheduler keeps their order. The link column is
// filled on the row whose text carries the link (the first post).
func CSV(drafts []Draft, p Post) ([]byte, error) {
	if p.Date.IsZero() {
		return nil, fmt.Errorf("Post.Date is not set; it is the scheduled date of every row")
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	rows := [][]string{{"date", "text", "link", "platform"}}
	for _, d := range drafts {
		link := ""
		if p.Link != nil {
			link = p.Link(d.Platform)
		}
		for i, post := range d.Posts() {
			l := ""
			if i == 0 {
				l = link
			}
			rows = append(rows, []string{p.Date.Add(time.Duration(i) * time.Minute).Format(CSVDateLayout), post, l, d.Platform})
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Markdown renders the review sheet: per platform the text or each post of the
// thread, "counted N of LIMIT" by the platform's rule, the alt text and what
// was left out.
func Markdown(drafts []Draft, p Post) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Social drafts: %s\n\n", clean(p.Headline))
	fmt.Fprintf(&b, "- Language: %s", p.Lang)
	if p.RTL {
		b.WriteString(" (right to left)")
	}
	b.WriteString("\n")
	if !p.Date.IsZero() {
		fmt.Fprintf(&b, "- Scheduled: %s\n", p.Date.Format(CSVDateLayout))
	}
	b.WriteString("- Every text is counted by its platform's own rule; check each one before posting.\n")
	for _, d := range drafts {
		rule, ok := RuleFor(d.Platform, d.Limit == TelegramCaptionLimit)
		if !ok { // a draft made elsewhere: report its own figures
			rule = Rule{Count: func(string) int { return d.Length }}
		}
		fmt.Fprintf(&b, "\n## %s\n", platformTitle(d.Platform))
		posts := d.Posts()
		if len(posts) > 1 {
			fmt.Fprintf(&b, "\nThread of %d posts, longest counted %d of %d %s.\n", len(posts), d.Length, d.Limit, d.Unit)
		}
		for i, post := range posts {
			if len(posts) > 1 {
				fmt.Fprintf(&b, "\n### Post %d of %d\n", i+1, len(posts))
			}
			fmt.Fprintf(&b, "\ncounted %d of %d %s", rule.Count(post), d.Limit, d.Unit)
			if rule.MaxBytes > 0 {
				fmt.Fprintf(&b, "; %d of %d bytes", len(post), rule.MaxBytes)
			}
			if rule.MaxHashtags > 0 {
				fmt.Fprintf(&b, "; %d of %d hashtags", InstagramHashtags(post), rule.MaxHashtags)
			}
			b.WriteString("\n\n")
			fence := codeFence(post)
			fmt.Fprintf(&b, "%stext\n%s\n%s\n", fence, post, fence)
		}
		if d.ImageAlt != "" {
			if rule.AltLimit > 0 {
				fmt.Fprintf(&b, "\nAlt text of the chart (counted %d of %d):\n\n", rule.AltCount(d.ImageAlt), rule.AltLimit)
			} else {
				b.WriteString("\nAlt text of the chart:\n\n")
			}
			fmt.Fprintf(&b, "> %s\n", d.ImageAlt)
		}
		if len(d.Notes) > 0 {
			b.WriteString("\nLeft out to fit:\n\n")
			for _, n := range d.Notes {
				fmt.Fprintf(&b, "- %s\n", n)
			}
		}
	}
	return []byte(b.String())
}

func platformTitle(p string) string {
	switch p {
	case X:
		return "X"
	case LinkedIn:
		return "LinkedIn"
	case "":
		return "(no platform)"
	}
	return strings.ToUpper(p[:1]) + p[1:]
}

// codeFence returns a backtick fence longer than any run of backticks in s.
func codeFence(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
