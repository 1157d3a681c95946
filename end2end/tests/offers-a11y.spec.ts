import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type Browser, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test,
  expect,
  axeReport,
  runVnu,
  vnuErrors,
  vnuMessagesOf,
  vnuReport,
  waitForHydration,
  BASE_URL,
  VIEWPORTS,
  WCAG_TAGS,
  type VnuMessage,
} from './helpers';
import { linkIn, waitForMail } from './mail';
import {
  ADMIN,
  BUSINESS_ID,
  MERCHANT,
  SEED_OFFERS,
  T,
  fillOfferForm,
  logIn,
  offerIdByTitle,
  publishOffer,
  somePng,
  unique,
} from './offers-support';

/**
 * Accessibility (axe-core, WCAG 2.1 A and AA, on a phone and a desktop) and HTML validity (Nu
 * HTML Checker, on the HTML exactly as the server sends it to that person) of every page of
 * issue 8, the offers feed, in each of its states: /offres (French, Dutch, filtered, without
 * result), an offer's page (live with and without a photo, ended, a draft's preview, unknown),
 * following by e-mail (the form, refused, sent; a real confirmation link e-mailed through the
 * run's sink, confirmed, used or unknown; unsubscribed, unknown key), the merchant's offers list
 * (and its deletion step), the compose form (empty and refused), the edit form of a live offer
 * and of a draft, and the town console's review page.
 *
 * The page of a valid unsubscribe link needs the weekly digest: offers.spec.ts checks it where
 * it makes one.
 *
 * The setup runs once per run (its result kept in the run's temporary directory, as in
 * merchant-a11y.spec.ts): the demo merchant publishes an offer with a photo, ends another one
 * early, keeps a draft, and sends a refused form; a shopper asks to follow the offers.
 * The public offers pages and the follow pages are not hydrated (app/src/lib.rs): they are
 * checked as loaded; the merchant's and the console's are checked once hydrated.
 */

type Who = 'anonymous' | 'merchant' | 'admin';
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

type Setup = {
  states: Record<Exclude<Who, 'anonymous'>, StorageState>;
  live: number;
  ended: number;
  draft: number;
  withoutPhoto: number;
  /** The compose form as the server sends it back refused (with `?refus=` and `?formulaire=`, the id of what was typed, kept for this session). */
  refused: string;
  /** A confirmation link, path and query, never used. */
  confirm: string;
};

type Checked = { name: string; who: Who; path: (s: Setup) => string; status?: number };

const UNKNOWN_TOKEN = 'a'.repeat(43);
const dashboard = `/tableau-de-bord/${BUSINESS_ID}/offres`;

