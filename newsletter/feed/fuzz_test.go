package feed

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/contratto/portal/internal/feedlinttest"
)

// FuzzRender: whatever text an editor writes, Render either refuses it with
// an error or writes three feeds that gofeed reads back with the same item
// title, and in which the W3C validator's rules find no error.
func FuzzRender(f *testing.F) {
	f.Add("Giugno 2012: diritti & servizi <aggiornati>", "Sintesi & <b>", `<p><a href="/aiuto/">aiuto</a></p>`)
	f.Add("يونيو 2012", "مستجدات الشهر", `<p dir="rtl"><img src="a.png" alt=""></p>`)
	f.Add("a ]]> b", "&amp; &#x26; &lt;", "<![CDATA[x]]>")
	f.Fuzz(func(t *testing.T, title, summary, content string) {
		feed := italianFeed()
		feed.Items[1].Title = title
		feed.Items[1].Summary = summary
		feed.Items[1].ContentHTML = content
		out, err := Render(feed)
		if err != nil {
			return
		}
		for _, file := range out.List() {
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(file.Data))
			if err != nil {
				t.Fatalf("%s does not parse: %v\n%s", file.Name, err, file.Data)
			}
			if got, want := strings.TrimSpace(parsed.Items[0].Title), strings.TrimSpace(title); got != want {
				t.Errorf("%s: title %q came back as %q", file.Name, want, got)
			}
			for _, finding := range feedlinttest.Check(file.Name, file.Data) {
				if finding.Severity == feedlinttest.Error {
					t.Errorf("%s", finding)
				}
			}
		}
	})
}
