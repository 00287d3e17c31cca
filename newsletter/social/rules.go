package social

// Platform names, in the order Drafts returns them. Each is also the
// utm_source value the post's link must carry.
const (
	X         = "x"
	Mastodon  = "mastodon"
	Bluesky   = "bluesky"
	Instagram = "instagram"
	LinkedIn  = "linkedin"
	Facebook  = "facebook"
	Telegram  = "telegram"
)

// Platforms lists every platform Drafts writes for, in order.
var Platforms = []string{X, Mastodon, Bluesky, Instagram, LinkedIn, Facebook, Telegram}

// The platforms' limits, from their documentation named beside each counting
// function.
const (
	XLimit               = 280
	MastodonLimit        = 500
	BlueskyLimit         = 300  // graphemes
	BlueskyMaxBytes      = 3000 // UTF-8 bytes
	InstagramLimit       = 2200
	InstagramMaxHashtags = 30
	LinkedInLimit        = 3000
	FacebookLimit        = 63206
	TelegramLimit        = 4096
	TelegramCaptionLimit = 1024
	XAltTextLimit        = 1000
	MastodonAltTextLimit = 1500
	maxThreadPosts       = 25
)

// Rule is one platform's length rule.
type Rule struct {
	Platform    string
	Limit       int              // in Unit, as Count measures
	Unit        string           // what Count counts, for people reading a draft
	Count       func(string) int // the platform's own counting
	MaxBytes    int              // UTF-8 byte cap besides Limit; 0 if none
	MaxHashtags int              // 0 if none
	Threads     bool             // a long post becomes a numbered thread
	AltLimit    int              // alt-text limit of an attached image; 0 if none enforced
	AltCount    func(string) int // how AltLimit is counted
	AltText     bool             // the platform takes alt text for images
}

// Fits reports whether s is within every limit of the rule.
func (r Rule) Fits(s string) bool {
	if r.Count(s) > r.Limit {
		return false
	}
	if r.MaxBytes > 0 && len(s) > r.MaxBytes {
		return false
	}
	if r.MaxHashtags > 0 && InstagramHashtags(s) > r.MaxHashtags {
		return false
	}
	return true
}

// RuleFor returns the rule of a platform. telegramCaption selects the
// 1,024-unit limit of a Telegram media caption instead of a text message's 4,096.
func RuleFor(platform string, telegramCaption bool) (Rule, bool) {
	switch platform {
	case X:
		return Rule{Platform: X, Limit: XLimit, Unit: "weighted characters (twitter-text v3)", Count: CountX,
			Threads: true, AltLimit: XAltTextLimit, AltCount: UTF16Len, AltText: true}, true
	case Mastodon:
		return Rule{Platform: Mastodon, Limit: MastodonLimit, Unit: "graphemes, URLs as 23", Count: CountMastodon,
			Threads: true, AltLimit: MastodonAltTextLimit, AltCount: CodePoints, AltText: true}, true
	case Bluesky:
		return Rule{Platform: Bluesky, Limit: BlueskyLimit, Unit: "graphemes", Count: CountBluesky,
			MaxBytes: BlueskyMaxBytes, Threads: true, AltText: true}, true
	case Instagram:
		return Rule{Platform: Instagram, Limit: InstagramLimit, Unit: "UTF-16 code units", Count: CountInstagram,
			MaxHashtags: InstagramMaxHashtags, AltText: true}, true
	case LinkedIn:
		return Rule{Platform: LinkedIn, Limit: LinkedInLimit, Unit: "UTF-16 code units", Count: CountLinkedIn, AltText: true}, true
	case Facebook:
		return Rule{Platform: Facebook, Limit: FacebookLimit, Unit: "UTF-16 code units", Count: CountFacebook, AltText: true}, true
	case Telegram:
		limit := TelegramLimit
		if telegramCaption {
			limit = TelegramCaptionLimit
		}
		return Rule{Platform: Telegram, Limit: limit, Unit: "UTF-16 code units", Count: CountTelegram}, true
	}
	return Rule{}, false
}
