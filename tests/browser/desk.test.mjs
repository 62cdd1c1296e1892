// Browser test of the desk (/desk, issue 15): the depositary signs in at
// /login, accepts a pending submission from the desk, and the document's page
// shows the new status; a rejection needs its reason; the desk reads at
// 1280 px and 360 px. "Today" is 2026-12-04 (PACTA_TODAY). Screenshots of the
// desk go to docs/screenshots/desk-1280.png and desk-360.png (committed), the
// others to tests/artifacts/screenshots/.
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pacta = resolve(process.env.PACTA || join(here, '../../build/pacta'));
const shots = resolve(here, '../artifacts/screenshots');
// The screenshots docs/ shows are written there only when asked
// (PACTA_DOC_SHOTS=1 node --test tests/browser/), so that a test run leaves
// the tree as it was; otherwise beside the others, in tests/artifacts/.
const docShots = process.env.PACTA_DOC_SHOTS
  ? resolve(here, '../../docs/screenshots')
  : resolve(here, '../artifacts/screenshots');
const chromePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TODAY = '2026-12-04';
const env = { ...process.env, PACTA_TODAY: TODAY };

let dir, db, server, base, browser, depositary, uzb, arm;

function cli(...args) {
  return execFileSync(pacta, ['--db', db, ...args], { encoding: 'utf8', env });
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('pacta serve did not start');
}

async function journalLast() {
  const r = await fetch(`${base}/api/v1/journal?after=0&limit=1`);
  return (await r.json()).last;
}

// A delegate's deposit through the API: the submission's id.
async function submit(token, record) {
  const r = await fetch(`${base}/api/v1/actions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(record),
  });
  const body = await r.json();
  assert.equal(r.status, 202, JSON.stringify(body));
  return body.id;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pacta-desk-'));
  db = join(dir, 'r.db');
  mkdirSync(shots, { recursive: true });
  mkdirSync(docShots, { recursive: true });
  cli('init', '--sample');
  const token = (...a) => JSON.parse(cli('token', 'create', ...a, '--json')).token;
  depositary = token('--role', 'depositary', '--name', 'csto-secretariat');
  uzb = token('--role', 'delegate', '--party', 'UZB', '--name', 'uzb-mfa');
  arm = token('--role', 'delegate', '--party', 'ARM', '--name', 'arm-mfa');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(pacta, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet'],
    { stdio: 'inherit', env });
  await waitForServer(`${base}/`);
  browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const exited = new Promise((ok) => server.on('exit', ok));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

// Sign in from the desk's address: to /login, the token typed, Enter, back at /desk.
async function signIn(page, token) {
  await page.goto(`${base}/desk`);
  assert.match(page.url(), /\/login\?next=\/desk$/);
  await page.fill('#token', token);
  await Promise.all([page.waitForURL(`${base}/desk`), page.press('#token', 'Enter')]);
}

test('the depositary accepts from the desk; the document page shows it', async () => {
  const ratification = await submit(uzb, {
    document: 'csto-charter', party: 'UZB', type: 'ratification', instrument_date: '2026-11-20',
  });
  const declaration = await submit(arm, {
    document: 'csto-charter', party: 'ARM', type: 'declaration',
    text: 'Armenia declares that the Charter applies to its territory as a whole.',
  });
  const { context, page, errors } = await openPage(1280);
  await signIn(page, depositary);
  const main = page.locator('main');
  assert.equal(await page.locator('h1').innerText(), "The depositary's desk");
  assert.match(await main.innerText(), /2 submissions waiting/);
  assert.match(await main.innerText(), /Open findings/);
  // Every field of the decision forms has its label.
  for (const id of await page.$$eval('main form input:not([type=hidden]), main form textarea',
    (es) => es.map((e) => e.id))) {
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `no label for #${id}`);
  }
  await page.screenshot({ path: join(docShots, 'desk-1280.png'), fullPage: true });

  // The same desk on a phone: nothing scrolls sideways but the tables' own regions.
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the desk is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(docShots, 'desk-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Accept Uzbekistan's ratification, by keyboard: the reason typed, Tab to the button,
  // Enter (the date of deposit left empty: the day received).
  const last = await journalLast();
  const accept = page.locator(`form[action="/desk/submissions/${ratification}/accept"]`);
  await accept.locator('input[name=reason]').focus();
  await page.keyboard.type('received at the Secretariat');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Accept');
  const [resp] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(resp.status(), 200);
  const notice = await page.locator('.notice').innerText();
  const m = notice.match(/depositary notification (2026\/\d+), deposited on 2026-12-04/);
  assert.ok(m, notice);
  assert.ok((await journalLast()) > last);
  assert.match(await main.innerText(), /1 submission waiting/);
  assert.equal(await page.locator(`form[action^="/desk/submissions/${ratification}/"]`).count(), 0);
  await page.screenshot({ path: join(shots, 'desk-accepted.png'), fullPage: true });

  // The document's page: Uzbekistan in force from today, and the notification.
  await page.goto(`${base}/documents/csto-charter`);
  const row = page.locator('tr', { has: page.locator('a[href="/parties/UZB"]') }).first();
  const rowText = await row.innerText();
  assert.match(rowText, /in force/, rowText);
  assert.match(rowText, /2026-12-04/, rowText);
  assert.match(await main.innerText(), new RegExp(m[1].replace('/', '\\/')));

  // Rejecting needs a reason: the browser holds the empty form back, nothing is written.
  await page.goto(`${base}/desk`);
  const before = await journalLast();
  const reject = page.locator(`form[action="/desk/submissions/${declaration}/reject"]`);
  await reject.locator('button').click();
  assert.equal(page.url(), `${base}/desk`);
  assert.equal(await reject.locator('textarea:invalid').count(), 1);
  assert.equal(await journalLast(), before);
  await reject.locator('textarea').fill('The declaration must come with the instrument (art. 27).');
  await Promise.all([page.waitForNavigation(), reject.locator('button').click()]);
  assert.match(await page.locator('.notice').innerText(), new RegExp(`Rejected ${declaration}`));
  assert.match(await main.innerText(), /No submission is waiting/);
  assert.deepEqual(errors, []);
  await context.close();

  // Armenia's delegate reads the reason on its desk, and never Uzbekistan's submissions.
  const d = await openPage(1280);
  await signIn(d.page, arm);
  const text = await d.page.locator('main').innerText();
  assert.match(text, /Your submissions/);
  assert.match(text, /must come with the instrument/);
  assert.ok(!text.includes(ratification), 'another party\'s submission on a delegate\'s desk');
  await d.page.screenshot({ path: join(shots, 'desk-delegate.png'), fullPage: true });
  await d.context.close();
});
