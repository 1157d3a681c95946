import { test, expect, openAtFixedClock, seedNames, seedSearch } from './helpers';

/**
 * Without JavaScript (blocked, failed to load, old device): the server-rendered pages and plain
 * HTML forms and links must be enough to search, filter, page through and recover from errors.
 */

test.use({ javaScriptEnabled: false });

test.afterEach(async ({ page }) => {
  // Make sure the page really ran without JavaScript: it was never hydrated.
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
});

test('the search form submits as a plain GET and shows the results', async ({ page }) => {
  await page.goto('/commerces');
  await page.getByLabel('Rechercher un commerce').fill('patisserie');
  const navigation = page.waitForResponse((r) => r.request().isNavigationRequest() && r.url().includes('q=patisserie'));
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const response = await navigation;
  expect(response.request().method()).toBe('GET');
  expect(response.status()).toBe(200);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/commerces');
  expect(url.searchParams.get('q')).toBe('patisserie');
  const expected = seedSearch('patisserie');
  await expect(page.locator('.results-count')).toHaveText(`${expected.length} commerces`);
  await expect(page.locator('.cards .card__title a').filter({ hasText: 'Pâtisserie Lemaire' })).toHaveCount(1);
  await expect(page.getByLabel('Rechercher un commerce')).toHaveValue('patisserie');
});

test('the search box of the home page leads to the directory results', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Rechercher un commerce').fill('BOUCHERIE');
  await page.getByLabel('Rechercher un commerce').press('Enter');
  await page.waitForURL((url) => url.pathname === '/commerces' && url.searchParams.get('q') === 'BOUCHERIE');
  await expect(page.locator('.cards .card__title a').filter({ hasText: 'Boucherie Dubois' })).toHaveCount(1);
});

test('the category and "open now" filters work as a plain form', async ({ page }) => {
  await page.goto('/commerces');
  await page.getByLabel('Catégorie').selectOption({ label: 'Boulangerie & pâtisserie' });
  await page.getByLabel('Ouvert maintenant').check();
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL((url) => url.searchParams.get('categorie') === 'boulangerie' && url.searchParams.get('ouvert') === '1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces : Boulangerie & pâtisserie');
  const expected = seedNames((b) => b.category === 'boulangerie' && openAtFixedClock(b));
  expect((await page.locator('.cards .card__title a').allTextContents()).sort()).toEqual(expected);
  for (const status of await page.locator('.cards .status').allTextContents()) expect(status).toMatch(/^Ouvert/);
  await expect(page.getByLabel('Catégorie')).toHaveValue('boulangerie');
  await expect(page.getByLabel('Ouvert maintenant')).toBeChecked();

  await page.getByRole('link', { name: 'Effacer les filtres' }).click();
  await page.waitForURL((url) => url.pathname === '/commerces' && url.search === '');
  await expect(page.locator('.results-count')).toHaveText('88 commerces');
});

test('the pagination links work', async ({ page }) => {
  await page.goto('/commerces');
  await page.getByRole('link', { name: 'Page suivante' }).click();
  await page.waitForURL((url) => url.searchParams.get('page') === '2');
  await expect(page.locator('.pagination__where')).toHaveText('Page 2 sur 4');
  await expect(page.locator('.cards .card')).toHaveCount(24);
});

test('a business page is complete without JavaScript', async ({ page }) => {
  await page.goto('/commerces?q=carriers');
  await page.getByRole('link', { name: 'Le Café des Carriers' }).click();
  await page.waitForURL('**/commerces/le-cafe-des-carriers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le Café des Carriers');
  await expect(page.locator('.business__header .status')).toHaveText('Ouvert — ferme demain à 2:00');
  await expect(page.locator('tr.hours__today .badge')).toHaveText("aujourd'hui");
});

test('the 404 page works and leads back into the site', async ({ page }) => {
  const response = await page.goto('/cette-page-nexiste-pas');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await page.getByRole('link', { name: "Chercher dans l'annuaire" }).click();
  await page.waitForURL((url) => url.pathname === '/commerces');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces');
});

test('a bad page number explains the problem and links to the first page', async ({ page }) => {
  const response = await page.goto('/commerces?page=0');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Le numéro de page doit être un nombre entier positif.');
  await page.getByRole('link', { name: 'Aller à la première page' }).click();
  await page.waitForURL((url) => url.pathname === '/commerces' && url.search === '');
  await expect(page.locator('.cards .card')).toHaveCount(24);
});

test('the language switcher works without JavaScript', async ({ page }) => {
  await page.goto('/commerces?q=pain');
  await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'Nederlands' }).click();
  await page.waitForURL((url) => url.pathname === '/nl/commerces' && url.searchParams.get('q') === 'pain');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Winkels');
});

test('a refused profile comes back with the message next to the field and the text as typed', async ({ page }) => {
  // The login form is a plain POST too.
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill('commercant@demo.vitrine.be');
  await page.getByLabel('Mot de passe').fill('demo-commercant-vitrine-soignies');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/tableau-de-bord');

  await page.goto('/tableau-de-bord/1/profil');
  const description = page.getByLabel('Description (français)');
  const typed = 'Pains & viennoiseries <maison>\nCroissants le dimanche';
  await description.fill(typed);
  await page.getByLabel('Site web').fill('ftp://lemaire.be');
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  // Back on the form: only the id of what was typed in the address, the text on two lines kept.
  await page.waitForURL((url) => url.pathname === '/tableau-de-bord/1/profil' && url.searchParams.has('formulaire'));
  expect(page.url()).not.toContain('Croissants');
  await expect(page.locator('#website-error')).toContainText('https://');
  await expect(description).toHaveValue(typed);
  await expect(page.getByLabel('Site web')).toHaveValue('ftp://lemaire.be');

  // The same address opened by a visitor with another session shows the saved profile.
  const refused = page.url();
  const other = await page.context().browser()!.newContext({ javaScriptEnabled: false });
  const second = await other.newPage();
  await second.goto('/connexion');
  await second.getByLabel('Adresse e-mail').fill('commercant@demo.vitrine.be');
  await second.getByLabel('Mot de passe').fill('demo-commercant-vitrine-soignies');
  await second.getByRole('button', { name: 'Se connecter' }).click();
  await second.waitForURL((url) => url.pathname === '/tableau-de-bord');
  await second.goto(refused);
  await expect(second.getByLabel('Description (français)')).not.toHaveValue(typed);
  await other.close();
});
