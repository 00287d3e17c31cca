package portal

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/spf13/afero"

	"github.com/contratto/portal/internal/materials"
	"github.com/contratto/portal/internal/site"
)

// MaterialsCacheDir is where the last rendered printed material is kept, in the project,
// so that a build with unchanged strings, numbers and fonts copies it instead of drawing
// it again.
const MaterialsCacheDir = ".cache/materials"

// writeMaterials writes the printed material (internal/materials) of every language into
// its folder: public/LANG/materiali/. A site whose default language has no strings file,
// or no mat_cardTitle in it, has no printed material (a test site, say); once it has, every language
// needs every string, and a text that does not fit fails the build naming the language
// and the string.
func writeMaterials(p site.Project, res *site.Result) error {
	in, ok, err := MaterialsInput(p, res)
	if err != nil || !ok {
		return err
	}
	files, _, err := materials.Cache{Fs: p.Fs, Dir: p.Path(MaterialsCacheDir)}.RenderCached(in)
	if err != nil {
		return err
	}
	for _, l := range in.Languages {
		if _, own := materials.Forbidden(l.Code); !own {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the discreet card in %s is checked only against the English and Italian words it must not carry: add the %s words for trafficking, exploitation, victim and police to internal/materials/forbidden.go", l.Source, l.Code, l.Code))
		}
	}
	sizes := map[string]int{}
	for _, f := range files {
		dst := "/" + f.Path
		if err := res.Output.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(res.Output, dst, f.Data, 0o644); err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		sizes[f.Lang+"/"+f.Name()] = len(f.Data)
	}
	return fillSizes(res.Output, sizes)
}

// sizeToken is where a page shows a PDF's file size (layouts/_partials/materials-list.html):
// ⟦pdf-size:LANG/FILE⟧. Hugo renders the pages before the PDFs exist, so the build puts
// the sizes in afterwards.
var sizeToken = regexp.MustCompile(`⟦pdf-size:([^⟧]*)⟧`)

// fillSizes writes each PDF's size, in kB, where the pages ask for it. A page that asks for
// a file the build did not write fails the build, naming the page and the file.
func fillSizes(out afero.Fs, sizes map[string]int) error {
	return afero.Walk(out, "/", func(name string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		b, err := afero.ReadFile(out, name)
		if err != nil || !bytes.Contains(b, []byte("⟦pdf-size:")) {
			return err
		}
		var missing string
		b = sizeToken.ReplaceAllFunc(b, func(m []byte) []byte {
			key := string(sizeToken.FindSubmatch(m)[1])
			n, ok := sizes[key]
			if !ok {
				missing = key
				return m
			}
			return []byte(fmt.Sprintf("%d kB", (n+999)/1000))
		})
		if missing != "" {
			return fmt.Errorf("public%s: the page links %s, which the printed material does not have", name, missing)
		}
		return afero.WriteFile(out, name, b, info.Mode())
	})
}

// MaterialsInput gathers what the printed material is made of from the built site: the
// numbers of site.toml, each language's strings (i18n/LANG.toml) and the address of its
// help page (/aiuto). ok is false when the site has no printed material.
func MaterialsInput(p site.Project, res *site.Result) (materials.Input, bool, error) {
	var in materials.Input
	if len(res.Languages) == 0 {
		return in, false, nil
	}
	for i, l := range res.Languages {
		src := path.Join("i18n", l.Code+".toml")
		b, err := afero.ReadFile(p.Fs, p.Path(src))
		if i == 0 && errors.Is(err, fs.ErrNotExist) {
			return in, false, nil // no strings at all: no printed material
		}
		if err != nil {
			return in, false, err
		}
		strs, err := materials.ParseStrings(src, b)
		if err != nil {
			return in, false, err
		}
		if i == 0 {
			if _, ok := strs["mat_cardTitle"]; !ok {
				return in, false, nil
			}
			if err := helplines(res, &in); err != nil {
				return in, false, err
			}
		}
		help := ""
		for _, pg := range res.Pages[l.Code] {
			if pg.Path == "/aiuto" {
				help = pg.Permalink
			}
		}
		if help == "" {
			return in, false, fmt.Errorf("printed material (%s): the language has no help page (/aiuto) for the QR code", l.Code)
		}
		in.Languages = append(in.Languages, materials.Language{
			Code: l.Code, Name: l.Label, Direction: l.Direction, HelpURL: help,
			Folder:  strings.Trim(strings.TrimPrefix(l.Home, res.BaseURL), "/") + "/materiali",
			Strings: strs, Source: src,
		})
	}
	return in, true, nil
}

// helplines takes the three numbers of the material from site.toml.
func helplines(res *site.Result, in *materials.Input) error {
	lines, err := res.Helplines()
	if err != nil {
		return err
	}
	for _, l := range lines {
		n := materials.Number{Display: l.Display, Tel: l.Tel}
		switch l.Key {
		case "regional":
			in.Regional = n
		case "national":
			in.National = n
		case "emergency":
			in.Emergency = n
		}
	}
	for _, n := range []materials.Number{in.Regional, in.National, in.Emergency} {
		if n.Display == "" {
			return fmt.Errorf("site.toml: the printed material needs [params.helplines] regional, national and emergency")
		}
	}
	return nil
}
