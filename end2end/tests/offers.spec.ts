import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { test, expect, axeReport, runVnu, vnuErrors, vnuReport, BASE_URL, VIEWPORTS, WCAG_TAGS } from './helpers';
import { lastMailSeq, linkIn, receivedMail, waitForMail } from './mail';
import {
  BUSINESS_ID,
  BUSINESS_NAME,
  BUSINESS_SLUG,
  MERCHANT,
  SEED_OFFERS,
  T,
  fillOfferForm,
  logIn,
  offerIdByTitle,
  somePng,
  unique,
  type Lang,
} from './offers-support';

/**
 * Issue 8, the offers feed, end to end in French and in Dutch:
 * - the demo merchant (Pâtisserie Lemaire) composes an offer with a photo, previews it as
 *   shoppers will see it, publishes it; it shows on /offres, the home page and the shop's page;
 *   its page has the link-preview tags and schema.org JSON-LD; the printable poster's QR code
 *   (decoded here with jsQR) leads to the offer; a refused form keeps what was typed; ending it
 *   early takes it off /offres; deleting it makes its page a 404;
 * - a shopper follows the offers by e-mail: one confirmation e-mail even when asking twice,
 *   confirmed from its link; the weekly digest (made by `vitrine digest --now <Monday 08:30> --send`
 *   on the same database and mail sink) carries List-Unsubscribe headers
 *   and the one-click unsubscribe link, used from the page in French and as a mail provider's
 *   RFC 8058 POST in Dutch;
 * - /offres's filters work without JavaScript;
 * - the share button copies the link where the Web Share API is missing (desktop Chromium).
 *
 * Every offer made here has a unique title, is a promotion or a new arrival and ends far from
 * the fixed clock's day, so the filter tests (events, florists, ending soon) see only the demo
 * town's offers whatever runs beside them.
 */

async function merchantPage(browser: Browser, watchContext: (c: BrowserContext) => void, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-BE' : 'nl-BE', timezoneId: 'Europe/Brussels' });
  watchContext(context);
  const page = await context.newPage();
  await logIn(page, lang, MERCHANT);
  return page;
}

/** The `content` of a `<meta>` of the page, by `property` or `name`. */
async function meta(page: Page, key: string): Promise<string | null> {
  return page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).first().getAttribute('content');
}

/** Decodes the QR code of the poster at `posterUrl` in the browser (same origin: the canvas is readable). */
async function decodePosterQr(page: Page, posterUrl: string): Promise<string | null> {
  const jsqr = fs.readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');
  // A UMD bundle evaluated as a script of the page: it defines `window.jsQR`.
  await page.evaluate(jsqr);
  return page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    // 8 pixels a millimetre on the A4 sheet (210 × 297 mm); the QR code is in the lower right.
    const scale = 8;
    const canvas = new OffscreenCanvas(210 * scale, 297 * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    const [x, y] = [100 * scale, 180 * scale];
    const data = context.getImageData(x, y, canvas.width - x, canvas.height - y);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const code = (window as any).jsQR(data.data, data.width, data.height);
    return code ? (code.data as string) : null;
  }, posterUrl);
}

// ---------------------------------------------------------------------------------------------
// The merchant.