const PAGES: Checked[] = [
  { name: 'the offers feed', who: 'anonymous', path: () => '/offres' },
  // The catalogue's public pages (issue 13): server HTML without the bundle, like the offers'.
  { name: "a shop's products", who: 'anonymous', path: () => '/commerces/patisserie-lemaire/produits' },
  { name: "the Dutch second page of a big shop's products", who: 'anonymous', path: () => '/nl/commerces/soignies-sports/produits?page=2' },
  { name: 'a product page', who: 'anonymous', path: () => '/commerces/patisserie-lemaire/produits/1' },
  { name: 'a product page in Dutch', who: 'anonymous', path: () => '/nl/commerces/patisserie-lemaire/produits/1' },
  { name: 'a product page in English', who: 'anonymous', path: () => '/en/commerces/soignies-sports/produits/2000' },
  { name: 'an unknown product', who: 'anonymous', path: () => '/commerces/patisserie-lemaire/produits/999999', status: 404 },
  { name: "every shop's products", who: 'anonymous', path: () => '/produits' },
  { name: "every shop's products searched, filtered, in Dutch", who: 'anonymous', path: () => '/nl/produits?q=brood&stock=1&ouvert=1&prix_max=5' },
  { name: "every shop's products by category, second page, in English", who: 'anonymous', path: () => '/en/produits?categorie=pain-patisserie&page=2' },
  { name: "every shop's products without any result", who: 'anonymous', path: () => '/produits?q=licorne' },
  { name: "every shop's products with a price that is not one", who: 'anonymous', path: () => '/produits?q=pain&prix_min=douze', status: 400 },
  { name: 'the Dutch offers feed', who: 'anonymous', path: () => '/nl/offres' },
  { name: 'the English offers feed', who: 'anonymous', path: () => '/en/offres' },
  { name: 'the feed filtered by kind', who: 'anonymous', path: () => '/offres?type=event' },
  { name: 'the Dutch feed filtered by category, ending soon', who: 'anonymous', path: () => '/nl/offres?categorie=fleuriste&bientot=1' },
  { name: 'the feed without any result', who: 'anonymous', path: () => '/offres?categorie=fleuriste&type=event' },
  { name: 'the feed with an unknown kind', who: 'anonymous', path: () => '/offres?type=soldes', status: 400 },
  { name: 'a live offer with a photo', who: 'anonymous', path: (s) => `/offres/${s.live}` },
  { name: 'a live offer with a photo, in Dutch', who: 'anonymous', path: (s) => `/nl/offres/${s.live}` },
  { name: 'a live offer without a photo', who: 'anonymous', path: (s) => `/offres/${s.withoutPhoto}` },
  { name: 'a live offer without a photo, in Dutch', who: 'anonymous', path: (s) => `/nl/offres/${s.withoutPhoto}` },
  { name: 'an offer ended early', who: 'anonymous', path: (s) => `/offres/${s.ended}` },
  { name: 'an unknown offer', who: 'anonymous', path: () => '/offres/999999', status: 404 },
  { name: 'the follow form', who: 'anonymous', path: () => '/offres/suivre' },
  { name: 'the Dutch follow form', who: 'anonymous', path: () => '/nl/offres/suivre' },
  { name: 'the follow form for one shop', who: 'anonymous', path: () => '/offres/suivre?commerce=patisserie-lemaire' },
  { name: 'the follow form refused', who: 'anonymous', path: () => '/offres/suivre?erreur=email_invalid&email=nom%40exemple&choix=all' },
  { name: 'the follow form refused for its shops, in Dutch', who: 'anonymous', path: () => '/nl/offres/suivre?erreur=required&email=naam%40voorbeeld.be&choix=some' },
  { name: 'the follow form sent', who: 'anonymous', path: () => '/offres/suivre?envoye=1' },
  { name: 'the Dutch follow form sent', who: 'anonymous', path: () => '/nl/offres/suivre?envoye=1' },
  { name: 'a confirmation link', who: 'anonymous', path: (s) => s.confirm },
  { name: 'a confirmation link, in Dutch', who: 'anonymous', path: (s) => `/nl${s.confirm}` },
  { name: 'the confirmation done', who: 'anonymous', path: () => '/offres/confirmer?fait=1' },
  { name: 'an unknown confirmation link', who: 'anonymous', path: () => `/offres/confirmer?jeton=${UNKNOWN_TOKEN}`, status: 404 },
  { name: 'an unknown unsubscribe link', who: 'anonymous', path: () => `/offres/desabonnement?cle=${UNKNOWN_TOKEN}`, status: 404 },
  { name: 'the unsubscription done', who: 'anonymous', path: () => '/offres/desabonnement?fait=1' },
  { name: 'the Dutch unsubscription done', who: 'anonymous', path: () => '/nl/offres/desabonnement?fait=1' },
  { name: "the merchant's offers", who: 'merchant', path: () => dashboard },
  { name: "the merchant's offers, in Dutch", who: 'merchant', path: () => `/nl${dashboard}` },
  { name: "the merchant's offers after publishing", who: 'merchant', path: (s) => `${dashboard}?fait=publiee&offre=${s.live}` },
  { name: 'the deletion step', who: 'merchant', path: (s) => `${dashboard}?supprimer=${s.draft}` },
  { name: 'the compose form', who: 'merchant', path: () => `${dashboard}/nouvelle` },
  { name: 'the Dutch compose form', who: 'merchant', path: () => `/nl${dashboard}/nouvelle` },
  { name: 'the compose form refused', who: 'merchant', path: (s) => s.refused },
  { name: 'the edit form of a live offer', who: 'merchant', path: (s) => `${dashboard}/${s.live}` },
  { name: 'the edit form of a draft', who: 'merchant', path: (s) => `${dashboard}/${s.draft}` },
  { name: "a draft's preview", who: 'merchant', path: (s) => `/offres/${s.draft}` },
  { name: "the console's offers", who: 'admin', path: () => '/console/offres' },
  { name: "the console's offers, in Dutch", who: 'admin', path: () => '/nl/console/offres' },
];

