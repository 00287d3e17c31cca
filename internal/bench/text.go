package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// words are the parallel word lists of one language: index i of a list in Italian
// translates index i of the same list in English, so one sequence of random choices
// writes a page and its translation.
type words struct {
	subjects, verbs, objects, tails []string
	topics                          []string // nouns for titles and headings
	titleGuide, titleNews           string   // formats: topic, number
	headings                        []string
	tableHead                       [3]string
	tableRows                       []string
	linkText                        []string
	helpline                        string // a sentence with %s for the helpline shortcode
	month                           []string
}

var italian = words{
	subjects: []string{"Gli operatori della rete", "Le unità mobili", "Gli sportelli di ascolto", "I servizi sociali",
		"Le linee antitratta", "Le associazioni partner", "I mediatori culturali", "I comuni toscani",
		"Le scuole del territorio", "I centri per l'impiego"},
	verbs: []string{"incontrano", "sostengono", "accompagnano", "informano", "ascoltano", "orientano", "formano", "aiutano"},
	objects: []string{"le persone in difficoltà", "chi lavora nei campi", "le vittime di sfruttamento",
		"i giovani delle scuole", "gli operatori sanitari", "le comunità straniere", "chi chiede aiuto",
		"le famiglie", "i lavoratori stagionali"},
	tails: []string{"in tutta la regione.", "ogni settimana.", "con discrezione.", "nei comuni della costa.",
		"senza chiedere documenti.", "in molte lingue.", "insieme ai servizi del territorio.", "anche di notte."},
	topics: []string{"diritti", "lavoro", "salute", "casa", "scuola", "documenti", "famiglia", "sicurezza",
		"formazione", "accoglienza", "mediazione", "prevenzione"},
	titleGuide: "Guida su %s, parte %d",
	titleNews:  "Notizie dalla rete: %s (%d)",
	headings: []string{"Che cosa succede", "A chi rivolgersi", "Che cosa puoi fare", "Domande frequenti",
		"Come funziona", "I tuoi diritti", "Dove trovare aiuto"},
	tableHead: [3]string{"Servizio", "Dove", "Quando"},
	tableRows: []string{"Sportello di ascolto", "Unità mobile", "Accoglienza", "Consulenza legale", "Mediazione", "Orientamento al lavoro"},
	linkText:  []string{"Leggi anche", "Vedi la guida", "Approfondisci", "Scopri di più"},
	helpline:  "Se hai bisogno di aiuto, chiama il %s. È gratis.",
	month: []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		"settembre", "ottobre", "novembre", "dicembre"},
}

var english = words{
	subjects: []string{"The network's workers", "The mobile units", "The drop-in centres", "The social services",
		"The anti-trafficking lines", "The partner associations", "The cultural mediators", "The Tuscan towns",
		"The local schools", "The job centres"},
	verbs: []string{"meet", "support", "accompany", "inform", "listen to", "guide", "train", "help"},
	objects: []string{"people in difficulty", "those who work in the fields", "victims of exploitation",
		"young people at school", "health workers", "foreign communities", "those who ask for help",
		"families", "seasonal workers"},
	tails: []string{"across the region.", "every week.", "discreetly.", "in the coastal towns.",
		"without asking for papers.", "in many languages.", "together with local services.", "at night too."},
	topics: []string{"rights", "work", "health", "housing", "school", "papers", "family", "safety",
		"training", "reception", "mediation", "prevention"},
	titleGuide: "A guide to %s, part %d",
	titleNews:  "News from the network: %s (%d)",
	headings: []string{"What happens", "Who to contact", "What you can do", "Frequently asked questions",
		"How it works", "Your rights", "Where to find help"},
	tableHead: [3]string{"Service", "Where", "When"},
	tableRows: []string{"Drop-in centre", "Mobile unit", "Reception", "Legal advice", "Mediation", "Job guidance"},
	linkText:  []string{"Read also", "See the guide", "Find out more", "Learn more"},
	helpline:  "If you need help, call %s. It is free.",
	month: []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"},
}

// places are proper names, the same in both languages.
var places = []string{"Firenze", "Pisa", "Livorno", "Lucca", "Prato", "Arezzo", "Siena", "Grosseto",
	"Massa", "Pistoia", "Empoli", "Viareggio"}

var helplineKeys = []string{"regional", "national", "emergency"}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// sentence writes one sentence of the language.
func (w *words) sentence(r *rand.Rand) string {
	return pick(r, w.subjects) + " " + pick(r, w.verbs) + " " + pick(r, w.objects) + " " + pick(r, w.tails)
}

// paragraph writes n sentences.
func (w *words) paragraph(r *rand.Rand, n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = w.sentence(r)
	}
	return strings.Join(s, " ")
}

// body writes a page's Markdown: an introduction, sections with headings, a list with
// links to other pages, sometimes a table and a helpline, as the portal's pages have.
func (w *words) body(r *rand.Rand, links []string) string {
	var b strings.Builder
	b.WriteString(w.paragraph(r, 3+r.IntN(3)))
	b.WriteString("\n\n")
	sections := 2 + r.IntN(3)
	linkAt := 0
	for s := range sections {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", pick(r, w.headings), w.paragraph(r, 2+r.IntN(4)))
		switch s % 3 {
		case 0: // a list, whose items link to other pages when there are links left
			for range 3 + r.IntN(3) {
				if linkAt < len(links) {
					fmt.Fprintf(&b, "- [%s]({{< relref %q >}}): %s\n", pick(r, w.linkText), links[linkAt], strings.TrimSuffix(w.sentence(r), "."))
					linkAt++
				} else {
					fmt.Fprintf(&b, "- %s\n", strings.TrimSuffix(w.sentence(r), "."))
				}
			}
			b.WriteString("\n")
		case 1: // a table of services
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "| %s | %s | %s |\n|:--|:--|--:|\n", w.tableHead[0], w.tableHead[1], w.tableHead[2])
				for range 3 + r.IntN(4) {
					fmt.Fprintf(&b, "| %s | %s | %d:00 |\n", pick(r, w.tableRows), pick(r, places), 8+r.IntN(12))
				}
				b.WriteString("\n")
			}
		case 2: // a sub-heading and the helpline
			fmt.Fprintf(&b, "### %s\n\n%s\n\n", pick(r, w.headings), w.paragraph(r, 1+r.IntN(3)))
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, w.helpline+"\n\n", fmt.Sprintf("{{< helpline %q >}}", pick(r, helplineKeys)))
			}
		}
	}
	for ; linkAt < len(links); linkAt++ {
		fmt.Fprintf(&b, "[%s]({{< relref %q >}}).\n\n", pick(r, w.linkText), links[linkAt])
	}
	return b.String()
}
