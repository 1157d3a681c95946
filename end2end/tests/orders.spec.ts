import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, axeReport, runVnu, vnuErrors, vnuMessagesOf, vnuReport, waitForHydration, BASE_URL, VIEWPORTS, WCAG_TAGS } from './helpers';
import { lastMailSeq, linkIn, waitForMail } from './mail';
import { logIn, ADMIN, MERCHANT } from './offers-support';

/**
 * Click & collect (issue 14) in the browser, against the demo town at its fixed clock:
 * - a shopper on a phone, in Dutch, reserves from two shops (Pâtisserie Lemaire's rice tart,
 *   Verdure & Cie's strelitzia); the demo merchant's inbox, open in a second browser, shows the
 *   order without a reload; the merchant accepts and marks it ready; the town's administrator
 *   declines the other shop's order with a reason; the shopper's order page shows both, and every
 *   e-mail reaches the run's SMTP sink, the shop's own included; with a basket, the public pages
 *   still come from the page cache, and the navigation leads to the basket;
 * - a checkout made with the keyboard only, in French;
 * - "ask if available" for a product in the window, answered yes from the shop's e-mail;
 * - zero axe-core violations at 390 and 1280 px and zero Nu HTML Checker errors on every new
 *   page: the basket (full, empty, refused), the order page, the question form, the pages of the
 *   e-mailed links (live, used, done) and the inbox (open, closed, the day's list).
 *
 * Serial: the tests take from the same two products' stock.
 */
test.describe.configure({ mode: 'serial' });

const TART = { shop: 'patisserie-lemaire', name: 'Tarte au riz (8 parts)', nl: /rijsttaart/i };
const PLANT = { shop: 'verdure-et-cie', name: 'Strelitzia (pot de 24 cm)' };

/** The path of a demo product's page, found through the product search. */
async function productPath(page: import('@playwright/test').Page, name: string, shop: string): Promise<string> {
  await page.goto(`/produits?q=${encodeURIComponent(name)}`);
  const link = page.locator(`a[href^="/commerces/${shop}/produits/"]`).first();
  const href = await link.getAttribute('href');
  expect(href, `${name} is found`).toBeTruthy();
  return href!;
}

/** Adds a product to the basket from its page (the page's plain form). */
async function addToBasket(page: import('@playwright/test').Page, productPage: string, button: string): Promise<void> {
  await page.goto(productPage);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/panier'));
}

