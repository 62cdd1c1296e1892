// Browser tests of the depositary's session and document forms (issue 15): signed in, a
// session recorded with its attendance through the form and seen on its page, edited, a wrong
// value shown beside its field; the document form's preview of its entry-into-force clause.
// Screenshots of both forms at 1280 and 360 px go to docs/screenshots/form-*.png, the others
// to tests/artifacts/screenshots/.
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, docShots, registry } from './lib.mjs';

const reg = registry({
  prefix: 'pacta-records-',
  env: { PACTA_TODAY: '2026-12-04' },
  tokens: { depositary: ['--role', 'depositary', '--name', 'secretariat'] },
});
let base, browser, depositary;

before(async () => {
  ({ base, browser } = await reg.start());
  ({ depositary } = reg.tokens);
});

after(() => reg.stop());

// A signed-in depositary's page at this width; the form's address asks to sign in first.
const signedIn = (width, path) => reg.signedIn(width, path, depositary);

async function click(page, selector) {
  await Promise.all([page.waitForLoadState('load'), page.waitForEvent('framenavigated'), page.click(selector)]);
}

test('a session recorded with its attendance, seen on its page, edited; a wrong value beside its field', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk/new/session');
  await page.selectOption('#body', 'csto-cfm');
  await page.fill('#date', '2026-11-20');
  await click(page, 'button[value=members]');
  assert.match(await page.locator('#attendance').innerText(), /The members of csto on 20 November 2026 \(7\)/);
  await page.fill('#place', 'Almaty');
  await page.selectOption('#format', 'in_person');
  for (const code of ['ARM', 'KAZ', 'RUS', 'TJK']) {
    await page.selectOption(`#att-${code}-status`, 'present');
    await page.fill(`#att-${code}-role`, 'Minister of Foreign Affairs');
  }
  await page.fill('#att-ARM-by', 'Ararat Mirzoyan');
  await page.fill('#att-RUS-by', 'Sergey Lavrov');
  await page.selectOption('#att-KGZ-status', 'absent');
  await page.selectOption('#att-BLR-status', 'represented');
  await page.fill('#att-BLR-by', 'Igor Nazaruk');
  await page.fill('#att-BLR-role', 'Deputy Minister of Foreign Affairs');
  await page.fill('#next-date', '2027-06-10');
  await page.fill('#next-place', 'Moscow');
  await page.fill('#source-title-0', 'CSTO press release');
  await page.screenshot({ path: join(docShots, 'form-session-1280.png'), fullPage: true });
  await click(page, 'button[value=save]');
  assert.equal(page.url(), `${base}/sessions/csto-cfm-2026-11-20`);
  let text = await page.locator('main').innerText();
  assert.match(text, /Absent: Kyrgyzstan/);
  assert.match(text, /Igor Nazaruk\tDeputy Minister of Foreign Affairs/);
  assert.match(text, /10 June 2027, Moscow/);
  await page.screenshot({ path: join(shots, 'records-session-page.png'), fullPage: true });

  // Edit: prefilled; a wrong number stays beside its field with everything typed kept.
  await click(page, 'a[href="/desk/edit/session/csto-cfm-2026-11-20"]');
  assert.equal(await page.inputValue('#att-BLR-by'), 'Igor Nazaruk');
  await page.check('#adopted-csto-charter');
  await page.fill('#number', 'fifty');
  await page.fill('#place', 'Almaty, Kazakhstan');
  await click(page, 'button[value=save]');
  const error = page.locator('#number-error');
  assert.ok(await error.isVisible());
  assert.match(await error.innerText(), /whole number/);
  assert.equal(await page.getAttribute('#number', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#number', 'aria-describedby'), /number-error/);
  assert.equal(await page.inputValue('#number'), 'fifty');
  assert.equal(await page.inputValue('#place'), 'Almaty, Kazakhstan');
  assert.ok(await page.isChecked('#adopted-csto-charter'));
  await page.screenshot({ path: join(shots, 'records-session-error.png'), fullPage: true });
  await page.fill('#number', '52');
  await click(page, 'button[value=save]');
  assert.equal(page.url(), `${base}/sessions/csto-cfm-2026-11-20`);
  text = await page.locator('main').innerText();
  assert.match(text, /Charter of the Collective Security Treaty Organization/);
  assert.match(text, /Almaty, Kazakhstan/);
  assert.deepEqual(errors, []);
  await context.close();

  // The form on a phone.
  const phone = await signedIn(360, '/desk/new/session');
  await phone.page.goto(`${base}/desk/new/session?body=csto-cfm&date=2026-11-20`);
  await phone.page.screenshot({ path: join(docShots, 'form-session-360.png'), fullPage: true });
  await phone.context.close();
});

test('the document form previews its clause before anything is saved', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk/new/document');
  await page.fill('#id', 'csto-agr-2026-info');
  await page.selectOption('#organization', 'csto');
  await page.selectOption('#type', 'agreement');
  await page.fill('#title-en', 'Agreement on Information Security');
  await page.fill('#adopted-date', '2026-01-15');
  await page.selectOption('#rule', 'threshold');
  await page.fill('#count', '3');
  await page.fill('#delay-days', '30');
  await click(page, 'button[value=preview]');
  assert.match(await page.locator('#preview').innerText(),
    /Not in force on 4 December 2026, because the conditions are not met: 0 consents counted so far, 3 needed\./);
  await click(page, 'button[value=save]');
  assert.equal(page.url(), `${base}/documents/csto-agr-2026-info`);
  for (const [party, date] of [['ARM', '2026-03-02'], ['BLR', '2026-04-10'], ['KAZ', '2026-05-05'], ['RUS', '2026-09-01']]) {
    const r = await fetch(`${base}/api/v1/actions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${depositary}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ document: 'csto-agr-2026-info', party, type: 'ratification', date }),
    });
    assert.ok(r.status < 300, `ratification answered ${r.status}`);
  }
  await page.reload();
  await click(page, 'a[href="/desk/edit/document/csto-agr-2026-info"]');
  assert.match(await page.locator('#preview').innerText(),
    /In force since 4 June 2026 for Armenia, Belarus and Kazakhstan; for Russia from 1 October 2026, because Kazakhstan's ratification of 5 May 2026 was the 3rd consent counted/);
  await page.fill('#later-days', '0');
  await click(page, 'button[value=preview]');
  assert.match(await page.locator('#preview').innerText(),
    /In force since 4 June 2026 for Armenia, Belarus and Kazakhstan; for Russia from 1 September 2026/);
  await page.screenshot({ path: join(docShots, 'form-document-1280.png'), fullPage: true });
  // A wrong value beside its field, the preview withheld until it is corrected.
  await page.fill('#delay-days', 'thirty');
  await click(page, 'button[value=preview]');
  assert.match(await page.locator('#delay-days-error').innerText(), /whole number/);
  assert.equal(await page.inputValue('#delay-days'), 'thirty');
  assert.match(await page.locator('#preview').innerText(), /No preview until/);
  await page.screenshot({ path: join(shots, 'records-document-error.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();

  const phone = await signedIn(360, '/desk/edit/document/csto-agr-2026-info');
  await phone.page.screenshot({ path: join(docShots, 'form-document-360.png'), fullPage: true });
  await phone.context.close();
});
