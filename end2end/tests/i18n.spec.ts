import { test, expect, gotoHydrated, waitForHydration, BASE_URL, DEMO_BUSINESS_COUNT } from './helpers';

/**
 * Languages: French without prefix, Dutch under /nl, English under /en; the switcher, the
 * remembered choice (cookie), the first visit (Accept-Language) and the hreflang alternates.
 * The default context of these tests is a French-speaking browser (locale fr-BE).
 */

const languageNav = (page: import('@playwright/test').Page, name: string) => page.getByRole('navigation', { name });

test.describe('language switcher', () => {
  test('"Nederlands" on a French search shows the same search in Dutch', async ({ page }) => {
    await gotoHydrated(page, '/commerces?q=pain&ouvert=1');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const french = languageNav(page, 'Langue');
    await expect(french.getByRole('link', { name: 'Français' })).toHaveAttribute('aria-current', 'true');

    await french.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL((url) => url.pathname === '/nl/commerces');
    await waitForHydration(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('pain');
    expect(url.searchParams.get('ouvert')).toBe('1');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Winkels');
    await expect(page.getByLabel('Zoek een winkel')).toHaveValue('pain');
    await expect(page.getByLabel('Nu open')).toBeChecked();
    await expect(languageNav(page, 'Taal').getByRole('link', { name: 'Nederlands' })).toHaveAttribute('aria-current', 'true');
    // Business links stay in Dutch.
    const firstCard = page.locator('.cards .card__title a').first();
    await expect(firstCard).toHaveAttribute('href', /^\/nl\/commerces\/[a-z0-9-]+$/);
    await expect(page.locator('.cards .status').first()).toHaveText(/^Open — /);
  });

  test('a Dutch link opened directly in a French-speaking browser stays in Dutch', async ({ page, context }) => {
    const response = await gotoHydrated(page, '/nl/commerces/le-cafe-des-carriers');
    // Reading a Dutch page is not choosing Dutch: only the switcher remembers a language.
    expect((await context.cookies()).find((c) => c.name === 'vitrine_lang')).toBeUndefined();
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/nl/commerces/le-cafe-des-carriers');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page.locator('.business__header .status')).toHaveText('Open — sluit morgen om 2:00');
    await expect(page.locator('tr.hours__today')).toContainText('zaterdag');
    await expect(page.locator('tr.hours__today .badge')).toHaveText('vandaag');
    await expect(page.getByRole('heading', { level: 2, name: 'Openingsuren', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Alle winkels' })).toHaveAttribute('href', '/nl/commerces');
    await expect(page).toHaveTitle('Le Café des Carriers · Vitrine Zinnik');
    await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'nl_BE');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${BASE_URL}/nl/commerces/le-cafe-des-carriers`);
  });

  test('a search submitted from the English directory stays in English', async ({ page }) => {
    await gotoHydrated(page, '/en/commerces');
    await page.getByLabel('Search for a shop').fill('pain');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/en/commerces' && url.searchParams.get('q') === 'pain');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.results-count')).toHaveText(/^\d+ shops?$/);
  });
});

test.describe('hreflang alternates', () => {
  const slug = 'le-cafe-des-carriers';

  test('each page links to its French, Dutch and English versions, and to the language-picking URL', async ({ page }) => {
    for (const path of [`/commerces/${slug}`, `/nl/commerces/${slug}`, '/en/commerces']) {
      await gotoHydrated(page, path);
      const rest = path.replace(/^\/(nl|en)/, '');
      const alternates = page.locator('link[rel="alternate"][hreflang]');
      await expect(alternates).toHaveCount(4);
      const hrefs = await alternates.evaluateAll((links) =>
        Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!, document.baseURI).pathname])),
      );
      // x-default: the unprefixed URL, which follows the visitor's Accept-Language.
      expect(hrefs, path).toEqual({ fr: rest, nl: `/nl${rest}`, en: `/en${rest}`, 'x-default': rest });
    }
  });

  test('the alternates are absolute URLs, as search engines require, matching the canonical URL', async ({ request }) => {
    // In the HTML sent to crawlers. Google ignores relative hreflang URLs
    // (https://developers.google.com/search/docs/specialty/international/localized-versions).
    const html = await (await request.get(`/commerces/${slug}`)).text();
    const alternates = [...html.matchAll(/<link href="([^"]*)" hreflang="([a-z-]+)" rel="alternate">/g)].map((m) => [m[2], m[1]]);
    expect(Object.fromEntries(alternates)).toEqual({
      fr: `${BASE_URL}/commerces/${slug}`,
      nl: `${BASE_URL}/nl/commerces/${slug}`,
      en: `${BASE_URL}/en/commerces/${slug}`,
      'x-default': `${BASE_URL}/commerces/${slug}`,
    });
    expect(html).toContain(`<link href="${BASE_URL}/commerces/${slug}" rel="canonical">`);
  });
});

test.describe('first visit and remembered choice', () => {
  test('a Dutch-speaking browser visiting / is sent to /nl; after choosing "Français", / stays French', async ({ browser, watchContext }) => {
    const context = await browser.newContext({ locale: 'nl-BE', baseURL: BASE_URL });
    watchContext(context);
    try {
      const page = await context.newPage();
      await gotoHydrated(page, '/');
      expect(new URL(page.url()).pathname).toBe('/nl');
      await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('De winkels van Zinnik');

      await languageNav(page, 'Taal').getByRole('link', { name: 'Français' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await waitForHydration(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les commerces de Soignies');
      expect((await context.cookies()).find((c) => c.name === 'vitrine_lang')?.value).toBe('fr');

      // Next visit: the choice beats the browser's Accept-Language.
      await gotoHydrated(page, '/');
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await gotoHydrated(page, '/commerces');
      expect(new URL(page.url()).pathname).toBe('/commerces');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces');
    } finally {
      await context.close();
    }
  });

  test('the first-visit redirect keeps the rest of the URL', async ({ browser, watchContext }) => {
    const context = await browser.newContext({ locale: 'en-GB', baseURL: BASE_URL });
    watchContext(context);
    try {
      const page = await context.newPage();
      await gotoHydrated(page, '/commerces?q=pain&ouvert=1');
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe('/en/commerces?q=pain&ouvert=1');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    } finally {
      await context.close();
    }
  });

  test('a French-speaking browser gets the French pages without redirect', async ({ request }) => {
    const response = await request.get('/', { headers: { 'Accept-Language': 'fr-BE,fr;q=0.9,nl;q=0.5' }, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()['vary']).toMatch(/Accept-Language/);
    expect(await response.text()).toContain('<html lang="fr"');
  });
});

test.describe('English', () => {
  test('the English directory is in English', async ({ page }) => {
    await gotoHydrated(page, '/en/commerces');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('Shops · Vitrine Soignies');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shops');
    await expect(page.getByLabel('Search for a shop')).toHaveAttribute('placeholder', 'Bakery, flowers, glasses…');
    await expect(page.getByRole('button', { name: 'Search' })).toBeVisible();
    await expect(page.getByLabel('Category')).toBeVisible();
    await expect(page.getByLabel('Open now')).toBeVisible();
    await expect(page.locator('.results-count')).toHaveText(`${DEMO_BUSINESS_COUNT} shops`);
    await expect(page.getByRole('link', { name: 'Next page' })).toHaveAttribute('href', '/en/commerces?page=2');
    await expect(page.locator('.pagination__where')).toHaveText('Page 1 of 4');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Shops' })).toHaveAttribute('href', '/en/commerces');
    await expect(page.locator('.site-footer')).toContainText('No tracking cookies, no third-party resources.');
    await expect(page.locator('.skip-link')).toHaveText('Skip to content');
  });

  test('the English page of a business is in English', async ({ page }) => {
    await gotoHydrated(page, '/en/commerces/le-cafe-des-carriers');
    await expect(page.locator('.business__header .status')).toHaveText('Open — closes tomorrow at 2:00');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Opening hours', 'Special opening hours', 'Address', 'Contact', 'Accessibility']);
    await expect(page.locator('tr.hours__today')).toContainText('Saturday');
    await expect(page.locator('tr.hours__today .badge')).toHaveText('today');
    await expect(page.getByRole('link', { name: 'Call +32 67 33 47 55' })).toBeVisible();
    await expect(page.locator('.freshness time')).toHaveText('Information checked 9 days ago');
    await expect(page.getByRole('region', { name: 'Special opening hours' })).toContainText(
      "Thursday 31 December 2026: 10:00 – 4:00 — New Year's Eve party, open until 4 am",
    );
    await expect(page.getByRole('img', { name: 'Bar counter with beer taps and glasses' })).toBeVisible();
  });

  test('the English 404 page is in English', async ({ page }) => {
    const response = await gotoHydrated(page, '/en/commerces/does-not-exist');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shop not found');
    await expect(page.getByRole('link', { name: 'Search the directory' })).toHaveAttribute('href', '/en/commerces');
  });
});
