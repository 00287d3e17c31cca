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
// with location.replace. The site is served through nginx with the configuration the build
// wrote (lib/serve.js): every kind of response carries its headers, pages come Brotli
// compressed, a page framed by another origin is refused, each language's 404 page comes
// with status 404, and the access log holds no address. Run it with ./run.
// With ACCESSIBILITY_RECORD set (make accessibility), what was checked and found is
// recorded in data/accessibility.json for the accessibility statement (lib/record.js).

const { test, describe, before, after } = require('node:test');
const path = require('node:path');
const fs = require('node:fs');
const http = require('node:http');
const { serve } = require('./lib/serve');
const { discover } = require('./lib/discover');
const { launch } = require('./lib/browser');
const checks = require('./lib/checks');
const record = require('./lib/record');

const root = path.resolve(process.env.PUBLIC_DIR || path.join(__dirname, '..', '..', 'public'));
const site = discover(root);
// The nginx configuration portal build wrote beside public/ (dist/server/nginx/).
const nginxConf = path.resolve(process.env.NGINX_CONF || path.join(root, '..', 'dist', 'server', 'nginx', 'contratto.conf'));
const concurrency = Number(process.env.BROWSER_TEST_CONCURRENCY || 3);
// BROWSER_TEST_LANGS=it,ar checks only those languages (while working on a layout).
const only = (process.env.BROWSER_TEST_LANGS || '').split(',').filter(Boolean);
const targets = site.targets.filter((t) => !only.length || only.includes(t.lang));

let server;
let browser;
let exitURL;

before(async () => {
  server = await serve(root, nginxConf);
  browser = await launch();
  // The quick exit's destination, as the home page links it (site.toml params.quickExit.url).
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const m = /<a\b[^>]*\bdata-exit\b[^>]*>/.exec(html) || [];
  const href = /\bhref=("([^"]*)"|([^\s>]+))/.exec(m[0] || '') || [];
  exitURL = href[2] || href[3];
});

after(async () => {
  if (browser && record.target()) {
    try {
      console.log(await record.save(browser, { site, targets }));
    } catch (err) {
      console.error(`accessibility record: ${err.message}`);
      process.exitCode = 1;
    }
  }
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
      record.page(t, problems);
      fail(problems);
    });
  }
});

// request makes one GET, accepting the given encoding ('' for none), and returns the
// status, the headers and the body as it came (not decompressed).
function request(url, encoding) {
  return new Promise((ok, fail) => {
    const headers = encoding ? { 'Accept-Encoding': encoding } : {};
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).once('error', fail);
  });
}

// firstFile returns the path in the site of the first file under public/ (in name order)
// whose path matches re, or null.
function firstFile(re, dir = root) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = firstFile(re, p);
      if (found) { return found; }
    } else if (re.test('/' + path.relative(root, p).split(path.sep).join('/'))) {
      return '/' + path.relative(root, p).split(path.sep).join('/');
    }
  }
  return null;
}

const SECURITY = {
  'content-security-policy': /frame-ancestors 'none'/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^no-referrer$/,
  'permissions-policy': /camera=\(\).*geolocation=\(\).*microphone=\(\)/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'x-frame-options': /^DENY$/,
  vary: /^Accept-Encoding$/,
};

test('through nginx, every kind of response carries its type, caching and security headers', async () => {
  const home = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const ref = (re) => (re.exec(home) || [])[1];
  const kinds = [
    ['a page', '/', /^text\/html; charset=utf-8$/, /^no-cache$/],
    ['the stylesheet', ref(/<link\b[^>]*\brel="?stylesheet"?[^>]*\bhref="?([^"\s>]+)/), /^text\/css; charset=utf-8$/, /^max-age=31536000, immutable$/],
    ['the script', ref(/<script\b[^>]*\bsrc="?([^"\s>]+)/), /^text\/javascript; charset=utf-8$/, /^max-age=31536000, immutable$/],
    ['an RSS feed', firstFile(/\/notizie\/index\.xml$/), /^application\/rss\+xml; charset=utf-8$/, /^no-cache$/],
    ['an Atom feed', firstFile(/\/atom\.xml$/), /^application\/atom\+xml; charset=utf-8$/, /^no-cache$/],
    ['a JSON feed', firstFile(/\/feed\.json$/), /^application\/feed\+json; charset=utf-8$/, /^no-cache$/],
    ['a CSV table', firstFile(/\.csv$/), /^text\/csv; charset=utf-8$/, /^max-age=86400$/],
    ['a PDF', firstFile(/\.pdf$/), /^application\/pdf$/, /^max-age=86400$/],
    ['the sitemap', firstFile(/\/sitemap\.xml$/), /^application\/xml; charset=utf-8$/, /^no-cache$/],
  ];
  const problems = [];
  for (const [what, url, type, cache] of kinds) {
    if (!url) { console.log(`note: not checked, the site has none: ${what}`); continue; }
    const res = await request(server.origin + url, '');
    if (res.status !== 200) { problems.push(`${what} ${url}: status ${res.status}`); continue; }
    const want = { 'content-type': type, 'cache-control': cache, ...SECURITY };
    for (const [name, re] of Object.entries(want)) {
      if (!re.test(res.headers[name] || '')) { problems.push(`${what} ${url}: ${name} ${JSON.stringify(res.headers[name])}, want ${re}`); }
    }
    if (res.headers['content-encoding']) {
      problems.push(`${what} ${url}: compressed (${res.headers['content-encoding']}) for a client that accepts no encoding`);
    }
  }
  fail(problems);
});

