import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test,
  expect,
  gotoHydrated,
  axeReport,
  runVnu,
  vnuErrors,
  vnuMessagesOf,
  vnuReport,
  BASE_URL,
  DEMO_BUSINESS_COUNT,
  VIEWPORTS,
  WCAG_TAGS,
  type VnuMessage,
} from './helpers';

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
  { name: 'a Dutch search for "spelt", which offers products too', path: '/nl/commerces?q=spelt', status: 200 },
  { name: 'the English page of a business', path: '/en/commerces/le-cafe-des-carriers', status: 200 },
  { name: 'the page of an unknown business', path: '/commerces/does-not-exist', status: 404 },
  { name: 'the directory with a bad page number', path: '/commerces?page=0', status: 400 },
];

/** Every demo business, from the demo data itself: each of their pages is checked, not a sample. */
const BUSINESS_SLUGS: string[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'seed', 'demo', 'businesses.json'), 'utf8'),
).map((b: { slug: string }) => b.slug);

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
  const report = await runVnu(files.map((f) => f.file));
  const results = new Map<string, PageCheck>();
  for (const { checked, file, status } of files) {
    results.set(checked.path, { status, source: fs.readFileSync(file, 'utf8'), messages: vnuMessagesOf(report, file) });
  }
  fs.writeFileSync(cache, JSON.stringify([...results]));
  return results;
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
      const errors = vnuErrors(result!.messages, result!.source);
      expect(errors.length, `Nu HTML Checker errors in ${checked.path}:\n${vnuReport(errors)}`).toBe(0);
    });
  }
});
