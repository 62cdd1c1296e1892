// Russian and English throughout (docs/i18n.md): every page reachable from home, and the
// desk signed in, walked in each language. A Russian page says <html lang="ru"> and shows
// none of the catalogue's English interface strings outside text marked as another
// language; a third language appears from a catalogue file alone.
//
//   PACTA=build/pacta node --test tests/browser/languages.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { here, pacta, registry, freePort, waitForServer, shots } from './lib.mjs';

const reg = registry({
  prefix: 'pacta-langs-',
  env: { PACTA_TODAY: '2026-12-04' },
  tokens: { depositary: ['--role', 'depositary', '--name', 'treaty-officer'] },
});
let base, browser, depositary;

before(async () => {
  ({ base, browser } = await reg.start());
  ({ depositary } = reg.tokens);
});
after(() => reg.stop());

// The catalogue's messages: [msgid, msgstr] of every entry in po/ru/*.po (a .po file is
// lines of msgctxt/msgid/msgstr "..." with "..." continuation lines).
function catalogue(dir) {
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.po')).sort()) {
    let cur = null, field = null;
    const unq = (s) => JSON.parse(s);
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const m = /^(msgctxt|msgid|msgstr(?:\[\d+\])?) (".*")$/.exec(line);
      if (m) {
        if (m[1] === 'msgctxt' || (m[1] === 'msgid' && cur && cur.msgstr !== undefined)) {
          if (cur) out.push(cur);
          cur = {};
        }
        if (!cur) cur = {};
        field = m[1].startsWith('msgstr') ? 'msgstr' : m[1];
        cur[field] = (cur[field] || '') + unq(m[2]);
      } else if (/^".*"$/.test(line) && cur && field) {
        cur[field] += unq(line);
      }
    }
    if (cur) out.push(cur);
  }
  return out.filter((e) => e.msgid);
}

// The English strings that must not show on a Russian page: each message's literal parts
// (between printf conversions), translated to something else, with a word of 3 letters
// or more; ICU patterns ({0, plural, ...}) and date patterns are left out.
const english = [];
// A whole message counts when it has a word of 5 letters or more, or a capital; a piece of
// one between its values ("%s of the %s") when it has two words and 8 letters or more, so
// that "of the" or a lone "root" (a command's name in a sentence) are not taken for the
// interface.
for (const e of catalogue(join(here, '../../po/ru'))) {
  if (e.msgctxt === 'date' || e.msgid.includes('{0,') || e.msgid === e.msgstr) continue;
  const parts = e.msgid.split(/%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z)?[sdiufxc%]|\{\d\}/);
  for (const part of parts) {
    const t = part.trim().replace(/^[:·.,;()\s-]+|[:·.,;()\s-]+$/g, '');
    const letters = (t.match(/[A-Za-z]/g) || []).length;
    const whole = parts.length === 1;
    const ok = whole ? /[A-Za-z]{5,}|[A-Z][a-z]/.test(t) : t.split(/\s+/).length >= 2 && letters >= 8;
    if (ok && /[A-Za-z]{3,}/.test(t) && !e.msgstr.includes(t)) english.push(t);
  }
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A word of an id or a code ("cis-charter", "csto-secretariat") is data, not interface.
const patterns = [...new Set(english)].map((t) => [t, new RegExp(`(^|[^A-Za-z0-9_-])${escapeRe(t)}($|[^A-Za-z0-9_-])`)]);

// What a reader of the page gets as the page's language: its text and the attributes
// read aloud or shown, leaving out what is marked as another language, code, and data
// cells that hold codes.
async function pageText(page) {
  return page.evaluate(() => {
    const parts = [];
    const skip = (el) => {
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const lang = e.getAttribute('lang');
        if (lang && e.tagName !== 'HTML') return !lang.startsWith('ru');
        if (['CODE', 'PRE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'KBD', 'SAMP'].includes(e.tagName)) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!skip(n.parentElement)) parts.push(n.textContent);
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt],input[type=submit],button'))
      if (!skip(el))
        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'value'])
          if (el.getAttribute(a) && (a !== 'value' || el.matches('input[type=submit]'))) parts.push(el.getAttribute(a));
    // document.title is left out: it holds a record's name, which <title> cannot mark.
    return parts.join('\n');
  });
}

function englishIn(text) {
  return patterns.filter(([, re]) => re.test(text)).map(([t]) => t);
}

