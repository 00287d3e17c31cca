package social

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/contratto/portal/internal/golden"
)

// The golden posts use only published figures (data/stats/2012-H1.json).
func arabicPost() Post {
	return Post{
		Lang:     "ar",
		RTL:      true,
		Date:     time.Date(2012, 7, 2, 9, 30, 0, 0, time.UTC),
		Headline: "ConTratTo: النشرة الإخبارية لشهر يونيو 2012",
		Points: []string{
			"الخط الأخضر الإقليمي: 37 حالة في النصف الأول من عام 2012 (28 استغلال جنسي، 9 أشكال أخرى: العمل والتسول).",
			"وحدات الشارع: 2,651 تواصلاً.",
			"مكاتب الاستقبال: 89 مقابلة.",
			"الحماية الاجتماعية: 63 شخصاً في البرامج.",
			"المرافقة إلى الخدمات الصحية والاجتماعية: 124 شخصاً.",
			"الطوارئ والاستقبال الأولي: 27 شخصاً.",
		},
		Helpline: "الخط الأخضر لمكافحة الاتجار بالبشر: 800 290 290",
		Hashtags: []string{"ConTratTo", "StopTratta", "Toscana"},
		Link:     linkFor,
		ImageAlt: "رسم بياني بالأعمدة: حالات الخط الأخضر في النصف الأول من 2012 حسب شكل الاستغلال. جنسي 28، أشكال أخرى (العمل والتسول) 9.",
	}
}

func chinesePost() Post {
	return Post{
		Lang:     "zh",
		Date:     time.Date(2012, 7, 2, 9, 30, 0, 0, time.UTC),
		Headline: "ConTratTo：2012年6月通讯",
		Points: []string{
			"地区热线：2012年上半年共37宗个案（性剥削28宗，其他形式9宗：劳动剥削和乞讨）。",
			"街头流动服务队：2,651次接触。",
			"咨询窗口：89次面谈。",
			"社会保护项目：63人。",
			"陪同前往医疗和社会服务：124人。",
			"紧急及初步安置：27人。",
		},
		Helpline: "全国反人口贩运热线：800 290 290",
		Hashtags: []string{"ConTratTo", "StopTratta", "Toscana"},
		Link:     linkFor,
		ImageAlt: "条形图：2012年上半年热线个案按剥削形式分列：性剥削28，其他形式（劳动剥削和乞讨）9。",
	}
}

func TestDraftFilesGolden(t *testing.T) {
	for _, p := range []Post{italianPost(), arabicPost(), chinesePost()} {
		t.Run(p.Lang, func(t *testing.T) {
			ds, err := Drafts(p)
			if err != nil {
				t.Fatal(err)
			}
			jsonData, err := JSON(ds)
			if err != nil {
				t.Fatal(err)
			}
			csvData, err := CSV(ds, p)
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][]byte{MarkdownFile: Markdown(ds, p), JSONFile: jsonData, CSVFile: csvData} {
				goldenfile.Assert(t, filepath.Join("testdata", "golden", p.Lang, name), got)
			}
		})
	}
}

func TestOutputsAreDeterministicAndParse(t *testing.T) {
	p := arabicPost()
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	j1, _ := JSON(ds)
	ds2, _ := Drafts(p)
	j2, _ := JSON(ds2)
	if !bytes.Equal(j1, j2) {
		t.Fatal("JSON differs between two runs")
	}
	var back []Draft
	if err := json.Unmarshal(j1, &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(ds) || back[0].Platform != X || back[0].Limit != XLimit {
		t.Errorf("JSON round trip: %+v", back[0])
	}
	if bytes.Contains(j1, []byte(`\u0026`)) {
		t.Error("JSON escapes & in URLs")
	}
	c, err := CSV(ds, p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(c, []byte("\r\n")) {
		t.Error("CSV lines do not end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(bytes.NewReader(c)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := 1
	for _, d := range ds {
		want += len(d.Posts())
	}
	if len(rows) != want {
		t.Fatalf("CSV has %d rows, want %d", len(rows), want)
	}
	if strings.Join(rows[0], ",") != "date,text,link,platform" {
		t.Errorf("CSV header = %v", rows[0])
	}
	// Thread posts are consecutive rows, one minute apart, link on the first.
	x := ds[0]
	for i := range x.Posts() {
		row := rows[1+i]
		wantDate := p.Date.Add(time.Duration(i) * time.Minute).Format(CSVDateLayout)
		if row[0] != wantDate || row[1] != x.Posts()[i] || row[3] != X {
			t.Errorf("CSV row %d = %q", i+1, row)
		}
		if (row[2] != "") != (i == 0) {
			t.Errorf("CSV row %d link = %q", i+1, row[2])
		}
	}
}

func TestCSVNeedsADate(t *testing.T) {
	p := italianPost()
	ds, err := Drafts(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Date = time.Time{}
	if _, err := CSV(ds, p); err == nil || !strings.Contains(err.Error(), "Date") {
		t.Fatalf("err = %v, want it to name the missing date", err)
	}
}

func TestMarkdownShowsCountsAndAltText(t *testing.T) {
	p := italianPost()
	ds, _ := Drafts(p)
	md := string(Markdown(ds, p))
	for _, want := range []string{
		"## X", "### Post 1 of", "counted ", " of 280 weighted characters", " of 3000 bytes", " of 30 hashtags",
		"Alt text of the chart (counted", "of 1000)", "of 1500)", "> " + p.ImageAlt,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("review sheet lacks %q", want)
		}
	}
	ar := string(Markdown(ds, arabicPost()))
	if !strings.Contains(ar, "(right to left)") {
		t.Error("review sheet of an Arabic post does not say it is right to left")
	}
	if f := codeFence("a ```` b"); f != "`````" {
		t.Errorf("codeFence = %q", f)
	}
}
