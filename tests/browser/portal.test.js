'use strict';
// Reader safety, privacy and accessibility of the built portal, proved in Debian's Chromium.
//
// For one page of every kind in every language (found in public/, see lib/discover.js):
// axe-core with the WCAG 2.0/2.1/2.2 A and AA rules; no request to another host, no cookie,
// no storage, no service worker, no CSP violation, no script error; the quick exit first
// after the skip link, uncovered and at least 44×44 px at 320×640 and 1280×800; no
// sideways scrolling at 320 px; no focused element hidden; a mirrored layout for
// right-to-left languages with phone numbers left to right; everything working without
// JavaScript, the exit included; the click and Shift×3 exits blanking the page and leaving
// with location.replace. Run it with ./run (make test-browser builds the site first).

const { test, describe, before, after } = require('node:test');
const path = require('node:path');
const { serve } = require('./lib/serve');
const { discover } = require('./lib/discover');
const { launch } = require('./lib/browser');
const checks = require('./lib/checks');

const root = path.resolve(process.env.PUBLIC_DIR || path.join(__dirname, '..', '..', 'public'));
const site = discover(root);
const concurrency = Number(process.env.BROWSER_TEST_CONCURRENCY || 3);
// BROWSER_TEST_LANGS=it,ar checks only those languages (while working on a layout).
const only = (process.env.BROWSER_TEST_LANGS || '').split(',').filter(Boolean);
const targets = site.targets.filter((t) => !only.length || only.includes(t.lang));

let server;
let browser;
let exitURL;

before(async () => {
  server = await serve(root);
  browser = await launch();
  // The quick exit's destination, as the home page links it (site.toml params.quickExit.url).
  const html = require('node:fs').readFileSync(path.join(root, 'index.html'), 'utf8');
  const m = /<a\b[^>]*\bdata-exit\b[^>]*>/.exec(html) || [];
  const href = /\bhref=("([^"]*)"|([^\s>]+))/.exec(m[0] || '') || [];
  exitURL = href[2] || href[3];
});

after(async () => {
  if (browser) { await browser.close(); }
  if (server) { await server.close(); }
});

// guard runs one check; a check that throws is a problem of the page, and the others still run.
async function guard(problems, name, fn) {
  try {
    problems.push(...(await fn()));
  } catch (err) {
    problems.push(`${name}: ${String(err.message || err).split('\n')[0]}`);
  }
}

function fail(problems) {
  if (problems.length) {
    const err = new Error(`${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    err.stack = err.message;
    throw err;
  }
}

test('public/ has every page kind in every language', () => {
  for (const n of site.notes) { console.log(`note: ${n}`); }
  console.log(`${site.languages.length} languages, ${site.targets.length} pages to check`);
  fail(site.problems);
  if (!exitURL) { fail(['public/index.html has no quick exit link (<a data-exit href=...>)']); }
});

describe('every page kind in every language', { concurrency }, () => {
  for (const t of targets) {
    test(`${t.lang} · ${t.label} · ${t.url}`, async () => {
      const problems = [];
      const { origin } = server;
      await guard(problems, 'with JavaScript', () => checks.withScript(browser, origin, t.url, exitURL));
      await guard(problems, 'without JavaScript', () => checks.withoutScript(browser, origin, t.url, exitURL));
      if (t.kind === 'home') {
        await guard(problems, 'keys that must not exit', () => checks.keysThatMustNotExit(browser, origin, t.url, exitURL));
      }
      fail(problems);
    });
  }
});
