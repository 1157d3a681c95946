import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, gotoHydrated } from './helpers';

/**
 * The merchant's offers (issue 8), as the demo merchant (owner of Pâtisserie Lemaire, business
 * 1): the list and the compose form have no axe-core WCAG 2.1 A/AA violation, hydrated, on a
 * phone and a desktop, in French and in Dutch, also once a refused form comes back (its
 * message next to the field, what was typed kept); and the whole life of an offer without
 * JavaScript: composed with a photo, previewed on its public page, published from the form,
 * its poster printed, ended early, posted again, deleted after the confirmation step. The offers
 * made here are deleted again, so the business's public page ends as it began.
 */

test.describe.configure({ mode: 'serial' });

const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LIST = '/tableau-de-bord/1/offres';

async function logIn(page: Page): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(MERCHANT.email);
  await page.getByLabel('Mot de passe').fill(MERCHANT.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/tableau-de-bord'));
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.html}`).join('\n')}`)
    .join('\n');
  expect(results.violations.length, `axe-core violations on ${page.url()}:\n${report}`).toBe(0);
}

/** A real PNG, as a phone would send one: a screenshot of a coloured block. */
async function somePng(page: Page): Promise<Buffer> {
  await page.setContent('<div style="width:640px;height:400px;background:linear-gradient(90deg,#c93,#369)"></div>');
  return page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 400 } });
}

test('the offers list and form have no WCAG 2.1 A/AA violation, refused or not, in French and Dutch', async ({ page }) => {
  await logIn(page);
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await gotoHydrated(page, LIST);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offres');
    await expectNoAxeViolations(page);

    await gotoHydrated(page, `${LIST}/nouvelle`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle offre');
    await expectNoAxeViolations(page);

    // A refused form, as the server sends it back: the message next to its field, the text
    // kept (line breaks included), nothing saved.
    await page.getByLabel('Titre', { exact: true }).fill('Galettes -20 %');
    await page.getByLabel('Texte', { exact: true }).fill('Toutes nos galettes.\nFrangipane ou pommes.');
    await page.getByLabel('Premier jour').fill('2026-12-10');
    await page.getByLabel('Dernier jour').fill('2026-12-08');
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('refus'));
    await gotoHydrated(page, page.url());
    await expect(page.locator('#ends_on-error')).toHaveText('Le dernier jour doit venir après le premier.');
    await expect(page.getByLabel('Dernier jour')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Texte', { exact: true })).toHaveValue('Toutes nos galettes.\nFrangipane ou pommes.');
    await expect(page.getByRole('alert').first()).toContainText("rien n'a été enregistré");
    await expectNoAxeViolations(page);
  }

  await gotoHydrated(page, `/nl${LIST}/nouvelle`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuwe aanbieding');
  await page.getByLabel('Titel', { exact: true }).fill('Taarten');
  await page.getByLabel('Tekst', { exact: true }).fill('Alle taarten.');
  await page.getByLabel('Eerste dag').fill('2026-12-10');
  await page.getByLabel('Laatste dag').fill('2026-12-08');
  await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/nl/') && url.searchParams.has('refus'));
  await gotoHydrated(page, page.url());
  await expect(page.locator('#ends_on-error')).toHaveText('De laatste dag moet na de eerste komen.');
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue('Taarten');
  await expectNoAxeViolations(page);
  await gotoHydrated(page, `/nl${LIST}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanbiedingen');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an offer is composed with a photo, previewed, published, printed, ended, posted again and deleted', async ({
    page,
    browser,
  }) => {
    const drawing = await browser.newPage();
    const png = await somePng(drawing);
    await drawing.close();
    const title = 'Marché de Noël devant la boutique';

    await logIn(page);
    await page.goto('/tableau-de-bord/1');
    await page.getByRole('link', { name: 'Offres et nouveautés' }).click();
    await expect(page).toHaveURL(LIST);
    await page.getByRole('link', { name: 'Nouvelle offre' }).click();

    await page.getByLabel('Type').selectOption('event');
    await page.getByLabel('Titre', { exact: true }).fill(title);
    await page.getByLabel('Texte', { exact: true }).fill('Vin chaud et couques, samedi et dimanche.');
    await page.getByLabel('Fichier de la photo').setInputFiles({ name: 'chalet.png', mimeType: 'image/png', buffer: png });
    await page.getByLabel('Description en français').fill('Le chalet devant la vitrine');
    await page.getByLabel('Premier jour').fill('2026-11-28');
    await page.getByLabel('Dernier jour').fill('2026-12-06');
    await page.getByLabel('Code promo (facultatif)').fill('NOEL26');

    // "Prévisualiser" saves a draft and opens its public page (shown to the shop's people only).
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.waitForURL(/\/offres\/\d+$/);
    const id = new URL(page.url()).pathname.split('/').pop();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);

    // Back to the form: the draft, published as it is.
    await page.goto(`${LIST}/${id}`);
    await expect(page.getByRole('button', { name: 'Publier ce brouillon' })).toBeVisible();
    await expect(page.getByLabel('Titre', { exact: true })).toHaveValue(title);
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'publiee');
    await expect(page.getByRole('status')).toHaveText('Offre publiée.');
    await expect(page.locator('#offers-live')).toHaveText(/En cours \(\d+\)/);
    await expect(page.locator(`#offre-${id}`)).toContainText(title);

    // The poster: an A4 SVG with its QR code.
    const poster = await page.request.get(`${LIST}/${id}/affiche.svg`);
    expect(poster.status()).toBe(200);
    expect(poster.headers()['content-type']).toContain('image/svg+xml');
    const svg = await poster.text();
    expect(svg).toContain('width="210mm" height="297mm"');
    expect(svg).toContain('<g id="qr"');

    // Ended early: it moves to the ended ones, from where it is posted again.
    await page.getByRole('button', { name: `Terminer maintenant : ${title}` }).click();
    await expect(page.getByRole('status')).toHaveText('Offre terminée : elle n\'apparaît plus dans les listes.');
    const ended = page.locator(`#offre-${id}`);
    await expect(ended).toContainText('Terminée');
    await expect(ended.getByLabel('Premier jour')).toHaveValue('2026-11-28');
    await ended.getByRole('button', { name: 'Publier à nouveau' }).click();
    await expect(page.getByRole('status')).toHaveText('Offre publiée à nouveau.');
    const copy = new URL(page.url()).searchParams.get('offre');
    expect(copy).not.toBe(id);

    // Both deleted after the confirmation step ("Non, garder" keeps it).
    for (const offer of [id, copy]) {
      await page.locator(`#offre-${offer}`).getByRole('link', { name: `Supprimer : ${title}` }).click();
      await expect(page.getByRole('heading', { name: 'Supprimer cette offre ?' })).toBeVisible();
      await page.getByRole('link', { name: 'Non, garder' }).click();
      await expect(page.locator(`#offre-${offer}`)).toBeVisible();
      await page.locator(`#offre-${offer}`).getByRole('link', { name: `Supprimer : ${title}` }).click();
      await page.getByRole('button', { name: 'Oui, supprimer' }).click();
      await expect(page.getByRole('status')).toHaveText('Offre supprimée.');
      await expect(page.locator(`#offre-${offer}`)).toHaveCount(0);
    }
  });
});
