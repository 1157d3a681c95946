import type { Page } from '@playwright/test';
import { test, expect, gotoHydrated, openAtFixedClock, seedNames, seedSearch, DEMO_BUSINESS_COUNT, PAGE_SIZE, SEED } from './helpers';

/**
 * The directory, `/commerces`: search, filters, pagination, and what happens with a URL whose
 * parameters make no sense. With JavaScript (hydrated page) unless said otherwise.
 */

const cardNames = (page: Page) => page.locator('.cards .card__title a');
const resultsCount = (page: Page) => page.locator('.results-count');
const cardSlugs = async (page: Page) =>
  (await cardNames(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).map((href) => href.replace('/commerces/', ''));

/** Marks the current document, and records any full page load from now on. */
async function watchForReload(page: Page): Promise<() => Promise<{ marker: unknown; documentLoads: string[] }>> {
  const documentLoads: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documentLoads.push(request.url());
  });
  await page.evaluate(() => {
    (window as unknown as { __marker: number }).__marker = 1;
  });
  return async () => ({
    marker: await page.evaluate(() => (window as unknown as { __marker?: number }).__marker),
    documentLoads,
  });
}

test.describe('search', () => {
  test('searching "patisserie" without accents finds "Pâtisserie Lemaire", updating the results in place without reloading the page', async ({ page }) => {
    await gotoHydrated(page, '/commerces');
    await expect(resultsCount(page)).toHaveText(`${DEMO_BUSINESS_COUNT} commerces`);
    const reloads = await watchForReload(page);

    await page.getByLabel('Rechercher un commerce').fill('patisserie');
    await page.getByRole('button', { name: 'Rechercher' }).click();

    await page.waitForURL((url) => url.pathname === '/commerces' && url.searchParams.get('q') === 'patisserie');
    await expect(cardNames(page).filter({ hasText: 'Pâtisserie Lemaire' })).toHaveCount(1);
    // Exactly the businesses whose name, category, description or address say "pâtisserie".
    const expected = seedSearch('patisserie');
    expect(expected.length).toBeLessThan(PAGE_SIZE);
    await expect(resultsCount(page)).toHaveText(`${expected.length} commerces`);
    expect((await cardSlugs(page)).sort()).toEqual(expected);
    await expect(page.getByLabel('Rechercher un commerce')).toHaveValue('patisserie');
    expect(await reloads()).toEqual({ marker: 1, documentLoads: [] });
  });

  test('searching "BOUCHERIE" in capitals finds "Boucherie Dubois" (submitted with the Enter key)', async ({ page }) => {
    await gotoHydrated(page, '/commerces');
    const reloads = await watchForReload(page);

    await page.getByLabel('Rechercher un commerce').fill('BOUCHERIE');
    await page.getByLabel('Rechercher un commerce').press('Enter');

    await page.waitForURL((url) => url.searchParams.get('q') === 'BOUCHERIE');
    await expect(cardNames(page).filter({ hasText: 'Boucherie Dubois' })).toHaveCount(1);
    const expected = seedSearch('boucherie');
    await expect(resultsCount(page)).toHaveText(`${expected.length} commerces`);
    expect((await cardSlugs(page)).sort()).toEqual(expected);
    expect(await reloads()).toEqual({ marker: 1, documentLoads: [] });
  });

  test('a search made with JavaScript gives the same shareable URL as the same search without JavaScript', async ({ page, browser }) => {
    await gotoHydrated(page, '/commerces');
    await page.getByLabel('Rechercher un commerce').fill('pain');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'pain');
    const withJs = new URL(page.url());

    const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: new URL(page.url()).origin, locale: 'fr-BE' });
    try {
      const plain = await noJs.newPage();
      await plain.goto('/commerces');
      await plain.getByLabel('Rechercher un commerce').fill('pain');
      await plain.getByRole('button', { name: 'Rechercher' }).click();
      await plain.waitForURL((url) => url.searchParams.get('q') === 'pain');
      const withoutJs = new URL(plain.url());
      expect([...withJs.searchParams], `with JavaScript: ${withJs.search}, without: ${withoutJs.search}`).toEqual([...withoutJs.searchParams]);
    } finally {
      await noJs.close();
    }
  });

  test('a search that matches nothing says so and suggests what to change', async ({ page }) => {
    await gotoHydrated(page, '/commerces?q=zzzzzz');
    await expect(resultsCount(page)).toHaveText('0 commerce');
    await expect(page.getByText('Aucun commerce ne correspond à votre recherche.')).toBeVisible();
    await expect(cardNames(page)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Effacer les filtres' })).toHaveAttribute('href', '/commerces');
  });
});

