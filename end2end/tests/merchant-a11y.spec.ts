import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  test,
  expect,
  axeReport,
  gotoHydrated,
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

/**
 * Accessibility (axe-core, WCAG 2.1 A and AA, on the hydrated page, on a phone and a desktop) and
 * HTML validity (Nu HTML Checker, on the HTML exactly as the server sends it to that person) of
 * every page of the merchant area and the town console (issue 7), each seen by the person it is
 * for: anonymous (login, forgotten password, the reset and invitation links, with real tokens
 * e-mailed through the run's SMTP sink), the demo merchant (dashboard, profile, photos,
 * statistics, team, account of Pâtisserie Lemaire, only read here), the owner of a business the
 * town has just created and not published yet, and the town's administrator (console).
 *
 * The setup creates that business through the console (unpublished: no other spec sees it) and
 * invites two people to it; it runs once per run, its result kept in the run's temporary
 * directory, so that a worker restarted after a failure does not do it again.
 */

const ADMIN = { email: 'admin@demo.vitrine.be', password: 'demo-admin-vitrine-soignies' };
const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
const OWNER = { email: 'atelier.vieux-moulin@example.com', password: 'argile rouge et four à bois' };
const INVITED = 'apprentie.vieux-moulin@example.com';
const NEW_BUSINESS = { name: 'Céramiques du Vieux Moulin', street: 'Rue du Moulin 3', postcode: '7060', locality: 'Soignies' };

type Who = 'anonymous' | 'merchant' | 'owner' | 'admin';
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

type Setup = {
  /** The people's cookies (the anonymous visitor has none). */
  states: Record<Exclude<Who, 'anonymous'>, StorageState>;
  /** Pâtisserie Lemaire, the demo merchant's business. */
  merchantBusiness: number;
  /** The business created for these tests, unpublished. */
  newBusiness: number;
  /** Path of an open invitation link, of a used one, and of a password reset link (French). */
  invitation: string;
  usedInvitation: string;
  reset: string;
  /** Previews of kept spreadsheets (issue 13): with refused rows (the owner's), whose columns
   * need mapping and ready to import (the administrator's). */
  importRefused: string;
  importUnmapped: string;
  importReady: string;
};

type Checked = { name: string; who: Who; path: (s: Setup) => string; status?: number };

const nl = (p: string) => `/nl${p}`;

