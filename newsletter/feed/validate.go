package feed

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/contratto/portal/internal/langtag"
)

// validate reports every problem with f that would make a feed invalid, as
// one error per problem joined together.
func validate(f Feed) error {
	var errs []error
	feedErr := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("feed %q: "+format, append([]any{f.Lang}, args...)...))
	}
	if err := langtag.Check(f.Lang); err != nil {
		feedErr("Lang %v", err)
	}
	for _, field := range []struct{ name, value string }{
		{"Title", f.Title}, {"Description", f.Description}, {"Author.Name", f.Author.Name},
	} {
		if strings.TrimSpace(field.value) == "" {
			feedErr("%s is empty", field.name)
		} else if msg := badText(field.value); msg != "" {
			feedErr("%s %s", field.name, msg)
		}
	}
	for _, field := range []struct{ name, value string }{
		{"HomeURL", f.HomeURL}, {"BaseURL", f.BaseURL},
	} {
		if msg := badAbsURL(field.value); msg != "" {
			feedErr("%s %q %s", field.name, field.value, msg)
		}
	}
	if f.Author.Email != "" && !validEmail(f.Author.Email) {
		feedErr("Author.Email %q is not an email address", f.Author.Email)
	}
	if len(f.Items) == 0 && f.Updated.IsZero() {
		feedErr("has no items and no Updated time: an empty feed needs Updated for its lastBuildDate/updated")
	}

	seen := make(map[string]int)
	for i, it := range f.Items {
		errs = append(errs, validateItem(i, it)...)
		if it.ID == "" {
			continue
		}
		if first, dup := seen[it.ID]; dup {
			errs = append(errs, itemError(i, it, fmt.Sprintf("ID is the same as item %d's: every item needs its own", first)))
		} else {
			seen[it.ID] = i
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("feed %q cannot be written:\n%w", f.Lang, err)
	}
	return nil
}

// validateItem reports the problems of item number i.
func validateItem(i int, it Item) []error {
	var errs []error
	bad := func(msg string) { errs = append(errs, itemError(i, it, msg)) }

	switch u, err := url.Parse(it.ID); {
	case it.ID == "":
		bad("ID is empty: every item needs a stable ID (a tag: or http(s) URI)")
	case err != nil || u.Scheme == "" || strings.ContainsAny(it.ID, " \t\r\n<>\"{}|\\^`"):
		bad(fmt.Sprintf("ID %q is not an absolute URI (use a tag: URI like \"tag:example.org,2012:newsletter/2012-06/it\")", it.ID))
	}
	if msg := badAbsURL(it.URL); msg != "" {
		bad(fmt.Sprintf("URL %q %s", it.URL, msg))
	}
	for _, field := range []struct{ name, value string }{
		{"Title", it.Title}, {"Summary", it.Summary},
	} {
		if strings.TrimSpace(field.value) == "" {
			bad(field.name + " is empty")
		} else if msg := badText(field.value); msg != "" {
			bad(field.name + " " + msg)
		}
	}
	if msg := badText(it.ContentHTML); msg != "" {
		bad("ContentHTML " + msg)
	}
	if it.Published.IsZero() {
		bad("Published is not set")
	}
	if !it.Updated.IsZero() && it.Updated.Before(it.Published) {
		bad(fmt.Sprintf("Updated (%s) is before Published (%s)",
			it.Updated.Format("2006-01-02T15:04:05Z07:00"), it.Published.Format("2006-01-02T15:04:05Z07:00")))
	}
	return errs
}

// itemError names the item by its source file, or else by its position and ID (or title).
func itemError(i int, it Item, msg string) error {
	if it.Source != "" {
		return fmt.Errorf("%s: %s", it.Source, msg)
	}
	name := it.ID
	if name == "" {
		name = it.Title
	}
	return fmt.Errorf("item %d (%q): %s", i, name, msg)
}

// badAbsURL says what is wrong with s as an absolute http(s) URL, or "".
func badAbsURL(s string) string {
	if s == "" {
		return "is empty"
	}
	u, err := url.Parse(s)
	if err != nil {
		return "does not parse: " + err.Error()
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "is not an absolute http(s) URL"
	}
	if strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`") {
		return "contains characters a URL must percent-encode"
	}
	return ""
}

// badText says why s cannot go into a feed, or "": it must be UTF-8 made of
// characters XML 1.0 allows, and free of C1 control characters and U+FFFD,
// which the W3C validator reports as "bad characters" (mis-encoded text).
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return fmt.Sprintf("contains %U, which XML cannot carry", r)
		case r >= 0x80 && r <= 0x9F, r == utf8.RuneError:
			return fmt.Sprintf("contains %U, a sign of mis-encoded text", r)
		}
	}
	return ""
}

// emailAddr is the shape of address the W3C Feed Validator accepts in RSS.
var emailAddr = regexp.MustCompile(`^[A-Za-z0-9_\-+.']+@([A-Za-z0-9\-]+\.)+[A-Za-z0-9][-A-Za-z0-9]*$`)

// validEmail reports whether s is a bare email address (no display name).
func validEmail(s string) bool { return emailAddr.MatchString(s) }
