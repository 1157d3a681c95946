import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { waitForHydration } from './helpers';

/**
 * The merchant dashboard (issue 7), with the demo merchant (owner of Pâtisserie Lemaire): log in,
 * change one day's hours and see the public page change, confirm the listing, a second tab's
 * outdated save, log out; the login in Dutch; the login without JavaScript; axe-core on the
 * dashboard's pages.
 *
 * These tests use Playwright's own `test` rather than the helpers' (which fails on any console
 * error): a refused login (401) and an outdated save (409) are answered with error statuses on
 * purpose, which Chromium logs. Uncaught exceptions still fail them (`pageerror`).
 *
 * They edit the same listing, so they run one after the other. They change only Monday and
 * Sunday hours of Pâtisserie Lemaire (the fixed clock is Saturday 10:00, when it is open
 * either way) and its confirmation date, which no other test reads.
 */

test.describe.configure({ mode: 'serial' });

const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

async function logIn(page: Page, path = '/connexion'): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByLabel(/^(Adresse e-mail|E-mailadres)$/).fill(MERCHANT.email);
  await page.getByLabel(/^(Mot de passe|Wachtwoord)$/).fill(MERCHANT.password);
  await page.getByRole('button', { name: /^(Se connecter|Aanmelden)$/ }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/tableau-de-bord'));
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  expect(results.violations.length, `axe-core violations on ${page.url()}:\n${report}`).toBe(0);
}

test('a merchant changes one day in two actions, sees the public page change, confirms in one tap and logs out', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await logIn(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pâtisserie Lemaire');
  await expectNoAxeViolations(page);

  // Change one day's hours: type (1), save (2). The preview follows the typing.
  const monday = page.getByLabel('lundi', { exact: true });
  await monday.fill('7h45-12h15');
  await expect(page.locator('#day0-preview')).toContainText('7:45');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await page.waitForURL((url) => url.searchParams.get('enregistre') === 'horaires');
  await expect(page.locator('.notice')).toContainText('Modifications enregistrées');
  await expect(page.getByLabel('lundi', { exact: true })).toHaveValue('07:45-12:15');
  // A second save of the same kind right after: the form was given the new version (no 409).
  const first = new URL(page.url()).searchParams.get('n');
  await page.getByLabel('lundi', { exact: true }).fill('7h45-12h30');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await page.waitForURL((url) => url.searchParams.get('n') !== first);
  await expect(page.getByLabel('lundi', { exact: true })).toHaveValue('07:45-12:30');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.goto('/commerces/patisserie-lemaire');
  await expect(page.locator('main')).toContainText('7:45');

  // Confirm the listing: one tap from the first screen.
  await page.goto('/tableau-de-bord');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Tout est correct' }).click();
  await page.waitForURL((url) => url.searchParams.get('enregistre') === 'confirme');
  await expect(page.locator('.notice')).toContainText('Votre fiche est confirmée');
  await expect(page.locator('.freshness')).toContainText("Confirmée aujourd'hui");

  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/connexion');
  await expect(page.locator('.notice')).toContainText('Vous êtes déconnecté');
  // Let the login page finish what it loads before leaving it: a navigation that interrupts a
  // page still resolving its resources once made the WASM trap ("unreachable") in CI.
  await page.waitForLoadState('networkidle');
  const after = await page.goto('/tableau-de-bord');
  expect(after?.status()).toBe(401);
  await expect(page.locator('main')).toContainText('Connectez-vous');
  expect(errors).toEqual([]);
});

test("a second tab's outdated save is refused with a clear message and keeps what was typed", async ({ page, context }) => {
  const errors = failOnPageErrors(page);
  await logIn(page);
  const second = await context.newPage();
  errors.push(...failOnPageErrors(second));
  await second.goto('/tableau-de-bord');
  await waitForHydration(second);

  await page.getByLabel('dimanche', { exact: true }).fill('7:00-13:30');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await page.waitForURL((url) => url.searchParams.get('enregistre') === 'horaires');

  // The live preview: the public status line with the hours as typed (Saturday 10:00 now).
  await expect(second.locator('.status-preview')).toContainText('Ouvert');
  await second.getByLabel('samedi', { exact: true }).fill('');
  await expect(second.locator('.status-preview')).toContainText('Fermé');
  const sunday = second.getByLabel('dimanche', { exact: true });
  await sunday.fill('8:00-12:00');
  await second.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await expect(second.getByRole('alert').filter({ hasText: "Quelqu'un d'autre a modifié" })).toBeVisible();
  await expect(sunday).toHaveValue('8:00-12:00');
  expect(errors).toEqual([]);
});

test('the Dutch login says a wrong password in Dutch, and its page has no axe violation', async ({ page }) => {
  await page.goto('/nl/connexion');
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByLabel('E-mailadres').fill(MERCHANT.email);
  await page.getByLabel('Wachtwoord').fill('niet mijn wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('E-mailadres of wachtwoord onjuist.');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(MERCHANT.email);
  // The right password still works after one mistake.
  await page.getByLabel('Wachtwoord').fill(MERCHANT.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL((url) => url.pathname === '/nl/tableau-de-bord');
  await expect(page.getByRole('heading', { name: 'Openingsuren van de week' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the login form and the dashboard work as plain HTML', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(MERCHANT.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MERCHANT.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname === '/tableau-de-bord');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pâtisserie Lemaire');
    await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  });

  test('a refused save shows its message next to the field and keeps what was typed', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(MERCHANT.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(MERCHANT.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname === '/tableau-de-bord');
    await page.getByLabel('mercredi', { exact: true }).fill('9:00-13:00, 12:00-18:00');
    await page.getByLabel('jeudi', { exact: true }).fill('8h-17h');
    await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
    await expect(page.locator('#day2-error')).toHaveText('Deux plages horaires se chevauchent.');
    await expect(page.getByLabel('mercredi', { exact: true })).toHaveValue('9:00-13:00, 12:00-18:00');
    await expect(page.getByLabel('mercredi', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('jeudi', { exact: true })).toHaveValue('8h-17h');
    // Nothing was saved: the public page still shows Thursday's hours as they were.
    await page.goto('/commerces/patisserie-lemaire');
    await expect(page.locator('main')).not.toContainText('17:00');
  });
});
