package check

import (
	"fmt"
	"strings"
)

// Links checks every address on every built page that points at the site itself
// (relative, or absolute on the site's base URL): it must name a file of the built site
// (a folder means its index.html), and a #fragment must be an id on the target page.
// A finding names the content file the page was made from.
func Links(in Input) []Finding {
	o, err := readOutput(in)
	if err != nil {
		return []Finding{{Severity: Error, Rule: "link", Message: "cannot read the built site: " + err.Error()}}
	}
	if o == nil {
		return nil
	}
	var pf pageFindings
	for _, p := range o.pages {
		for _, r := range p.Refs {
			if r.Value == "" {
				continue
			}
			l := o.resolve(p, r.Value)
			if !l.Internal {
				continue
			}
			problem := l.Problem
			if problem == "" && l.Fragment != "" && l.Fragment != "top" {
				if target := o.byOut[l.Target]; target != nil && !target.IDs[l.Fragment] {
					if target == p {
						problem = fmt.Sprintf("this page has no id %q", l.Fragment)
					} else {
						problem = fmt.Sprintf("%s has no id %q", target.URL, l.Fragment)
					}
				}
			}
			if problem == "" {
				continue
			}
			f := Finding{
				File:     p.Source,
				Line:     o.lineOf(p.Source, "]("+r.Value, `"`+r.Value+`"`, sameFragment(l, p)),
				Severity: Error,
				Rule:     "link",
				Message:  fmt.Sprintf("broken %s %q", refKind(r), r.Value),
			}
			pf.addDetail(f, p, ": "+problem)
		}
	}
	return pf.list()
}

// refKind names what an address is for, in an editor's words.
func refKind(r ref) string {
	switch {
	case r.Tag == "img" || r.Tag == "source" || r.Attr == "poster":
		return "image"
	case r.Tag == "link" && hasWord(r.Rel, "stylesheet"):
		return "stylesheet"
	case r.Tag == "script":
		return "script"
	}
	return "link"
}

// hasWord reports whether a space-separated attribute value such as rel holds word.
func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// sameFragment is how a link to a heading of its own page is written in Markdown,
// whatever Hugo made of it: "](#heading".
func sameFragment(l link, p *builtPage) string {
	if l.Fragment == "" || l.Target != p.Out {
		return ""
	}
	return "](#" + l.Fragment
}
