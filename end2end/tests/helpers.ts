import type AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page, type Response } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Shared helpers of the end-to-end tests.
 *
 * Import `test` and `expect` from here rather than from `@playwright/test`: this `test` fails any
 * test during which a page threw an uncaught exception (`pageerror`) or logged a console error,
 * in every page of the test's context, and in any other context registered with `watchContext`.
 */

/** The server under test (the same default as playwright.config.ts). */
export const BASE_URL = process.env.VITRINE_E2E_URL || 'http://127.0.0.1:3100';

/** Number of businesses in the demo data (seed/demo/businesses.json) and page size of the directory. */
export const DEMO_BUSINESS_COUNT = 88;
export const PAGE_SIZE = 24;

/** Navigates to `url` and waits until the WASM bundle has hydrated the page. */
export async function gotoHydrated(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

/** Waits until the app has hydrated the current document (the `App` sets `data-hydrated`). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

type BrowserErrors = {
  /** Everything that went wrong in the browser during the test, one line each. */
  browserErrors: string[];
  /** Watches the pages of another context (e.g. one made with `browser.newContext()`). */
  watchContext: (context: BrowserContext) => void;
};

/** Records in `errors` the uncaught exceptions and console errors of `page`. */
export function watchPage(page: Page, errors: string[]): void {
  // Documents deliberately answered with an error status (404 page, 400 for a bad query):
  // Chromium logs "Failed to load resource" for them, which is the point of the test, not an error.
  const errorDocuments = new Set<string>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document' && response.status() >= 400) {
      errorDocuments.add(response.url());
    }
  });
  page.on('pageerror', (error) => {
    errors.push(`pageerror on ${page.url()}: ${error.stack || error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (message.text().startsWith('Failed to load resource') && errorDocuments.has(where)) return;
    errors.push(`console error on ${page.url()}: ${message.text()} (${where})`);
  });
}

/**
 * The client address a test's requests come from, as the server sees it: the server trusts
 * 127.0.0.1 as a proxy (playwright.config.ts), so each test gets an address of its own in
 * 10.0.0.0/8, from its file and title. The throttles keyed by client (5 wrong passwords per
 * address and client, 30 follow requests per client; the fixed clock never ends their window)
 * then count each test's requests apart, whatever ran before it.
 */
export function clientAddress(testId: string): string {
  let hash = 2166136261;
  for (const char of testId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${(hash & 253) + 1}`;
}

export const test = base.extend<BrowserErrors>({
  // Also the default of `browser.newContext()` in the test (Playwright applies the test's options).
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    await use({ ...extraHTTPHeaders, 'X-Forwarded-For': clientAddress(`${testInfo.file} ${testInfo.titlePath.join(' ')}`) });
  },
  browserErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.pages().forEach((page) => watchPage(page, errors));
      context.on('page', (page) => watchPage(page, errors));
      await use(errors);
      expect(errors, 'no uncaught exception nor console error in the browser').toEqual([]);
    },
    { auto: true },
  ],
  watchContext: async ({ browserErrors }, use) => {
    await use((context: BrowserContext) => {
      context.pages().forEach((page) => watchPage(page, browserErrors));
      context.on('page', (page) => watchPage(page, browserErrors));
    });
  },
});

export { expect };

// ---------------------------------------------------------------------------------------------
// The demo data, read from the same file the server seeds from, so that expectations follow it.

export type SeedBusiness = {
  slug: string;
  name: string;
  category: string;
  description: string;
  address: { street: string; postcode: string; locality: string };
  hours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
  exceptions?: { from: string; to: string; closed: boolean; hours?: string[]; note?: Record<string, string> }[];
};

const SEED_DIR = path.join(__dirname, '..', '..', 'seed', 'demo');
export const SEED: SeedBusiness[] = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'businesses.json'), 'utf8'));

/** The date and time of the fixed clock, as the seed writes them. */
const TODAY = { date: '2026-11-28', weekday: 'sat' as const, minutes: 10 * 60 };

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Whether a business of the seed is open at the fixed clock (Saturday 28 November 2026, 10:00):
 * an exception covering the day replaces the weekly hours (closed, or its own hours); a span
 * whose closing time is before its opening time ends after midnight. The previous evening's
 * spans are ignored: none of the seed's runs past 10:00 the next morning.
 */
export function openAtFixedClock(business: SeedBusiness): boolean {
  const exception = business.exceptions?.find((e) => e.from <= TODAY.date && TODAY.date <= e.to);
  const spans = exception ? (exception.closed ? [] : exception.hours ?? []) : business.hours[TODAY.weekday] ?? [];
  return spans.some((span) => {
    const [opens, closes] = span.split('-').map(toMinutes);
    const end = closes <= opens ? closes + 24 * 60 : closes;
    return opens <= TODAY.minutes && TODAY.minutes < end;
  });
}

/** Names of the seed's businesses that pass `filter`, sorted. */
export function seedNames(filter: (b: SeedBusiness) => boolean): string[] {
  return SEED.filter(filter).map((b) => b.name).sort();
}

type SeedCategory = { slug: string; name: Record<'fr' | 'nl' | 'en', string> };
export const SEED_CATEGORIES: SeedCategory[] = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'categories.json'), 'utf8'));

/** Lower case, without accents: "Pâtisserie" → "patisserie", "Bœuf" → "boeuf". */
export function fold(text: string): string {
  return text.replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Slugs of the seed's businesses a search for one word should find: the word, without accents or
 * case, in the name, the category (in any language), the description or the address.
 */
export function seedSearch(word: string): string[] {
  const needle = fold(word);
  return SEED.filter((b) => {
    const category = SEED_CATEGORIES.find((c) => c.slug === b.category)!;
    const text = [b.name, category.name.fr, category.name.nl, category.name.en, b.description, b.address.street, b.address.locality].join(' ');
    return fold(text).includes(needle);
  })
    .map((b) => b.slug)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core) and HTML validity (Nu HTML Checker), shared by a11y.spec.ts and
// merchant-a11y.spec.ts.

/** The axe-core rules checked: WCAG 2.1 A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A phone (the width of most current phones) and a desktop window. */
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

/** axe-core's violations, one paragraph each with the elements concerned. */
export function axeReport(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}\n      ${n.html}`);
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}

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

export type VnuMessage = {
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
 * Checks HTML files in one run of the Nu HTML Checker (a JVM: starting it once per page would
 * take longer than the whole suite) and returns its messages, errors only.
 */
export async function runVnu(files: string[]): Promise<VnuMessage[]> {
  // `--errors-only` and an exit code of 1 when there are errors: read the report either way.
  const { stdout, stderr } = await promisify(execFile)(
    'java',
    ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const report = JSON.parse(stdout || stderr) as { messages: VnuMessage[] };
  return report.messages;
}

/** The messages of `runVnu` about one of its files. */
export function vnuMessagesOf(messages: VnuMessage[], file: string): VnuMessage[] {
  return messages.filter((m) => m.url && decodeURIComponent(new URL(m.url).pathname) === file);
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

/** The checker's messages about a document (`source`) that are errors of ours. */
export function vnuErrors(messages: VnuMessage[], source: string): VnuMessage[] {
  return messages.filter((m) => !isAllowed(m, source));
}

/** The checker's errors, one line each with the excerpt around it. */
export function vnuReport(errors: VnuMessage[]): string {
  return errors
    .map((m) => `  line ${m.lastLine}:${m.lastColumn} [${m.type}${m.subType ? `/${m.subType}` : ''}] ${m.message}\n    …${m.extract ?? ''}…`)
    .join('\n');
}

/** A loopback port the system says is free now (for the instances some specs start themselves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