const PAGES: Checked[] = [
  { name: 'the login page', who: 'anonymous', path: () => '/connexion' },
  { name: 'the Dutch login page', who: 'anonymous', path: () => nl('/connexion') },
  { name: 'the forgotten password page', who: 'anonymous', path: () => '/mot-de-passe-oublie' },
  { name: 'the Dutch forgotten password page', who: 'anonymous', path: () => nl('/mot-de-passe-oublie') },
  { name: 'a password reset link', who: 'anonymous', path: (s) => s.reset },
  { name: 'a password reset link, in Dutch', who: 'anonymous', path: (s) => nl(s.reset) },
  { name: 'an invitation link', who: 'anonymous', path: (s) => s.invitation },
  { name: 'an invitation link, in Dutch', who: 'anonymous', path: (s) => nl(s.invitation) },
  { name: 'an invitation link already used', who: 'anonymous', path: (s) => s.usedInvitation, status: 410 },
  { name: 'the dashboard', who: 'merchant', path: () => '/tableau-de-bord' },
  { name: 'the Dutch dashboard', who: 'merchant', path: () => nl('/tableau-de-bord') },
  { name: "a business's dashboard", who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}` },
  { name: 'the profile', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/profil` },
  { name: 'the Dutch profile', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/profil`) },
  { name: 'the photos', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/photos` },
  { name: 'the statistics', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/statistiques` },
  { name: 'the Dutch statistics over 7 days', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/statistiques?jours=7`) },
  { name: 'the team and history', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/equipe` },
  { name: 'the products', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits` },
  { name: 'the Dutch products', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits`) },
  { name: 'the products filtered and sorted', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits?etat=in_stock&tri=price_desc&page=1` },
  { name: 'the products searched, in Dutch', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits?q=tarte&etat=stale`) },
  { name: 'the products with a code not found, in Dutch', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits?code=4006381333931`) },
  { name: 'the products asking to confirm a deletion', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits?supprimer=1.2` },
  { name: 'the products of a business without any', who: 'owner', path: (s) => `/tableau-de-bord/${s.newBusiness}/produits` },
  { name: 'the new product form', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits/nouveau` },
  { name: 'the Dutch new product form with a scanned code', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits/nouveau?gtin=4006381333931`) },
  { name: 'a product form', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits/1` },
  { name: 'a product form asking to confirm its deletion, in Dutch', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits/1?supprimer=1`) },
  { name: 'the spreadsheet import', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits/importer` },
  { name: 'the Dutch spreadsheet import, a file refused', who: 'merchant', path: (s) => nl(`/tableau-de-bord/${s.merchantBusiness}/produits/importer?refus=sheet_not_a_spreadsheet`) },
  { name: 'an import preview with refused rows', who: 'owner', path: (s) => s.importRefused },
  { name: 'an import preview with refused rows, in Dutch', who: 'owner', path: (s) => nl(s.importRefused) },
  { name: 'an import preview whose columns need mapping', who: 'admin', path: (s) => s.importUnmapped },
  { name: 'an import preview ready to import', who: 'admin', path: (s) => s.importReady },
  { name: 'an import preview gone', who: 'merchant', path: (s) => `/tableau-de-bord/${s.merchantBusiness}/produits/importer/${'b'.repeat(43)}`, status: 404 },
  { name: 'the account', who: 'merchant', path: () => '/compte' },
  { name: 'the Dutch account', who: 'merchant', path: () => nl('/compte') },
  { name: 'the dashboard of an unpublished business', who: 'owner', path: () => '/tableau-de-bord' },
  { name: 'the photos of a business without any', who: 'owner', path: (s) => `/tableau-de-bord/${s.newBusiness}/photos` },
  { name: 'the statistics of a business never viewed', who: 'owner', path: (s) => `/tableau-de-bord/${s.newBusiness}/statistiques` },
  { name: "the administrator's businesses", who: 'admin', path: () => '/tableau-de-bord' },
  { name: 'the console', who: 'admin', path: () => '/console' },
  { name: 'the Dutch console', who: 'admin', path: () => nl('/console') },
  { name: 'the console filtered, with the reminder action', who: 'admin', path: () => '/console?etat=actif&jours=30' },
  { name: "the console's page of a new business", who: 'admin', path: (s) => `/console/commerce/${s.newBusiness}` },
  { name: "the console's page of a new business, in Dutch", who: 'admin', path: (s) => nl(`/console/commerce/${s.newBusiness}`) },
  { name: "the console's page of a business with a team", who: 'admin', path: (s) => `/console/commerce/${s.merchantBusiness}` },
  { name: 'the new business form', who: 'admin', path: () => '/console/nouveau' },
  { name: 'the Dutch new business form', who: 'admin', path: () => nl('/console/nouveau') },
];

// ---------------------------------------------------------------------------------------------
// Setup, once per run.

const runDir = path.join(os.tmpdir(), `vitrine-e2e-vnu-${process.env.VITRINE_E2E_RUN_ID || process.pid}`);
const SETUP_FILE = path.join(runDir, 'merchant-setup.json');
const RESULTS_FILE = path.join(runDir, 'merchant-results.json');

async function newContext(browser: Browser, state?: StorageState): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, locale: 'fr-BE', timezoneId: 'Europe/Brussels', storageState: state });
}

async function logIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await gotoHydrated(page, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/tableau-de-bord');
}

