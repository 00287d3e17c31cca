package materials

import (
	"fmt"
	"strings"
)

// forbidden are, per language, the beginnings of the words a discreet card must never
// carry: trafficking, exploitation, victim, police (and the project's name, which says
// "against trafficking" in Italian). Matched without regard to case, inside words too.
var forbidden = map[string][]string{
	"it":  {"tratt", "sfrutt", "vittim", "polizi", "carabinier", "contratto"},
	"en":  {"traffick", "exploit", "victim", "police", "contratto"},
	"fr":  {"traite", "exploit", "victime", "police", "contratto"},
	"es":  {"trata", "explot", "víctima", "victima", "policía", "policia", "contratto"},
	"pt":  {"tráfico", "trafico", "explora", "vítima", "vitima", "polícia", "policia", "contratto"},
	"ro":  {"trafic", "exploat", "victim", "poliți", "politi", "contratto"},
	"sq":  {"trafik", "shfrytëz", "shfrytez", "viktim", "polic", "contratto"},
	"bg":  {"трафик", "експлоат", "жертв", "полиц", "contratto"},
	"pl":  {"handl", "wyzysk", "ofiar", "policj", "contratto"},
	"uk":  {"торгівл", "експлуат", "жертв", "поліц", "contratto"},
	"ru":  {"торговл", "эксплуат", "жертв", "полиц", "contratto"},
	"zh":  {"贩运", "贩卖", "拐卖", "剥削", "受害", "警察", "contratto"},
	"ar":  {"اتجار", "الاتجار", "استغلال", "ضحي", "ضحايا", "شرطة", "الشرطة", "contratto"},
	"ur":  {"انسانی تجارت", "اسمگلنگ", "استحصال", "متاثر", "پولیس", "contratto"},
	"pa":  {"ਤਸਕਰੀ", "ਸ਼ੋਸ਼ਣ", "ਪੀੜਤ", "ਪੁਲਿਸ", "ਪੁਲੀਸ", "contratto"},
	"bn":  {"পাচার", "শোষণ", "ভুক্তভোগী", "পুলিশ", "contratto"},
	"pcm": {"traffick", "exploit", "victim", "police", "polis", "contratto"},
}

// discreetKeys are the strings the discreet card carries.
var discreetKeys = []string{
	"mat_discreetTitle", "mat_discreetRegional", "mat_discreetNational", "mat_cardNational",
	"line_emergency", "helplinesNote", "mat_discreetBack", "mat_learn",
}

// checkDiscreet refuses a discreet card whose words give away what it is for. A language
// without a list of its own is held to the English and Italian words.
func checkDiscreet(l Language) error {
	words, _ := Forbidden(l.Code)
	for _, k := range discreetKeys {
		s := strings.ToLower(l.Strings[k])
		for _, w := range words {
			if strings.Contains(s, strings.ToLower(w)) {
				return fmt.Errorf("%s: %s (%q) is printed on the discreet card, which must not say %q: a card found by someone else must give nothing away", l.Source, k, l.Strings[k], w)
			}
		}
	}
	return nil
}

// Forbidden returns the words a discreet card in lang must not carry, and whether lang
// has a list of its own: a language without one (a newly added language, say) is held
// to the English and Italian words until someone who speaks it writes its list here.
func Forbidden(lang string) (words []string, own bool) {
	if words, ok := forbidden[lang]; ok {
		return append([]string{}, words...), true
	}
	return append(append([]string{}, forbidden["en"]...), forbidden["it"]...), false
}
