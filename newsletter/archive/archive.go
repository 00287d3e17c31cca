// Package archive is what the portal and the newsletter share about the issues: the
// front matter that marks an issue published, and the archive's feeds written from the
// built site. It needs only the site's own data, none of the newsletter's email settings,
// so the portal builds without them.
package archive

// Section is the portal section that holds the issues.
const Section = "newsletter"

// The front matter keys of an issue bundle (content/newsletter/YYYY-MM/index.LANG.md)
// that the portal reads, as Hugo keeps them (lower case).
const (
	KeyStatus  = "status"
	KeyMonth   = "month"   // YYYY-MM
	KeyUpdated = "updated" // YYYY-MM-DD of the last deliberate correction
	KeyNetwork = "network" // the partners' items shown ("From the network"): partner, title, url, date, lang
)

// Status of an issue: a draft stays off the portal and out of the feeds.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)
