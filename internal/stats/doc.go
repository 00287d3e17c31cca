// Package stats turns service figures into tables that are safe to publish.
//
// The pipeline has five steps, each in its own file:
//
//   - parse: aggregate CSV (aggregate.go) or a case-level export (cases.go),
//     coarsened on the way in (coarsen.go) against a fixed catalogue of
//     indicators and categories (catalogue.go), for calendar periods
//     (period.go);
//   - protect: disclosure control of every table of persons (protect.go):
//     primary suppression of counts 1..k-1 and secondary protection, by
//     merging categories into an honest "other" group or by hiding cells;
//   - audit: an independent check, by exact interval reasoning, that no
//     hidden cell can be worked out from what is published (audit.go);
//   - ledger: the record of every cell ever published (ledger.go), which
//     refuses a release whose period overlaps an earlier one;
//   - output: the release files in data/stats/ (release.go, plan.go), the
//     portal's download files (export.go) and a plain-words report for staff
//     (report.go).
//
// The threshold k comes from site.toml (config.go). Every file operation goes
// through an afero.Fs, so the whole pipeline runs in memory in tests.
package stats
