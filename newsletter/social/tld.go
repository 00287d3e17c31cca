package social

// Top-level domains recognised by the URL detector.
//
// Country-code TLDs are the complete list twitter-text carries
// (js/src/regexp/validCCTLD.js, from the IANA root zone), including the
// internationalised ones (中国, рф, پاکستان, …). Generic TLDs are a subset: the
// original ones and the common new ones. twitter-text knows every IANA gTLD;
// a scheme-less address under an unlisted gTLD is therefore counted here
// character by character, which can only overcount (see detectURLs).

var ccTLDs = setOf(
	"한국", "香港", "澳門", "新加坡", "台灣", "台湾", "中國", "中国", "გე", "ລາວ", "ไทย",
	"ලංකා", "ഭാരതം", "ಭಾರತ", "భారత్", "சிங்கப்பூர்", "இலங்கை", "இந்தியா", "ଭାରତ",
	"ભારત", "ਭਾਰਤ", "ভাৰত", "ভারত", "বাংলা", "भारोत", "भारतम्", "भारत", "ڀارت",
	"پاکستان", "موريتانيا", "مليسيا", "مصر", "قطر", "فلسطين", "عمان", "عراق",
	"سورية", "سودان", "تونس", "بھارت", "بارت", "ایران", "امارات", "المغرب",
	"السعودية", "الجزائر", "البحرين", "الاردن", "հայ", "қаз", "укр", "срб", "рф",
	"мон", "мкд", "ею", "бел", "бг", "ευ", "ελ",
	"zw", "zm", "za", "yt", "ye", "ws", "wf", "vu", "vn", "vi", "vg", "ve", "vc", "va",
	"uz", "uy", "us", "um", "uk", "ug", "ua", "tz", "tw", "tv", "tt", "tr", "tp", "to",
	"tn", "tm", "tl", "tk", "tj", "th", "tg", "tf", "td", "tc", "sz", "sy", "sx", "sv",
	"su", "st", "ss", "sr", "so", "sn", "sm", "sl", "sk", "sj", "si", "sh", "sg", "se",
	"sd", "sc", "sb", "sa", "rw", "ru", "rs", "ro", "re", "qa", "py", "pw", "pt", "ps",
	"pr", "pn", "pm", "pl", "pk", "ph", "pg", "pf", "pe", "pa", "om", "nz", "nu", "nr",
	"np", "no", "nl", "ni", "ng", "nf", "ne", "nc", "na", "mz", "my", "mx", "mw", "mv",
	"mu", "mt", "ms", "mr", "mq", "mp", "mo", "mn", "mm", "ml", "mk", "mh", "mg", "mf",
	"me", "md", "mc", "ma", "ly", "lv", "lu", "lt", "ls", "lr", "lk", "li", "lc", "lb",
	"la", "kz", "ky", "kw", "kr", "kp", "kn", "km", "ki", "kh", "kg", "ke", "jp", "jo",
	"jm", "je", "it", "is", "ir", "iq", "io", "in", "im", "il", "ie", "id", "hu", "ht",
	"hr", "hn", "hm", "hk", "gy", "gw", "gu", "gt", "gs", "gr", "gq", "gp", "gn", "gm",
	"gl", "gi", "gh", "gg", "gf", "ge", "gd", "gb", "ga", "fr", "fo", "fm", "fk", "fj",
	"fi", "eu", "et", "es", "er", "eh", "eg", "ee", "ec", "dz", "do", "dm", "dk", "dj",
	"de", "cz", "cy", "cx", "cw", "cv", "cu", "cr", "co", "cn", "cm", "cl", "ck", "ci",
	"ch", "cg", "cf", "cd", "cc", "ca", "bz", "by", "bw", "bv", "bt", "bs", "br", "bq",
	"bo", "bn", "bm", "bl", "bj", "bi", "bh", "bg", "bf", "be", "bd", "bb", "ba", "az",
	"ax", "aw", "au", "at", "as", "ar", "aq", "ao", "an", "am", "al", "ai", "ag", "af",
	"ae", "ad", "ac",
)

var gTLDs = setOf(
	"com", "org", "net", "edu", "gov", "int", "mil", "arpa",
	"info", "biz", "name", "pro", "aero", "coop", "museum", "mobi", "asia", "tel",
	"travel", "jobs", "cat", "post", "xxx",
	"app", "dev", "page", "blog", "news", "online", "site", "website", "xyz", "top",
	"shop", "store", "tech", "email", "link", "live", "social", "media", "network",
	"world", "today", "life", "help", "support", "community", "foundation", "ngo",
	"ong", "charity", "health", "care", "legal", "law", "education", "school",
	"university", "church", "global", "international", "city", "tours", "google",
	"amazon", "microsoft", "apple", "youtube", "twitter", "facebook",
	"photos", "video", "radio", "africa", "arab", "eus", "cymru",
	"scot", "bzh", "paris", "berlin", "london", "nyc", "moscow", "москва", "онлайн", "сайт", "орг", "中文网", "公司", "网络", "在线", "移动",
	"شبكة", "موقع",
)

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
