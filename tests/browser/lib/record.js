'use strict';
// The record the accessibility statement is made from: when, with what and on which pages
// the browser tests checked the portal, which WCAG success criteria they test, and the
// accessibility problems they found. The statement page (layouts/_shortcodes/accessibility.html)
// reads it from data/accessibility.json; nobody writes it by hand.
//
// It is written only when ACCESSIBILITY_RECORD is set ("1" for the project's
// data/accessibility.json, or the path of another file): `make accessibility` sets it;
// `make test` and CI never do, so they leave the project as it is. A run that did not check
// every page of every language (BROWSER_TEST_LANGS, a test that stopped early) records
// nothing and says why.

const fs = require('node:fs');
const path = require('node:path');
const { AXE_TAGS } = require('./checks');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const STANDARD = 'WCAG 2.2 AA';

// The project's own checks (lib/checks.js) beside axe-core, each with the WCAG success
// criteria it tests and a pattern of the problems it reports.
const OWN_CHECKS = [
  { check: 'skip link and quick exit first', criteria: ['2.4.1'], problem: /Tab stop is not/ },
  { check: 'reflow at 320 px', criteria: ['1.4.10'], problem: /sideways|scrolls? horizontally/i },
  { check: 'focus visible', criteria: ['2.4.7'], problem: /focus ring/ },
  { check: 'focus not obscured', criteria: ['2.4.11'], problem: /focused element is hidden/ },
  { check: 'target size', criteria: ['2.5.8'], problem: /less than 44×44/ },
];

// The WCAG 2.2 success criteria of level AAA. Some axe-core rules of the A and AA tags
// also test one of them (scrollable-region-focusable: 2.1.3); the record names only the A
// and AA criteria, the level the statement is about.
const AAA = new Set([
  '1.2.6', '1.2.7', '1.2.8', '1.2.9', '1.3.6', '1.4.6', '1.4.7', '1.4.8', '1.4.9',
  '2.1.3', '2.2.3', '2.2.4', '2.2.5', '2.2.6', '2.3.2', '2.3.3', '2.4.8', '2.4.9', '2.4.10',
  '2.4.12', '2.4.13', '2.5.5', '2.5.6', '3.1.3', '3.1.4', '3.1.5', '3.1.6', '3.2.5',
  '3.3.5', '3.3.6', '3.3.9',
]);

const AXE_PROBLEM = /^axe (\S+) \([^)]*\): (.*?) — \S+/;

/** target is the file this run records in, or null when it records nothing. */
function target() {
  const v = process.env.ACCESSIBILITY_RECORD || '';
  if (v === '' || v === '0') { return null; }
  if (v === '1') { return path.resolve(__dirname, '..', '..', '..', 'data', 'accessibility.json'); }
  return path.resolve(v);
}

const results = new Map(); // url → problems

/** page keeps the problems one page's test found (none when it passed). */
function page(t, problems) {
  results.set(t.url, problems.slice());
}

// criterion orders "1.4.10" after "1.4.3".
function byCriterion(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] || 0) !== (y[i] || 0)) { return (x[i] || 0) - (y[i] || 0); }
  }
  return 0;
}

// wcag turns axe's tag "wcag1410" into the criterion "1.4.10".
function wcag(tag) {
  const m = /^wcag(\d)(\d)(\d+)$/.exec(tag);
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

// axeRules asks axe-core, in the browser, for its version and the rules it runs with tags.
async function axeRules(browser, axeSource, tags) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const p = await context.newPage();
    await p.setContent('<!doctype html><html lang="en"><title>axe</title></html>');
    await p.evaluate(axeSource);
    return await p.evaluate((t) => ({
      version: window.axe.version,
      rules: window.axe.getRules(t).map((r) => ({ id: r.ruleId, tags: r.tags })),
    }), tags);
  } finally {
    await context.close();
  }
}

// problemsOf groups the accessibility problems found by check, criteria and summary,
// each with the pages it was found on. Problems that are not about accessibility (a
// request to another host, a cookie) are left to the test's own failure.
function problemsOf(ruleCriteria) {
  const groups = new Map();
  for (const [url, problems] of results) {
    for (const p of problems) {
      const first = String(p).split('\n')[0];
      let g = null;
      const m = AXE_PROBLEM.exec(first);
      if (m) {
        g = { check: `axe-core ${m[1]}`, criteria: ruleCriteria.get(m[1]) || [], summary: m[2] };
      } else {
        const own = OWN_CHECKS.find((c) => c.problem.test(first));
        if (own) { g = { check: own.check, criteria: own.criteria, summary: first.replace(/^(\d+×\d+)(, [^:]*)?: /, '') }; }
      }
      if (!g) { continue; }
      const key = JSON.stringify([g.check, g.criteria, g.summary]);
      if (!groups.has(key)) { groups.set(key, { ...g, pages: new Set() }); }
      groups.get(key).pages.add(url);
    }
  }
  return [...groups.values()]
    .map((g) => ({ check: g.check, criteria: g.criteria, summary: g.summary, pages: [...g.pages].sort() }))
    .sort((a, b) => a.check.localeCompare(b.check) || a.summary.localeCompare(b.summary));
}

/**
 * save writes the record when ACCESSIBILITY_RECORD asks for it, atomically (a temporary
 * file renamed into place), and returns a sentence saying what it did; it throws when the
 * run did not check every page.
 */
async function save(browser, { site, targets }) {
  const file = target();
  if (!file) { return null; }
  if (process.env.BROWSER_TEST_LANGS) {
    throw new Error(`not recorded in ${file}: BROWSER_TEST_LANGS checks only some languages; run without it`);
  }
  const missing = targets.filter((t) => !results.has(t.url)).map((t) => t.url);
  if (missing.length || !targets.length || site.problems.length) {
    throw new Error(`not recorded in ${file}: ${missing.length} of ${targets.length} pages have no result (${missing.slice(0, 5).join(', ')})${site.problems.length ? `; ${site.problems[0]}` : ''}`);
  }
  const axe = await axeRules(browser, AXE_SOURCE, AXE_TAGS);
  const ruleCriteria = new Map();
  const criteria = new Set();
  for (const r of axe.rules) {
    const cs = r.tags.map(wcag).filter((c) => c && !AAA.has(c)).sort(byCriterion);
    ruleCriteria.set(r.id, cs);
    cs.forEach((c) => criteria.add(c));
  }
  OWN_CHECKS.forEach((c) => c.criteria.forEach((x) => criteria.add(x)));
  const problems = problemsOf(ruleCriteria);
  const failed = [...results.values()].some((p) => p.length);
  const record = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    method: 'automated',
    browser: `Chromium ${browser.version()}`,
    tool: `axe-core ${axe.version}`,
    standard: STANDARD,
    criteria: [...criteria].sort(byCriterion),
    languages: site.languages.map((l) => l.code),
    pages: targets.map((t) => t.url).sort(),
    result: failed ? 'fail' : 'pass',
    problems,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return `recorded in ${file}: ${record.pages.length} pages, ${record.languages.length} languages, ${record.criteria.length} criteria, ${problems.length} accessibility problem(s), result ${record.result}`;
}

module.exports = { page, save, target, OWN_CHECKS, STANDARD };
