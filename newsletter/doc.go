// Package newsletter is the work behind the newsletter command: it assembles a month's
// issue from the portal's own pages (through internal/site, so dates, summaries, links and
// translations are the portal's), the partners' news as newsletter fetch last read it into
// data/partners/ (newsletter/partners; assembling never goes on the network) and the
// protected statistics, writes it as page bundles
// under content/newsletter/YYYY-MM/, and renders from those bundles the email (HTML, text,
// .eml), the social-media drafts and, in the portal build, the feeds.
//
// The editorial flow: assemble writes a draft and its previews; staff review and edit;
// publish freezes the issue and renders the final artefacts; the next portal build puts
// the web version and the feeds online.
package newsletter
