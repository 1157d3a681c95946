import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect, gotoHydrated, BASE_URL, DEMO_BUSINESS_COUNT } from './helpers';

/**
 * Accessibility (axe-core, WCAG 2.1 A and AA rules, on the hydrated page) and HTML validity
 * (Nu HTML Checker, on the HTML exactly as the server sends it) of every kind of page.
 */

type Checked = { name: string; path: string; status: number };

const PAGES: Checked[] = [
  { name: 'the home page', path: '/', status: 200 },
  { name: 'the directory', path: '/commerces', status: 200 },
  { name: 'a search for "pain" among the shops open now', path: '/commerces?q=pain&ouvert=1', status: 200 },
  { name: 'the page of Le Café des Carriers', path: '/commerces/le-cafe-des-carriers', status: 200 },
  // L'Épi des Champs is closed from 24 November to 1 December 2026 (seed/demo/businesses.json).
  { name: 'the page of a business closed for the holidays', path: '/commerces/l-epi-des-champs', status: 200 },
  { name: 'the Dutch directory', path: '/nl/commerces', status: 200 },
  { name: 'the English page of a business', path: '/en/commerces/le-cafe-des-carriers', status: 200 },
  { name: 'the page of an unknown business', path: '/commerces/does-not-exist', status: 404 },
  { name: 'the directory with a bad page number', path: '/commerces?page=0', status: 400 },
];

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every demo business, from the demo data itself: each of their pages is checked, not a sample. */
const BUSINESS_SLUGS: string[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'seed', 'demo', 'businesses.json'), 'utf8'),
).map((b: { slug: string }) => b.slug);

/** A phone (the width of most current phones) and a desktop window. */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

