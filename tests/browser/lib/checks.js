'use strict';
// The checks run on each page. Every check returns a list of problems, each a sentence a
// person can act on; an empty list means the page passed.

const fs = require('node:fs');
const { open } = require('./browser');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SMALL = { width: 320, height: 640 };
const LARGE = { width: 1280, height: 800 };
const EXIT = '[data-exit]';

// axe runs axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules and describes each
// violation with the elements it found.
async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) =>
      `      at ${n.target}\n        ${n.html.slice(0, 200)}\n        ${(n.summary || '').replace(/\n\s*/g, '\n        ')}`);
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `axe ${v.id} (${v.impact}): ${v.help} — ${v.url}\n${nodes.join('\n')}${more}`;
  });
}

// traces lists what the page left behind or sent away.
async function traces(page, context, trace) {
  const problems = trace.foreign.map((r) => `request to another host: ${r}`);
  problems.push(...trace.errors);
  const cookies = await context.cookies();
  problems.push(...cookies.map((c) => `cookie set: ${c.name} for ${c.domain}`));
  const inPage = await page.evaluate(async () => {
    const out = [...(window.__trace || [])];
    if (localStorage.length) { out.push(`localStorage holds ${localStorage.length} item(s)`); }
    if (sessionStorage.length) { out.push(`sessionStorage holds ${sessionStorage.length} item(s)`); }
    if (document.cookie) { out.push(`document.cookie is ${JSON.stringify(document.cookie)}`); }
    if (navigator.serviceWorker) {
      const regs = await navigator.serviceWorker.getRegistrations();
      if (regs.length) { out.push(`service worker registered: ${regs.map((r) => r.scope).join(', ')}`); }
    }
    if (indexedDB.databases) {
      const dbs = await indexedDB.databases();
      if (dbs.length) { out.push(`IndexedDB databases: ${dbs.map((d) => d.name).join(', ')}`); }
    }
    if (window.caches) {
      const keys = await caches.keys();
      if (keys.length) { out.push(`Cache Storage: ${keys.join(', ')}`); }
    }
    return out;
  });
  problems.push(...inPage);
  if (context.serviceWorkers().length) { problems.push('a service worker is running'); }
  return problems;
}

// exitBox measures the quick exit and finds what, if anything, covers it.
function exitBox() {
  const a = document.querySelector('[data-exit]');
  if (!a) { return null; }
  const r = a.getBoundingClientRect();
  const points = [
    ['centre', r.left + r.width / 2, r.top + r.height / 2],
    ['top start', r.left + 2, r.top + 2], ['top end', r.right - 2, r.top + 2],
    ['bottom start', r.left + 2, r.bottom - 2], ['bottom end', r.right - 2, r.bottom - 2],
  ];
  const name = (e) => e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') : 'nothing';
  const covered = [];
  for (const [where, x, y] of points) {
    const e = document.elementFromPoint(x, y);
    if (!e || !(e === a || a.contains(e))) { covered.push(`${where} under ${name(e)}`); }
  }
  return {
    width: r.width, height: r.height, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    viewWidth: innerWidth, viewHeight: innerHeight, covered,
  };
}

// exitPlace checks the quick exit at the current viewport: the first Tab stop is the skip
// link and the second the exit; the exit is on screen, uncovered and at least 44×44 px at
// every scroll position, and within the thumb's reach (lower half) on a small screen.
async function exitPlace(page, url) {
  const problems = [];
  const vp = page.viewportSize();
  const size = `${vp.width}×${vp.height}`;
  await page.goto(url);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ ok: !!document.activeElement && document.activeElement.matches('a.skip[href="#main"]'), html: document.activeElement.outerHTML.slice(0, 80) }));
  await page.keyboard.press('Tab');
  const second = await page.evaluate((sel) => ({ ok: !!document.activeElement && document.activeElement.matches(sel), html: document.activeElement.outerHTML.slice(0, 80) }), EXIT);
  if (!first.ok) { problems.push(`${size}: the first Tab stop is not the skip link but ${first.html}`); }
  if (!second.ok) { problems.push(`${size}: the second Tab stop is not the quick exit but ${second.html}`); }
  for (const at of ['top', 'middle', 'bottom']) {
    await page.evaluate((where) => {
      const max = document.documentElement.scrollHeight - innerHeight;
      window.scrollTo(0, where === 'top' ? 0 : where === 'middle' ? max / 2 : max);
    }, at);
    const box = await page.evaluate(exitBox);
    if (!box) { problems.push('no quick exit ([data-exit]) on the page'); break; }
    if (box.covered.length) { problems.push(`${size}, scrolled to the ${at}: the quick exit is covered: ${box.covered.join('; ')}`); }
    if (box.top < 0 || box.bottom > box.viewHeight || box.left < 0 || box.right > box.viewWidth) {
      problems.push(`${size}, scrolled to the ${at}: the quick exit is outside the screen (${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)})`);
    }
    if (box.width < 44 || box.height < 44) { problems.push(`${size}: the quick exit is ${box.width}×${box.height} px, less than 44×44`); }
    if (vp.width <= 480 && box.top < box.viewHeight / 2) {
      problems.push(`${size}, scrolled to the ${at}: the quick exit is in the top half of a small screen (top ${Math.round(box.top)} px), out of the thumb's reach`);
    }
  }
  return problems;
}

