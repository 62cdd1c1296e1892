// Browser tests of the desk's forms (issue 15, docs/desk.md): sign in, create a
// party and a membership through the forms, a wrong date shows its message beside
// the field, edit, retract; screenshots of the party and action forms at 1280 and
// 360 px to docs/screenshots/form-{kind}-{1280,360}.png, others to
// tests/artifacts/screenshots/. "Today" is 2026-12-04 (PACTA_TODAY).
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, docShots, registry } from './lib.mjs';

const reg = registry({
  prefix: 'pacta-browser-',
  serveEnv: { PACTA_TODAY: '2026-12-04' },
  tokens: {
    depositary: ['--role', 'depositary', '--name', 'secretariat'],
    armDelegate: ['--role', 'delegate', '--party', 'ARM', '--name', 'arm-mfa'],
  },
});
const { cli } = reg;
let base, browser, depositary, armDelegate;

before(async () => {
  ({ base, browser } = await reg.start());
  ({ depositary, armDelegate } = reg.tokens);
});

after(() => reg.stop());

const signIn = (page, next) => reg.signIn(page, next, depositary);

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
