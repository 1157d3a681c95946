import AxeBuilder from '@axe-core/playwright';
import { test as plainTest, type Page } from '@playwright/test';
import { test, expect, gotoHydrated } from './helpers';

/**
 * The photos page of the merchant dashboard (issue 7), with the demo merchant (owner of
 * Pâtisserie Lemaire, business 1, whose two demo photos are SVGs): axe-core in each state the
 * page can be in (the list, a refused upload, the deletion's confirmation), and the whole cycle
 * without JavaScript: a refused file keeps the typed description and says why next to its field,
 * an accepted one is listed, moves up, and is deleted after the confirmation step. The listing
 * ends as it began (the two SVGs in their order), so other specs reading the business see it
 * unchanged once these are done.
 *
 * The test with JavaScript uses Playwright's own `test` rather than the helpers' (which fails on
 * any console error): a refused description is answered 422 on purpose, which Chromium logs.
 * Uncaught exceptions still fail it.
 */

test.describe.configure({ mode: 'serial' });

const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PAGE = '/tableau-de-bord/1/photos';

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
  await page.setContent('<div style="width:640px;height:400px;background:linear-gradient(90deg,#c33,#36c)"></div>');
  return page.screenshot({ clip: { x: 0, y: 0, width: 640, height: 400 } });
}

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