test('pages, stylesheet and script come Brotli-compressed to the browser', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const seen = [];
    page.on('response', (r) => seen.push(r));
    const res = await page.goto(server.origin + '/');
    await page.waitForLoadState('load');
    const problems = [];
    for (const r of [res, ...seen.filter((x) => ['stylesheet', 'script'].includes(x.request().resourceType()))]) {
      const enc = (await r.allHeaders())['content-encoding'];
      if (enc !== 'br') { problems.push(`${r.url()}: Content-Encoding ${JSON.stringify(enc)}, want br`); }
    }
    if (seen.length < 3) { problems.push(`the home page loaded ${seen.length} responses, want the page, its stylesheet and its script`); }
    fail(problems);
  } finally {
    await context.close();
  }
});

test('a page of the portal framed by another origin is refused', async () => {
  const other = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Another site</title><iframe src="${server.origin}/"></iframe></html>`);
  });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const messages = [];
    page.on('console', (m) => messages.push(m.text()));
    const portalLoaded = new Promise((ok) => {
      page.on('response', (r) => { if (r.url() === server.origin + '/') { ok(r); } });
    });
    await page.goto(`http://127.0.0.1:${other.address().port}/`);
    await portalLoaded;
    await page.waitForLoadState('load');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    let inside = '';
    try {
      inside = await frame.evaluate(() => document.querySelector('[data-exit]') ? 'the portal' : '');
    } catch { /* the refused frame holds Chromium's error page, out of reach */ }
    const problems = [];
    if (inside) { problems.push(`the framed page shows ${inside} (frame at ${frame.url()})`); }
    if (!messages.some((m) => /frame-ancestors|X-Frame-Options/.test(m))) {
      problems.push(`the browser did not report refusing the frame; console: ${JSON.stringify(messages)}`);
    }
    fail(problems);
  } finally {
    await context.close();
    await new Promise((ok) => other.close(ok));
  }
});

test('a missing page gets its language\'s 404 page, with status 404', async () => {
  const folders = [''].concat(fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, '404.html'))));
  const problems = [];
  for (const d of folders) {
    const file = path.join(root, d, '404.html');
    const url = `${server.origin}/${d ? d + '/' : ''}no-such-page-${Date.now()}/`;
    const res = await request(url, '');
    if (res.status !== 404) { problems.push(`${url}: status ${res.status}, want 404`); }
    if (!res.body.equals(fs.readFileSync(file))) { problems.push(`${url}: the body is not ${path.relative(root, file)}`); }
    const lang = (/<html\b[^>]*\blang="?([^"\s>]+)/.exec(res.body.toString('utf8')) || [])[1] || '';
    if (d && !lang.toLowerCase().startsWith(d.toLowerCase())) { problems.push(`${url}: a page in ${JSON.stringify(lang)}, want ${d}`); }
    for (const [name, re] of Object.entries(SECURITY)) {
      if (!re.test(res.headers[name] || '')) { problems.push(`${url}: ${name} ${JSON.stringify(res.headers[name])}`); }
    }
  }
  console.log(`${folders.length} 404 pages checked`);
  fail(problems);
});

test('the access log holds no address, no browser name and no referrer, the error log no address', () => {
  const log = fs.readFileSync(server.accessLog, 'utf8');
  const problems = [];
  const errors = fs.existsSync(server.errorLog) ? fs.readFileSync(server.errorLog, 'utf8') : '';
  if (errors.includes('127.0.0.1')) { problems.push(`the error log names the client:\n${errors}`); }
  if (log.split('\n').filter(Boolean).length < 10) { problems.push(`the access log holds too few requests:\n${log}`); }
  for (const needle of ['127.0.0.1', 'Mozilla', 'Chrome', 'http://']) {
    if (log.includes(needle)) { problems.push(`the access log holds ${JSON.stringify(needle)}`); }
  }
  fail(problems);
});

// The 2G budget's size half (the load times are measured by make bench, never in a test):
// every page's compressed transfer — the Brotli copy nginx sends of its HTML, stylesheets
// and scripts — is at most 12 KB (12,000 bytes).
const COMPRESSED_BUDGET = 12000;

test('every page comes to the reader in at most 12 KB compressed (HTML, CSS and JS)', () => {
  const problems = [];
  const pages = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { walk(p); } else if (e.name.endsWith('.html')) { pages.push(p); }
    }
  };
  walk(root);
  const size = (file) => {
    try { return fs.statSync(file + '.br').size; } catch { return null; }
  };
  let heaviest = { total: 0 };
  for (const file of pages) {
    const html = fs.readFileSync(file, 'utf8');
    const parts = [['HTML', size(file)]];
    const refs = new Set();
    for (const m of html.matchAll(/<(?:link\b[^>]*\brel="?stylesheet"?[^>]*\bhref|script\b[^>]*\bsrc)="?([^"\s>]+)/g)) { refs.add(m[1]); }
    for (const ref of refs) {
      if (!ref.startsWith('/')) { problems.push(`${path.relative(root, file)}: ${ref} is not a root-relative file of the site`); continue; }
      parts.push([ref, size(path.join(root, decodeURI(ref)))]);
    }
    const missing = parts.filter(([, n]) => n === null).map(([what]) => what);
    if (missing.length) { problems.push(`${path.relative(root, file)}: no Brotli copy of ${missing.join(', ')}`); continue; }
    const total = parts.reduce((a, [, n]) => a + n, 0);
    if (total > heaviest.total) { heaviest = { total, file, parts }; }
    if (total > COMPRESSED_BUDGET) {
      problems.push(`${path.relative(root, file)}: ${total} bytes compressed (${parts.map(([w, n]) => `${w} ${n}`).join(' + ')}), over ${COMPRESSED_BUDGET}`);
    }
  }
  console.log(`${pages.length} pages; heaviest compressed: ${path.relative(root, heaviest.file || '')} ${heaviest.total} bytes (budget ${COMPRESSED_BUDGET})`);
  fail(problems);
});