function axeReport(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}\n      ${n.html}`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}

test.describe('axe-core finds no WCAG 2.1 A/AA violation', () => {
  for (const checked of PAGES) {
    test(`${checked.name} (${checked.path}) has no WCAG 2.1 A/AA violation`, async ({ page }) => {
      const response = await gotoHydrated(page, checked.path);
      expect(response?.status()).toBe(checked.status);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const report = axeReport(results.violations);
      expect(results.violations.length, `axe-core violations on ${checked.path}:\n\n${report}`).toBe(0);
    });
  }
});

test.describe('every demo business page has no WCAG 2.1 A/AA violation on a phone and a desktop', () => {
  if (BUSINESS_SLUGS.length !== DEMO_BUSINESS_COUNT) {
    throw new Error(`expected ${DEMO_BUSINESS_COUNT} demo businesses, found ${BUSINESS_SLUGS.length}`);
  }
  for (const slug of BUSINESS_SLUGS) {
    test(`/commerces/${slug}`, async ({ page }) => {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const response = await gotoHydrated(page, `/commerces/${slug}`);
        expect(response?.status()).toBe(200);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const report = axeReport(results.violations);
        expect(results.violations.length, `axe-core violations on /commerces/${slug} (${viewport.name}):\n\n${report}`).toBe(0);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Nu HTML Checker

/**
 * Errors of the Nu HTML Checker that come from Leptos 0.8 itself, not from Vitrine's markup.
 * Each entry must match the exact message, the excerpt of the document around it, and, where
 * given, where the error is in the document.
 */
// Nothing is ignored. Leptos 0.8's own output used to trip the checker (`<!>` placeholders, the
// per-request nonce in the `crossorigin` attribute of its preload links, hydration-data scripts
// after `</html>`); the server fixes all three without changing the DOM (see `tidy_html` in
// server/src/http/html.rs). An entry added here must name the exact message, the markup it comes
// from, and why it cannot be fixed at our level.
const VNU_ALLOWED: { message: RegExp; extract: RegExp; afterHtmlEnd?: boolean; reason: string }[] = [];

type VnuMessage = {
  type: string;
  subType?: string;
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
  lastColumn?: number;
};

const VNU_JAR = path.join(__dirname, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/**
 * Fetches the server-rendered HTML of every page and checks them all in one run of the checker
 * (it is a JVM: starting it once per page would take longer than the whole suite). The result is
 * kept for the run, so a worker restarted after a failure does not check everything again.
 */
type PageCheck = { status: number; source: string; messages: VnuMessage[] };

async function checkAllPages(baseURL: string): Promise<Map<string, PageCheck>> {
  const runId = process.env.VITRINE_E2E_RUN_ID || `${process.pid}`;
  const dir = path.join(os.tmpdir(), `vitrine-e2e-vnu-${runId}`);
  const cache = path.join(dir, 'results.json');
  if (fs.existsSync(cache)) {
    return new Map(JSON.parse(fs.readFileSync(cache, 'utf8')));
  }
  fs.mkdirSync(dir, { recursive: true });
  const files: { checked: Checked; file: string; status: number }[] = [];
  const everyPage: Checked[] = [
    ...PAGES,
    ...BUSINESS_SLUGS.map((slug) => ({ name: slug, path: `/commerces/${slug}`, status: 200 })),
  ];
  for (const [i, checked] of everyPage.entries()) {
    // A fresh client for each page, without cookies.
    const api = await playwrightRequest.newContext({ baseURL });
    try {
      const response = await api.get(checked.path, { maxRedirects: 0 });
      const file = path.join(dir, `page-${i}.html`);
      fs.writeFileSync(file, await response.body());
      files.push({ checked, file, status: response.status() });
    } finally {
      await api.dispose();
    }
  }
  // `--errors-only` and an exit code of 1 when there are errors: read the report either way.
  const { stdout, stderr } = await promisify(execFile)(
    'java',
    ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files.map((f) => f.file)],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const report = JSON.parse(stdout || stderr) as { messages: VnuMessage[] };
  const results = new Map<string, PageCheck>();
  for (const { checked, file, status } of files) {
    const messages = report.messages.filter((m) => m.url && decodeURIComponent(new URL(m.url).pathname) === file);
    results.set(checked.path, { status, source: fs.readFileSync(file, 'utf8'), messages });
  }
  fs.writeFileSync(cache, JSON.stringify([...results]));
  return results;
}

/** The offset in `source` of a 1-based line and column of the checker. */
function offsetOf(source: string, line: number, column: number): number {
  const lines = source.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  return offset + column;
}

function isAllowed(message: VnuMessage, source: string): boolean {
  return VNU_ALLOWED.some(
    (allowed) =>
      allowed.message.test(message.message) &&
      allowed.extract.test(message.extract ?? '') &&
      (!allowed.afterHtmlEnd ||
        (message.lastLine !== undefined &&
          message.lastColumn !== undefined &&
          offsetOf(source, message.lastLine, message.lastColumn) > source.lastIndexOf('</html>'))),
  );
}

test.describe('the Nu HTML Checker finds no error in the HTML sent by the server', () => {
  // All pages are checked in one run of the checker: keep these tests in one worker.
  test.describe.configure({ mode: 'default' });

  let results: Map<string, PageCheck>;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    results = await checkAllPages(BASE_URL);
  });

  for (const checked of [...PAGES, ...BUSINESS_SLUGS.map((slug) => ({ name: slug, path: `/commerces/${slug}`, status: 200 }))]) {
    test(`the HTML of ${checked.name} (${checked.path}) is valid`, async () => {
      const result = results.get(checked.path);
      expect(result, `no checker result for ${checked.path}`).toBeDefined();
      expect(result!.status).toBe(checked.status);
      const errors = result!.messages.filter((m) => !isAllowed(m, result!.source));
      const report = errors
        .map((m) => `  line ${m.lastLine}:${m.lastColumn} [${m.type}${m.subType ? `/${m.subType}` : ''}] ${m.message}\n    …${m.extract ?? ''}…`)
        .join('\n');
      expect(errors.length, `Nu HTML Checker errors in ${checked.path}:\n${report}`).toBe(0);
    });
  }
});
