// The API contract (docs/api.md): every GET route's real answer on the sample
// registry validates against its response schema in docs/openapi.json (Ajv,
// JSON Schema 2020-12, the dialect of OpenAPI 3.1, with the formats of
// ajv-formats), and so do some writes and some errors. Every record of every
// collection is read one by one, every page of every list whole. "Today" is
// 2026-12-04 (PACTA_TODAY).
//
//   PACTA=build/pacta node --test tests/openapi/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const pacta = resolve(process.env.PACTA || join(here, '../../build/pacta'));
const doc = JSON.parse(readFileSync(join(here, '../../docs/openapi.json'), 'utf8'));
const env = { ...process.env, PACTA_TODAY: '2026-12-04' };
const SECTION = {
  party: 'parties', organization: 'organizations', body: 'bodies', membership: 'memberships',
  chairmanship: 'chairmanships', document: 'documents', session: 'sessions', action: 'actions',
  commitment: 'commitments', assessment: 'assessments', submission: 'submissions',
};

const NAME = (kind) => kind[0].toUpperCase() + kind.slice(1);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new Map();

// The schema of an operation's answer, with the document's components beside
// it so that its "#/components/schemas/..." resolve.
function validator(path, method, status, type = 'application/json') {
  const key = `${method} ${path} ${status} ${type}`;
  if (!compiled.has(key)) {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path} is not in docs/openapi.json`);
    const resp = op.responses[String(status)];
    assert.ok(resp, `${method} ${path}: answer ${status} is not documented`);
    const schema = resp.content?.[type]?.schema;
    assert.ok(schema, `${method} ${path} ${status}: no schema for ${type}`);
    compiled.set(key, ajv.compile({ ...schema, components: doc.components }));
  }
  return compiled.get(key);
}

let dir, db, server, base, depositary, uzb;
const seen = new Set(); // the GET operations answered
let nChecked = 0;

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

// The schema components.schemas[name] alone: what an answer of one kind
// fails, where the document's "anyOf" of every kind would list every branch.
function component(name) {
  const key = `component ${name}`;
  if (!compiled.has(key)) {
    compiled.set(key, ajv.compile({ $ref: `#/components/schemas/${name}`, components: doc.components }));
  }
  return compiled.get(key);
}

