package check

import "fmt"

// WeightLimits are the most bytes of HTML, CSS and JavaScript one page may take.
type WeightLimits struct {
	Page int64 // any page
	Home int64 // a language's home page, the first a reader loads
}

// DefaultWeightLimits keep pages light on slow and prepaid phone connections.
var DefaultWeightLimits = WeightLimits{Page: 50 * 1024, Home: 30 * 1024}

// PageWeight warns about every built page whose HTML, with the stylesheets and
// scripts of the site it loads, weighs more than the limit.
func PageWeight(in Input, limits WeightLimits) []Finding {
	o, err := readOutput(in)
	if err != nil || o == nil {
		return nil // Links reports an unreadable output
	}
	var out []Finding
	for _, p := range o.pages {
		css, js := int64(0), int64(0)
		seen := map[string]bool{}
		for _, r := range p.Refs {
			isCSS := r.Tag == "link" && hasWord(r.Rel, "stylesheet")
			if !isCSS && r.Tag != "script" {
				continue
			}
			l := o.resolve(p, r.Value)
			if l.Target == "" || seen[l.Target] {
				continue
			}
			seen[l.Target] = true
			info, err := o.fs.Stat(l.Target)
			if err != nil {
				continue
			}
			if isCSS {
				css += info.Size()
			} else {
				js += info.Size()
			}
		}
		limit, what := limits.Page, "a page"
		if p.Page != nil && p.Page.Kind == "home" {
			limit, what = limits.Home, "a home page"
		}
		total := p.Size + css + js
		if total <= limit {
			continue
		}
		out = append(out, Finding{File: p.Source, Severity: Warning, Rule: "weight",
			Message: fmt.Sprintf("the page weighs %s (HTML %s, CSS %s, JavaScript %s); keep %s under %s (on %s)",
				kb(total), kb(p.Size), kb(css), kb(js), what, kb(limit), p.URL)})
	}
	return out
}

// kb writes a size in kilobytes of 1,024 bytes: "50 KB", "52.3 KB".
func kb(n int64) string {
	if n%1024 == 0 {
		return fmt.Sprintf("%d KB", n/1024)
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}