test.describe("the merchant's offers", () => {
  test('in French: compose with a photo, preview, publish, seen everywhere with its tags and poster, ended early, deleted', async ({
    browser,
    watchContext,
  }) => {
    test.setTimeout(120_000);
    const t = T.fr;
    const page = await merchantPage(browser, watchContext, 'fr');
    const id = unique();
    const title = `Bûches de Noël pralinées ${id}`;
    const body = 'Nos bûches pralinées et chocolat, de 6 à 10 parts, à commander jusqu\'à la veille.';
    const alt = 'Bûche de Noël décorée de copeaux de chocolat sur un plat blanc';

    // Composed with a photo, then previewed: the draft's page, as shoppers will see it.
    await fillOfferForm(page, 'fr', {
      title,
      body,
      kind: 'new_arrival',
      photo: await somePng(page),
      photoAlt: alt,
      endsOn: '2026-12-24',
      promoCode: 'BUCHE10',
    });
    await page.getByRole('button', { name: t.preview, exact: true }).click();
    await page.waitForURL((url) => /^\/offres\/\d+$/.test(url.pathname));
    const offerId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.getByRole('note').filter({ hasText: t.previewNotice })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText(body)).toBeVisible();
    await expect(page.getByRole('img', { name: alt })).toBeVisible();
    await expect(page.getByText('BUCHE10')).toBeVisible();
    expect(await meta(page, 'robots')).toBe('noindex');

    // Not public yet.
    const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL });
    expect((await anonymous.get(`/offres/${offerId}`, { maxRedirects: 0 })).status()).toBe(404);

    // Published from the editor.
    await page.goto(`/tableau-de-bord/${BUSINESS_ID}/offres/${offerId}`);
    await expect(page.getByRole('group', { name: t.inFrench }).getByLabel(t.title, { exact: true })).toHaveValue(title);
    await page.getByRole('button', { name: t.publish, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'publiee');
    await expect(page.getByRole('status').filter({ hasText: t.published })).toBeVisible();

    // On /offres, the home page and the shop's page.
    const shopper = await (await browser.newContext({ locale: 'fr-BE' })).newPage();
    watchContext(shopper.context());
    await shopper.goto('/offres');
    await expect(shopper.getByRole('link', { name: title, exact: true })).toHaveAttribute('href', `/offres/${offerId}`);
    await shopper.goto('/');
    await expect(
      shopper.getByRole('region', { name: t.homeOffers }).getByRole('link', { name: title, exact: true }),
    ).toBeVisible();
    await shopper.goto(`/commerces/${BUSINESS_SLUG}`);
    await expect(shopper.getByRole('link', { name: title, exact: true })).toBeVisible();

    // Its page: the link-preview tags and the JSON-LD.
    await shopper.goto(`/offres/${offerId}`);
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(shopper.getByRole('note')).toHaveCount(0);
    const canonical = `${BASE_URL}/offres/${offerId}`;
    expect(await shopper.locator('head link[rel="canonical"]').getAttribute('href')).toBe(canonical);
    expect(await meta(shopper, 'og:title')).toBe(title);
    expect(await meta(shopper, 'og:description')).toBe(body);
    expect(await meta(shopper, 'og:url')).toBe(canonical);
    expect(await meta(shopper, 'twitter:card')).toBe('summary_large_image');
    const image = await meta(shopper, 'og:image');
    expect(image).toMatch(/^https?:\/\//);
    const imageResponse = await anonymous.get(image!);
    expect(imageResponse.status()).toBe(200);
    expect(imageResponse.headers()['content-type']).toMatch(/^image\//);
    const scripts = await shopper.locator('script[type="application/ld+json"]').allTextContents();
    expect(scripts).toHaveLength(1);
    const jsonLd = JSON.parse(scripts[0]);
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Offer',
      url: canonical,
      name: title,
      description: body,
      validFrom: '2026-11-28',
      validThrough: '2026-12-24',
      image: [image],
      seller: { '@type': 'LocalBusiness', name: BUSINESS_NAME },
    });

    // The poster: an SVG whose QR code holds the offer's shared link, which leads to the page.
    const posterUrl = `/tableau-de-bord/${BUSINESS_ID}/offres/${offerId}/affiche.svg`;
    const poster = await page.request.get(posterUrl);
    expect(poster.status()).toBe(200);
    expect(poster.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = await poster.text();
    expect(svg).toMatch(/<g id="qr"[^>]*>/);
    expect(svg).toContain(title);
    expect((await anonymous.get(posterUrl, { maxRedirects: 0 })).status()).toBe(401);
    await page.goto(`/offres/${offerId}`);
    const scanned = await decodePosterQr(page, posterUrl);
    expect(scanned, 'the QR code of the poster decodes').not.toBeNull();
    const scannedUrl = new URL(scanned!);
    expect(`${scannedUrl.origin}${scannedUrl.pathname}`).toBe(canonical);
    await shopper.goto(scanned!);
    expect(new URL(shopper.url()).pathname).toBe(`/offres/${offerId}`);
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(title);

    // Ended early: off /offres, its page says it ended.
    await page.goto(`/tableau-de-bord/${BUSINESS_ID}/offres`);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: `${t.endEarly} : ${title}` }).click();
    const endedSection = page.getByRole('region', { name: new RegExp(`^${t.ended} \\(\\d+\\)$`) });
    await expect(endedSection.getByRole('heading', { name: title })).toBeVisible();
    // Each instance confirms the data versions at most once a second: a page served from the
    // cache just before may still list it, the next one not (reload until then, as a shopper would).
    await expect(async () => {
      await shopper.goto('/offres');
      await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(t.offersHeading);
      await expect(shopper.getByRole('link', { name: title, exact: true })).toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await shopper.goto(`/offres/${offerId}`);
    await expect(shopper.getByRole('heading', { name: 'Cette offre est terminée' })).toBeVisible();

    // Deleted after the confirmation step: gone from the list, its page a 404.
    await page.goto(`/tableau-de-bord/${BUSINESS_ID}/offres`);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    await page.getByRole('link', { name: `${t.delete} : ${title}` }).click();
    await page.getByRole('button', { name: t.confirmDelete }).click();
    await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
    const gone = await shopper.goto(`/offres/${offerId}`);
    expect(gone?.status()).toBe(404);
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(t.notFound);
    await anonymous.dispose();
  });

  test('in French: a refused form says why next to the field, keeps what was typed and saves nothing', async ({
    browser,
    watchContext,
  }) => {
    const t = T.fr;
    const page = await merchantPage(browser, watchContext, 'fr');
    const title = `Calendrier de l'Avent gourmand ${unique()}`;
    const body = 'Vingt-quatre petites douceurs, une par jour.\nEn vente au comptoir.';
    await fillOfferForm(page, 'fr', { title, body, startsOn: '2026-12-05', endsOn: '2026-12-01' });
    await page.getByRole('button', { name: t.publish, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/tableau-de-bord/${BUSINESS_ID}/offres/nouvelle` && url.searchParams.has('refus'));
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    const endsOn = page.getByLabel(t.endsOn, { exact: true });
    await expect(endsOn).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await endsOn.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(t.endBeforeStart);
    await expect(endsOn).toHaveAccessibleDescription(t.endBeforeStart);
    const french = page.getByRole('group', { name: t.inFrench });
    await expect(french.getByLabel(t.title, { exact: true })).toHaveValue(title);
    await expect(french.getByLabel(t.body, { exact: true })).toHaveValue(body);
    await expect(page.getByLabel(t.startsOn, { exact: true })).toHaveValue('2026-12-05');
    await expect(endsOn).toHaveValue('2026-12-01');
    await page.goto(`/tableau-de-bord/${BUSINESS_ID}/offres`);
    await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
  });

  test('in Dutch: compose with Dutch texts and a photo, preview, publish, seen on /nl/offres, then ended and deleted', async ({
    browser,
    watchContext,
  }) => {
    test.setTimeout(90_000);
    const t = T.nl;
    const page = await merchantPage(browser, watchContext, 'nl');
    const id = unique();
    const title = `Speculoos maison ${id}`;
    const titleNl = `Huisgemaakte speculaas ${id}`;
    const bodyNl = 'Speculaas met bruine suiker en kaneel, elke ochtend vers gebakken.';
    await fillOfferForm(page, 'nl', {
      title,
      body: 'Spéculoos à la cassonade et à la cannelle, cuits chaque matin.',
      titleNl,
      bodyNl,
      photo: await somePng(page),
      photoAlt: 'Speculoos en forme de saint Nicolas sur une assiette',
      endsOn: '2026-12-06',
    });
    await page.getByRole('button', { name: t.preview, exact: true }).click();
    await page.waitForURL((url) => /^\/nl\/offres\/\d+$/.test(url.pathname));
    const offerId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.getByRole('note').filter({ hasText: t.previewNotice })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleNl);
    await expect(page.getByText(bodyNl)).toBeVisible();

    await page.goto(`/nl/tableau-de-bord/${BUSINESS_ID}/offres/${offerId}`);
    await page.getByRole('button', { name: t.publish, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/nl/tableau-de-bord/${BUSINESS_ID}/offres` && url.searchParams.get('fait') === 'publiee');
    await expect(page.getByRole('status').filter({ hasText: t.published })).toBeVisible();

    const shopper = await (await browser.newContext({ locale: 'nl-BE' })).newPage();
    watchContext(shopper.context());
    await shopper.goto('/nl/offres');
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(t.offersHeading);
    await expect(shopper.getByRole('link', { name: titleNl, exact: true })).toHaveAttribute('href', `/nl/offres/${offerId}`);
    await shopper.goto(`/nl/offres/${offerId}`);
    await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(titleNl);
    expect(await meta(shopper, 'og:title')).toBe(titleNl);
    expect(await shopper.locator('head link[rel="canonical"]').getAttribute('href')).toBe(`${BASE_URL}/nl/offres/${offerId}`);
    expect(JSON.parse((await shopper.locator('script[type="application/ld+json"]').textContent())!)).toMatchObject({
      '@type': 'Offer',
      name: titleNl,
      description: bodyNl,
    });
    await shopper.goto(`/nl/commerces/${BUSINESS_SLUG}`);
    await expect(shopper.getByRole('link', { name: titleNl, exact: true })).toBeVisible();

    // The Dutch poster's QR code leads to the Dutch page.
    const posterUrl = `/nl/tableau-de-bord/${BUSINESS_ID}/offres/${offerId}/affiche.svg`;
    await page.goto(`/nl/offres/${offerId}`);
    const scanned = await decodePosterQr(page, posterUrl);
    expect(scanned).not.toBeNull();
    expect(new URL(scanned!).pathname).toBe(`/nl/offres/${offerId}`);

    // Ended early and deleted (the list in Dutch).
    await page.goto(`/nl/tableau-de-bord/${BUSINESS_ID}/offres`);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: `${t.endEarly} : ${title}` }).or(page.getByRole('button', { name: `${t.endEarly} : ${titleNl}` })).click();
    await expect(
      page.getByRole('region', { name: new RegExp(`^${t.ended} \\(\\d+\\)$`) }).getByRole('heading', { name: new RegExp(id) }),
    ).toBeVisible();
    await shopper.goto('/nl/offres');
    await expect(shopper.getByRole('link', { name: titleNl, exact: true })).toHaveCount(0);
    await page.getByRole('link', { name: new RegExp(`^${t.delete} : .*${id}$`) }).click();
    await page.getByRole('button', { name: t.confirmDelete }).click();
    await expect(page.getByRole('heading', { name: new RegExp(id) })).toHaveCount(0);
    expect((await shopper.goto(`/nl/offres/${offerId}`))?.status()).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Following the offers by e-mail.

/**
 * Runs `vitrine digest --now <Monday 30 November 2026, 08:30 in Brussels> --send` on the run's
 * database and mail sink: it queues the week's digest (server/src/digest.rs) and sends it before
 * exiting. Its links are the links of the server under test.
 */
async function runMondayDigest(): Promise<void> {
  const runId = process.env.VITRINE_E2E_RUN_ID!;
  const binary = path.resolve(__dirname, '..', process.env.VITRINE_BIN || '../target/debug/vitrine');
  const { stdout } = await promisify(execFile)(binary, ['digest', '--now', '2026-11-30T08:30:00+01:00', '--send'], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${path.join(os.tmpdir(), `vitrine-e2e-${runId}.db`)}`,
      VITRINE_MEDIA_DIR: path.join(os.tmpdir(), `vitrine-e2e-media-${runId}`),
      VITRINE_PUBLIC_URL: BASE_URL,
      VITRINE_SMTP_URL: `smtp://127.0.0.1:${process.env.VITRINE_E2E_SMTP_PORT}`,
      RUST_LOG: 'warn',
    },
  });
  expect(stdout).toContain('e-mails sent');
}