// reflow: at 320 px wide nothing may scroll sideways (WCAG 1.4.10).
async function reflow(page, state) {
  const r = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    if (root.scrollWidth <= limit) { return null; }
    const wide = [];
    for (const e of document.body.querySelectorAll('*')) {
      const b = e.getBoundingClientRect();
      if (b.width && (b.right > limit + 1 || b.left < -1)) {
        wide.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (${Math.round(b.left)}–${Math.round(b.right)} px)`);
      }
    }
    return { scroll: root.scrollWidth, limit, wide: wide.slice(0, 5) };
  });
  return r ? [`320 px, ${state}: the page scrolls sideways (${r.scroll} px wide for ${r.limit}); too wide: ${r.wide.join(', ')}`] : [];
}

// focusNotObscured tabs through the whole page on a small screen: no focused element may
// be hidden by the quick-exit bar or anything else (WCAG 2.4.11), and each shows a focus
// ring (WCAG 2.4.7).
async function focusNotObscured(page) {
  const problems = [];
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); });
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) { return null; }
      const seen = window.__focusSeen || (window.__focusSeen = new Set());
      if (seen.has(e)) { return null; }
      seen.add(e);
      const id = e.outerHTML.slice(0, 100);
      const r = e.getBoundingClientRect();
      if (!r.width || !r.height) { return { id, hidden: false }; }
      const xs = [r.left + 1, r.left + r.width / 2, r.right - 1];
      const ys = [r.top + 1, r.top + r.height / 2, r.bottom - 1];
      let shown = false;
      let by = null;
      for (const x of xs) {
        for (const y of ys) {
          if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { continue; }
          const at = document.elementFromPoint(x, y);
          if (at && (at === e || e.contains(at))) { shown = true; } else if (at) { by = at.closest('[class]') ? at.closest('[class]').className : at.tagName; }
        }
      }
      const st = getComputedStyle(e);
      const ring = (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2) || st.boxShadow !== 'none';
      return { id, hidden: !shown, by, ring };
    });
    if (!f) { break; }
    if (!f.ring) { problems.push(`320×640: the focused element shows no focus ring (outline or box-shadow): ${f.id}`); }
    if (f.hidden) { problems.push(`320×640: the focused element is hidden${f.by ? ` by .${f.by}` : ''}: ${f.id}`); }
  }
  return problems;
}

// mirroring: the layout follows the page's direction, and phone numbers read left to right.
async function mirroring(page) {
  const r = await page.evaluate(() => {
    const out = [];
    const dir = getComputedStyle(document.documentElement).direction;
    if (dir !== document.documentElement.dir) { out.push(`the page is laid out ${dir} but <html dir=${document.documentElement.dir}>`); }
    const brand = document.querySelector('.brand');
    const langs = document.querySelector('details.languages > summary');
    if (brand && langs) {
      const b = brand.getBoundingClientRect();
      const l = langs.getBoundingClientRect();
      if (dir === 'rtl' && !(b.left > l.left)) { out.push('right-to-left page: the site name is not on the right of the language switcher'); }
      if (dir === 'ltr' && !(b.left < l.left)) { out.push('left-to-right page: the site name is not on the left of the language switcher'); }
    }
    for (const a of document.querySelectorAll('a[href^="tel:"]')) {
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      let digits = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (/\d/.test(n.data) && n.parentElement.closest('bdi,[dir=ltr]') && !n.parentElement.closest('.visually-hidden')) { digits = n; break; }
      }
      if (!digits) { out.push(`${a.outerHTML.slice(0, 120)}: the number is not isolated left to right (<bdi dir=ltr>)`); continue; }
      const text = digits.data;
      const firstAt = text.search(/\d/);
      const lastAt = text.length - 1 - [...text].reverse().join('').search(/\d/);
      if (firstAt === lastAt) { continue; }
      const box = (i) => { const r = document.createRange(); r.setStart(digits, i); r.setEnd(digits, i + 1); return r.getBoundingClientRect(); };
      const f = box(firstAt);
      const l = box(lastAt);
      if (getComputedStyle(digits.parentElement).direction !== 'ltr') { out.push(`${text}: laid out ${getComputedStyle(digits.parentElement).direction}`); }
      if (f.top === l.top && !(f.left < l.left)) { out.push(`${text}: the digits do not read left to right`); }
    }
    return out;
  });
  return r;
}

// withoutScript: with JavaScript off the content, the navigation, the language switcher and
// the quick exit all work.
async function withoutScript(browser, origin, url, exitURL) {
  const problems = [];
  const { context, page, trace } = await open(browser, origin, { js: false, viewport: SMALL, exitURL });
  try {
    await page.goto(origin + url);
    const state = await page.evaluate(() => ({
      h1: !!document.querySelector('main h1') && document.querySelector('main h1').getBoundingClientRect().height > 0,
      nav: document.querySelectorAll('nav a[href]').length,
    }));
    if (!state.h1) { problems.push('without JavaScript: no visible <h1> in <main>'); }
    if (!state.nav) { problems.push('without JavaScript: no navigation links'); }
    const summary = page.locator('details.languages > summary');
    await summary.click();
    const other = page.locator('details.languages a[hreflang]:not([aria-current])').first();
    if (!(await other.isVisible())) {
      problems.push('without JavaScript: the language switcher does not open');
    } else {
      const hreflang = await other.getAttribute('hreflang');
      const href = await other.getAttribute('href');
      await Promise.all([page.waitForURL(origin + href), other.click()]);
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== hreflang) { problems.push(`without JavaScript: the switcher's ${hreflang} link led to a page in ${lang}`); }
      await page.goBack();
    }
    const href = await page.getAttribute(EXIT, 'href');
    if (href !== exitURL) { problems.push(`the quick exit leads to ${href}, not ${exitURL}`); }
    await Promise.all([page.waitForURL(exitURL), page.click(EXIT)]);
    if (!trace.exits.length) { problems.push('without JavaScript: the quick exit did not navigate'); }
    for (const e of trace.exits) {
      if (e.headers.referer) { problems.push(`the quick exit sent the Referer ${e.headers.referer}`); }
    }
    problems.push(...trace.foreign.map((r) => `request to another host: ${r}`));
  } finally {
    await context.close();
  }
  return problems;
}

