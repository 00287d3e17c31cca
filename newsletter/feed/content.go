package feed

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the HTML attributes that hold one URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "action": true}

// absolutizeHTML resolves every relative URL in the attributes of fragment
// against base, so that links and images work in a feed reader (the W3C
// validator warns "should not contain relative URL references" otherwise).
// Only tags that change are re-serialised; everything else is copied byte for
// byte.
func absolutizeHTML(fragment, base string) (string, error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("URL %q: %v", base, err)
	}
	var out bytes.Buffer
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				return out.String(), nil
			}
			return "", fmt.Errorf("ContentHTML: %v", z.Err())
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := append([]byte(nil), z.Raw()...)
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace != "" {
				continue
			}
			var v string
			switch {
			case urlAttrs[a.Key]:
				v, err = resolveRef(baseURL, a.Val)
			case a.Key == "srcset":
				v, err = resolveSrcset(baseURL, a.Val)
			default:
				continue
			}
			if err != nil {
				return "", fmt.Errorf("ContentHTML: <%s %s=%q>: %v", tok.Data, a.Key, a.Val, err)
			}
			if v != a.Val {
				tok.Attr[i].Val = v
				changed = true
			}
		}
		if changed {
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
}

// resolveRef makes ref absolute against base. A reference with a scheme
// (https:, mailto:, tel:) is already absolute and stays as it is.
func resolveRef(base *url.URL, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return "", err
	}
	if u.Scheme != "" {
		return ref, nil
	}
	return base.ResolveReference(u).String(), nil
}

// resolveSrcset resolves each URL of a srcset list ("a.png 1x, b.png 2x").
func resolveSrcset(base *url.URL, set string) (string, error) {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		fields := strings.Fields(p)
		if len(fields) == 0 {
			continue
		}
		abs, err := resolveRef(base, fields[0])
		if err != nil {
			return "", err
		}
		fields[0] = abs
		parts[i] = strings.Join(fields, " ")
	}
	return strings.Join(parts, ", "), nil
}