test.describe('filters', () => {
  test('choosing a category in the list shows only the businesses of that category', async ({ page }) => {
    await gotoHydrated(page, '/commerces');
    const reloads = await watchForReload(page);

    await page.getByLabel('Catégorie').selectOption({ label: 'Boucherie & charcuterie' });
    await page.getByRole('button', { name: 'Rechercher' }).click();

    await page.waitForURL((url) => url.searchParams.get('categorie') === 'boucherie');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces : Boucherie & charcuterie');
    const expected = seedNames((b) => b.category === 'boucherie');
    await expect(resultsCount(page)).toHaveText(`${expected.length} commerces`);
    expect((await cardNames(page).allTextContents()).sort()).toEqual(expected);
    await expect(page.locator('.cards .card__category')).toHaveText(expected.map(() => 'Boucherie & charcuterie'));
    // The form shows the filter that is applied.
    await expect(page.getByLabel('Catégorie')).toHaveValue('boucherie');
    expect(await reloads()).toEqual({ marker: 1, documentLoads: [] });
  });

  test('"Ouvert maintenant" on Saturday at 10:00 lists exactly the businesses open then, each shown as open', async ({ page }) => {
    const open = seedNames(openAtFixedClock);
    // Sanity of the expectations: Le Chapitre opens at 12:00 on Saturdays and L'Épi des Champs
    // is closed for family reasons from 24 November to 1 December (seed/demo/businesses.json).
    expect(open).not.toContain('Le Chapitre');
    expect(open).not.toContain("L'Épi des Champs");
    expect(open).toContain('Le Café des Carriers');

    await gotoHydrated(page, '/commerces');
    await page.getByLabel('Ouvert maintenant').check();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('ouvert') === '1');
    await expect(resultsCount(page)).toHaveText(`${open.length} commerces`);
    await expect(page.getByLabel('Ouvert maintenant')).toBeChecked();

    // Walk through every page of results with the "next page" link.
    const shown: string[] = [];
    const pageCount = Math.ceil(open.length / PAGE_SIZE);
    for (let n = 1; n <= pageCount; n++) {
      await expect(page.locator('.pagination__where')).toHaveText(`Page ${n} sur ${pageCount}`);
      const statuses = await page.locator('.cards .card .status').allTextContents();
      expect(statuses.length).toBe(n < pageCount ? PAGE_SIZE : open.length - PAGE_SIZE * (pageCount - 1));
      for (const status of statuses) expect(status).toMatch(/^Ouvert( — |$)/);
      shown.push(...(await cardNames(page).allTextContents()));
      if (n < pageCount) {
        await page.getByRole('link', { name: 'Page suivante' }).click();
        await page.waitForURL((url) => url.searchParams.get('page') === String(n + 1) && url.searchParams.get('ouvert') === '1');
      }
    }
    expect(shown.sort()).toEqual(open);
    expect(shown).not.toContain('Le Chapitre');
  });

  test('category and "open now" filters combine', async ({ page }) => {
    await gotoHydrated(page, '/commerces?categorie=boulangerie&ouvert=1');
    const expected = seedNames((b) => b.category === 'boulangerie' && openAtFixedClock(b));
    expect((await cardNames(page).allTextContents()).sort()).toEqual(expected);
    await expect(cardNames(page).filter({ hasText: "L'Épi des Champs" })).toHaveCount(0);
  });
});