test.describe('following the offers by e-mail', () => {
  test('in French and Dutch: subscribe (twice, one e-mail), confirm from the e-mail, receive the digest, unsubscribe in one click', async ({
    browser,
    watchContext,
  }) => {
    test.skip(process.env.VITRINE_E2E_EXTERNAL === '1', 'the digest command needs the server\'s database');
    test.setTimeout(120_000);
    const id = unique();
    const followers: Record<Lang, string> = { fr: `suiveuse.${id}@example.com`, nl: `volger.${id}@example.com` };
    const seqBefore = lastMailSeq();

    for (const lang of ['fr', 'nl'] as const) {
      const t = T[lang];
      const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' });
      watchContext(context);
      const page = await context.newPage();
      // Asked twice: still one e-mail.
      for (let i = 0; i < 2; i++) {
        await page.goto(`${t.prefix}/offres/suivre`);
        await page.getByLabel(t.followEmail).fill(followers[lang]);
        await page.getByRole('button', { name: t.followSubmit }).click();
        await page.waitForURL((url) => url.pathname === `${t.prefix}/offres/suivre` && url.searchParams.get('envoye') === '1');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.followSent);
      }
      const mail = await waitForMail(followers[lang], { subject: t.confirmSubject, after: seqBefore });
      expect(mail.headers['content-language']).toBe(lang);
      const link = linkIn(mail, '/offres/confirmer');
      expect(link.pathname).toBe(`${t.prefix}/offres/confirmer`);
      // Opening the link confirms nothing; its button does.
      await page.goto(link.pathname + link.search);
      await page.getByRole('button', { name: t.confirmButton, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('fait') === '1');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.confirmed);
      // Used once.
      const again = await page.goto(link.pathname + link.search);
      expect(again?.status()).toBe(404);
      await expect(page.getByRole('alert')).toContainText(t.linkGone);
      await context.close();
    }

    // Monday morning: the digest, in each follower's language, with the one-click headers.
    await runMondayDigest();
    const digests = {
      fr: await waitForMail(followers.fr, { subject: T.fr.digestSubject, after: seqBefore }),
      nl: await waitForMail(followers.nl, { subject: T.nl.digestSubject, after: seqBefore }),
    };
    // The digest command returns once the outbox holds nothing to send: a second confirmation
    // e-mail, had one been queued, has been sent by now (by it or the server's sender).
    for (const lang of ['fr', 'nl'] as const) {
      const confirmations = receivedMail().filter(
        (m) => m.seq > seqBefore && m.envelope.to.includes(followers[lang]) && T[lang].confirmSubject.test(m.subject),
      );
      expect(confirmations, `confirmation e-mails to ${followers[lang]}`).toHaveLength(1);
    }
    const unsubscribe: Record<Lang, URL> = { fr: linkIn(digests.fr, '/offres/desabonnement'), nl: linkIn(digests.nl, '/offres/desabonnement') };
    for (const lang of ['fr', 'nl'] as const) {
      const digest = digests[lang];
      expect(digest.headers['content-language']).toBe(lang);
      expect(digest.text).toContain(SEED_OFFERS.galettes[lang]);
      expect(unsubscribe[lang].origin).toBe(new URL(BASE_URL).origin);
      expect(unsubscribe[lang].pathname).toBe(`${T[lang].prefix}/offres/desabonnement`);
      expect(digest.headers['list-unsubscribe']).toBe(`<${unsubscribe[lang].href}>`);
      expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    }

    // French: from the link's page, with its one button; the page is accessible and valid.
    const fr = await (await browser.newContext({ locale: 'fr-BE' })).newPage();
    watchContext(fr.context());
    const frLink = unsubscribe.fr.pathname + unsubscribe.fr.search;
    for (const viewport of VIEWPORTS) {
      await fr.setViewportSize({ width: viewport.width, height: viewport.height });
      expect((await fr.goto(frLink))?.status()).toBe(200);
      const results = await new AxeBuilder({ page: fr }).withTags(WCAG_TAGS).analyze();
      expect(results.violations.length, `axe-core violations on ${frLink} (${viewport.name}):\n\n${axeReport(results.violations)}`).toBe(0);
    }
    const html = await (await fr.request.get(frLink)).text();
    const file = path.join(os.tmpdir(), `vitrine-e2e-unsubscribe-${id}.html`);
    fs.writeFileSync(file, html);
    const errors = vnuErrors(await runVnu([file]), html);
    fs.rmSync(file);
    expect(errors.length, `Nu HTML Checker errors in ${frLink}:\n${vnuReport(errors)}`).toBe(0);
    await fr.getByRole('button', { name: T.fr.unsubscribeButton }).click();
    await fr.waitForURL((url) => url.searchParams.get('fait') === '1');
    await expect(fr.getByRole('heading', { level: 1 })).toHaveText(T.fr.unsubscribed);
    expect((await fr.goto(frLink))?.status()).toBe(404);
    await expect(fr.getByRole('alert')).toHaveText(T.fr.unsubscribeUnknown);

    // Dutch: the mail provider's one-click POST (RFC 8058), from no page of the site.
    const provider = await playwrightRequest.newContext();
    const oneClick = await provider.post(unsubscribe.nl.href, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.net' },
      data: 'List-Unsubscribe=One-Click',
      maxRedirects: 0,
    });
    expect(oneClick.status()).toBeLessThan(300);
    await provider.dispose();
    const nl = await (await browser.newContext({ locale: 'nl-BE' })).newPage();
    watchContext(nl.context());
    expect((await nl.goto(unsubscribe.nl.pathname + unsubscribe.nl.search))?.status()).toBe(404);
    await expect(nl.getByRole('alert')).toHaveText(T.nl.unsubscribeUnknown);
  });
});

