'use strict';
// Debian's Chromium, driven by playwright-core, and pages that keep a trace of everything a
// reader could leave behind or give away: requests to other hosts, cookies, storage
// writes, Content-Security-Policy violations and script errors.

const { chromium } = require('playwright-core');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the networking flags Chromium keeps calling outside hosts on its own.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** launch starts one browser for the whole run; playwright gives it a fresh profile. */
function launch() {
  return chromium.launch({ executablePath: EXECUTABLE, args: FLAGS, headless: true });
}

// Runs in every page before its own scripts: records cookie and storage writes and CSP
// violations, so a write that is undone afterwards is still caught.
function traceScript() {
  const log = [];
  Object.defineProperty(window, '__trace', { value: log });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    log.push(`${this === window.sessionStorage ? 'sessionStorage' : 'localStorage'}.setItem(${JSON.stringify(key)})`);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(v) { log.push(`document.cookie = ${JSON.stringify(String(v))}`); cookie.set.call(this, v); },
  });
  // The moment the quick exit adds its overlay (in the same task as the click or the
  // third Shift, before anything is painted), measure what the reader sees and report it.
  let reported = false;
  new MutationObserver(() => {
    const o = document.querySelector('.exit-overlay');
    if (!o || reported || typeof window.__exitOverlay !== 'function') { return; }
    reported = true;
    const s = getComputedStyle(o);
    const at = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
    const corner = document.elementFromPoint(1, 1);
    const main = document.querySelector('main');
    window.__exitOverlay({
      covers: at === o && corner === o && s.visibility === 'visible' && s.display !== 'none',
      contentHidden: !main || getComputedStyle(main).visibility === 'hidden',
      historyLength: history.length,
    });
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '';
    const sample = e.sample ? ` (${JSON.stringify(e.sample)})` : '';
    log.push(`Content-Security-Policy blocked ${e.blockedURI || 'inline'} under ${e.effectiveDirective}${where}${sample}`);
  });
}

const STUB = '<!doctype html><html lang="en"><title>elsewhere</title><p>The neutral page the quick exit leads to.</p></html>';

/**
 * open makes a fresh context and page on the site.
 * Every request to another host is recorded in trace.foreign and refused, except the
 * quick-exit destination when options.exitURL is given: that one is recorded in
 * trace.exits (with its headers) and answered with a stub page, so the test never really
 * leaves. trace.overlay is what the page looked like when the exit's overlay appeared.
 */
async function open(browser, origin, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    javaScriptEnabled: options.js !== false,
    serviceWorkers: 'allow',
    locale: 'en-GB',
  });
  let seen;
  const exitSeen = new Promise((ok) => { seen = ok; });
  let reported;
  let overlayReported;
  const trace = {
    foreign: [], exits: [], errors: [], overlay: null, exitSeen,
    // expectExit forgets the last exit's overlay before the next one.
    expectExit() {
      trace.overlay = null;
      overlayReported = new Promise((ok) => { reported = ok; });
    },
  };
  trace.expectExit();
  await context.exposeBinding('__exitOverlay', (source, state) => { trace.overlay = state; reported(); });
  await context.addInitScript(traceScript);
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    if (url === origin || url.startsWith(origin + '/')) { return route.continue(); }
    if (options.exitURL && url === options.exitURL) {
      trace.exits.push({ url, headers: await req.allHeaders(), navigation: req.isNavigationRequest() });
      seen();
      // The overlay's report travels separately from the navigation: let it arrive before
      // the old page is replaced (it comes at once; the wait only runs out when it is missing).
      if (options.js !== false) {
        await Promise.race([overlayReported, new Promise((ok) => setTimeout(ok, 3000))]);
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: STUB });
    }
    trace.foreign.push(`${req.resourceType()} ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => trace.errors.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') { trace.errors.push(`console error: ${m.text()}`); }
  });
  return { context, page, trace };
}

module.exports = { launch, open, FLAGS, EXECUTABLE };
