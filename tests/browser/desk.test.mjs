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
import { join } from 'node:path';
import { shots, docShots, registry } from './lib.mjs';

const TODAY = '2026-12-04';
const reg = registry({
  prefix: 'pacta-desk-',
  env: { PACTA_TODAY: TODAY },
  makeDocShots: true,
  tokens: {
    depositary: ['--role', 'depositary', '--name', 'csto-secretariat'],
    uzb: ['--role', 'delegate', '--party', 'UZB', '--name', 'uzb-mfa'],
    arm: ['--role', 'delegate', '--party', 'ARM', '--name', 'arm-mfa'],
  },
});
const { journalLast } = reg;
let base, browser, depositary, uzb, arm;

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
  ({ base, browser } = await reg.start());
  ({ depositary, uzb, arm } = reg.tokens);
});

after(() => reg.stop());

const openPage = (width = 1280) => reg.openPage(width);

// Sign in from the desk's address: to /login, the token typed, Enter, back at /desk.
const signIn = (page, token) => reg.signIn(page, '/desk', token, /\/login\?next=\/desk$/);

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
  const m = notice.match(/depositary notification (2026\/\d+), deposited on 4 December 2026/);
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
  assert.match(rowText, /4 December 2026/, rowText);
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
