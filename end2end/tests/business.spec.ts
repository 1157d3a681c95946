import { test, expect, gotoHydrated, BASE_URL } from './helpers';

/**
 * The page of a business, `/commerces/{slug}`, at the fixed clock (Saturday 28 November 2026,
 * 10:00). The expectations come from seed/demo/businesses.json.
 */

test.describe('Le Café des Carriers (open from 10:00 to 2:00 on Saturdays)', () => {
  const path = '/commerces/le-cafe-des-carriers';

  test('shows its name, and that it is open now until 2:00 tonight', async ({ page }) => {
    const response = await gotoHydrated(page, path);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Le Café des Carriers · Vitrine Soignies');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le Café des Carriers');
    // Saturday's span is 10:00–02:00: at 10:00 it has just opened, and closes after midnight.
    await expect(page.locator('.business__header .status')).toHaveText('Ouvert — ferme demain à 2:00');
    await expect(page.locator('.business__header .status')).toHaveClass(/status--open/);
    await expect(page.getByRole('link', { name: 'Café & bar' })).toHaveAttribute('href', '/commerces?categorie=cafe');
  });

  test("shows the week's hours, with today's row (Saturday) marked \"aujourd'hui\"", async ({ page }) => {
    await gotoHydrated(page, path);
    const table = page.getByRole('region', { name: 'Horaires', exact: true }).getByRole('table');
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(7);
    await expect(rows.getByRole('rowheader')).toHaveText(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', "samediaujourd'hui", 'dimanche']);
    await expect(rows.getByRole('cell')).toHaveText([
      'fermé',
      '10:00 – 23:00',
      '10:00 – 23:00',
      '10:00 – 23:00',
      '10:00 – 2:00',
      '10:00 – 2:00',
      '10:00 – 20:00',
    ]);
    const today = table.locator('tr.hours__today');
    await expect(today).toHaveCount(1);
    await expect(today.getByRole('rowheader')).toContainText('samedi');
    await expect(today.locator('.badge')).toHaveText("aujourd'hui");
    await expect(table.locator('.badge')).toHaveCount(1);
  });

  test('lists the special hours of New Year\'s Eve', async ({ page }) => {
    await gotoHydrated(page, path);
    await expect(page.getByRole('region', { name: 'Horaires exceptionnels' }).getByRole('listitem')).toHaveText([
      "jeudi 31 décembre 2026 : 10:00 – 4:00 — Soirée du Nouvel An, ouvert jusqu'à 4h",
    ]);
  });

  test('offers links to call, to write, and to see the place on a map', async ({ page }) => {
    await gotoHydrated(page, path);
    await expect(page.getByRole('link', { name: 'Appeler le +32 67 33 47 55' })).toHaveAttribute('href', 'tel:+3267334755');
    await expect(page.getByRole('link', { name: 'Écrire à info@cafedescarriers.be' })).toHaveAttribute('href', 'mailto:info@cafedescarriers.be');
    const map = page.getByRole('link', { name: 'Voir sur la carte' });
    await expect(map).toHaveAttribute('href', 'https://www.openstreetmap.org/?mlat=50.57912&mlon=4.07155#map=18/50.57912/4.07155');
    await expect(page.getByRole('region', { name: 'Adresse' })).toContainText('Grand-Place 15, 7060 Soignies');
    await expect(page.getByRole('link', { name: 'Site web' })).toHaveAttribute('href', 'https://www.cafedescarriers.be');
  });

  test('says how long ago the information was checked (9 days before the fixed date)', async ({ page }) => {
    await gotoHydrated(page, path);
    const checked = page.locator('.freshness time');
    await expect(checked).toHaveText('Informations vérifiées il y a 9 jours');
    await expect(checked).toHaveAttribute('datetime', '2026-11-19');
    // Recently confirmed: no "call before you go" warning.
    await expect(page.locator('.freshness__warning')).toHaveCount(0);
  });

  test('describes itself to search engines: JSON-LD with opening hours, Open Graph and a canonical URL', async ({ page }) => {
    await gotoHydrated(page, path);
    const scripts = page.locator('script[type="application/ld+json"]');
    await expect(scripts).toHaveCount(1);
    const jsonLd = JSON.parse((await scripts.textContent()) ?? '');
    expect(jsonLd['@context']).toBe('https://schema.org');
    expect(jsonLd['@type']).toBe('CafeOrCoffeeShop');
    expect(jsonLd.name).toBe('Le Café des Carriers');
    expect(jsonLd.telephone).toBe('+32 67 33 47 55');
    expect(jsonLd.address).toMatchObject({ '@type': 'PostalAddress', streetAddress: 'Grand-Place 15', postalCode: '7060', addressLocality: 'Soignies' });
    expect(jsonLd.openingHoursSpecification).toHaveLength(6);
    expect(jsonLd.openingHoursSpecification).toContainEqual({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: 'https://schema.org/Saturday',
      opens: '10:00',
      closes: '02:00',
    });
    expect(jsonLd.openingHoursSpecification.map((s: { dayOfWeek: string }) => s.dayOfWeek)).not.toContain('https://schema.org/Monday');

    const canonical = `${BASE_URL}${path}`;
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
    expect(jsonLd['@id']).toBe(canonical);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Le Café des Carriers');
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', canonical);
    await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'fr_BE');
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${BASE_URL}/media/cafe-2.svg`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^Ancien estaminet des ouvriers de la pierre bleue/);
  });

  test('the photos of the business load and have a text alternative', async ({ page }) => {
    await gotoHydrated(page, path);
    const photos = page.getByRole('list', { name: 'Photos' }).getByRole('img');
    await expect(photos).toHaveCount(2);
    await expect(photos.first()).toHaveAttribute('alt', 'Comptoir de bar avec tireuse à bière et verres');
    for (const photo of await photos.all()) {
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    }
  });

  test('the server sends the page fully rendered, status included, before any JavaScript runs', async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Le Café des Carriers');
    expect(html).toContain('Ouvert — ferme demain à 2:00');
    expect(html).toContain('<script type="application/ld+json">');
  });
});

test.describe('a business closed for the holidays', () => {
  // L'Épi des Champs: exception from 24 November to 1 December 2026, closed, "Fermé pour raisons
  // familiales"; regular Saturday hours 7:00–12:30 and 15:00–18:30, closed Mondays.
  const path = '/commerces/l-epi-des-champs';

  test('says it is closed, why, until when, and when it reopens', async ({ page }) => {
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("L'Épi des Champs");
    const status = page.locator('.business__header .status');
    await expect(status).toHaveText(/^Fermé — /);
    await expect(status).toContainText('Fermé pour raisons familiales');
    await expect(status).toContainText(/jusqu'au 1er décembre/);
    // 1 December is a Tuesday; the bakery reopens on Wednesday 2 December at 7:00.
    await expect(status).toHaveText(/^Fermé — Fermé pour raisons familiales jusqu'au 1er décembre, ouvre mercredi à 7:00$/);
    await expect(status).toHaveClass(/status--closed/);
    await expect(page.getByRole('region', { name: 'Horaires exceptionnels' }).getByRole('listitem')).toHaveText([
      /^du 24 novembre au 1er décembre 2026 : fermé — Fermé pour raisons familiales$/,
    ]);
  });

  test('is shown as closed in the directory too', async ({ page }) => {
    await gotoHydrated(page, '/commerces?q=epi+des+champs');
    const card = page.locator('.card').filter({ hasText: "L'Épi des Champs" });
    await expect(card).toHaveCount(1);
    await expect(card.locator('.status')).toHaveText(/^Fermé — Fermé pour raisons familiales jusqu'au 1er décembre/);
  });
});

test.describe('pages that do not exist', () => {
  test('an unknown business answers 404 with "Commerce introuvable" and ways back', async ({ page }) => {
    const response = await gotoHydrated(page, '/commerces/does-not-exist');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerce introuvable');
    await expect(page.getByText("Ce commerce n'est pas (ou plus) dans l'annuaire.")).toBeVisible();
    await expect(page).toHaveTitle('Commerce introuvable · Vitrine Soignies');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await page.getByRole('link', { name: "Chercher dans l'annuaire" }).click();
    await page.waitForURL((url) => url.pathname === '/commerces');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces');
  });

  test('an unknown URL answers 404 with "Page introuvable"', async ({ page, request }) => {
    for (const path of ['/nimporte-quoi', '/commerces/le-cafe-des-carriers/photos', '/nl/onbekend']) {
      const raw = await request.get(path, { maxRedirects: 0 });
      expect(raw.status(), path).toBe(404);
    }
    const response = await gotoHydrated(page, '/nimporte-quoi');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page).toHaveTitle('Page introuvable · Vitrine Soignies');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await page.getByRole('link', { name: "Retour à l'accueil" }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les commerces de Soignies');
  });
});