/** Whether the page is hydrated: the public offers, follow and product pages are not (app/src/lib.rs). */
function hydrated(url: string): boolean {
  return (
    !/^(\/(nl|en))?\/offres(\/|\?|$)/.test(url) &&
    !/^(\/(nl|en))?\/commerces\/[^/]+\/produits(\/|\?|$)/.test(url) &&
    !/^(\/(nl|en))?\/produits(\?|$)/.test(url)
  );
}

// ---------------------------------------------------------------------------------------------
// Setup, once per run.

const runDir = path.join(os.tmpdir(), `vitrine-e2e-vnu-${process.env.VITRINE_E2E_RUN_ID || process.pid}`);
const SETUP_FILE = path.join(runDir, 'offers-setup.json');
const RESULTS_FILE = path.join(runDir, 'offers-results.json');

async function newContext(browser: Browser, state?: StorageState): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, locale: 'fr-BE', timezoneId: 'Europe/Brussels', storageState: state });
}

async function makeSetup(browser: Browser): Promise<Setup> {
  const id = unique();
  const merchant = await (await newContext(browser)).newPage();
  await logIn(merchant, 'fr', MERCHANT);
  const live = await publishOffer(merchant, 'fr', {
    title: `Stollen aux fruits confits ${id}`,
    body: 'Le pain de Noël allemand, aux fruits confits et à la pâte d\'amande.',
    kind: 'new_arrival',
    photo: await somePng(merchant),
    photoAlt: 'Stollen saupoudré de sucre glace, une tranche coupée',
    endsOn: '2026-12-31',
    promoCode: 'STOLLEN',
  });
  const endedTitle = `Chocolat chaud offert ${id}`;
  const ended = await publishOffer(merchant, 'fr', { title: endedTitle, body: 'Un chocolat chaud offert pour tout achat.', endsOn: '2026-12-20' });
  await waitForHydration(merchant);
  await merchant.getByRole('button', { name: `${T.fr.endEarly} : ${endedTitle}` }).click();
  await expect(merchant.getByRole('region', { name: /^Terminées \(\d+\)$/ }).getByRole('heading', { name: endedTitle })).toBeVisible();

  // A draft (previewed, not published).
  await fillOfferForm(merchant, 'fr', { title: `Pralines de fêtes ${id}`, body: 'Assortiment de pralines maison en ballotins.', endsOn: '2026-12-31' });
  await merchant.getByRole('button', { name: T.fr.preview, exact: true }).click();
  await merchant.waitForURL((url) => /^\/offres\/\d+$/.test(url.pathname));
  const draft = Number(new URL(merchant.url()).pathname.split('/').pop());

  // A refused form: the last day before the first.
  await fillOfferForm(merchant, 'fr', { title: `Macarons ${id}`, body: 'Des macarons.', startsOn: '2026-12-10', endsOn: '2026-12-02' });
  await merchant.getByRole('button', { name: T.fr.publish, exact: true }).click();
  await merchant.waitForURL((url) => url.searchParams.has('refus'));
  const refusedUrl = new URL(merchant.url());
  const refused = refusedUrl.pathname + refusedUrl.search;
  const merchantState = await merchant.context().storageState();
  const withoutPhoto = await offerIdByTitle(merchant, 'fr', SEED_OFFERS.galettes.fr);
  await merchant.context().close();

  const admin = await (await newContext(browser)).newPage();
  await logIn(admin, 'fr', ADMIN);
  const adminState = await admin.context().storageState();
  await admin.context().close();

  // A shopper asks to follow the offers; the link of the e-mail stays unused.
  const follower = `a11y.${id}@example.com`;
  const shopper = await (await newContext(browser)).newPage();
  await shopper.goto('/offres/suivre');
  await shopper.getByLabel(T.fr.followEmail).fill(follower);
  await shopper.getByRole('button', { name: T.fr.followSubmit }).click();
  await shopper.waitForURL((url) => url.searchParams.get('envoye') === '1');
  await shopper.context().close();
  const link = linkIn(await waitForMail(follower, { subject: T.fr.confirmSubject }), '/offres/confirmer');

  return {
    states: { merchant: merchantState, admin: adminState },
    live,
    ended,
    draft,
    withoutPhoto,
    refused,
    confirm: link.pathname + link.search,
  };
}

