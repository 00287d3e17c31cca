// Package partners reads the news the network's partners publish in their feeds and keeps
// it as one snapshot per partner, data/partners/ID.json, for the newsletter to show.
//
// Fetch is the only part that goes on the network: it reads each partner's feed (RSS,
// Atom or JSON Feed, through gofeed) with a conditional request, a time limit, a size
// limit and a bounded number of redirects, over HTTPS (plain HTTP only to the machine
// itself, as tests do). Every text it keeps is plain text: HTML is removed with
// bluemonday, entities are decoded, and lengths are capped; only http and https links
// are kept. A feed that fails leaves its partner's previous snapshot as it was.
//
// The newsletter's assemble reads the snapshots only (Load), so an issue is made from
// files committed with the project and never from the network.
package partners
