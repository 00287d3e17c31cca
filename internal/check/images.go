package check

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	// An image with empty alt text: ![](x.png), ![ ][ref].
	emptyAltRe = regexp.MustCompile(`!\[\s*\]\(\s*(?:<([^>]*)>|([^)\s]*))|!\[\s*\]\[([^\]]*)\]`)
	// Hugo's figure shortcode, whose alt text is its alt parameter.
	figureRe = regexp.MustCompile(`\{\{[<%]\s*figure\b(.*?)[%>]\}\}`)
	altParam = regexp.MustCompile(`\balt\s*=\s*("[^"]*\S[^"]*"|` + "`[^`]*\\S[^`]*`" + `)`)
	fenceRe  = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	codeRe   = regexp.MustCompile("`[^`]*`")
)

// Images checks that every image has alt text: in content, a Markdown image with
// empty brackets or a figure shortcode without alt; in built pages, an <img> with no
// alt attribute (alt="" is a template's way to mark an image as decoration).
func Images(in Input) []Finding {
	files, _ := contentFiles(in) // unreadable files are reported by FrontMatter
	var out []Finding
	for _, f := range files {
		out = append(out, markdownImages(f)...)
	}
	return append(out, htmlImages(in)...)
}

// markdownImages looks at the body line by line, leaving out code.
func markdownImages(f contentFile) []Finding {
	var out []Finding
	inFence := false
	for i, line := range strings.Split(f.Body, "\n") {
		if fenceRe.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		line = codeRe.ReplaceAllStringFunc(line, func(s string) string { return strings.Repeat(" ", len(s)) })
		n := f.BodyLine + i
		for _, m := range emptyAltRe.FindAllStringSubmatch(line, -1) {
			src := m[1] + m[2] + m[3] // only one of them is set
			out = append(out, Finding{File: f.Path, Line: n, Severity: Error, Rule: "image",
				Message: fmt.Sprintf("image %q has no alt text: say what it shows between the brackets, ![like this](%s)", src, src)})
		}
		for _, m := range figureRe.FindAllStringSubmatch(line, -1) {
			if !altParam.MatchString(m[1]) {
				out = append(out, Finding{File: f.Path, Line: n, Severity: Error, Rule: "image",
					Message: `figure has no alt text: add alt="what it shows"`})
			}
		}
	}
	return out
}

func htmlImages(in Input) []Finding {
	o, err := readOutput(in)
	if err != nil || o == nil {
		return nil // Links reports an unreadable output
	}
	var pf pageFindings
	for _, p := range o.pages {
		for _, im := range p.Imgs {
			if im.HasAlt {
				continue
			}
			// Markdown always writes an alt attribute: this image comes from a layout
			// or a shortcode, so it has no line in the content file.
			pf.add(Finding{File: p.Source, Severity: Error, Rule: "image",
				Message: fmt.Sprintf("image %q has no alt attribute", im.Src)}, p)
		}
	}
	return pf.list()
}
