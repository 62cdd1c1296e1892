// Browser tests of the desk's forms (issue 15, docs/desk.md): sign in, create a
// party and a membership through the forms, a wrong date shows its message beside
// the field, edit, retract; screenshots of the party and action forms at 1280 and
// 360 px to docs/screenshots/form-{kind}-{1280,360}.png, others to
// tests/artifacts/screenshots/. "Today" is 2026-12-04 (PACTA_TODAY).
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pacta = resolve(process.env.PACTA || join(here, '../../build/pacta'));
const shots = resolve(here, '../artifacts/screenshots');
const chromePath = process.env.CHROMIUM || '/usr/bin/chromium';

let dir, db, server, base, browser, depositary, armDelegate;

function cli(...args) {
  return execFileSync(pacta, ['--db', db, ...args], { encoding: 'utf8' });
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

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pacta-browser-'));
  db = join(dir, 'r.db');
  mkdirSync(shots, { recursive: true });
  cli('init', '--sample');
  depositary = JSON.parse(cli('token', 'create', '--role', 'depositary', '--name', 'secretariat', '--json')).token;
  armDelegate = JSON.parse(cli('token', 'create', '--role', 'delegate', '--party', 'ARM', '--name', 'arm-mfa', '--json')).token;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(pacta, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet'],
    { stdio: 'inherit', env: { ...process.env, PACTA_TODAY: '2026-12-04' } });
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

// The screenshots docs/ shows are written there only when asked
// (PACTA_DOC_SHOTS=1 node --test tests/browser/), so that a test run leaves
// the tree as it was; otherwise beside the others, in tests/artifacts/.
const docShots = process.env.PACTA_DOC_SHOTS
  ? resolve(here, '../../docs/screenshots')
  : resolve(here, '../artifacts/screenshots');

async function signIn(page, next) {
  await page.goto(`${base}${next}`);
  assert.match(page.url(), /\/login\?next=/);
  await page.fill('#token', depositary);
  await Promise.all([page.waitForURL(`${base}${next}`), page.press('#token', 'Enter')]);
}

async function save(page, button = 'Save') {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button, exact: true }).click()]);
}

test('a party and a membership kept from the browser', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, '/desk/new/party');
  assert.equal(await page.locator('h1').textContent(), 'New party');
  await page.fill('#code', 'ZZA');
  await page.selectOption('#kind', 'state');
  await page.fill('#name_en', 'Zedland');
  await page.fill('#name_ru', 'Зедландия');
  await page.fill('#capital_en', 'Zed City');
  await page.fill('#sources', 'Note verbale | ref-1 | 2026-01-02');
  await page.screenshot({ path: join(docShots, 'form-party-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: join(docShots, 'form-party-360.png'), fullPage: true });
  // Nothing overflows sideways on a phone.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 362));
  await page.setViewportSize({ width: 1280, height: 900 });
  await save(page);
  assert.match(await page.locator('.notice.ok').textContent(), /Saved as journal entry \d+: party ZZA/);
  await page.click('.notice.ok a:text("Its page")');
  assert.equal(await page.locator('h1').textContent(), 'Zedland ZZA');

  // Edit: from the party's page.
  await page.click('a:text("Edit this party")');
  assert.equal(await page.inputValue('#name_en'), 'Zedland');
  await page.fill('#name_en', 'Republic of Zedland');
  await save(page, 'Save the changes');
  assert.match(await page.locator('.notice.ok').textContent(), /Saved/);
  await page.goto(`${base}/parties/ZZA`);
  assert.match(await page.locator('h1').textContent(), /Republic of Zedland/);

  // A membership, with a wrong date: its message beside the field, the values kept.
  await page.goto(`${base}/desk/new/membership?party=ZZA`);
  assert.equal(await page.inputValue('#party'), 'ZZA');
  await page.selectOption('#organization', 'cis');
  await page.selectOption('#kind', 'observer');
  await page.fill('#from', '2020-01-01');
  await page.fill('#to', '2019-06-30');
  await page.fill('#note', 'by invitation');
  await save(page);
  const err = page.locator('#to-error');
  assert.match(await err.textContent(), /must be after "from"/);
  assert.equal(await page.getAttribute('#to', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#to', 'aria-describedby'), /to-error/);
  assert.equal(await page.inputValue('#note'), 'by invitation');
  assert.equal(await page.inputValue('#from'), '2020-01-01');
  await page.screenshot({ path: join(shots, 'form-membership-error.png'), fullPage: true });
  await page.fill('#to', '2025-06-30');
  await save(page);
  assert.match(await page.locator('.notice.ok').textContent(), /Saved/);
  await page.goto(`${base}/parties/ZZA`);
  assert.match(await page.locator('main').textContent(), /observer/);

  // Retract the membership, then the party, each with a reason.
  await page.goto(`${base}/desk/edit/membership/${encodeURIComponent('cis|ZZA|2020-01-01')}`);
  await page.fill('#reason', 'recorded for a test');
  await save(page, 'Retract');
  assert.match(await page.locator('.notice.ok').textContent(), /Retracted membership cis\|ZZA\|2020-01-01/);
  await page.goto(`${base}/desk/edit/party/ZZA`);
  await page.fill('#reason', 'no such state');
  await save(page, 'Retract');
  assert.match(await page.locator('.notice.ok').textContent(), /Retracted party ZZA/);
  const last = JSON.parse(cli('journal', '--reverse', '--limit', '1', '--json')).entries[0];
  assert.equal(last.op, 'retract');
  assert.equal(last.reason, 'no such state');
  const gone = await fetch(`${base}/api/v1/parties/ZZA`);
  assert.equal(gone.status, 404);
  await context.close();
});

test('the action form at 1280 and 360 px', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, '/desk/new/action');
  await page.selectOption('#document', 'cis-agreement-1991');
  await page.selectOption('#party', 'ARM');
  await page.selectOption('#type', 'declaration');
  await page.fill('#date', '2027-01-05');
  await page.fill('#text', 'Armenia declares.');
  await save(page);
  // A date after today: the consistency check's message beside the date.
  assert.match(await page.locator('#date-error').textContent(), /after today/);
  assert.equal(await page.inputValue('#text'), 'Armenia declares.');
  await page.screenshot({ path: join(docShots, 'form-action-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: join(docShots, 'form-action-360.png'), fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 362));
  await context.close();
});