test.describe('pagination', () => {
  test(`the ${DEMO_BUSINESS_COUNT} businesses are shown ${PAGE_SIZE} per page, and the "next page" link shows the next ${PAGE_SIZE}`, async ({ page }) => {
    const pageCount = Math.ceil(DEMO_BUSINESS_COUNT / PAGE_SIZE);
    await gotoHydrated(page, '/commerces');
    await expect(resultsCount(page)).toHaveText(`${DEMO_BUSINESS_COUNT} commerces`);
    await expect(cardNames(page)).toHaveCount(PAGE_SIZE);
    await expect(page.locator('.pagination__where')).toHaveText(`Page 1 sur ${pageCount}`);
    await expect(page.getByRole('link', { name: 'Page précédente' })).toHaveCount(0);
    const firstPage = await cardNames(page).allTextContents();

    await page.getByRole('navigation', { name: 'Pages de résultats' }).getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL((url) => url.pathname === '/commerces' && url.searchParams.get('page') === '2');
    await expect(page.locator('.pagination__where')).toHaveText(`Page 2 sur ${pageCount}`);
    await expect(cardNames(page)).toHaveCount(PAGE_SIZE);
    const secondPage = await cardNames(page).allTextContents();
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await expect(page.getByRole('link', { name: 'Page précédente' })).toHaveAttribute('href', '/commerces');
  });

  test('the last page holds the remaining businesses and has no "next page" link', async ({ page }) => {
    const pageCount = Math.ceil(DEMO_BUSINESS_COUNT / PAGE_SIZE);
    await gotoHydrated(page, `/commerces?page=${pageCount}`);
    await expect(cardNames(page)).toHaveCount(DEMO_BUSINESS_COUNT - PAGE_SIZE * (pageCount - 1));
    await expect(page.getByRole('link', { name: 'Page suivante' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Page précédente' })).toHaveAttribute('href', `/commerces?page=${pageCount - 1}`);
  });

  test('every business of the demo appears exactly once across the pages', async ({ request }) => {
    const names: string[] = [];
    for (let n = 1; n <= Math.ceil(DEMO_BUSINESS_COUNT / PAGE_SIZE); n++) {
      const response = await request.get(`/commerces?page=${n}`);
      expect(response.status()).toBe(200);
      const html = await response.text();
      for (const match of html.matchAll(/<h3 class="card__title"><a href="\/commerces\/([a-z0-9-]+)">/g)) names.push(match[1]);
    }
    expect(names.sort()).toEqual(SEED.map((b) => b.slug).sort());
  });
});

test.describe('bad URL parameters', () => {
  const tenKilobytes = 'a'.repeat(10 * 1024);
  const cases: { what: string; query: string; status: number; message: string }[] = [
    { what: 'page 0', query: 'page=0', status: 400, message: 'Le numéro de page doit être un nombre entier positif.' },
    { what: 'a negative page', query: 'page=-3', status: 400, message: 'Le numéro de page doit être un nombre entier positif.' },
    { what: 'a page that is not a number', query: 'page=deux', status: 400, message: 'Le numéro de page doit être un nombre entier positif.' },
    { what: 'a page after the last one', query: 'page=1000000000', status: 404, message: "Cette page de résultats n'existe pas : il y a 4 page(s)." },
    { what: 'a page beyond any integer', query: 'page=99999999999999999999', status: 404, message: "Cette page de résultats n'existe pas" },
    { what: 'an unknown category', query: 'categorie=licornes', status: 400, message: "Cette catégorie n'existe pas. Choisissez-en une dans la liste." },
    { what: 'a malformed category', query: 'categorie=%3Cscript%3E', status: 400, message: "Cette catégorie n'existe pas." },
    { what: 'a 10 KB search text', query: `q=${tenKilobytes}`, status: 400, message: 'La recherche est trop longue : 100 caractères au maximum.' },
  ];

  for (const c of cases) {
    test(`${c.what} (${c.query.slice(0, 30)}) is answered with ${c.status} and a clear message, not a server error`, async ({ request }) => {
      const response = await request.get(`/commerces?${c.query}`, { maxRedirects: 0 });
      expect(response.status()).toBe(c.status);
      const html = await response.text();
      expect(html).toContain('<div role="alert" class="problem">');
      expect(html).toContain(c.message);
      // The page still offers a search form to start again.
      expect(html).toContain('<form method="GET" action="/commerces"');
    });
  }

  test('the message about a bad page number is shown as an alert with a link to the first page, once JavaScript runs', async ({ page }) => {
    const response = await gotoHydrated(page, '/commerces?page=0');
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Le numéro de page doit être un nombre entier positif.');
    await page.getByRole('link', { name: 'Aller à la première page' }).click();
    await page.waitForURL((url) => url.pathname === '/commerces' && url.search === '');
    await expect(resultsCount(page)).toHaveText(`${DEMO_BUSINESS_COUNT} commerces`);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('odd but harmless parameters never cause a server error', async ({ request }) => {
    for (const query of ['ouvert=peut-etre', 'q=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'q=%00', 'page=', 'categorie=', 'q=%F0%9F%A5%90', 'unknown=1', 'page=2&page=3']) {
      const response = await request.get(`/commerces?${query}`, { maxRedirects: 0 });
      expect(response.status(), query).toBeLessThan(500);
      expect(await response.text(), query).not.toContain('<script>alert(1)</script>');
    }
  });
});
