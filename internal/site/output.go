package site

import (
	"net/url"
	"strings"
)

// OutputPath is where in Output the address link is served from: link is an absolute URL
// or a root-relative path (a page's Permalink or RelPermalink), and the result is its path
// below the base URL, rooted at "/". With the base URL "https://www.example.org/contratto/",
// "/contratto/en/aiuto/" and "https://www.example.org/contratto/en/aiuto/" both give
// "/en/aiuto/". ok is false when link points outside the site.
func (r *Result) OutputPath(link string) (string, bool) {
	base, err := url.Parse(r.BaseURL)
	if err != nil {
		return "", false
	}
	u, err := url.Parse(link)
	if err != nil || u.Opaque != "" {
		return "", false
	}
	if u.Scheme != "" && !strings.EqualFold(u.Scheme, base.Scheme) || u.Host != "" && !strings.EqualFold(u.Host, base.Host) {
		return "", false
	}
	if u.Path+"/" == base.Path {
		return "/", true
	}
	rest, ok := strings.CutPrefix(u.Path, base.Path)
	if !ok || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	return "/" + rest, true
}
