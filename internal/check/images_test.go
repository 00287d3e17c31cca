package check

import "testing"

func TestImagesCleanSite(t *testing.T) {
	expect(t, Images(build(t, clean)))
}

func TestMarkdownImagesWithoutAlt(t *testing.T) {
	body := "Intro.\n\n" +
		"![](mappa.png)\n" +
		"Testo ![ ](<due punti.png>) e [![](logo.png)](/)\n" +
		"```\n![](nel-codice.png)\n```\n" +
		"`![](inline.png)` e ![Una mappa](ok.png)\n" +
		"![][rif]\n" +
		"{{< figure src=\"f.png\" >}} {{< figure src=\"g.png\" alt=\"Un grafico\" >}} {{< figure src=\"h.png\" alt=\"\" >}}\n"
	f := splitContent("content/it/x.md", "---\ntitle: t\n---\n"+body)
	expect(t, markdownImages(f),
		`content/it/x.md:6: error: image: image "mappa.png" has no alt text: say what it shows between the brackets, ![like this](mappa.png)`,
		`content/it/x.md:7: error: image: image "due punti.png" has no alt text: say what it shows between the brackets, ![like this](due punti.png)`,
		`content/it/x.md:7: error: image: image "logo.png" has no alt text: say what it shows between the brackets, ![like this](logo.png)`,
		`content/it/x.md:12: error: image: image "rif" has no alt text: say what it shows between the brackets, ![like this](rif)`,
		`content/it/x.md:13: error: image: figure has no alt text: add alt="what it shows"`,
		`content/it/x.md:13: error: image: figure has no alt text: add alt="what it shows"`)
}

func TestImagesInContentOfASite(t *testing.T) {
	in := build(t, replace(t, "![Una mappa della Toscana](/mappa.png)", "![](/mappa.png)"))
	expect(t, Images(in),
		`content/it/progetto.md:11: error: image: image "/mappa.png" has no alt text: say what it shows between the brackets, ![like this](/mappa.png)`)
}

func TestImagesInBuiltPages(t *testing.T) {
	in := build(t, replace(t, `<main id="main">`, `<main id="main"><img src="/mappa.png"><img src="/mappa.png" alt="">`))
	expect(t, Images(in),
		`public/index.html: error: image: image "/mappa.png" has no alt attribute (on / and 8 other pages)`)
}
