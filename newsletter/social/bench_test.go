package social

import (
	"strings"
	"testing"
)

var benchTexts = map[string]string{
	"latin":  strings.Repeat("Numero verde antitratta 800 290 290: https://contratto.example/it/aiuto/?utm_source=x perché è così. ", 3),
	"cjk":    tangPoems + " https://contratto.example/zh/",
	"emoji":  strings.Repeat(family+"🇮🇹👍🏾 ", 40),
	"arabic": strings.Repeat("الخط الأخضر لمكافحة الاتجار بالبشر: 800 290 290 ", 6),
}

func benchCount(b *testing.B, count func(string) int) {
	for name, text := range benchTexts {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				count(text)
			}
		})
	}
}

func BenchmarkCountX(b *testing.B)        { benchCount(b, CountX) }
func BenchmarkCountMastodon(b *testing.B) { benchCount(b, CountMastodon) }
func BenchmarkCountBluesky(b *testing.B)  { benchCount(b, CountBluesky) }
func BenchmarkCountTelegram(b *testing.B) { benchCount(b, CountTelegram) }
func BenchmarkDetectURLs(b *testing.B) {
	benchCount(b, func(s string) int { return len(detectURLs(s, true)) })
}

func BenchmarkDrafts(b *testing.B) {
	for _, p := range []Post{italianPost(), arabicPost(), chinesePost()} {
		b.Run(p.Lang, func(b *testing.B) {
			for b.Loop() {
				if _, err := Drafts(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
