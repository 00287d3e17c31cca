'use strict';
// The 2G budget, measured (make bench; never a test): the built site served through nginx
// with the configuration the build wrote, one page of every kind in every language (and
// the page with the heaviest compressed HTML + CSS + JS) loaded in Chromium with a cold
// cache, three times (the median counts), on an emulated 2G connection — 250 kbit/s down, 50 kbit/s up, 300 ms latency.
// Budget: each page finishes loading (the load event) within 1.2 s, and the heaviest
// page's compressed HTML + CSS + JS is at most 12 KB (12,000 bytes).
//
// node bench-2g.js REPORT.md appends the section "## On a 2G connection" to REPORT.md
// (replacing an earlier one); PUBLIC_DIR and NGINX_CONF say which build, as for the tests.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { serve } = require('./lib/serve');
const { discover } = require('./lib/discover');
const { launch } = require('./lib/browser');

const root = path.resolve(process.env.PUBLIC_DIR || path.join(__dirname, '..', '..', 'public'));
const nginxConf = path.resolve(process.env.NGINX_CONF || path.join(root, '..', 'dist', 'server', 'nginx', 'contratto.conf'));
const report = process.argv[2];
const LOAD_BUDGET_MS = 1200;
const SIZE_BUDGET = 12000;
const NETWORK = { offline: false, latency: 300, downloadThroughput: 250000 / 8, uploadThroughput: 50000 / 8 };
const HEADING = '## On a 2G connection';
const RUNS = Number(process.env.BENCH_2G_RUNS || 3);

// compressed is a page's Brotli-compressed HTML plus that of its stylesheets and scripts.
function compressed(file) {
  const html = fs.readFileSync(file, 'utf8');
  let total = fs.statSync(file + '.br').size;
  const refs = new Set();
  for (const m of html.matchAll(/<(?:link\b[^>]*\brel="?stylesheet"?[^>]*\bhref|script\b[^>]*\bsrc)="?([^"\s>]+)/g)) { refs.add(m[1]); }
  for (const ref of refs) { total += fs.statSync(path.join(root, decodeURI(ref)) + '.br').size; }
  return total;
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes.
function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(', ');
}

function htmlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { htmlFiles(p, out); } else if (e.name.endsWith('.html')) { out.push(p); }
  }
  return out;
}

// load opens url in a fresh context (a cold cache) on the emulated connection and returns
// the time to the load event and the bytes that came over the network.
async function load(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.goto(url, { waitUntil: 'load' });
    const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
    return { ms: Math.round(ms), bytes };
  } finally {
    await context.close();
  }
}

async function main() {
  const site = discover(root);
  if (site.problems.length) { throw new Error(site.problems.join('\n')); }
  const sizes = htmlFiles(root).map((f) => ({ file: f, size: compressed(f) })).sort((a, b) => b.size - a.size);
  const heaviest = sizes[0];
  const heaviestURL = '/' + path.relative(root, heaviest.file).split(path.sep).join('/').replace(/index\.html$/, '');
  const targets = site.targets.map((t) => ({ what: `${t.lang} · ${t.label}`, kind: t.label, url: t.url }));
  targets.push({ what: 'heaviest page', kind: 'heaviest page', url: heaviestURL });

  const loadBefore = loadAverage();
  const server = await serve(root, nginxConf);
  const browser = await launch();
  const results = [];
  try {
    for (const t of targets) {
      // The median of RUNS loads: other work on the machine slows single loads unevenly.
      const runs = [];
      for (let i = 0; i < RUNS; i++) { runs.push(await load(browser, server.origin + t.url)); }
      runs.sort((a, b) => a.ms - b.ms);
      const r = runs[Math.floor(RUNS / 2)];
      results.push({ ...t, ...r });
      console.log(`${t.what} ${t.url}: ${runs.map((x) => x.ms).join(', ')} ms, ${r.bytes} bytes`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const loadAfter = loadAverage();
  const byKind = new Map();
  for (const r of results) {
    const k = byKind.get(r.kind) || { kind: r.kind, pages: 0, maxMs: 0, maxMsPage: '', maxBytes: 0 };
    k.pages++;
    if (r.ms > k.maxMs) { k.maxMs = r.ms; k.maxMsPage = r.url; }
    k.maxBytes = Math.max(k.maxBytes, r.bytes);
    byKind.set(r.kind, k);
  }
  const slowest = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  const loadMet = slowest.ms <= LOAD_BUDGET_MS;
  const sizeMet = heaviest.size <= SIZE_BUDGET;
  const lines = [
    HEADING, '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`make bench\` (tests/browser/bench-2g.js): the built site through nginx with the configuration the build wrote, each page in a new browser context (a cold cache) in Debian's Chromium, on an emulated 2G connection (250 kbit/s down, 50 kbit/s up, 300 ms latency). Load time is the page's load event from the start of navigation, the median of ${RUNS} loads; bytes are everything that came over the network, headers included. One page of every kind in every language (${results.length - 1} pages), and the page with the heaviest compressed HTML + CSS + JS.`,
    '',
    `Machine: ${os.cpus().length} CPUs; load average (1, 5, 15 min) at the start ${loadBefore}, at the end ${loadAfter}. Other work on the machine slows the page loads (the browser's work, not the emulated network): on a busy machine the times are upper bounds.`,
    '',
    `- Every page loaded within ${LOAD_BUDGET_MS / 1000} s: **${loadMet ? 'met' : 'missed'}** (slowest ${slowest.url}, ${slowest.ms} ms).`,
    `- The heaviest page's compressed HTML + CSS + JS at most ${SIZE_BUDGET / 1000} KB: **${sizeMet ? 'met' : 'missed'}** (${heaviestURL}, ${heaviest.size} bytes of Brotli, out of ${sizes.length} pages).`,
    '',
    '| page kind | pages | slowest load | slowest page | most bytes over the network |',
    '|---|---:|---:|---|---:|',
    ...[...byKind.values()].map((k) => `| ${k.kind} | ${k.pages} | ${k.maxMs} ms | ${k.maxMsPage} | ${k.maxBytes} |`),
    '',
  ];
  const section = lines.join('\n');
  console.log(section);
  if (report) {
    let text = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '';
    const at = text.indexOf('\n' + HEADING + '\n');
    if (at >= 0) { text = text.slice(0, at + 1); }
    if (text && !text.endsWith('\n\n')) { text = text.replace(/\n*$/, '\n\n'); }
    fs.writeFileSync(report + '.tmp', text + section);
    fs.renameSync(report + '.tmp', report);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
