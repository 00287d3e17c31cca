'use strict';
// Finds what the built site holds: its languages and, in each language, one page of every
// kind. A page's kind is what layouts/baseof.html writes on <body data-kind>: Hugo's kind,
// then the section for sections and the pages in them, then the layout a page names in its
// front matter ("home", "404", "page", "section/notizie", "page/notizie", "page:materials",
// ...). New sections and layouts are picked up on their own.

const fs = require('node:fs');
const path = require('node:path');

// Kinds every language must have.
const REQUIRED = ['home', '404', 'page', 'section/notizie', 'page/notizie', 'section/dati', 'section/newsletter'];
// Kinds checked wherever they exist, never required: a newsletter issue is written per
// language by `newsletter assemble`, and an issue may exist in only some languages.
const OPTIONAL = ['page/newsletter'];

const LABELS = {
  home: 'home page',
  404: '404 page',
  page: 'regular page',
  'section/notizie': 'news section',
  'page/notizie': 'news item',
  'section/dati': 'data section',
  'page/dati': 'data page',
  'section/newsletter': 'newsletter archive',
  'page/newsletter': 'newsletter issue',
};

function label(kind) {
  const [base, layout] = kind.split(':');
  if (layout) { return `${label(base)} with the ${layout} layout`; }
  if (LABELS[kind]) { return LABELS[kind]; }
  const [k, section] = kind.split('/');
  return section ? `${k} in ${section}` : k;
}

function attr(html, tag, name) {
  const m = new RegExp(`<${tag}\\b[^>]*?\\s${name}=("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(html);
  if (!m) { return null; }
  return m[2] ?? m[3] ?? m[4];
}

// htmlFiles lists the pages of one language: index.html files and the language's 404.html.
function htmlFiles(root, langDir, skipDirs) {
  const out = [];
  const base = path.join(root, langDir);
  const walk = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) {
        if (rel === '' && skipDirs.has(e.name)) { continue; }
        walk(path.join(dir, e.name), rel + e.name + '/');
      } else if (e.name === 'index.html' || (rel === '' && e.name === '404.html')) {
        out.push(rel + e.name);
      }
    }
  };
  walk(base, '');
  return out;
}

/**
 * discover reads public/ and returns
 * { languages: [{code, dir, locale, direction}], targets: [{lang, kind, label, url, file}],
 *   problems: [string], notes: [string] }.
 */
function discover(root) {
  const problems = [];
  const notes = [];
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    return { languages: [], targets: [], problems: [`${root}/index.html is missing: build the site first (make site)`], notes };
  }
  const langDirs = fs.readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, '404.html')) && fs.existsSync(path.join(root, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
  const rootHTML = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const defaultCode = attr(rootHTML, 'html', 'lang') || 'default';
  const languages = [{ code: defaultCode, dir: '' }, ...langDirs.map((d) => ({ code: d, dir: d }))];

  const kindsByLang = new Map();
  for (const lang of languages) {
    const kinds = new Map();
    for (const rel of htmlFiles(root, lang.dir, new Set(langDirs))) {
      const file = path.join(root, lang.dir, rel);
      const html = fs.readFileSync(file, 'utf8');
      const kind = attr(html, 'body', 'data-kind');
      const shown = path.relative(path.dirname(root), file);
      if (!kind) {
        problems.push(`${shown}: <body> has no data-kind (layouts/baseof.html marks every page's kind)`);
        continue;
      }
      if (rel === 'index.html') {
        lang.locale = attr(html, 'html', 'lang');
        lang.direction = attr(html, 'html', 'dir');
      }
      if (!kinds.has(kind)) {
        const url = '/' + (lang.dir ? lang.dir + '/' : '') + rel.replace(/index\.html$/, '');
        kinds.set(kind, { lang: lang.code, kind, label: label(kind), url, file: shown });
      }
    }
    kindsByLang.set(lang.code, kinds);
  }

  const defaults = kindsByLang.get(defaultCode);
  const required = new Set(REQUIRED);
  for (const k of defaults.keys()) {
    if (!OPTIONAL.includes(k)) { required.add(k); }
  }
  const targets = [];
  for (const lang of languages) {
    const kinds = kindsByLang.get(lang.code);
    for (const k of required) {
      if (!kinds.has(k)) {
        problems.push(`${lang.code}: no ${label(k)} (${k}) in public/${lang.dir ? lang.dir + '/' : ''}`);
      }
    }
    for (const k of OPTIONAL) {
      const somewhere = [...kindsByLang.values()].some((m) => m.has(k));
      if (somewhere && !kinds.has(k)) { notes.push(`${lang.code}: no ${label(k)} yet`); }
    }
    targets.push(...[...kinds.values()].sort((a, b) => a.url.localeCompare(b.url)));
  }
  return { languages, targets, problems, notes };
}

module.exports = { discover, label, REQUIRED, OPTIONAL };
