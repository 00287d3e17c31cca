// Package social drafts the posts that announce a newsletter issue on X,
// Mastodon, Bluesky, Instagram, LinkedIn, Facebook and Telegram, in one
// language, and writes them for review (social.md), for tools (social.json)
// and for a scheduler's bulk import (social.csv).
//
// Every draft is checked against its platform's own way of counting, one
// exported function per platform, each documented with its source:
//
//	CountX          twitter-text parseTweet, config v3: weighted, URL = 23, emoji sequence = 2, NFC
//	CountMastodon   Mastodon's StatusLengthValidator: graphemes, http(s) URL = 23, @user@domain = @user
//	CountBluesky    app.bsky.feed.post: graphemes (UAX #29); and a 3,000-byte cap (BlueskyMaxBytes)
//	CountInstagram  UTF-16 code units (the docs say "characters"; this reading is never below the others)
//	CountLinkedIn   UTF-16 code units
//	CountFacebook   UTF-16 code units
//	CountTelegram   UTF-16 code units, as the Bot API measures text
//
// The limits are constants in rules.go, taken from each platform's
// documentation named beside its counting function; Rule bundles a platform's
// limit and counting.
package social
