// Browser tests of the desk's forms for the other kinds (issue 15, docs/desk.md):
// organization, body, action, chairmanship, commitment and assessment, each walked
// as the depositary keeps it: sign in, create, see it on its page, edit, see the
// change, a wrong value shown beside its field with everything typed kept, retract
// with a reason. Then a delegate's walk: Uzbekistan's delegate sees only the forms
// it may use, submits a ratification through /desk/new/action, signs out; the
// depositary signs in, accepts it on /desk, and the document's page shows Uzbekistan
// in force. "Today" is 2026-12-04 (PACTA_TODAY).
//
// Screenshots of the organization, body, membership, chairmanship, commitment and
// assessment forms at 1280 and 360 px go to docs/screenshots/form-{kind}-{1280,360}.png
// with PACTA_DOC_SHOTS=1, else to tests/artifacts/screenshots/ (the action form's docs/
// shots are forms.test.mjs's: this file's are tests/artifacts/.../kinds-action-*.png).
// Each page that shows a record is read to see it there: organization and chairmanship on
// /organizations/ID, body on /bodies/ID, action on /documents/DOC, commitment and
// assessment on /commitments/ID; the JSON API only confirms what a page does not show
// (an assessment's score and status, a retracted record's 404).
//
//   PACTA=build/pacta node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { shots, docShots, registry } from './lib.mjs';

const reg = registry({
  prefix: 'pacta-kinds-',
  env: { PACTA_TODAY: '2026-12-04' },
  makeDocShots: true,
  tokens: {
    depositary: ['--role', 'depositary', '--name', 'secretariat'],
    uzb: ['--role', 'delegate', '--party', 'UZB', '--name', 'uzb-mfa'],
  },
});
const { cli, journalLast } = reg;
let base, browser, depositary, uzb;

before(async () => {
  ({ base, browser } = await reg.start());
  ({ depositary, uzb } = reg.tokens);
});

after(() => reg.stop());

async function api(section, key) {
  const r = await fetch(`${base}/api/v1/${section}/${encodeURIComponent(key)}`);
  return { status: r.status, body: r.status === 200 ? await r.json() : null };
}

// A page at this width, signed in with the token: the address asks to sign in first, and
// comes back to it.
const signedIn = (width, path, token = depositary) => reg.signedIn(width, path, token);

// Press a submit button (by its exact name) and wait for the page it brings.
async function press(page, name) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  return resp.status();
}

// Press a submit button that must not save: the status it answered.
async function pressRefused(page, name) {
  const status = await press(page, name);
  assert.ok(status >= 400, `${status}: ${await page.locator('.notice').first().innerText()}`);
  return status;
}

// Follow a link and wait for its page.
async function follow(page, locator) {
  const [resp] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return resp.status();
}

const main = (page) => page.locator('main').innerText();

