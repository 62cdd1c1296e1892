// What the browser tests share: the pacta binary and the screenshot folders, a
// registry (the sample, in a temporary folder) served by `pacta serve` on a free
// port of 127.0.0.1 with its tokens, Debian's chromium, signing in at /login.
//
//   const reg = registry({ prefix: 'pacta-desk-', env: { PACTA_TODAY: '2026-12-04' },
//     tokens: { depositary: ['--role', 'depositary', '--name', 'secretariat'] } });
//   before(() => reg.start());   // then reg.base, reg.browser, reg.tokens.depositary
//   after(() => reg.stop());
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
export const pacta = resolve(process.env.PACTA || join(here, '../../build/pacta'));
export const shots = resolve(here, '../artifacts/screenshots');
// The screenshots docs/ shows are written there only when asked
// (PACTA_DOC_SHOTS=1 node --test tests/browser/), so that a test run leaves
// the tree as it was; otherwise beside the others, in tests/artifacts/.
export const docShots = process.env.PACTA_DOC_SHOTS
  ? resolve(here, '../../docs/screenshots')
  : resolve(here, '../artifacts/screenshots');
export const chromePath = process.env.CHROMIUM || '/usr/bin/chromium';

export function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

export async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('pacta serve did not start');
}

export function launchChromium() {
  return chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A registry for one test file.
//   prefix     the temporary folder's name (mkdtemp)
//   env        variables added to the environment of both `pacta --db` and `pacta serve`
//   serveEnv   variables added to `pacta serve`'s only (after env)
//   tokens     { name: [token create's arguments] }: reg.tokens.name is the token
//   makeDocShots  create the docShots folder too
export function registry({ prefix = 'pacta-browser-', env, serveEnv, tokens = {}, makeDocShots = false } = {}) {
  const cliEnv = env ? { ...process.env, ...env } : undefined;
  const spawnEnv = env || serveEnv ? { ...process.env, ...env, ...serveEnv } : undefined;
  const reg = {
    dir: undefined, db: undefined, server: undefined, base: undefined, browser: undefined,
    tokens: {},

    cli: (...args) => execFileSync(pacta, ['--db', reg.db, ...args],
      cliEnv ? { encoding: 'utf8', env: cliEnv } : { encoding: 'utf8' }),

    journalLast: async () => {
      const r = await fetch(`${reg.base}/api/v1/journal?after=0&limit=1`);
      return (await r.json()).last;
    },

    async start() {
      reg.dir = mkdtempSync(join(tmpdir(), prefix));
      reg.db = join(reg.dir, 'r.db');
      mkdirSync(shots, { recursive: true });
      if (makeDocShots) mkdirSync(docShots, { recursive: true });
      reg.cli('init', '--sample');
      for (const [name, args] of Object.entries(tokens))
        reg.tokens[name] = JSON.parse(reg.cli('token', 'create', ...args, '--json')).token;
      const port = await freePort();
      reg.base = `http://127.0.0.1:${port}`;
      reg.server = spawn(pacta, ['--db', reg.db, 'serve', '--listen', `127.0.0.1:${port}`, '--quiet'],
        spawnEnv ? { stdio: 'inherit', env: spawnEnv } : { stdio: 'inherit' });
      await waitForServer(`${reg.base}/`);
      reg.browser = await launchChromium();
      return reg;
    },

    async stop() {
      if (reg.browser) await reg.browser.close();
      if (reg.server) {
        const exited = new Promise((ok) => reg.server.on('exit', ok));
        reg.server.kill('SIGTERM');
        await exited;
      }
      rmSync(reg.dir, { recursive: true, force: true });
    },

    // A page in a new context at this width, and the errors it shows: the page's own
    // (pageerror), the console's (consoleErrors), failed subresources (failedResponses).
    async openPage(width = 1280, { consoleErrors = true, failedResponses = false } = {}) {
      const context = await reg.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      if (consoleErrors) page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      if (failedResponses) page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') errors.push(`${r.status()} ${r.url()}`); });
      return { context, page, errors };
    },

    // Sign in with the token on the way to path: a /desk address asks to sign in first
    // (the login page's address matches `asked`), another is reached through /login?next=.
    async signIn(page, path, token, asked = /\/login\?next=/) {
      await page.goto(reg.base + path);
      if (path.startsWith('/desk')) assert.match(page.url(), asked);
      else await page.goto(`${reg.base}/login?next=${encodeURIComponent(path)}`);
      await page.fill('#token', token);
      await Promise.all([page.waitForURL(reg.base + path), page.press('#token', 'Enter')]);
    },

    // A page at this width, signed in with the token (only the page's own errors kept).
    async signedIn(width, path, token) {
      const opened = await reg.openPage(width, { consoleErrors: false });
      await reg.signIn(opened.page, path, token);
      return opened;
    },
  };
  return reg;
}