// overlayState says whether the quick exit has begun: its overlay is in the page.
function overlayState() {
  return { overlay: !!document.querySelector('.exit-overlay') };
}

// exitWith leaves the page by click or by Shift pressed three times, on a page opened with
// open(..., { exitURL }). The overlay must blank the page in the same task (measured by the
// trace script the moment it appears), and the portal must leave no history entry behind
// (location.replace): Back does not return to it.
async function exitWith(page, trace, url, exitURL, how) {
  const problems = [];
  trace.expectExit();
  await page.goto(url);
  const before = await page.evaluate(() => history.length);
  const exitsBefore = trace.exits.length;
  const arrived = page.waitForURL(exitURL, { timeout: 10000 });
  if (how === 'click') {
    await page.click(EXIT);
  } else {
    await page.keyboard.press('Shift');
    await page.keyboard.press('ShiftRight');
    const early = await page.evaluate(overlayState);
    if (early.overlay || trace.exits.length > exitsBefore) { problems.push('Shift pressed twice already left the page'); }
    await page.keyboard.press('Shift');
  }
  try {
    await arrived;
  } catch {
    problems.push(`${how}: the quick exit did not leave for ${exitURL} (still at ${page.url()})`);
    return problems;
  }
  const st = trace.overlay;
  if (!st) { problems.push(`${how}: no blank overlay appeared while leaving`); }
  if (st && !st.covers) { problems.push(`${how}: the overlay does not cover the screen`); }
  if (st && !st.contentHidden) { problems.push(`${how}: the content is still visible under the overlay`); }
  const after = await page.evaluate(() => history.length);
  if (after !== before) { problems.push(`${how}: the history grew from ${before} to ${after} entries (location.replace not used)`); }
  await page.goBack({ waitUntil: 'commit', timeout: 3000 }).catch(() => null);
  if (page.url() === url) { problems.push(`${how}: Back returns to the portal (${page.url()})`); }
  for (const e of trace.exits.slice(exitsBefore)) {
    if (e.headers.referer) { problems.push(`${how}: the quick exit sent the Referer ${e.headers.referer}`); }
  }
  return problems;
}