async function setupOnce(browser: Browser): Promise<Setup> {
  if (fs.existsSync(SETUP_FILE)) return JSON.parse(fs.readFileSync(SETUP_FILE, 'utf8'));
  const setup = await makeSetup(browser);
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(SETUP_FILE, JSON.stringify(setup));
  return setup;
}

// ---------------------------------------------------------------------------------------------
// Nu HTML Checker: every page's HTML as the server sends it to its person, in one run.

type PageCheck = { url: string; status: number; source: string; messages: VnuMessage[] };

async function checkAllPages(setup: Setup): Promise<Record<string, PageCheck>> {
  if (fs.existsSync(RESULTS_FILE)) return JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  const files: { name: string; url: string; file: string; status: number }[] = [];
  for (const [i, checked] of PAGES.entries()) {
    const state = checked.who === 'anonymous' ? undefined : setup.states[checked.who];
    const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: state });
    try {
      const url = checked.path(setup);
      const response = await api.get(url, { maxRedirects: 0 });
      const file = path.join(runDir, `offers-page-${i}.html`);
      fs.writeFileSync(file, await response.body());
      files.push({ name: checked.name, url, file, status: response.status() });
    } finally {
      await api.dispose();
    }
  }
  const report = await runVnu(files.map((f) => f.file));
  const results: Record<string, PageCheck> = {};
  for (const { name, url, file, status } of files) {
    results[name] = { url, status, source: fs.readFileSync(file, 'utf8'), messages: vnuMessagesOf(report, file) };
  }
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(results));
  return results;
}

// ---------------------------------------------------------------------------------------------

// In order in one worker (the setup and the checker's run are shared), each page its own test.
test.describe.configure({ mode: 'default' });

let setup: Setup;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  setup = await setupOnce(browser);
});

test.describe('axe-core finds no WCAG 2.1 A/AA violation on the offers pages, on a phone and a desktop', () => {
  for (const checked of PAGES) {
    test(`${checked.name} (${checked.who})`, async ({ browser, watchContext }) => {
      const context = await newContext(browser, checked.who === 'anonymous' ? undefined : setup.states[checked.who]);
      watchContext(context);
      const page = await context.newPage();
      const url = checked.path(setup);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const response = await page.goto(url);
        if (hydrated(url)) await waitForHydration(page);
        expect(response?.status(), url).toBe(checked.status ?? 200);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(results.violations.length, `axe-core violations on ${url} (${viewport.name}):\n\n${axeReport(results.violations)}`).toBe(0);
      }
      await context.close();
    });
  }
});

test.describe('the Nu HTML Checker finds no error on the offers pages', () => {
  let results: Record<string, PageCheck>;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    results = await checkAllPages(setup);
  });

  for (const checked of PAGES) {
    test(`the HTML of ${checked.name} (${checked.who}) is valid`, async () => {
      const result = results[checked.name];
      expect(result, `no checker result for ${checked.name}`).toBeDefined();
      expect(result.status, result.url).toBe(checked.status ?? 200);
      const errors = vnuErrors(result.messages, result.source);
      expect(errors.length, `Nu HTML Checker errors in ${result.url}:\n${vnuReport(errors)}`).toBe(0);
    });
  }
});