// Call `url`, check the status is `want` and the answer fits the schema of
// (path, method, status); `as` names the component it is (for the message).
async function check(path, url, { method = 'get', want = 200, token, body, as } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(base + url, {
    method: method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.equal(r.status, want, `${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  const type = (r.headers.get('content-type') || '').split(';')[0];
  const value = type === 'application/json' ? JSON.parse(text) : text;
  const validate = validator(path, method, r.status, type);
  if (!validate(value)) {
    const specific = as && component(as);
    const errors = specific && !specific(value) ? specific.errors : validate.errors;
    assert.fail(`${method} ${url} (${r.status}) does not fit its schema:\n` +
      errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('\n'));
  }
  if (method === 'get' && r.status < 300) seen.add(path);
  nChecked++;
  return value;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pacta-openapi-'));
  db = join(dir, 'r.db');
  cli('init', '--sample');
  const token = (...a) => JSON.parse(cli('token', 'create', ...a, '--json')).token;
  depositary = token('--role', 'depositary', '--name', 'secretariat');
  uzb = token('--role', 'delegate', '--party', 'UZB', '--name', 'uzb-mfa');
  cli('key', 'generate', 'depositary.example/treaties', '--out', join(dir, 'dep'));
  cli('log', 'checkpoint', '--key', join(dir, 'dep.key'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(pacta, ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet'],
    { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/v1/checks`)).ok) return;
    } catch { /* not yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('pacta serve did not start');
});

after(async () => {
  if (server) {
    const exited = new Promise((ok) => server.on('exit', ok));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

test('the writes answer what the document says', async () => {
  // A delegate's submission (202), one accepted and one rejected by the depositary.
  const action = (date, type = 'declaration') => ({
    document: 'csto-charter', party: 'UZB', type, instrument_date: date,
    text: 'contract test',
  });
  const sub = await check('/api/v1/{collection}', '/api/v1/actions',
    { method: 'post', want: 202, token: uzb, body: action('2026-11-02') });
  await check('/api/v1/submissions/{id}/accept', `/api/v1/submissions/${sub.id}/accept`,
    { method: 'post', token: depositary, body: {} });
  const sub2 = await check('/api/v1/load', '/api/v1/load',
    { method: 'post', want: 202, token: uzb, body: { pacta: 1, actions: [action('2026-11-05', 'reservation')] } });
  await check('/api/v1/submissions/{id}/reject', `/api/v1/submissions/${sub2.id}/reject`,
    { method: 'post', token: depositary, body: { reason: 'a test' } });
  // The depositary writes and retracts a record.
  const party = { code: 'XTS', kind: 'state', name: { en: 'Testland' } };
  await check('/api/v1/{collection}', '/api/v1/parties',
    { method: 'post', want: 201, token: depositary, body: party });
  await check('/api/v1/{collection}/{key}', '/api/v1/parties/XTS',
    { method: 'delete', token: depositary });
  // Errors.
  await check('/api/v1/{collection}', '/api/v1/parties',
    { method: 'post', want: 400, token: depositary, body: { code: 'x' } });
  await check('/api/v1/{collection}', '/api/v1/parties', { method: 'post', want: 401, body: party });
  await check('/api/v1/{collection}', '/api/v1/nothing', { want: 404 });
  await check('/api/v1/submissions', '/api/v1/submissions', { want: 401 });
  await check('/api/v1/organizations/{id}/members', '/api/v1/organizations/cis/members?on=2023-02-30',
    { want: 400 });
  await check('/api/v1/log/proof/inclusion', '/api/v1/log/proof/inclusion', { want: 400 });
});

test('every GET route answers what the document says', async () => {
  await check('/api/v1/openapi.json', '/api/v1/openapi.json');
  await check('/api/v1/log/checkpoint', '/api/v1/log/checkpoint');
  await check('/api/v1/log/proof/inclusion', '/api/v1/log/proof/inclusion?index=1');
  await check('/api/v1/log/proof/consistency', '/api/v1/log/proof/consistency?from=3');
  await check('/api/v1/checks', '/api/v1/checks');
  const whole = await check('/api/v1/export', '/api/v1/export');
  assert.equal(whole.pacta, 1);
  assert.ok(whole.documents.length > 10);
  for (const q of ['customs', 'minsk', 'belarus', 'security', 'kyrgyzstan&kind=session']) {
    await check('/api/v1/search', `/api/v1/search?q=${q}`);
  }
  await check('/api/v1/submissions', '/api/v1/submissions', { token: depositary });
  await check('/api/v1/submissions', '/api/v1/submissions?status=pending', { token: uzb });
  const journal = await check('/api/v1/journal', '/api/v1/journal?limit=1000');
  assert.ok(journal.entries.length > 100);
  // Every collection whole, and each of its records one by one.
  for (const section of Object.values(SECTION).filter((s) => s !== 'submissions')) {
    const kind = Object.keys(SECTION).find((k) => SECTION[k] === section);
    const list = await check('/api/v1/{collection}', `/api/v1/${section}?limit=10000`,
      { as: `${NAME(kind)}List` });
    assert.equal(list[section].length, list.total, section);
  }
  const live = new Map();
  for (const e of journal.entries) {
    if (e.op === 'put') live.set(`${e.kind}\t${e.key}`, e);
    else live.delete(`${e.kind}\t${e.key}`);
  }
  for (const e of live.values()) {
    const key = encodeURIComponent(e.key);
    if (e.kind === 'submission') {
      await check('/api/v1/submissions/{id}', `/api/v1/submissions/${key}`, { token: depositary });
    } else {
      await check('/api/v1/{collection}/{key}', `/api/v1/${SECTION[e.kind]}/${key}`,
        { as: e.kind === 'party' ? 'PartyProfile' : NAME(e.kind) });
    }
    if (e.kind === 'organization') {
      const o = `/api/v1/organizations/${key}`;
      await check('/api/v1/organizations/{id}/members', `${o}/members`);
      await check('/api/v1/organizations/{id}/members', `${o}/members?on=2000-01-01`);
      await check('/api/v1/organizations/{id}/compliance', `${o}/compliance`);
      await check('/api/v1/organizations/{id}/compliance',
        `${o}/compliance?from=2021-01-01&to=2021-12-31&previous_from=2020-01-01&previous_to=2020-12-31`);
      const chair = await fetch(`${base}${o}/chair`);
      if (chair.status === 200) {
        await check('/api/v1/organizations/{id}/chair', `${o}/chair`);
        for (const y of [2014, 2020, 2027]) {
          await check('/api/v1/organizations/{id}/chair', `${o}/chair?year=${y}`);
        }
      }
    }
    if (e.kind === 'document') {
      await check('/api/v1/documents/{id}/status', `/api/v1/documents/${key}/status`);
      await check('/api/v1/documents/{id}/status', `/api/v1/documents/${key}/status?on=2000-01-01`);
    }
    if (e.kind === 'commitment') {
      await check('/api/v1/commitments/{id}/assessments', `/api/v1/commitments/${key}/assessments`);
    }
  }
  // Every GET operation of the document was answered at least once.
  const gets = Object.keys(doc.paths).filter((p) => doc.paths[p].get);
  assert.deepEqual(gets.filter((p) => !seen.has(p)), [], 'GET routes never answered');
  assert.ok(nChecked > 250, `only ${nChecked} answers checked`);
});

test('the schemas refuse what the validator refuses', () => {
  const party = component('Party');
  assert.ok(party({ code: 'ARM', kind: 'state', name: { en: 'Armenia' } }));
  assert.ok(!party({ code: 'arm', kind: 'state', name: { en: 'Armenia' } }), 'a code');
  assert.ok(!party({ code: 'ARM', kind: 'country', name: { en: 'Armenia' } }), 'an enum');
  assert.ok(!party({ code: 'ARM', kind: 'state' }), 'a required field');
  assert.ok(!party({ code: 'ARM', kind: 'state', name: { en: 'A' }, extra: 1 }), 'an unknown key');
  assert.ok(!party({ code: 'ARM', kind: 'state', name: { english: 'A' } }), 'a language');
  const membership = component('Membership');
  const m = { organization: 'cis', party: 'ARM', kind: 'member', from: '1994-03-16' };
  assert.ok(membership({ ...m, to: null }));
  assert.ok(!membership({ ...m, from: '2023-02-30' }), 'a real date');
  assert.ok(!membership({ ...m, from: null }), 'null where the table has no NUL');
  assert.ok(!component('Error')({ error: { code: 'x' } }));
});