// withScript runs every check that needs JavaScript on one page, in one browser context:
// traces, mirroring and axe at 1280×800; the exit's place at 1280×800 and 320×640; reflow
// and focus visibility at 320×640; then the click exit and the Shift×3 exit.
async function withScript(browser, origin, path, exitURL) {
  const problems = [];
  const url = origin + path;
  const { context, page, trace } = await open(browser, origin, { viewport: LARGE, exitURL });
  const step = async (name, fn) => {
    try {
      problems.push(...(await fn()));
    } catch (err) {
      problems.push(`${name}: ${String(err.message || err).split('\n')[0]}`);
    }
  };
  try {
    await step('load', async () => {
      const res = await page.goto(url);
      return res && res.ok() ? [] : [`${path} answered ${res && res.status()}`];
    });
    await step('traces', () => traces(page, context, trace));
    await step('mirroring', () => mirroring(page));
    await step('axe', () => axe(page));
    await step('exit at 1280×800', () => exitPlace(page, url));
    await page.setViewportSize(SMALL);
    await step('exit at 320×640', () => exitPlace(page, url));
    await step('reflow', () => reflow(page, 'closed language switcher'));
    await step('reflow', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('details.languages > summary');
      return reflow(page, 'open language switcher');
    });
    await step('focus not obscured', () => focusNotObscured(page));
    await step('click exit', () => exitWith(page, trace, url, exitURL, 'click'));
    await step('Shift×3 exit', () => exitWith(page, trace, url, exitURL, 'Shift×3'));
    // Whatever happened on the way (the exits included): nothing sent elsewhere, nothing
    // stored for the portal's origin.
    await step('traces after the exits', async () => {
      await page.goto(url);
      return traces(page, context, trace);
    });
  } finally {
    await context.close();
  }
  return [...new Set(problems)];
}

// keysThatMustNotExit: Shift interrupted by another key, Shift+Tab (moving back through the
// page), Shift while typing in a text field, and Shift presses spread over more than five
// seconds (on the page's own clock, faked) do not leave the page.
async function keysThatMustNotExit(browser, origin, url, exitURL) {
  const problems = [];
  const { context, page, trace } = await open(browser, origin, { exitURL });
  try {
    await page.clock.install();
    await page.goto(origin + url);
    const stayed = async (what) => {
      // A page that is leaving may no longer answer: that too is leaving.
      const st = await page.evaluate(overlayState).catch(() => ({ overlay: true }));
      if (st.overlay || trace.exits.length) { problems.push(`${what} left the page`); return false; }
      return true;
    };
    for (const k of ['Shift', 'Shift', 'KeyA', 'Shift']) { await page.keyboard.press(k); }
    if (!(await stayed('Shift, Shift, A, Shift'))) { return problems; }
    await page.keyboard.press('Escape');
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift+Tab'); }
    if (!(await stayed('Shift+Tab three times'))) { return problems; }
    await page.evaluate(() => {
      const label = document.createElement('label');
      label.textContent = 'Test field';
      const field = document.createElement('input');
      field.type = 'text';
      field.id = 'typing-test';
      label.htmlFor = field.id;
      document.querySelector('main').prepend(label, field);
      field.focus();
    });
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift'); }
    await page.keyboard.type('Hello World, ABC');
    if (!(await stayed('Shift three times in a text field'))) { return problems; }
    await page.evaluate(() => { document.activeElement.blur(); document.getElementById('typing-test').remove(); });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift');
    await page.clock.runFor(3000);
    await page.keyboard.press('Shift');
    await page.clock.runFor(2500);
    await page.keyboard.press('Shift');
    if (!(await stayed('Shift at 0, 3 and 5.5 seconds (the window runs from the first press)'))) { return problems; }
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.clock.runFor(5001);
    await page.keyboard.press('Shift');
    if (!(await stayed('Shift twice, then once more after five seconds'))) { return problems; }
    // The count started again: two more presses within the window do leave.
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await Promise.race([trace.exitSeen, new Promise((ok) => setTimeout(ok, 5000))]);
    if (!trace.exits.length) { problems.push('Shift three times after the count restarted did not leave'); }
    problems.push(...trace.foreign.map((r) => `request to another host: ${r}`));
  } finally {
    await context.close();
  }
  return problems;
}

module.exports = { withScript, withoutScript, keysThatMustNotExit, AXE_TAGS };
