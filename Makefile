# The project's vocabulary. Run from the project root.
GO ?= go
MONTH ?=

.PHONY: site serve check test test-go test-browser accessibility bench newsletter deploy clean

## site: build the portal into public/ (atomically; a failed build changes nothing)
site:
	$(GO) run ./cmd/portal build

## serve: preview on http://127.0.0.1:1313/, rebuilt on every change
serve:
	$(GO) run ./cmd/portal serve

## check: the editors' lint (translations, links, front matter, numbers, images)
check:
	$(GO) run ./cmd/portal check

## test: every test — Go (vet, unit, integration) and the browser tests
test: test-go test-browser

# The Go tests serve a site through Debian's nginx (tests/server/install) and read the printed
# material with Debian's poppler-utils and zbar-tools (tests/materials/install).
test-go:
	tests/server/install
	tests/materials/install
	$(GO) vet ./...
	$(GO) test ./...

# The browser tests build their own copy of the portal, with a published newsletter issue.
test-browser:
	tests/browser/run

## accessibility: run the browser tests and record what they checked, when and what they
## found in data/accessibility.json, which the accessibility statement shows: commit it.
## (make test never writes it: the tree stays as it is.)
accessibility:
	ACCESSIBILITY_RECORD=1 tests/browser/run

## bench: speed against the Hugo CLI, and page loads on an emulated 2G connection, written to BENCHMARKS.md
bench:
	$(GO) run ./internal/bench/cmd/bench -runs 9 -out BENCHMARKS.md
	BENCH_2G_REPORT="$(CURDIR)/BENCHMARKS.md" tests/browser/run

## newsletter: assemble the draft issue of a month, e.g. make newsletter MONTH=2012-06
newsletter:
	@test -n "$(MONTH)" || { echo "usage: make newsletter MONTH=YYYY-MM" >&2; exit 2; }
	$(GO) run ./cmd/newsletter assemble -month $(MONTH)

## deploy: build the portal, then publish public/ to the bucket of [params.deploy] (docs/deploy.md)
deploy: site
	$(GO) run ./cmd/portal deploy

## clean: remove everything the build and the newsletter previews wrote
clean:
	rm -rf public dist bin tests/browser/node_modules .cache tests/materials/png
