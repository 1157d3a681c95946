import { test, expect, gotoHydrated } from './helpers';

/**
 * The merchant's products (issue 13), in a real browser:
 * - in French, with JavaScript: the demo merchant gives a product its barcode in the product
 *   form, finds it again by typing that barcode (as on a phone without a camera), and marks it
 *   out of stock in one tap; a shopper then reads "Épuisé" on the product's public page;
 * - in Dutch, without JavaScript: a product refused for its price comes back with the Dutch
 *   message and what was typed, then is added once the price is fixed.
 */

const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
// Pâtisserie Lemaire, the demo merchant's shop, is the first business (id 1); its products are
// the first of the demo catalogue (seed/demo/products.json): 5 is "Tarte au sucre brun (8 parts)".
const PRODUCTS = '/tableau-de-bord/1/produits';
const TART = 5;
const GTIN = '4006381333931';

async function logIn(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(MERCHANT.email);
  await page.getByLabel('Mot de passe').fill(MERCHANT.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/tableau-de-bord'));
}

test('a barcode typed finds the product, and one tap marks it out of stock for shoppers', async ({ page, browser }) => {
  await logIn(page);
  await gotoHydrated(page, `${PRODUCTS}/${TART}`);
  await page.locator('#gtin').fill(GTIN);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Produit enregistré.' })).toBeVisible();

  await page.locator('#code').fill(GTIN);
  await page.getByRole('button', { name: 'Trouver' }).click();
  const found = page.locator('.scan-result');
  await expect(found).toContainText(`Produit trouvé pour le code ${GTIN}`);
  await expect(found).toContainText('Tarte au sucre brun (8 parts)');
  await found.getByRole('button', { name: 'Marquer épuisé : Tarte au sucre brun (8 parts)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stock mis à jour.' })).toBeVisible();

  const shopper = await browser.newPage();
  await shopper.goto(`/commerces/patisserie-lemaire/produits/${TART}`);
  await expect(shopper.locator('h1')).toHaveText('Tarte au sucre brun (8 parts)');
  await expect(shopper.locator('.availability')).toHaveText("Épuisé · vérifié aujourd'hui");
  await shopper.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a product refused for its price comes back in Dutch as typed, then is added', async ({ page }) => {
    await logIn(page);
    await page.goto(`/nl${PRODUCTS}/nouveau`);
    await page.locator('#name_fr').fill('Galette des rois frangipane');
    await page.locator('#description_fr').fill('Pur beurre.\nAvec sa fève.');
    await page.locator('#price').fill('24,505');
    await page.getByRole('button', { name: 'Product toevoegen' }).click();
    await expect(page.locator('#price-error')).toHaveText('De prijs heeft hoogstens twee decimalen, bijvoorbeeld 12,50.');
    await expect(page.locator('#name_fr')).toHaveValue('Galette des rois frangipane');
    await expect(page.locator('#description_fr')).toHaveValue('Pur beurre.\nAvec sa fève.');
    await page.locator('#price').fill('24,50');
    await page.getByRole('button', { name: 'Product toevoegen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Product toegevoegd.' })).toBeVisible();
    await expect(page.locator('.product-row', { hasText: 'Galette des rois frangipane' })).toContainText('€\u00a024,50');
  });
});