// The form at 1280 and at 360 px (form-KIND-{1280,360}.png): nothing scrolls sideways on a
// phone.
async function shoot(page, kind, folder = docShots, name = `form-${kind}`) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.screenshot({ path: join(folder, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 2, `the ${kind} form is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(folder, `${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

// The form was not saved: the message beside the field, the field marked and described by
// it, every value in `kept` still in its field, nothing written.
async function refusedBeside(page, field, words, kept, seqBefore) {
  assert.equal(await page.locator('.notice.ok').count(), 0, 'the wrong value was saved');
  assert.match(await page.locator('.notice').first().innerText(), /Nothing was recorded/);
  const error = page.locator(`#${field}-error`);
  assert.ok(await error.isVisible(), `no message beside #${field}`);
  assert.match(await error.innerText(), words);
  assert.equal(await page.getAttribute(`#${field}`, 'aria-invalid'), 'true');
  assert.match(await page.getAttribute(`#${field}`, 'aria-describedby'), new RegExp(`${field}-error`));
  for (const [id, value] of Object.entries(kept))
    assert.equal(await page.inputValue(`#${id}`), value, `#${id} lost what was typed`);
  assert.equal(await journalLast(), seqBefore, 'a refused form wrote to the journal');
}

// Saved: the notice, and its link to the record's page.
async function saved(page, pagePath) {
  const notice = await page.locator('.notice.ok').innerText();
  assert.match(notice, /Saved as journal entry \d+/, notice);
  if (pagePath) assert.equal(await page.getAttribute('.notice.ok a:text("Its page")', 'href'), pagePath);
}

// Retract from the bottom of the edit form: a reason is required, then it is gone.
async function retract(page, kind, key, section) {
  await page.goto(`${base}/desk/edit/${kind}/${encodeURIComponent(key)}`);
  const seq = await journalLast();
  await page.fill('#reason', '   ');
  // The browser holds back an empty reason (required); a blank one the server refuses.
  assert.equal(await press(page, 'Retract'), 400);
  assert.match(await page.locator('#reason-error').innerText(), /A reason is needed/);
  assert.equal(await journalLast(), seq);
  await page.fill('#reason', `recorded for a browser test (${kind})`);
  assert.equal(await press(page, 'Retract'), 200);
  assert.match(await page.locator('.notice.ok').innerText(), new RegExp(`Retracted .* ${key.replace(/\|/g, '\\|')} as journal entry`));
  const last = JSON.parse(cli('journal', '--reverse', '--limit', '1', '--json')).entries[0];
  assert.deepEqual([last.op, last.kind, last.key, last.actor, last.reason],
    ['retract', kind, key, 'secretariat', `recorded for a browser test (${kind})`]);
  assert.equal((await api(section, key)).status, 404);
}

test('an organization: created, on its page, edited, a wrong value beside its field, retracted', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk/new/organization');
  assert.equal(await page.locator('h1').innerText(), 'New organization');
  await page.fill('#id', 'SCO');
  await page.fill('#name_en', 'Shanghai Cooperation Organisation');
  await page.fill('#name_ru', 'Шанхайская организация сотрудничества');
  await page.fill('#founded', '2001-06-15');
  await page.fill('#depositary', 'SCO Secretariat');
  await page.fill('#aliases_en', 'SCO');
  await page.fill('#aliases_ru', 'ШОС');
  await page.fill('#sources', 'Charter of the Shanghai Cooperation Organisation | sco-charter | 2002-06-07');
  // A wrong identifier (capitals) on the new form: beside the field, the rest kept.
  let seq = await journalLast();
  await pressRefused(page, 'Save');
  await refusedBeside(page, 'id', /expected an id \(lower-case letters/, {
    id: 'SCO', name_ru: 'Шанхайская организация сотрудничества', founded: '2001-06-15',
    depositary: 'SCO Secretariat', aliases_ru: 'ШОС',
    sources: 'Charter of the Shanghai Cooperation Organisation | sco-charter | 2002-06-07',
  }, seq);
  await shoot(page, 'organization');
  await page.fill('#id', 'sco');
  assert.equal(await press(page, 'Save'), 201);
  await saved(page, '/organizations/sco');

  // Its page.
  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  assert.equal(page.url(), `${base}/organizations/sco`);
  let text = await main(page);
  assert.match(await page.locator('h1').innerText(), /Shanghai Cooperation Organisation/);
  assert.match(text, /Шанхайская организация сотрудничества/);
  assert.match(text, /15 June 2001/);
  assert.match(text, /SCO Secretariat/);

  // Edit, from its page.
  await follow(page, page.locator('a:text("Edit this organization")'));
  assert.equal(await page.inputValue('#depositary'), 'SCO Secretariat');
  assert.equal(await page.getAttribute('#id', 'readonly'), '');
  await page.fill('#depositary', 'SCO Secretariat, Beijing');
  assert.equal(await press(page, 'Save the changes'), 201);
  await saved(page, '/organizations/sco');
  await page.goto(`${base}/organizations/sco`);
  assert.match(await main(page), /SCO Secretariat, Beijing/);

  // The name left out on an edit (both languages): beside the name, the other fields kept.
  await page.goto(`${base}/desk/edit/organization/sco`);
  await page.fill('#name_en', '');
  await page.fill('#name_ru', '');
  await page.fill('#founded', '2001-06-16');
  seq = await journalLast();
  await pressRefused(page, 'Save the changes');
  await refusedBeside(page, 'name_en', /required: fill it in/, {
    name_en: '', name_ru: '', founded: '2001-06-16', aliases_ru: 'ШОС',
    depositary: 'SCO Secretariat, Beijing',
  }, seq);
  assert.equal((await api('organizations', 'sco')).body.founded, '2001-06-15');

  await retract(page, 'organization', 'sco', 'organizations');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a body: created, on its page, edited, a wrong value beside its field, retracted', async () => {
  const { context, page, errors } = await signedIn(1280, '/organizations/csto');
  // From the organization's page: "a new body", the organization filled.
  await follow(page, page.locator('a:text("a new body")'));
  assert.equal(page.url(), `${base}/desk/new/body?organization=csto`);
  assert.equal(await page.inputValue('#organization'), 'csto');
  await page.fill('#id', 'csto-pa');
  await page.fill('#name_en', 'Parliamentary Assembly');
  await page.fill('#name_ru', 'Парламентская ассамблея');
  await page.selectOption('#level', 'officials');
  await page.fill('#aliases_en', 'CSTO PA');
  await page.fill('#sources', 'Regulations of the CSTO Parliamentary Assembly | pa-2006 | 2006-11-16');
  await shoot(page, 'body');
  assert.equal(await press(page, 'Save'), 201);
  await saved(page, '/bodies/csto-pa');

  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  let text = await main(page);
  assert.match(await page.locator('h1').innerText(), /Parliamentary Assembly/);
  assert.match(text, /Collective Security Treaty Organization/);
  assert.match(text, /Level\s+officials/);

  // Edit, from its page.
  await follow(page, page.locator('a:text("Edit this body")'));
  assert.equal(await page.inputValue('#level'), 'officials');
  await page.selectOption('#level', 'heads_of_government');
  await page.fill('#name_en', 'Parliamentary Assembly of the CSTO');
  assert.equal(await press(page, 'Save the changes'), 201);
  await page.goto(`${base}/bodies/csto-pa`);
  text = await main(page);
  assert.match(await page.locator('h1').innerText(), /Parliamentary Assembly of the CSTO/);
  assert.match(text, /Level\s+heads of government/);

  // No organization chosen: beside the organization, the rest kept.
  await page.goto(`${base}/desk/edit/body/csto-pa`);
  await page.selectOption('#organization', '');
  await page.fill('#name_ru', 'Парламентская ассамблея ОДКБ');
  const seq = await journalLast();
  await pressRefused(page, 'Save the changes');
  await refusedBeside(page, 'organization', /required: fill it in/, {
    organization: '', name_en: 'Parliamentary Assembly of the CSTO',
    name_ru: 'Парламентская ассамблея ОДКБ', level: 'heads_of_government',
    aliases_en: 'CSTO PA',
  }, seq);

  await retract(page, 'body', 'csto-pa', 'bodies');
  assert.deepEqual(errors, []);
  await context.close();
});

// The membership's walk is forms.test.mjs's; here its form for docs/, opened from an address
// with a field in its query (?party=UZB), which signing in first keeps.
test('the membership form at 1280 and 360 px, a wrong date beside its field', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk/new/membership?party=UZB');
  assert.equal(await page.inputValue('#party'), 'UZB');
  await page.selectOption('#organization', 'eaeu');
  await page.selectOption('#kind', 'observer');
  await page.fill('#from', '2020-12-11');
  await page.fill('#to', '2020-01-01');
  await page.fill('#note', 'Observer status granted by the Supreme Eurasian Economic Council');
  await page.fill('#sources', 'Decision of the Supreme Council No. 19 | sec-2020-19 | 2020-12-11');
  const seq = await journalLast();
  await pressRefused(page, 'Save');
  await refusedBeside(page, 'to', /must be after "from"/, {
    from: '2020-12-11', to: '2020-01-01',
    note: 'Observer status granted by the Supreme Eurasian Economic Council',
  }, seq);
  await shoot(page, 'membership');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an action: recorded, on its document\'s page, edited, a wrong value beside its field, retracted', async () => {
  const key = 'csto-charter|ARM|declaration|2026-03-02';
  const { context, page, errors } = await signedIn(1280, '/desk/new/action');
  await page.selectOption('#document', 'csto-charter');
  await page.selectOption('#party', 'ARM');
  await page.selectOption('#type', 'declaration');
  await page.fill('#date', '2026-03-02');
  await page.fill('#text', 'Armenia declares that it will apply the Charter in accordance with its Constitution.');
  await page.fill('#note', 'received by note verbale');
  await shoot(page, 'action', shots, 'kinds-action'); // docs/'s are forms.test.mjs's
  assert.equal(await press(page, 'Save'), 201);
  await saved(page, '/documents/csto-charter');

  // The document's page: its declarations and its list of actions.
  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  let text = await main(page);
  assert.match(text, /Armenia declares that it will apply the Charter/);
  assert.match(text, /received by note verbale/);

  // Edit: the key (document, party, type, date) read-only, the note changed.
  await page.goto(`${base}/desk/edit/action/${encodeURIComponent(key)}`);
  assert.equal(await page.getAttribute('#date', 'readonly'), '');
  assert.equal(await page.inputValue('#note'), 'received by note verbale');
  await page.fill('#note', 'received by note verbale No. 12/345');
  assert.equal(await press(page, 'Save the changes'), 201);
  await page.goto(`${base}/documents/csto-charter`);
  assert.match(await main(page), /received by note verbale No\. 12\/345/);

  // An "effective" date on a declaration: beside it, the text and note kept.
  await page.goto(`${base}/desk/edit/action/${encodeURIComponent(key)}`);
  await page.fill('#effective', '2026-04-01');
  await page.fill('#text', 'Armenia declares, amended.');
  const seq = await journalLast();
  await pressRefused(page, 'Save the changes');
  await refusedBeside(page, 'effective', /only a withdrawal/, {
    effective: '2026-04-01', text: 'Armenia declares, amended.',
    note: 'received by note verbale No. 12/345',
  }, seq);

  await retract(page, 'action', key, 'actions');
  await page.goto(`${base}/documents/csto-charter`);
  assert.doesNotMatch(await main(page), /Armenia declares that it will apply the Charter/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rule of the chair: chairs recorded and turns declined, on the organization\'s page, a wrong year beside its field, retracted', async () => {
  // The Union State has no rule of the chair yet: its page's link opens a new one.
  const { context, page, errors } = await signedIn(1280, '/organizations/union-state');
  assert.match(await main(page), /No chairmanship rule is recorded/);
  assert.equal(await follow(page, page.locator('a:text("a rule of the chair")')), 200);
  assert.equal(page.url(), `${base}/desk/new/chairmanship?organization=union-state`);
  assert.equal(await page.inputValue('#organization'), 'union-state');
  await page.selectOption('#term', 'calendar_year');
  await page.selectOption('#order_mode', 'explicit');
  await page.fill('#order_list', 'BLR\nRUS');
  await page.check('#eligible_founding');
  await page.selectOption('#co_chairs', 'none');
  await page.fill('#recorded_year_0', '2024');
  await page.selectOption('#recorded_party_0', 'BLR');
  await page.fill('#recorded_note_0', 'Supreme State Council, Minsk');
  await page.fill('#recorded_year_1', '2025');
  await page.selectOption('#recorded_party_1', 'RUS');
  await page.fill('#recorded_note_1', 'Supreme State Council, Moscow');
  await page.fill('#note', 'Turns by the Treaty on the Creation of the Union State, art. 34');
  await shoot(page, 'chairmanship');
  assert.equal(await press(page, 'Save'), 201, await page.locator('.notice').first().innerText());
  await saved(page, '/organizations/union-state');

  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  let chair = await page.getByRole('table', { name: /^Chair, expected chair/ }).innerText();
  assert.match(chair, /2024\tBelarus BLR\trecorded/);
  assert.match(chair, /2025\tRussia RUS\trecorded/);
  assert.match(chair, /Supreme State Council, Moscow/);

  // Edit: a third chair, Russia again in 2026, which the rotation does not expect (Belarus's
  // turn): a warning, the fields kept, and "Save anyway".
  await follow(page, page.locator('a:text("its rule of the chair")'));
  assert.equal(page.url(), `${base}/desk/edit/chairmanship/union-state`);
  assert.equal(await page.inputValue('#recorded_party_1'), 'RUS');
  assert.ok(await page.isChecked('#eligible_founding'));
  assert.equal(await page.locator('#recorded .row').count(), 4); // the two rows, two empty ones
  await page.fill('#recorded_year_2', '2026');
  await page.selectOption('#recorded_party_2', 'RUS');
  let seq = await journalLast();
  assert.equal(await press(page, 'Save the changes'), 200);
  const warning = await page.locator('.notice.warn').innerText();
  assert.match(warning, /Not saved yet/);
  assert.match(warning, /RUS is recorded as chair for 2026; the rotation expects BLR/);
  assert.match(warning, /chair\.outside_rotation/);
  assert.equal(await page.getAttribute('.notice.warn li a', 'href'), '#recorded'); // the fieldset
  assert.equal(await page.inputValue('#recorded_year_2'), '2026');
  assert.equal(await journalLast(), seq);
  assert.equal(await press(page, 'Save anyway'), 201);
  await saved(page, '/organizations/union-state');
  await page.goto(`${base}/organizations/union-state`);
  chair = await page.getByRole('table', { name: /^Chair, expected chair/ }).innerText();
  assert.match(chair, /2026 \(this year\)\tRussia RUS\s+\u26a0 breaks the rotation rule\s+recorded\tBelarus BLR/);

  // Edit again: Belarus declined its turn, so Russia's chair is the one expected.
  await follow(page, page.locator('a:text("its rule of the chair")'));
  assert.equal(await page.inputValue('#recorded_party_2'), 'RUS');
  await page.fill('#declined_year_0', '2026');
  await page.selectOption('#declined_party_0', 'BLR');
  await page.fill('#declined_note_0', 'Belarus gave its turn to Russia');
  assert.equal(await press(page, 'Save the changes'), 201, await page.locator('.notice').first().innerText());
  await page.goto(`${base}/organizations/union-state`);
  chair = await page.getByRole('table', { name: /^Chair, expected chair/ }).innerText();
  assert.match(chair, /2026 \(this year\)\tRussia RUS\trecorded\tRussia RUS/);
  assert.match(chair, /BLR declined its turn: Belarus gave its turn to Russia/);
  const rule = (await api('chairmanships', 'union-state')).body;
  assert.deepEqual(rule.declined, [{ year: 2026, party: 'BLR', note: 'Belarus gave its turn to Russia' }]);
  assert.equal(rule.recorded.length, 3);

  // A year that is not one: beside that row's year, every row kept.
  await page.goto(`${base}/desk/edit/chairmanship/union-state`);
  await page.fill('#recorded_year_3', 'next year');
  await page.selectOption('#recorded_party_3', 'BLR');
  await page.fill('#recorded_note_3', 'to be confirmed');
  await page.fill('#note', 'Turns by the Treaty, art. 34; see the Supreme State Council');
  seq = await journalLast();
  await pressRefused(page, 'Save the changes');
  await refusedBeside(page, 'recorded_year_3', /expected a year/, {
    recorded_year_3: 'next year', recorded_party_3: 'BLR', recorded_note_3: 'to be confirmed',
    recorded_year_0: '2024', recorded_party_0: 'BLR', declined_year_0: '2026',
    declined_note_0: 'Belarus gave its turn to Russia', order_list: 'BLR\nRUS',
    note: 'Turns by the Treaty, art. 34; see the Supreme State Council',
  }, seq);
  assert.ok(await page.isChecked('#eligible_founding'));

  await retract(page, 'chairmanship', 'union-state', 'chairmanships');
  await page.goto(`${base}/organizations/union-state`);
  assert.match(await main(page), /No chairmanship rule is recorded/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a commitment and its assessment: created, on the commitment\'s page, edited, wrong values beside their fields, retracted', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk/new/commitment');
  await page.fill('#id', 'csto-2026-infosec');
  await page.selectOption('#organization', 'csto');
  await page.selectOption('#source_session', 'csto-cfm-2023-06-20');
  await page.fill('#source_paragraph', '4');
  await page.fill('#text_en', 'Member states to exchange information on cyber incidents within 24 hours');
  await page.fill('#text_ru', 'Государства-члены обмениваются информацией о киберинцидентах в течение 24 часов');
  await page.fill('#addressees_parties', 'ARM\nKAZ\nZZZ');
  await page.selectOption('#addressees_body', 'csto-cfm');
  await page.fill('#deadline', '2027-06-30');
  await page.fill('#category', 'security');
  // A party that is not recorded among the addressees: beside the field, the rest kept.
  let seq = await journalLast();
  await pressRefused(page, 'Save');
  await refusedBeside(page, 'addressees_parties', /unknown party "ZZZ"/, {
    id: 'csto-2026-infosec', addressees_parties: 'ARM\nKAZ\nZZZ', deadline: '2027-06-30',
    category: 'security', source_paragraph: '4', source_session: 'csto-cfm-2023-06-20',
    text_ru: 'Государства-члены обмениваются информацией о киберинцидентах в течение 24 часов',
  }, seq);
  await shoot(page, 'commitment');
  await page.fill('#addressees_parties', 'ARM\nKAZ');
  assert.equal(await press(page, 'Save'), 201);
  await saved(page, '/commitments/csto-2026-infosec');

  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  let text = await main(page);
  assert.match(text, /exchange information on cyber incidents/);
  assert.match(text, /Deadline\s+30 June 2027/);
  assert.match(text, /Category\s+security/);
  assert.match(text, /Armenia/);

  // Edit: the deadline and category.
  await page.goto(`${base}/desk/edit/commitment/csto-2026-infosec`);
  assert.equal(await page.inputValue('#addressees_parties'), 'ARM\nKAZ');
  await page.fill('#deadline', '2027-03-31');
  await page.fill('#category', 'information security');
  assert.equal(await press(page, 'Save the changes'), 201);
  await page.goto(`${base}/commitments/csto-2026-infosec`);
  text = await main(page);
  assert.match(text, /Deadline\s+31 March 2027/);
  assert.match(text, /Category\s+information security/);

  // An assessment of Kazakhstan's, from its own form.
  await page.goto(`${base}/desk/new/assessment`);
  await page.selectOption('#commitment', 'csto-2026-infosec');
  await page.selectOption('#party', 'KAZ');
  await page.selectOption('#score', '1');
  await page.fill('#date', '2027-01-15');
  await page.selectOption('#status', 'preliminary');
  await page.fill('#evidence', 'National CERT reports forwarded to the CSTO Secretariat');
  await page.fill('#assessor', 'CSTO Secretariat');
  // Dated after today: beside the date, the rest kept.
  seq = await journalLast();
  await pressRefused(page, 'Save');
  await refusedBeside(page, 'date', /2027-01-15 is after today \(2026-12-04\)/, {
    commitment: 'csto-2026-infosec', party: 'KAZ', score: '1', date: '2027-01-15',
    status: 'preliminary', evidence: 'National CERT reports forwarded to the CSTO Secretariat',
    assessor: 'CSTO Secretariat',
  }, seq);
  await shoot(page, 'assessment');
  await page.fill('#date', '2026-11-15');
  assert.equal(await press(page, 'Save'), 201);
  await saved(page, '/commitments/csto-2026-infosec');
  await follow(page, page.locator('.notice.ok a:text("Its page")'));
  text = await main(page);
  assert.match(text, /National CERT reports forwarded/);
  assert.match(text, /Kazakhstan/);

  // Edit the assessment: reviewed, partly done.
  const key = 'csto-2026-infosec|KAZ|2026-11-15';
  await page.goto(`${base}/desk/edit/assessment/${encodeURIComponent(key)}`);
  assert.equal(await page.inputValue('#score'), '1');
  await page.selectOption('#score', '0');
  await page.selectOption('#status', 'reviewed');
  await page.fill('#evidence', 'Reports forwarded for two incidents of three');
  assert.equal(await press(page, 'Save the changes'), 201);
  await page.goto(`${base}/commitments/csto-2026-infosec`);
  text = await main(page);
  assert.match(text, /Reports forwarded for two incidents of three/);
  const a = (await api('assessments', key)).body;
  assert.deepEqual([a.score, a.status], [0, 'reviewed']);

  // While the assessment refers to it, the commitment does not retract.
  await page.goto(`${base}/desk/edit/commitment/csto-2026-infosec`);
  seq = await journalLast();
  await page.fill('#reason', 'recorded for a browser test (commitment)');
  assert.equal(await press(page, 'Retract'), 409);
  assert.match(await page.locator('#reason-error').innerText(), /retraction\.referenced/);
  assert.equal(await journalLast(), seq);

  await retract(page, 'assessment', key, 'assessments');
  await retract(page, 'commitment', 'csto-2026-infosec', 'commitments');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a delegate sees only its forms; its ratification waits on the desk until accepted', async () => {
  const { context, page, errors } = await signedIn(1280, '/desk', uzb);
  let text = await main(page);
  assert.match(text, /Your submissions/);
  const forms = await page.$$eval('main a[href^="/desk/new/"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual([...new Set(forms)].sort(), ['/desk/new/action', '/desk/new/assessment']);
  // Another form is the depositary's.
  for (const kind of ['organization', 'body', 'chairmanship', 'commitment']) {
    const r = await page.goto(`${base}/desk/new/${kind}`);
    assert.equal(r.status(), 403, kind);
  }

  // The action form: its own party fixed, received today, no signature to choose.
  await page.goto(`${base}/desk`);
  await follow(page, page.locator('main a[href="/desk/new/action"]').first());
  assert.equal(await page.inputValue('#party'), 'UZB');
  assert.equal(await page.getAttribute('#party', 'readonly'), '');
  assert.equal(await page.inputValue('#date'), '2026-12-04');
  assert.equal(await page.locator('#type option[value=signature]').count(), 0);
  assert.equal(await page.locator('#effective').count(), 0);
  await page.selectOption('#document', 'csto-charter');
  await page.selectOption('#type', 'ratification');
  await page.fill('#instrument_date', '2026-11-20');
  await page.fill('#note', 'Law of the Republic of Uzbekistan of 20 November 2026');
  const seq = await journalLast();
  assert.equal(await press(page, 'Submit'), 202);
  assert.match(await page.locator('.notice.ok').innerText(), /Submitted/);
  assert.ok((await journalLast()) > seq, 'the receipt is journaled');
  // Nothing in the record changes yet.
  await page.goto(`${base}/documents/csto-charter`);
  const uzbRow = page.locator('tr', { has: page.locator('a[href="/parties/UZB"]') });
  for (const row of await uzbRow.allInnerTexts()) assert.doesNotMatch(row, /in force/, row);
  await page.goto(`${base}/desk`);
  assert.match(await main(page), /not decided yet/);
  await page.screenshot({ path: join(shots, 'kinds-delegate-desk.png'), fullPage: true });

  // Sign out.
  await follow(page, page.locator('header a:text("Sign out")'));
  await press(page, 'Sign out');
  await page.goto(`${base}/desk`);
  assert.match(page.url(), /\/login\?next=\/desk$/);

  // The depositary signs in, sees it pending and accepts it.
  await page.fill('#token', depositary);
  await Promise.all([page.waitForURL(`${base}/desk`), page.press('#token', 'Enter')]);
  text = await main(page);
  assert.match(text, /1 submission waiting/);
  const pending = page.locator('main form[action$="/accept"]');
  assert.equal(await pending.count(), 1);
  const action = await pending.getAttribute('action');
  const item = page.locator('main article.sub', { has: page.locator('form[action$="/accept"]') });
  assert.match(await item.innerText(), /Uzbekistan|UZB/);
  assert.match(await item.innerText(), /ratification/);
  assert.equal(await follow(page, pending.getByRole('button', { name: 'Accept', exact: true })), 200);
  assert.match(action, /^\/desk\/submissions\/sub-2026-\d+\/accept$/);
  const notice = await page.locator('.notice').first().innerText();
  const m = notice.match(/depositary notification (2026\/\d+), deposited on 4 December 2026/);
  assert.ok(m, notice);
  assert.match(await main(page), /No submission is waiting/);

  // The document's page: Uzbekistan in force.
  await page.goto(`${base}/documents/csto-charter`);
  const row = await uzbRow.first().innerText();
  assert.match(row, /in force/, row);
  assert.match(row, /4 December 2026/, row);
  assert.match(await main(page), new RegExp(m[1].replace('/', '\\/')));
  assert.deepEqual(errors, []);
  await context.close();
});