// ---------------------------------------------------------------------------------------------
// The feed's filters, without JavaScript.

for (const lang of ['fr', 'nl'] as const) {
  test(`/offres's filters work without JavaScript, in ${lang === 'fr' ? 'French' : 'Dutch'}: kind, category, ending soon, no result`, async ({
    browser,
  }) => {
    const t = T[lang];
    const context = await browser.newContext({ javaScriptEnabled: false, locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' });
    const page = await context.newPage();
    const titles = () => page.locator('.offer-card__title');
    const applied = (check: (url: URL) => boolean) => page.waitForURL((url) => url.pathname === `${t.prefix}/offres` && check(url));

    await page.goto(`${t.prefix}/offres`);
    await page.getByLabel(t.kindLabel).selectOption({ label: t.kindEvent });
    await page.getByRole('button', { name: t.apply }).click();
    await applied((url) => url.searchParams.get('type') === 'event');
    await expect(titles()).toHaveText([SEED_OFFERS.event[lang]]);
    await expect(page.getByRole('status')).toHaveText(t.countOne);
    await expect(page.getByLabel(t.kindLabel)).toHaveValue('event');

    await page.getByLabel(t.kindLabel).selectOption('');
    await page.getByLabel(t.categoryLabel).selectOption('fleuriste');
    await page.getByRole('button', { name: t.apply }).click();
    await applied((url) => url.searchParams.get('categorie') === 'fleuriste' && !url.searchParams.get('type'));
    await expect(titles()).toHaveText([SEED_OFFERS.bouquets[lang]]);

    await page.goto(`${t.prefix}/offres`);
    await page.getByLabel(t.endingSoon).check();
    await page.getByRole('button', { name: t.apply }).click();
    await applied((url) => url.searchParams.get('bientot') === '1');
    // Only the florist's bouquets end within two days of the fixed clock.
    await expect(titles()).toHaveText([SEED_OFFERS.bouquets[lang]]);
    await expect(page.getByLabel(t.endingSoon)).toBeChecked();

    await page.getByLabel(t.kindLabel).selectOption('event');
    await page.getByRole('button', { name: t.apply }).click();
    await applied((url) => url.searchParams.get('bientot') === '1' && url.searchParams.get('type') === 'event');
    await expect(titles()).toHaveCount(0);
    await expect(page.getByText(t.none)).toBeVisible();
    await context.close();
  });
}

// ---------------------------------------------------------------------------------------------
// Sharing.

for (const lang of ['fr', 'nl'] as const) {
  test(`the share button copies the offer's link where the Web Share API is missing, in ${lang === 'fr' ? 'French' : 'Dutch'}`, async ({
    browser,
    watchContext,
  }) => {
    const t = T[lang];
    const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-BE' : 'nl-BE', permissions: ['clipboard-read', 'clipboard-write'] });
    watchContext(context);
    const page = await context.newPage();
    const offerId = await offerIdByTitle(page, lang, SEED_OFFERS.galettes[lang]);
    await page.goto(`${t.prefix}/offres/${offerId}`);
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    await page.getByRole('link', { name: t.share }).click();
    await expect(page.getByRole('status').filter({ hasText: t.shareCopied })).toBeVisible();
    // The shared link is marked (a share visit in the shop's statistics), then redirects to the page.
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${BASE_URL}${t.prefix}/offres/${offerId}?via=partage`);
    // The click was the script's: no navigation.
    expect(new URL(page.url()).pathname).toBe(`${t.prefix}/offres/${offerId}`);
    // Whoever opens the shared link lands on the offer's page itself.
    await page.goto(copied);
    expect(page.url()).toBe(`${BASE_URL}${t.prefix}/offres/${offerId}`);
    await context.close();
  });
}