test('the photos page has no WCAG 2.1 A/AA violation in any of its states', async ({ page }) => {
  await logIn(page);
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await gotoHydrated(page, PAGE);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Photos');
    await expect(page.locator('.photo-list > li')).toHaveCount(2);
    await expectNoAxeViolations(page);

    // A refused upload's messages. What was typed is kept server-side for the session that typed
    // it (the whole cycle is below): a description written into the address fills nothing.
    await gotoHydrated(page, `${PAGE}?refus=photo_0:photo_svg_refused,alt_fr_1:alt_required&alt_fr_0=Un+logo`);
    await expect(page.locator('#photo_0-error')).toContainText('Les fichiers SVG ne sont pas acceptés');
    await expect(page.getByRole('group', { name: 'Nouvelle photo 1' }).getByLabel('Description en français')).toHaveValue('');
    await expectNoAxeViolations(page);

    // The deletion's confirmation step.
    const first = await page.locator('.photo-list > li').first().getAttribute('id');
    await gotoHydrated(page, `${PAGE}?supprimer=${first!.replace('photo-', '')}`);
    await expect(page.getByRole('heading', { name: 'Supprimer cette photo ?' })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

plainTest('with JavaScript, moving, describing and deleting update the list in place', async ({ page, browser }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  const drawing = await browser.newPage();
  const png = await somePng(drawing);
  await drawing.close();
  await logIn(page);
  await gotoHydrated(page, PAGE);
  const slot = page.getByRole('group', { name: 'Nouvelle photo 1' });
  await slot.getByLabel('Fichier de la photo').setInputFiles({ name: 'comptoir.png', mimeType: 'image/png', buffer: png });
  await slot.getByLabel('Description en français').fill('Le comptoir des gâteaux');
  await page.getByRole('button', { name: 'Envoyer les photos' }).click();
  await page.waitForURL((url) => url.searchParams.get('enregistre') === 'photos');
  await gotoHydrated(page, page.url());
  await expect(page.locator('.photo-list > li')).toHaveCount(3);

  await page.getByRole('button', { name: 'Monter la photo 3' }).click();
  await expect(page.getByRole('status')).toContainText('en position 2 sur 3');
  await expect(page.locator('.photo-list img').nth(1)).toHaveAttribute('alt', 'Le comptoir des gâteaux');
  // Twice in a row: the list is read again after each success, not only when the address changes.
  await page.getByRole('button', { name: 'Monter la photo 2' }).click();
  await expect(page.locator('.photo-list img').first()).toHaveAttribute('alt', 'Le comptoir des gâteaux');

  // A description refused keeps what was typed and says why on that photo only.
  const item = page.locator('.photo-list > li').first();
  await item.getByLabel('Description en français').fill(' ');
  await item.getByRole('button', { name: 'Enregistrer la description de la photo 1' }).click();
  await expect(item.locator('.field-error')).toContainText('Décrivez la photo');
  await expect(page.locator('.photo-list .field-error')).toHaveCount(1);
  await item.getByLabel('Description en anglais (facultatif)').fill('The cake counter');
  await item.getByLabel('Description en français').fill('Le comptoir des gâteaux du matin');
  await item.getByRole('button', { name: 'Enregistrer la description de la photo 1' }).click();
  await expect(page.getByRole('status')).toContainText('Description enregistrée');
  await expect(page.locator('.photo-list img').first()).toHaveAttribute('alt', 'Le comptoir des gâteaux du matin');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Supprimer la photo 1…' }).click();
  await page.getByRole('button', { name: 'Oui, supprimer la photo' }).click();
  await expect(page.getByRole('status')).toContainText('Photo supprimée');
  await expect(page.locator('.photo-list > li')).toHaveCount(2);
  await expect(page.getByRole('heading', { name: 'Supprimer cette photo ?' })).toHaveCount(0);
  expect(errors, 'no uncaught exception').toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a merchant uploads, moves and deletes a photo with plain forms', async ({ page, browser }) => {
    // The PNG is drawn in a page of its own (this one runs no script, screenshots need none).
    const drawing = await browser.newPage();
    const png = await somePng(drawing);
    await drawing.close();

    await logIn(page);
    await page.goto(PAGE);
    const slot = page.getByRole('group', { name: 'Nouvelle photo 1' });

    // An SVG is refused next to its field; the description typed is kept.
    await slot.getByLabel('Fichier de la photo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG });
    await slot.getByLabel('Description en français').fill('Notre logo');
    await page.getByRole('button', { name: 'Envoyer les photos' }).click();
    await page.waitForURL((url) => url.searchParams.has('refus'));
    await expect(page.getByRole('alert')).toContainText('rien n\'a été enregistré');
    await expect(slot.getByLabel('Fichier de la photo')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#photo_0-error')).toContainText('Les fichiers SVG ne sont pas acceptés');
    await expect(slot.getByLabel('Description en français')).toHaveValue('Notre logo');
    await expect(page.locator('.photo-list > li')).toHaveCount(2);

    // A photo is accepted and listed last, with its description as text alternative.
    await slot.getByLabel('Fichier de la photo').setInputFiles({ name: 'vitrine.png', mimeType: 'image/png', buffer: png });
    await slot.getByLabel('Description en français').fill('La vitrine aux couleurs de Noël');
    await page.getByRole('button', { name: 'Envoyer les photos' }).click();
    await page.waitForURL((url) => url.searchParams.get('enregistre') === 'photos');
    await expect(page.getByRole('status')).toContainText('Photos ajoutées');
    await expect(page.locator('.photo-list > li')).toHaveCount(3);
    await expect(page.locator('.photo-list img').last()).toHaveAttribute('alt', 'La vitrine aux couleurs de Noël');
    await expect(page.locator('.photo-list img').last()).toHaveAttribute('srcset', /\/media\/p\/.+ 480w/);

    // Moved up: the page says where it is now.
    await page.getByRole('button', { name: 'Monter la photo 3' }).click();
    await page.waitForURL((url) => url.searchParams.get('enregistre') === 'ordre');
    await expect(page.getByRole('status')).toContainText('en position 2 sur 3');
    await expect(page.locator('.photo-list img').nth(1)).toHaveAttribute('alt', 'La vitrine aux couleurs de Noël');

    // Deleted after the confirmation step; "No" first, which keeps it.
    await page.getByRole('link', { name: 'Supprimer la photo 2…' }).click();
    await expect(page.getByRole('heading', { name: 'Supprimer cette photo ?' })).toBeVisible();
    await page.getByRole('link', { name: 'Non, la garder' }).click();
    await expect(page.getByRole('heading', { name: 'Supprimer cette photo ?' })).toHaveCount(0);
    await expect(page.locator('.photo-list > li')).toHaveCount(3);
    await page.getByRole('link', { name: 'Supprimer la photo 2…' }).click();
    await page.getByRole('button', { name: 'Oui, supprimer la photo' }).click();
    await page.waitForURL((url) => url.searchParams.get('enregistre') === 'supprimee');
    await expect(page.getByRole('status')).toContainText('Photo supprimée');
    await expect(page.locator('.photo-list > li')).toHaveCount(2);
    await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  });
});
