// Package networkblock reads and writes the one way the newsletter puts the partners'
// news ("From the network") in its Markdown: a fenced code block whose info string is
// "network", one item per group of lines, groups apart by a blank line.
//
//	```network
//	partner: Regione Toscana
//	title: Corso di formazione per operatori
//	link: https://www.example.org/notizie/corso
//	date: 21 giugno 2012
//	summary: Aperte le iscrizioni alla seconda edizione.
//
//	partner: Example Observatory
//	lang: en
//	title: Report on labour exploitation
//	link: https://observatory.example/news/report
//	```
//
// Each line is "key: value" with one of the keys below; partner, title and link are
// required, link is an absolute http(s) address, lang (given only when the item is in
// another language than the issue) is a BCP 47 tag. The texts are plain text, shown as
// they are: a code block is never read as Markdown or HTML, so nothing a partner's feed
// says can become markup. The email draws the block with newsletter/email, which reads it
// with Parse; the portal with a Hugo render hook (layouts/_markup/render-codeblock-network.html),
// which checks the keys, the required ones and that the link is http(s), but not the lang
// tag nor a link with a user name or spaces: those only Parse refuses.
package networkblock

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/contratto/portal/internal/langtag"
)

// Info is the info string of the block's fence.
const Info = "network"

// Item is one partner news item of the block.
type Item struct {
	Partner string // the partner's name
	Lang    string // BCP 47, only when not the language
	Title   string
	Link    string // absolute http(s)
	Date    string // as the language writes it
	Summary string
}

// Keys in the order Format writes them.
var keys = []string{"partner", "lang", "title", "link", "date", "summary"}

// Error is a malformed block: the line, counted from 1 at the first line inside the
// fence, and what is wrong.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse reads the text inside the fence.
func Parse(src string) ([]Item, error) {
	var items []Item
	var cur *Item
	start := 0
	finish := func() error {
		if cur == nil {
			return nil
		}
		if err := cur.check(); err != nil {
			return &Error{Line: start, Msg: err.Error()}
		}
		items = append(items, *cur)
		cur = nil
		return nil
	}
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			if err := finish(); err != nil {
				return nil, err
			}
			continue
		}
		if strings.IndexFunc(line, unicode.IsControl) >= 0 {
			return nil, &Error{Line: n, Msg: "the line contains a control character: delete it"}
		}
		key, value, ok := strings.Cut(line, ":")
		value = strings.TrimSpace(value)
		if !ok || !slices.Contains(keys, key) {
			return nil, &Error{Line: n, Msg: fmt.Sprintf("%q is not \"key: value\" with a key of %s", line, strings.Join(keys, ", "))}
		}
		if cur == nil {
			cur, start = &Item{}, n
		}
		field := cur.field(key)
		if *field != "" {
			return nil, &Error{Line: n, Msg: fmt.Sprintf("%s is given twice in one item: put a blank line between two items", key)}
		}
		if value == "" {
			return nil, &Error{Line: n, Msg: fmt.Sprintf("%s is empty", key)}
		}
		*field = value
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, &Error{Line: 1, Msg: "the block has no items"}
	}
	return items, nil
}

func (it *Item) field(key string) *string {
	switch key {
	case "partner":
		return &it.Partner
	case "lang":
		return &it.Lang
	case "title":
		return &it.Title
	case "link":
		return &it.Link
	case "date":
		return &it.Date
	}
	return &it.Summary
}

func (it Item) check() error {
	var missing []string
	for _, k := range []string{"partner", "title", "link"} {
		if *it.field(k) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the item lacks %s", strings.Join(missing, " and "))
	}
	if err := checkLink(it.Link); err != nil {
		return err
	}
	if it.Lang != "" {
		if err := langtag.Check(it.Lang); err != nil {
			return fmt.Errorf("lang: %v", err)
		}
	}
	return nil
}

// checkLink accepts an absolute http or https address without spaces or credentials.
func checkLink(link string) error {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || strings.ContainsFunc(link, unicode.IsSpace) {
		return fmt.Errorf("link %q is not an absolute http(s) address", link)
	}
	return nil
}

// Format writes items as the block's inner text (without the fences). Values are made
// one line each; an item that Parse would refuse is an error.
func Format(items []Item) (string, error) {
	if len(items) == 0 {
		return "", errors.New("network block: no items")
	}
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, k := range keys {
			v := strings.Join(strings.FieldsFunc(*it.field(k), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
			if v != "" {
				fmt.Fprintf(&b, "%s: %s\n", k, v)
			}
		}
	}
	if _, err := Parse(b.String()); err != nil {
		return "", fmt.Errorf("network block: %w", err)
	}
	return b.String(), nil
}
