package feed

import "time"

var rome = time.FixedZone("CEST", 2*60*60)

// italianFeed is a small Italian feed: two issues, given oldest first, one
// with full HTML holding site-relative links, one updated after publication.
func italianFeed() Feed {
	return Feed{
		Lang:        "it",
		Title:       "ConTratTo — Newsletter",
		Description: "La newsletter mensile della rete toscana contro la tratta & lo sfruttamento",
		HomeURL:     "https://contratto.example/newsletter/",
		BaseURL:     "https://contratto.example/newsletter/",
		Author:      Author{Name: "ConTratTo — Regione Toscana"},
		Items: []Item{
			{
				ID:        "tag:contratto.example,2012:newsletter/2012-05/it",
				Title:     "Maggio 2012: la rete si presenta",
				URL:       "https://contratto.example/newsletter/2012-05/",
				Summary:   "Chi siamo, come funziona l'accoglienza e dove chiedere aiuto.",
				Published: time.Date(2012, 5, 31, 9, 0, 0, 0, rome),
			},
			{
				ID:          "tag:contratto.example,2012:newsletter/2012-06/it",
				Title:       "Giugno 2012: diritti & servizi <aggiornati>",
				URL:         "https://contratto.example/newsletter/2012-06/",
				Summary:     "Le novità del mese: i servizi della rete & i diritti di chi chiede aiuto.",
				ContentHTML: `<h2>Le novità</h2><p>Leggi <a href="/aiuto/">come chiedere aiuto</a> e <a href="#diritti">i tuoi diritti</a>.</p><p><img src="grafico.png" alt="Grafico del mese"></p>`,
				Published:   time.Date(2012, 6, 30, 10, 0, 0, 0, rome),
				Updated:     time.Date(2012, 7, 2, 8, 30, 0, 0, rome),
			},
		},
	}
}

// arabicFeed is a small Arabic (right-to-left) feed with one issue.
func arabicFeed() Feed {
	return Feed{
		Lang:        "ar",
		Title:       "كونتراتّو — النشرة الإخبارية",
		Description: "النشرة الشهرية لشبكة توسكانا لمكافحة الاتجار بالبشر",
		HomeURL:     "https://contratto.example/ar/newsletter/",
		BaseURL:     "https://contratto.example/ar/newsletter/",
		Author:      Author{Name: "ConTratTo — Regione Toscana"},
		Items: []Item{{
			ID:          "tag:contratto.example,2012:newsletter/2012-06/ar",
			Title:       "يونيو 2012: حقوقك والخدمات",
			URL:         "https://contratto.example/ar/newsletter/2012-06/",
			Summary:     "مستجدات الشهر: خدمات الشبكة وحقوق من يطلب المساعدة.",
			ContentHTML: `<p dir="rtl">اقرأ <a href="/ar/aiuto/">كيف تطلب المساعدة</a>.</p>`,
			Published:   time.Date(2012, 6, 30, 10, 0, 0, 0, rome),
		}},
	}
}

// portalLanguages are language codes of the portal, left to right and right to left.
var portalLanguages = []string{"it", "en", "fr", "es", "pt", "ro", "sq", "bg", "pl", "uk", "ru", "zh", "ar", "ur", "pa", "bn", "pcm"}