// Pages reachable from path by links, in the page's own language (the cookie set by ?lang=).
async function crawl(page, start, max, filter = () => true) {
  const seen = new Set(), queue = [start], visited = [];
  while (queue.length && visited.length < max) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const resp = await page.goto(base + path);
    if (!resp || resp.status() !== 200 || !(resp.headers()['content-type'] || '').startsWith('text/html')) continue;
    visited.push(path);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) continue;
      if (/[?&]lang=/.test(href) || /\.(ics|atom|md|csv|pdf)(\?|$)/.test(href) || /format=/.test(href)) continue;
      const clean = href.split('#')[0];
      if (clean && !seen.has(clean) && filter(clean)) queue.push(clean);
    }
  }
  return visited;
}

test('the catalogue lists the English strings this test looks for', () => {
  assert.ok(patterns.length >= 200, `only ${patterns.length} English strings in po/ru`);
});

test('every page in Russian: <html lang="ru">, no English interface string', async () => {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(`${base}/?lang=ru`);
  const visited = await crawl(page, '/', 120);
  assert.ok(visited.length >= 40, `only ${visited.length} pages reached`);
  const problems = [];
  for (const path of visited) {
    await page.goto(base + path);
    const lang = await page.getAttribute('html', 'lang');
    if (lang !== 'ru') problems.push(`${path}: <html lang="${lang}">`);
    const found = englishIn(await pageText(page));
    if (found.length) problems.push(`${path}: ${found.slice(0, 6).map((t) => JSON.stringify(t)).join(', ')}`);
  }
  await page.goto(`${base}/documents?lang=ru`);
  await page.screenshot({ path: join(shots, 'documents-ru.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the desk in Russian, signed in as the depositary', async () => {
  const { context, page } = await reg.signedIn(1280, '/desk', depositary);
  await page.goto(`${base}/desk?lang=ru`);
  const visited = await crawl(page, '/desk', 40, (p) => p.startsWith('/desk') || p === '/checks');
  assert.ok(visited.length >= 5, `only ${visited.length} desk pages reached`);
  const problems = [];
  for (const path of visited) {
    await page.goto(base + path);
    if ((await page.getAttribute('html', 'lang')) !== 'ru') problems.push(`${path}: not lang=ru`);
    const found = englishIn(await pageText(page));
    if (found.length) problems.push(`${path}: ${found.slice(0, 6).map((t) => JSON.stringify(t)).join(', ')}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language is chosen by ?lang=, kept in a cookie, else Accept-Language', async () => {
  // Accept-Language alone.
  let context = await browser.newContext({ locale: 'ru-RU' });
  let page = await context.newPage();
  await page.goto(`${base}/organizations`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.equal(await page.getAttribute('nav.langs a[aria-current]', 'lang'), 'ru');
  // The switch to English is a link; the choice is remembered on the next page.
  await page.click('nav.langs a[hreflang="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(page.url(), /\/organizations\?lang=en$/);
  await page.goto(`${base}/documents`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await context.close();
  // An English browser: English, with alternates for every language.
  context = await browser.newContext({ locale: 'en-GB' });
  page = await context.newPage();
  await page.goto(`${base}/parties`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const alternates = await page.$$eval('link[rel=alternate][hreflang]', (ls) => ls.map((l) => l.getAttribute('hreflang')));
  assert.deepEqual(alternates.sort(), ['en', 'ru']);
  await context.close();
});

test('dates in each language\'s style', async () => {
  // The CIS Charter: adopted at Minsk on 22 January 1993 (sample/README.md).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/documents/cis-charter?lang=ru`);
  assert.match(await page.textContent('main'), /22 января 1993 г\./);
  await page.goto(`${base}/documents/cis-charter?lang=en`);
  assert.match(await page.textContent('main'), /22 January 1993/);
  await context.close();
});

test('a third language is a catalogue file, not code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacta-fr-'));
  try {
    execFileSync('msgfmt', ['--check', '-o', join(dir, 'fr.mo'), join(here, '../i18n/fr.po')]);
    const port = await freePort();
    const server = spawn(pacta, ['--db', reg.db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet'],
      { stdio: 'inherit', env: { ...process.env, PACTA_CATALOGUES: dir } });
    try {
      await waitForServer(`http://127.0.0.1:${port}/`);
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/organizations`);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      assert.equal(await page.textContent('nav.langs a[aria-current]'), 'Français');
      assert.equal(await page.textContent('nav[aria-label] a[href="/organizations"]'), 'Organisations');
      // A message the test catalogue does not translate falls back to English.
      assert.equal(await page.textContent('nav[aria-label] a[href="/record"]'), 'Record an action');
      await context.close();
    } finally {
      const exited = new Promise((ok) => server.on('exit', ok));
      server.kill('SIGTERM');
      await exited;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
