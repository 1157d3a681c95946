import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests of Vitrine in Debian's Chromium.
 *
 * By default Playwright starts the server itself (`webServer`), with the demo data, a fixed clock
 * (Saturday 28 November 2026, 10:00 in Brussels), a fresh SQLite database and a fresh media
 * directory. Its e-mails go through SMTP to a sink started for the run (global-setup.ts,
 * mail-sink.ts) on a free loopback port, where tests read them (tests/mail.ts). With
 * `VITRINE_E2E_EXTERNAL=1` it tests an already running server at `VITRINE_E2E_URL` instead
 * (which must have been started the same way, with `VITRINE_SMTP_URL=smtp://127.0.0.1:<port>`
 * and the same port in `VITRINE_E2E_SMTP_PORT`).
 *
 * Environment:
 * - VITRINE_E2E_URL       base URL (default http://127.0.0.1:3100)
 * - VITRINE_E2E_EXTERNAL  `1`: do not start a server
 * - VITRINE_BIN           server binary, absolute or relative to end2end/ (default ../target/debug/vitrine)
 * - VITRINE_SITE_ROOT     built site (CSS, JS, WASM), absolute or relative to end2end/ (default ../target/site)
 * - VITRINE_E2E_SMTP_PORT port of the run's SMTP sink (default: a free port)
 * - CHROMIUM_PATH         browser executable (default /usr/bin/chromium)
 */

const baseURL = process.env.VITRINE_E2E_URL || 'http://127.0.0.1:3100';
const external = process.env.VITRINE_E2E_EXTERNAL === '1';

// The configuration is evaluated by the runner and again by every worker; workers inherit the
// runner's environment, so the run id is decided once and shared.
if (!process.env.VITRINE_E2E_RUN_ID) {
  process.env.VITRINE_E2E_RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
}
const runId = process.env.VITRINE_E2E_RUN_ID;

// The SMTP sink's port, also decided once: a port the system says is free now (the sink takes
// it in global-setup.ts, after the server has started; the server sends nothing before a test
// asks it to).
if (!process.env.VITRINE_E2E_SMTP_PORT) {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  process.env.VITRINE_E2E_SMTP_PORT = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}
const smtpPort = process.env.VITRINE_E2E_SMTP_PORT;
const databaseFile = path.join(os.tmpdir(), `vitrine-e2e-${runId}.db`);
const mediaDir = path.join(os.tmpdir(), `vitrine-e2e-media-${runId}`);

// The server runs from the repository root (`cwd: '..'`: the demo data is read from
// ./seed/demo); the paths below are resolved from this directory, then passed as absolute paths.
const binary = path.resolve(__dirname, process.env.VITRINE_BIN || '../target/debug/vitrine');
const siteRoot = path.resolve(__dirname, process.env.VITRINE_SITE_ROOT || '../target/site');

export default defineConfig({
  testDir: 'tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: 'fr-BE',
    timezoneId: 'Europe/Brussels',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        locale: 'fr-BE',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  webServer: external
    ? undefined
    : {
        command: `"${binary}" serve --seed-demo`,
        cwd: '..',
        url: baseURL,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          DATABASE_URL: `sqlite://${databaseFile}`,
          VITRINE_MEDIA_DIR: mediaDir,
          VITRINE_SITE_ROOT: siteRoot,
          VITRINE_BIND: new URL(baseURL).host,
          VITRINE_NOW: '2026-11-28T10:00:00+01:00',
          VITRINE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          // Each test is a client of its own (tests/helpers.ts sends its X-Forwarded-For), so the
          // per-client throttles (logins, the follow form) cannot make one test depend on another.
          VITRINE_TRUSTED_PROXIES: '127.0.0.1',
          RUST_LOG: 'warn',
        },
      },
});