async function makeSetup(browser: Browser): Promise<Setup> {
  // The administrator creates a business (unpublished) and invites its owner and a helper.
  const admin = await (await newContext(browser)).newPage();
  await logIn(admin, ADMIN);
  await gotoHydrated(admin, '/console/nouveau');
  await admin.getByLabel('Nom du commerce').fill(NEW_BUSINESS.name);
  await admin.getByLabel('Catégorie').selectOption('epicerie-fine');
  await admin.getByLabel('Rue et numéro').fill(NEW_BUSINESS.street);
  await admin.getByLabel('Code postal').fill(NEW_BUSINESS.postcode);
  await admin.getByLabel('Localité').fill(NEW_BUSINESS.locality);
  await admin.getByRole('button', { name: 'Créer le commerce' }).click();
  await admin.waitForURL((url) => /^\/console\/commerce\/\d+$/.test(url.pathname) && url.searchParams.get('fait') === 'cree');
  const newBusiness = Number(new URL(admin.url()).pathname.split('/').pop());
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(NEW_BUSINESS.name);
  for (const [email, role] of [[OWNER.email, 'owner'], [INVITED, 'staff']]) {
    await waitForHydration(admin);
    await admin.getByLabel('Adresse e-mail du commerçant').fill(email);
    await admin.getByLabel('Rôle').selectOption(role);
    await admin.getByRole('button', { name: "Envoyer l'invitation" }).click();
    // Listed without reloading, the second too (its URL, ?fait=invite, is the first one's).
    await expect(admin.getByText(`Invitation à ${email}`)).toBeVisible();
  }
  const adminState = await admin.context().storageState();
  await admin.context().close();

  const invitation = linkIn(await waitForMail(INVITED, { subject: /^Invitation à gérer/ }), '/invitation/').pathname;
  const usedInvitation = linkIn(await waitForMail(OWNER.email, { subject: /^Invitation à gérer/ }), '/invitation/').pathname;

  // The owner accepts, choosing a password, then asks for a reset link (which stays unused).
  const owner = await (await newContext(browser)).newPage();
  await gotoHydrated(owner, usedInvitation);
  await owner.getByLabel('Choisissez votre mot de passe').fill(OWNER.password);
  await owner.getByRole('button', { name: 'Continuer' }).click();
  await owner.waitForURL((url) => url.pathname === '/tableau-de-bord');
  const ownerState = await owner.context().storageState();
  await owner.context().close();
  const anonymous = await (await newContext(browser)).newPage();
  await gotoHydrated(anonymous, '/mot-de-passe-oublie');
  await anonymous.getByLabel('Adresse e-mail').fill(OWNER.email);
  await anonymous.getByRole('button', { name: 'Envoyer le lien' }).click();
  await anonymous.waitForURL((url) => url.searchParams.get('envoye') === '1');
  await anonymous.context().close();
  const reset = linkIn(await waitForMail(OWNER.email, { subject: /^Réinitialiser votre mot de passe/ }), '/reinitialiser/').pathname;

  // The demo merchant, who owns Pâtisserie Lemaire.
  const merchant = await (await newContext(browser)).newPage();
  await logIn(merchant, MERCHANT);
  const profile = await merchant.getByRole('link', { name: 'Modifier le profil' }).getAttribute('href');
  const merchantBusiness = Number(profile!.match(/^\/tableau-de-bord\/(\d+)\/profil$/)![1]);
  const merchantState = await merchant.context().storageState();
  await merchant.context().close();

  // Spreadsheets kept for their preview (each person keeps one per business).
  const importRefused = await upload(ownerState, newBusiness, 'stock.csv', 'Nom;Prix;Code-barres\nBol en grès;18,50;\nTasse;douze;\nAssiette;24;4006381333932\n');
  const importUnmapped = await upload(adminState, newBusiness, 'export caisse.csv', 'Veld 1;Veld 2;Veld 3\nVase bleu;35;2\nPichet;22,50;0\n');
  const importReady = await upload(adminState, merchantBusiness, 'nouveautés.csv', 'Nom;Prix;Stock\nBûche de Noël (6 personnes);32;en stock\nCougnou (500 g);9,80;12\n');

  return {
    states: { admin: adminState, owner: ownerState, merchant: merchantState },
    merchantBusiness,
    newBusiness,
    invitation,
    usedInvitation,
    reset,
    importRefused,
    importUnmapped,
    importReady,
  };
}

/** Sends a spreadsheet to the import's upload form as `state`'s person; the preview's path. */
async function upload(state: StorageState, business: number, name: string, csv: string): Promise<string> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: state });
  try {
    const response = await api.post(`/tableau-de-bord/${business}/produits/importer/envoi`, {
      multipart: { fichier: { name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
      maxRedirects: 0,
    });
    expect(response.status(), await response.text()).toBe(303);
    const location = response.headers()['location'];
    expect(location).toMatch(new RegExp(`^/tableau-de-bord/${business}/produits/importer/[A-Za-z0-9_-]{43}$`));
    return location;
  } finally {
    await api.dispose();
  }
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
      const file = path.join(runDir, `merchant-page-${i}.html`);
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
  test.setTimeout(120_000);
  setup = await setupOnce(browser);
});

test.describe('axe-core finds no WCAG 2.1 A/AA violation in the merchant area and the console, on a phone and a desktop', () => {
  for (const checked of PAGES) {
    test(`${checked.name} (${checked.who})`, async ({ browser, watchContext }) => {
      const context = await newContext(browser, checked.who === 'anonymous' ? undefined : setup.states[checked.who]);
      watchContext(context);
      const page = await context.newPage();
      const url = checked.path(setup);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        const response = await gotoHydrated(page, url);
        // 200: the right person is logged in (nobody would get 401, someone else 403).
        expect(response?.status(), url).toBe(checked.status ?? 200);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(results.violations.length, `axe-core violations on ${url} (${viewport.name}):\n\n${axeReport(results.violations)}`).toBe(0);
      }
      await context.close();
    });
  }
});

test.describe('the Nu HTML Checker finds no error in the merchant area and the console', () => {
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
