// Browser tests of pacta's pages: playwright-core driving Debian's chromium
// against `pacta serve` on the sample registry at 127.0.0.1. Screenshots go
// to tests/artifacts/screenshots/.
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { here, shots, registry } from './lib.mjs';

const reg = registry({
  prefix: 'pacta-browser-',
  tokens: {
    depositary: ['--role', 'depositary', '--name', 'secretariat'],
    armDelegate: ['--role', 'delegate', '--party', 'ARM', '--name', 'arm-mfa'],
  },
});
const { journalLast } = reg;
let base, browser, depositary, armDelegate;

before(async () => {
  ({ base, browser } = await reg.start());
  ({ depositary, armDelegate } = reg.tokens);
});

after(() => reg.stop());

const openPage = (width = 1280) => reg.openPage(width, { failedResponses: true });

test('every page reachable from home loads, has a heading, and links work', async () => {
  const { context, page, errors } = await openPage();
  const seen = new Set();
  const queue = ['/'];
  while (queue.length && seen.size < 150) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    if (path.startsWith('/api/') || /\.(ics|atom|md)(\?|$)/.test(path)) {
      // JSON, CSV, iCalendar, Atom, Markdown: fetched, not navigated (they would download).
      const r = await page.request.get(base + path);
      assert.equal(r.status(), 200, `${path} answered ${r.status()}`);
      continue;
    }
    const resp = await page.goto(base + path);
    assert.equal(resp.status(), 200, `${path} answered ${resp.status()}`);
    if (!(resp.headers()['content-type'] || '').startsWith('text/html')) continue;
    assert.ok((await page.locator('h1').count()) >= 1, `${path} has no <h1>`);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const clean = href.split('#')[0];
      if (clean && !seen.has(clean)) queue.push(clean);
    }
  }
  assert.ok(seen.size >= 20, `only ${seen.size} pages reachable`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('organization page: members timeline and members on a date', async () => {
  const { context, page } = await openPage();
  await page.goto(`${base}/organizations/cis?on=2009-08-17`);
  assert.ok(await page.locator('svg').first().isVisible(), 'timeline chart shown');
  const members = await page.locator('main').innerText();
  assert.match(members, /Georgia/);
  await page.screenshot({ path: join(shots, 'organization.png'), fullPage: true });
  await page.goto(`${base}/organizations/cis?on=2009-08-18`);
  const table = await page.locator('table', { hasText: 'Members on 18 August 2009' }).innerText();
  assert.doesNotMatch(table, /Georgia/);
  await context.close();
});

test('document page: entry into force, status matrix, date picker', async () => {
  const { context, page } = await openPage();
  await page.goto(`${base}/documents/cis-agr-dtkt-997-747`);
  const text = await page.locator('main').innerText();
  assert.match(text, /21 December 1998/);
  assert.match(text, /How the dates were computed/);
  await page.screenshot({ path: join(shots, 'document.png'), fullPage: true });
  // Ask for the day before the third notification through the form.
  await page.fill('input[name=on]', '1998-12-20');
  await Promise.all([page.waitForURL(/on=1998-12-20/), page.click('form button[type=submit], form input[type=submit]')]);
  assert.match(await page.locator('main').innerText(), /not in force/);
  await context.close();
});

test('party and session pages', async () => {
  const { context, page } = await openPage();
  await page.goto(`${base}/parties/ARM`);
  assert.match(await page.locator('h1').innerText(), /Armenia/);
  await page.screenshot({ path: join(shots, 'party.png'), fullPage: true });
  await page.goto(`${base}/sessions/cis-chs-2020-12-18`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Armenia/);
  assert.match(text, /absent/i);
  await page.screenshot({ path: join(shots, 'session.png'), fullPage: true });
  await context.close();
});

test('search: a word typed in Russian or English finds documents and sessions', async () => {
  const { context, page, errors } = await openPage();
  await page.goto(`${base}/`);
  // Russian, inflected: "договора" (of the treaty) finds the Collective Security Treaty.
  await page.fill('form.navsearch input[name=q]', 'договора');
  await Promise.all([page.waitForURL(/\/search\?q=/), page.press('form.navsearch input[name=q]', 'Enter')]);
  let results = page.locator('ol.results');
  assert.match(await results.innerText(), /Collective Security Treaty/);
  assert.ok(await page.locator('ol.results mark').count() > 0, 'matches highlighted');
  // English, another form of the word: "ratified" finds the CIS Charter's ratification notes.
  await page.fill('#sq', 'ratified');
  await Promise.all([page.waitForURL(/q=ratified/), page.click('form.search-page button[type=submit]')]);
  assert.match(await results.innerText(), /Charter of the Commonwealth of Independent States/);
  const all = await page.locator('ol.results li').count();
  // A date range from the form: only results dated in it, the filter shown with a way back.
  await page.fill('#sfrom', '1999-01-01');
  await Promise.all([page.waitForURL(/from=1999-01-01/), page.click('form.search-page button[type=submit]')]);
  const dated = await page.locator('ol.results li .hint time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.ok(dated.length > 0 && dated.length < all, `${dated.length} of ${all} dated from 1999`);
  for (const d of dated) assert.ok(d >= '1999-01-01', d);
  assert.match(await page.locator('p.filters').innerText(), /dated from 1 January 1999/);
  // Pages of results: two at a time, next and back.
  await page.goto(`${base}/search?q=ratified&limit=2`);
  assert.match(await page.locator('p.lede').innerText(), new RegExp(`Results 1 to 2 of ${all}`));
  await Promise.all([page.waitForURL(/offset=2/), page.click('nav.pager a[rel=next]')]);
  assert.match(await page.locator('p.lede').innerText(), /Results 3 to 4/);
  await Promise.all([page.waitForURL((u) => !u.search.includes('offset')), page.click('nav.pager a[rel=prev]')]);
  assert.match(await page.locator('p.lede').innerText(), /Results 1 to 2/);
  // Sessions by their body's Russian name; the kind facet narrows, a result opens its page.
  await page.fill('#sq', 'Совет глав государств');
  await Promise.all([page.waitForURL(/q=/), page.press('#sq', 'Enter')]);
  await Promise.all([page.waitForURL(/kind=session/), page.click('ul.facet a[href*="kind=session"]')]);
  const items = await page.locator('ol.results li').allInnerTexts();
  assert.ok(items.length >= 2, `${items.length} sessions found`);
  for (const t of items) assert.match(t, /session/);
  await page.screenshot({ path: join(shots, 'search.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/sessions\/cis-chs-/), page.click('ol.results li a >> nth=0')]);
  assert.match(await page.locator('h1').innerText(), /Council of Heads of State/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone width: the home page does not scroll sideways', async () => {
  const { context, page } = await openPage(390);
  await page.goto(`${base}/`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `home page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(shots, 'home-phone.png'), fullPage: true });
  await context.close();
});

test('no page scrolls sideways: a wide table scrolls inside its own box', async () => {
  // The compliance matrix is wider than the page; its hidden labels (.sr, absolutely placed)
  // once widened the whole page to the table's width.
  for (const width of [1280, 390]) {
    const { context, page } = await openPage(width);
    for (const path of ['/organizations/cis/compliance', '/organizations/cis/compliance?lang=ru',
      '/documents/csto-charter', '/organizations/cis']) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} at ${width}px is ${overflow}px wider than the window`);
    }
    await context.close();
  }
});

async function submitAction(page, { token, party, date }) {
  await page.goto(`${base}/record`);
  await page.selectOption('select[name=document]', 'csto-charter');
  await page.selectOption('select[name=party]', party);
  await page.selectOption('select[name=type]', 'ratification');
  await page.fill('input[name=date]', date);
  if (token === null) {
    // The field is required in the browser; remove that to reach the server.
    await page.$eval('input[name=token]', (e) => e.removeAttribute('required'));
  } else {
    await page.fill('input[name=token]', token);
  }
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.click('form[action="/record"] button[type=submit], form[method=post] button[type=submit]'),
  ]);
  return resp;
}

test('record form: valid token records, others are refused and write nothing', async () => {
  const { context, page } = await openPage();
  let last = await journalLast();

  let resp = await submitAction(page, { token: null, party: 'ARM', date: '2003-04-15' });
  assert.equal(resp.status(), 401);
  assert.match(await page.locator('main').innerText(), /Nothing was recorded/);
  assert.equal(await journalLast(), last);

  resp = await submitAction(page, { token: armDelegate, party: 'BLR', date: '2003-04-15' });
  assert.equal(resp.status(), 403);
  assert.match(await page.locator('main').innerText(), /Nothing was recorded/);
  assert.equal(await journalLast(), last);
  await page.screenshot({ path: join(shots, 'record-refused.png'), fullPage: true });

  // A delegate deposits: dated the day of receipt, a submission for the depositary (202).
  resp = await submitAction(page, { token: armDelegate, party: 'ARM', date: '2003-04-15' });
  assert.equal(resp.status(), 403);
  assert.match(await page.locator('main').innerText(), /date of deposit/);
  assert.equal(await journalLast(), last);
  const today = new Date().toISOString().slice(0, 10);
  resp = await submitAction(page, { token: armDelegate, party: 'ARM', date: today });
  assert.equal(resp.status(), 202);
  assert.match(await page.locator('main').innerText(), /Submitted/);
  assert.equal(await journalLast(), last + 1);
  last += 1;

  // The depositary records directly, with the instrument's past date.
  resp = await submitAction(page, { token: depositary, party: 'ARM', date: '2003-04-15' });
  assert.equal(resp.status(), 201);
  assert.match(await page.locator('main').innerText(), /Recorded/);
  assert.equal(await journalLast(), last + 1);
  last += 1;
  await page.screenshot({ path: join(shots, 'record-ok.png'), fullPage: true });

  resp = await submitAction(page, { token: depositary, party: 'BLR', date: '2003-04-16' });
  assert.equal(resp.status(), 201);
  assert.equal(await journalLast(), last + 1);

  // The new ratification shows on the document page.
  await page.goto(`${base}/documents/csto-charter?on=2026-01-01`);
  assert.match(await page.locator('main').innerText(), /15 April 2003/);
  await context.close();
});

test('record form: a post without the form\'s CSRF code is refused', async () => {
  const before = await journalLast();
  const body = new URLSearchParams({
    csrf: 'forged', document: 'csto-charter', party: 'ARM', type: 'ratification',
    date: '2003-04-20', token: depositary,
  });
  const r = await fetch(`${base}/record`, {
    method: 'POST', body, headers: { Cookie: 'pacta_csrf=other' },
  });
  assert.equal(r.status, 403);
  assert.equal(await journalLast(), before);
});

test('press release: pasted, drafted field by field, loaded with a depositary token', async () => {
  const { context, page, errors } = await openPage();
  const before = await journalLast();
  const seed = readFileSync(join(here, '../ingest/expected/004_baf21a53b7d9f635.txt'), 'utf8');
  await page.goto(`${base}/`);
  await page.click('nav >> text=From a press release');
  await page.fill('#text', seed);
  await page.click('button[value=draft]');
  const main = page.locator('main');
  // Seed 004 gives no date: the draft names the body and says what is missing.
  assert.match(await main.innerText(), /cis-chss/);
  assert.match(await main.innerText(), /cannot be loaded yet: no full date found/);
  assert.equal(await page.locator('button[value=load]').count(), 0);
  // The person confirming gives the date; the draft can then be loaded.
  await page.fill('#date', '2014-06-05');
  await page.click('button[value=draft]');
  assert.match(await main.innerText(), /cis-chss-2014-06-05/);
  await page.screenshot({ path: join(shots, 'ingest-draft.png'), fullPage: true });
  await page.fill('#token', depositary);
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('button[value=load]')]);
  assert.equal(resp.status(), 201);
  assert.match(await main.innerText(), /Loaded as journal entry/);
  assert.equal(await journalLast(), before + 1);
  await page.click('main a[href="/sessions/cis-chss-2014-06-05"]');
  assert.match(await page.locator('h1').innerText(), /Council of Heads of Security Agencies/);
  assert.deepEqual(errors, []);
  await context.close();
});
