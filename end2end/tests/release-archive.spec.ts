import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, waitForHydration, freePort } from './helpers';

/**
 * The release archive is self-contained (issue 12): unpacked into an empty folder outside the
 * build tree and started from another folder, with a fresh SQLite database, its binary serves
 * pages whose stylesheet and WASM bundles exist, and the pages hydrate (public and private
 * bundles). The hashes of the asset names come from the archive's site root, not from a
 * `hash.txt` beside the binary (there is none in the archive).
 *
 * The archive is `VITRINE_ARCHIVE` (relative to end2end/), by default the debug build's,
 * ../target/package/vitrine-debug.tar.gz, made by `scripts/package.sh --debug` (scripts/test.sh
 * makes it before this run; `scripts/package.sh` makes the release one).
 */

const fromEnv = process.env.VITRINE_ARCHIVE;
const archive = path.resolve(__dirname, '..', fromEnv || '../target/package/vitrine-debug.tar.gz');

test.describe('the release archive', () => {
  test.skip(!fromEnv && !fs.existsSync(archive), `no archive at ${archive}: scripts/package.sh --debug makes it`);

  let work = '';
  let server: ChildProcess | undefined;
  let base = '';
  let log = '';

  test.beforeAll(async () => {
    if (!fs.existsSync(archive)) throw new Error(`VITRINE_ARCHIVE=${fromEnv}: no such file (${archive})`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrine-archive-'));
    const unpacked = path.join(work, 'unpacked');
    const run = path.join(work, 'run');
    fs.mkdirSync(unpacked);
    fs.mkdirSync(run);
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    const [folder] = fs.readdirSync(unpacked);
    const release = path.join(unpacked, folder);
    expect(fs.existsSync(path.join(release, 'hash.txt')), 'no hash.txt beside the binary').toBe(false);
    expect(fs.existsSync(path.join(release, 'site', 'hash.txt'))).toBe(true);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(path.join(release, 'vitrine'), ['serve', '--seed-demo', '--demo-dir', path.join(release, 'demo')], {
      cwd: run,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `sqlite://${path.join(run, 'vitrine.db')}`,
        VITRINE_MEDIA_DIR: path.join(run, 'media'),
        VITRINE_SITE_ROOT: path.join(release, 'site'),
        VITRINE_BIND: `127.0.0.1:${port}`,
        VITRINE_NOW: '2026-11-28T10:00:00+01:00',
        RUST_LOG: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => (log += chunk));
    server.stderr?.on('data', (chunk) => (log += chunk));
    const started = Date.now();
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the unpacked server stopped (${server.exitCode}): ${log}`);
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000) throw new Error(`the unpacked server did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test.afterAll(async () => {
    server?.kill('SIGTERM');
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test('serves styled pages that hydrate, public and private', async ({ page }) => {
    const wasm = page.waitForResponse((response) => /\/pkg\/vitrine\.[^/]+\.wasm$/.test(response.url()));
    await page.goto(`${base}/commerces`);
    const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    expect(stylesheet).toMatch(/^\/pkg\/vitrine\.[A-Za-z0-9_-]+\.css$/);
    const css = await page.request.get(`${base}${stylesheet}`);
    expect(css.status()).toBe(200);
    expect(css.headers()['content-type']).toContain('text/css');
    // The stylesheet applies: the page is not in the browser's default serif font.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(/^"?Times/);
    expect((await wasm).status()).toBe(200);
    await waitForHydration(page);

    // A private page loads the private bundle (/pkg-private) and hydrates too.
    const privateWasm = page.waitForResponse((response) => /\/pkg-private\/vitrine-private\.[^/]+\.wasm$/.test(response.url()));
    await page.goto(`${base}/connexion`);
    expect((await privateWasm).status()).toBe(200);
    await waitForHydration(page);
  });
});