test('a shopper on a phone reserves from two shops; one shop accepts live, the other declines', async ({ browser, page }) => {
  // The merchant's inbox, open before the order exists.
  const merchant = await browser.newContext({ baseURL: BASE_URL, locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 800 } });
  const inbox = await merchant.newPage();
  await logIn(inbox, 'fr', MERCHANT);
  await inbox.goto('/tableau-de-bord/1/commandes');
  await waitForHydration(inbox);
  await expect(inbox.locator('.inbox[data-live="connected"]')).toBeAttached();

  // The shopper, on a phone, in Dutch.
  await page.setViewportSize({ width: 390, height: 844 });
  const tart = '/nl' + (await productPath(page, TART.name, TART.shop));
  const plant = '/nl' + (await productPath(page, PLANT.name, PLANT.shop));
  await addToBasket(page, tart, 'In mijn mandje');
  await addToBasket(page, plant, 'In mijn mandje');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn winkelmandje' })).toBeVisible();
  // With a basket, public pages still come from the page cache: the basket's cookie goes to the
  // basket's paths only (a request with any other cookie is never served from the cache). Loaded
  // until a hit, as another test's write may make one load a miss.
  for (const path of [tart, '/nl/commerces']) {
    await expect
      .poll(async () => (await page.goto(path))!.headers()['cache-status'] ?? '', { message: path, timeout: 15_000 })
      .toMatch(/^vitrine; hit/);
  }
  // The basket is one tap away in the header, on every page.
  await page.getByRole('banner').getByRole('link', { name: 'Winkelmandje' }).click();
  await page.waitForURL((url) => url.pathname === '/nl/panier');
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn winkelmandje' })).toBeVisible();
  const slots = page.locator('select[name^="creneau-"]');
  await expect(slots).toHaveCount(2);
  for (const select of await slots.all()) {
    const first = await select.locator('option[value^="20"]').first().getAttribute('value');
    await select.selectOption(first!);
  }
  // The other shop's id, for its inbox below (each shop's slot field is named by it).
  const plantSelect = page.getByLabel(/Afhalen bij Verdure/);
  const plantShop = (await plantSelect.getAttribute('name'))!.replace('creneau-', '');
  const shopper = `e2e.orders.${Date.now().toString(36)}@example.com`;
  await page.getByLabel('Naam').fill('Sofie Claes');
  await page.getByLabel('E-mailadres').fill(shopper);
  await page.getByRole('button', { name: 'Reservering bevestigen' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/nl/commande/'));
  await expect(page.getByRole('status')).toContainText('Verstuurd');
  await expect(page.getByRole('heading', { level: 2, name: 'Pâtisserie Lemaire' })).toBeVisible();
  const orderPage = new URL(page.url()).pathname;
  await waitForMail(shopper, { subject: /reservering/i });
  // The shop hears of it by e-mail too, naming the product as the shop wrote it (in French).
  const toShop = await waitForMail(MERCHANT.email, { subject: /^Nouvelle commande n° \d+ de Sofie Claes$/ });
  expect(toShop.text).toContain(`1 × ${TART.name}`);
  expect(toShop.text).toContain('/tableau-de-bord/1/commandes#commande-');

  // The inbox shows it without a reload, and says so.
  await expect(inbox.locator('#inbox-list')).toContainText('Sofie Claes', { timeout: 5_000 });
  await expect(inbox.locator('#inbox-live')).toContainText('mise à jour');
  const order = inbox.locator('.inbox__order', { hasText: 'Sofie Claes' });
  await order.getByRole('button', { name: 'Accepter' }).click();
  await expect(inbox.locator('.inbox__order', { hasText: 'Sofie Claes' }).locator('.order__status')).toHaveText('Acceptée, en préparation');
  await inbox.locator('.inbox__order', { hasText: 'Sofie Claes' }).getByRole('button', { name: 'Prête' }).click();
  await expect(inbox.locator('.inbox__order', { hasText: 'Sofie Claes' }).locator('.order__status')).toHaveText('Prête à retirer');
  await merchant.close();

  // The other shop declines, with a reason (the town's administrator may act for any shop).
  const admin = await browser.newContext({ baseURL: BASE_URL, locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
  const town = await admin.newPage();
  await logIn(town, 'fr', ADMIN);
  await town.goto(`/tableau-de-bord/${plantShop}/commandes`);
  await waitForHydration(town);
  const theirs = town.locator('.inbox__order', { hasText: 'Sofie Claes' });
  await theirs.locator('summary', { hasText: 'Refuser' }).click();
  await theirs.getByLabel('Raison du refus (le client la reçoit)').fill('Plus de strelitzia en 24 cm avant janvier.');
  await theirs.getByRole('button', { name: 'Refuser' }).click();
  await town.waitForURL((url) => url.searchParams.has('fait'));
  await expect(town.locator('.inbox__order', { hasText: 'Sofie Claes' })).toHaveCount(0);
  await admin.close();

  // The shopper sees both.
  await page.goto(orderPage);
  await expect(page.locator('.order', { hasText: 'Pâtisserie Lemaire' }).locator('.order__status')).toHaveText('Klaar om af te halen');
  await expect(page.locator('.order', { hasText: 'Verdure' }).locator('.order__status')).toHaveText('Geweigerd door de winkel');
  await expect(page.getByText('Plus de strelitzia en 24 cm avant janvier.')).toBeVisible();
  for (const subject of [/aanvaard/i, /klaar/i, /niet leveren/i]) {
    await waitForMail(shopper, { subject });
  }
});

test('a checkout made with the keyboard only', async ({ page }) => {
  const tart = await productPath(page, TART.name, TART.shop);
  await page.goto(tart);
  // Tab to the quantity field, then to the button, and press Enter.
  await page.locator('#reserve-quantity').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ajouter au panier' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/panier');
  const select = page.locator('select[name^="creneau-"]').first();
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nom')).toBeFocused();
  await page.keyboard.type('Jean Dupuis');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`e2e.keyboard.${Date.now().toString(36)}@example.com`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Confirmer la réservation' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname.startsWith('/commande/'));
  await expect(page.getByRole('status')).toContainText("C'est envoyé");
});

test('"ask if available" is answered yes from the shop\'s e-mail', async ({ page }) => {
  const product = await productPath(page, 'Mille-feuille', TART.shop);
  await page.goto(product);
  await page.getByRole('link', { name: "Demander s'il est disponible" }).click();
  await page.waitForURL((url) => url.pathname === '/demander');
  await page.getByLabel('Quand passeriez-vous ?').fill('2026-11-30');
  await page.getByLabel('Un message pour le commerce (facultatif)').fill('Pour quatre personnes ?\nMerci');
  const shopper = `e2e.ask.${Date.now().toString(36)}@example.com`;
  await page.getByLabel('Nom').fill('Claire Masson');
  await page.getByLabel('Adresse e-mail').fill(shopper);
  const before = lastMailSeq();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/commande/'));
  await expect(page.locator('.order__status')).toHaveText('Question envoyée, en attente de réponse');
  // The shop's e-mail opens a page with buttons; "yes" keeps it until the date shown.
  const link = linkIn(await waitForMail(MERCHANT.email, { subject: /Mille-feuille/, after: before }), '/commande/repondre');
  await page.goto(link.pathname + link.search);
  await expect(page.getByText('Pour quatre personnes ?')).toBeVisible();
  await page.getByRole('button', { name: 'Oui, je le garde' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'oui');
  await expect(page.getByRole('status')).toContainText('le client sait');
  await waitForMail(shopper, { subject: /vous le garde/, after: before });
});

test('every new page (basket, refused checkout, order page, question form, e-mailed links, inbox): no axe violation, no Nu error', async ({ browser, page }) => {
  // 16 pages at two widths, then one run of the Nu checker: about 35 s alone, more beside the rest of the suite.
  test.setTimeout(180_000);
  const tart = await productPath(page, TART.name, TART.shop);
  await addToBasket(page, tart, 'Ajouter au panier');
  // A refused checkout (no time chosen: the browser's own check taken off, as an old browser
  // would send it), seen on a phone and a desktop.
  await page.getByLabel('Nom').fill('Anne Leroy');
  await page.getByLabel('Adresse e-mail').fill('anne@example.com');
  await page.locator('select[name^="creneau-"]').first().evaluate((s: HTMLSelectElement) => s.removeAttribute('required'));
  await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Nom')).toHaveValue('Anne Leroy');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(results.violations, `the refused checkout at ${viewport.width} px:\n${axeReport(results.violations)}`).toEqual([]);
  }
  const pages: { name: string; url: string; context: 'shopper' | 'merchant' }[] = [
    { name: 'basket', url: '/panier', context: 'shopper' },
    { name: 'basket in Dutch', url: '/nl/panier', context: 'shopper' },
    { name: 'empty basket', url: '/en/panier', context: 'merchant' },
  ];
  // The order page: confirm for real.
  await page.locator('select[name^="creneau-"]').first().selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/commande/'));
  const orderPage = new URL(page.url()).pathname;
  pages.push({ name: 'order page', url: orderPage, context: 'shopper' }, { name: 'order page in Dutch', url: `/nl${orderPage}`, context: 'shopper' });
  // The question form, and the shop's answer page of a question asked now.
  const millefeuille = await productPath(page, 'Mille-feuille', TART.shop);
  const askPath = `/demander?produit=${millefeuille.split('/').pop()}`;
  await page.goto(askPath);
  await page.getByLabel('Quand passeriez-vous ?').fill('2026-12-01');
  await page.getByLabel('Nom').fill('Paul Dumont');
  await page.getByLabel('Adresse e-mail').fill(`e2e.a11y.${Date.now().toString(36)}@example.com`);
  const before = lastMailSeq();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/commande/'));
  const answer = linkIn(await waitForMail(MERCHANT.email, { subject: /Mille-feuille/, after: before }), '/commande/repondre');
  const gone = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  pages.push(
    { name: 'question form', url: askPath, context: 'shopper' },
    { name: 'question form in Dutch', url: `/nl${askPath}`, context: 'shopper' },
    { name: 'answer page', url: answer.pathname + answer.search, context: 'shopper' },
    { name: 'answer page in Dutch', url: `/nl${answer.pathname}${answer.search}`, context: 'shopper' },
    { name: 'answer given', url: '/commande/repondre?fait=oui', context: 'shopper' },
    { name: 'a used answer link', url: `/commande/repondre?jeton=${gone}`, context: 'shopper' },
    { name: 'a used confirmation link', url: `/commande/confirmer?jeton=${gone}`, context: 'shopper' },
    { name: 'confirmation given', url: '/nl/commande/confirmer?fait=1', context: 'shopper' },
  );
  const merchant = await browser.newContext({ baseURL: BASE_URL, locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
  const inbox = await merchant.newPage();
  await logIn(inbox, 'fr', MERCHANT);
  // The settings refused (the browser's own check taken off): they come back as typed.
  await inbox.goto('/tableau-de-bord/1/commandes');
  await waitForHydration(inbox);
  await inbox.locator('form[action$="/reglages"]').evaluate((f: HTMLFormElement) => { f.noValidate = true; });
  await inbox.getByLabel('Délai de préparation (minutes)').fill('-5');
  await inbox.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await inbox.waitForURL((url) => url.searchParams.has('formulaire'));
  await expect(inbox.getByLabel('Délai de préparation (minutes)')).toHaveValue('-5');
  await expect(inbox.getByText('Un nombre entier entre 0 et 10080.')).toBeVisible();
  const refusedSettings = new URL(inbox.url());
  pages.push(
    { name: 'refused settings', url: refusedSettings.pathname + refusedSettings.search, context: 'merchant' },
    { name: 'inbox', url: '/tableau-de-bord/1/commandes', context: 'merchant' },
    { name: 'inbox in Dutch', url: '/nl/tableau-de-bord/1/commandes', context: 'merchant' },
    { name: 'closed orders', url: '/tableau-de-bord/1/commandes?vue=fermees', context: 'merchant' },
    { name: "the day's collections", url: '/tableau-de-bord/1/commandes?jour=2026-11-28', context: 'merchant' },
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrine-orders-vnu-'));
  const files: { name: string; file: string; source: string }[] = [];
  for (const entry of pages) {
    const viewer = entry.context === 'shopper' ? page : inbox;
    for (const viewport of VIEWPORTS) {
      await viewer.setViewportSize(viewport);
      await viewer.goto(entry.url);
      if (entry.url.includes('/tableau-de-bord/')) await waitForHydration(viewer);
      const results = await new AxeBuilder({ page: viewer }).withTags(WCAG_TAGS).analyze();
      expect(results.violations, `${entry.name} at ${viewport.width} px:\n${axeReport(results.violations)}`).toEqual([]);
    }
    const response = await viewer.request.get(entry.url);
    const source = await response.text();
    const file = path.join(dir, `${entry.name.replace(/\W+/g, '-')}.html`);
    fs.writeFileSync(file, source);
    files.push({ name: entry.name, file, source });
  }
  const report = await runVnu(files.map((f) => f.file));
  for (const f of files) {
    const errors = vnuErrors(vnuMessagesOf(report, f.file), f.source);
    expect(errors, `${f.name}:\n${vnuReport(errors)}`).toEqual([]);
  }
  await merchant.close();
});
