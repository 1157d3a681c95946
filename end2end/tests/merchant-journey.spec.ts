import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import zlib from 'node:zlib';
import { test, expect, gotoHydrated, waitForHydration, SEED } from './helpers';
import { linkIn, waitForMail } from './mail';

/**
 * Issue 7 end to end, in French and in Dutch, through the real e-mail path: the town's
 * administrator invites a merchant from the console; the invitation goes out through SMTP to the
 * run's sink (playwright.config.ts, mail-sink.ts) in the chosen language; the merchant follows
 * its link, chooses a password, edits the week's hours and sees the public page change, confirms
 * the listing, adds a photo with its description, reads the statistics once the public page has
 * been viewed and its phone link followed by an anonymous visitor, and logs out. Then, with the
 * same account: the hours editor with the keyboard alone, and the weekly tasks counted on a phone.
 *
 * Each language has its own demo business, which no other spec reads beyond "every page is
 * valid and accessible": both are open on Saturday at 10:00 (the fixed clock) before and after
 * these tests, which change only their hours on other days, a closure tomorrow (Sunday), their
 * confirmation date, a photo and their statistics. The tests of one language share the account
 * the first one creates, so they run in order; the two languages run side by side.
 */

type Lang = 'fr' | 'nl';

const ADMIN = { email: 'admin@demo.vitrine.be', password: 'demo-admin-vitrine-soignies' };

/** What each language's tests use: the business, the merchant, and the labels of app/locales. */
const LANGS: Record<Lang, {
  prefix: string;
  slug: string;
  merchant: { email: string; password: string };
  t: Record<string, string>;
  weekdays: string[];
  mailSubject: (business: string) => RegExp;
  mailIntro: string;
  photoAlt: { fr: string; nl?: string };
  sundayClosed: string;
  checkedDaysAgo: (days: number) => string;
}> = {
  fr: {
    prefix: '',
    slug: 'les-jardins-de-louvignies',
    merchant: { email: 'fleuriste.louvignies@example.com', password: 'glaïeuls roses sous la serre' },
    t: {
      email: 'Adresse e-mail',
      password: 'Mot de passe',
      logIn: 'Se connecter',
      console: 'Console de la commune',
      inviteEmail: 'Adresse e-mail du commerçant',
      inviteLanguage: "Langue de l'e-mail",
      inviteButton: "Envoyer l'invitation",
      invitationLine: 'Invitation à',
      invitationTitle: 'Bienvenue sur Vitrine',
      choosePassword: 'Choisissez votre mot de passe',
      continue: 'Continuer',
      saveHours: 'Enregistrer les horaires',
      saved: 'Modifications enregistrées',
      viewPublic: 'Voir ma page publique',
      confirm: 'Tout est correct',
      confirmed: 'Votre fiche est confirmée',
      confirmedToday: "Confirmée aujourd'hui",
      staleReminder: "Votre fiche n'a pas été confirmée depuis plus de 30 jours",
      closeTomorrow: 'Fermer demain',
      closedNoted: "C'est noté : la fermeture apparaît sur votre page.",
      checkedToday: "Informations vérifiées aujourd'hui",
      photosLink: 'Gérer les photos',
      newPhoto: 'Nouvelle photo 1',
      photoFile: 'Fichier de la photo',
      altFr: 'Description en français',
      altNl: 'Description en néerlandais (facultatif)',
      upload: 'Envoyer les photos',
      photosAdded: 'Photos ajoutées',
      photos: 'Photos',
      statsLink: 'Voir les statistiques',
      statsTitle: 'Statistiques',
      views: 'Vues de la page',
      calls: 'Appels',
      call: 'Appeler le',
      logOut: 'Se déconnecter',
      loggedOut: 'Vous êtes déconnecté',
      logInFirst: 'Connectez-vous',
      hours: 'Horaires',
      exceptions: 'Horaires exceptionnels',
      closedOnHolidays: 'Fermé les jours fériés',
    },
    weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    mailSubject: (business) => new RegExp(`^Invitation à gérer « ${business} » sur Vitrine$`),
    mailIntro: `${ADMIN.email} vous invite à gérer la fiche de « Les Jardins de Louvignies » sur Vitrine`,
    photoAlt: { fr: 'Serre remplie de cyclamens rouges et blancs' },
    sundayClosed: 'dimanche 29 novembre 2026 : fermé',
    checkedDaysAgo: (days) => `Informations vérifiées il y a ${days} jours`,
  },
  nl: {
    prefix: '/nl',
    slug: 'sellerie-du-hainaut',
    merchant: { email: 'zadelmaker.casteau@example.com', password: 'paarden grazen in de wei' },
    t: {
      email: 'E-mailadres',
      password: 'Wachtwoord',
      logIn: 'Aanmelden',
      console: 'Gemeenteconsole',
      inviteEmail: 'E-mailadres van de handelaar',
      inviteLanguage: 'Taal van de e-mail',
      inviteButton: 'Uitnodiging versturen',
      invitationLine: 'Uitnodiging aan',
      invitationTitle: 'Welkom bij Vitrine',
      choosePassword: 'Kies uw wachtwoord',
      continue: 'Doorgaan',
      saveHours: 'Openingsuren opslaan',
      saved: 'Wijzigingen opgeslagen',
      viewPublic: 'Mijn openbare pagina bekijken',
      confirm: 'Alles klopt',
      confirmed: 'Uw fiche is bevestigd',
      confirmedToday: 'Vandaag bevestigd',
      staleReminder: 'Uw fiche is al meer dan 30 dagen niet bevestigd',
      closeTomorrow: 'Morgen gesloten',
      closedNoted: 'Genoteerd: de sluiting staat op uw pagina.',
      checkedToday: 'Gegevens vandaag gecontroleerd',
      photosLink: "Foto's beheren",
      newPhoto: 'Nieuwe foto 1',
      photoFile: 'Fotobestand',
      altFr: 'Beschrijving in het Frans',
      altNl: 'Beschrijving in het Nederlands (optioneel)',
      upload: "Foto's versturen",
      photosAdded: "Foto's toegevoegd",
      photos: "Foto's",
      statsLink: 'Statistieken bekijken',
      statsTitle: 'Statistieken',
      views: 'Paginaweergaven',
      calls: 'Oproepen',
      call: 'Bel',
      logOut: 'Afmelden',
      loggedOut: 'U bent afgemeld',
      logInFirst: 'Aanmelden',
      hours: 'Openingsuren',
      exceptions: 'Uitzonderlijke openingsuren',
      closedOnHolidays: 'Gesloten op feestdagen',
    },
    weekdays: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
    mailSubject: (business) => new RegExp(`^Uitnodiging om ‘${business}’ te beheren op Vitrine$`),
    mailIntro: `${ADMIN.email} nodigt u uit om de fiche van ‘Sellerie du Hainaut’ te beheren op Vitrine`,
    photoAlt: { fr: 'Selle en cuir fauve posée sur un chevalet', nl: 'Lichtbruin lederen zadel op een zadelbok' },
    sundayClosed: 'zondag 29 november 2026: gesloten',
    checkedDaysAgo: (days) => `Gegevens ${days} dagen geleden gecontroleerd`,
  },
};

// ---------------------------------------------------------------------------------------------

/** A PNG photo made here (a colour gradient), `width` × `height`: what a phone would send. */
function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = Math.round((255 * x) / width);
      raw[row + 2 + x * 3] = Math.round((255 * y) / height);
      raw[row + 3 + x * 3] = 120;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A context of its own for someone else (the administrator, an anonymous visitor). */
async function newPerson(browser: Browser, watchContext: (c: BrowserContext) => void): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
  watchContext(context);
  return context.newPage();
}

async function logIn(page: Page, lang: Lang, who: { email: string; password: string }): Promise<void> {
  const { prefix, t } = LANGS[lang];
  await gotoHydrated(page, `${prefix}/connexion`);
  await page.getByLabel(t.email, { exact: true }).fill(who.email);
  await page.getByLabel(t.password, { exact: true }).fill(who.password);
  await page.getByRole('button', { name: t.logIn, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${prefix}/tableau-de-bord`);
  await waitForHydration(page);
}

type Focused = { tag: string; id: string; name: string; text: string; visible: boolean };

/** The focused element, and whether the focus is shown (an outline on it). */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', name: '', text: '', visible: false };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name') ?? '',
      text: (el.textContent ?? '').trim(),
      visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

/** The text of a day's row in the public page's hours table. */
function publicDay(page: Page, day: string): Locator {
  return page.locator('table.hours tr').filter({ has: page.getByRole('rowheader', { name: day }) }).locator('td');
}

/** The total of one counter of the statistics page ("3 sur les 30 derniers jours" → 3). */
async function statTotal(page: Page, counter: string): Promise<number> {
  const text = await page.getByRole('region', { name: counter, exact: true }).locator('.stat__total strong').innerText();
  const match = text.match(/^\d+/);
  if (!match) throw new Error(`no total in "${text}"`);
  return Number(match[0]);
}

for (const lang of ['fr', 'nl'] as const) {
  const { prefix, slug, merchant, t, weekdays } = LANGS[lang];
  const business = SEED.find((b) => b.slug === slug)!;
  const publicPath = `${prefix}/commerces/${slug}`;

  test.describe(`a merchant's first week, in ${lang === 'fr' ? 'French' : 'Dutch'}`, () => {
    test.describe.configure({ mode: 'serial' });

    test(`invited from the console by e-mail, the merchant of ${business.name} sets a password, edits the hours, confirms, adds a photo, reads the statistics and logs out`, async ({
      page,
      browser,
      watchContext,
    }) => {
      test.setTimeout(120_000);

      // The town's administrator invites the merchant from the console, in the page's language.
      const admin = await newPerson(browser, watchContext);
      await logIn(admin, lang, ADMIN);
      await admin.getByRole('link', { name: t.console, exact: true }).click();
      await admin.waitForURL((url) => url.pathname === `${prefix}/console`);
      await admin.getByRole('link', { name: business.name, exact: true }).click();
      await admin.waitForURL((url) => /\/console\/commerce\/\d+$/.test(url.pathname));
      await waitForHydration(admin);
      const businessId = Number(new URL(admin.url()).pathname.split('/').pop());
      await expect(admin.getByRole('heading', { level: 1 })).toHaveText(business.name);
      await admin.getByLabel(t.inviteEmail).fill(merchant.email);
      await expect(admin.getByLabel(t.inviteLanguage)).toHaveValue(lang === 'fr' ? 'Fr' : 'Nl');
      await admin.getByRole('button', { name: t.inviteButton }).click();
      await admin.waitForURL((url) => url.searchParams.get('fait') === 'invite');
      await expect(admin.getByText(`${t.invitationLine} ${merchant.email}`)).toBeVisible();
      await admin.context().close();

      // The invitation arrives through SMTP, in the language chosen, with its link.
      const mail = await waitForMail(merchant.email, { subject: LANGS[lang].mailSubject(business.name) });
      expect(mail.headers['content-language']).toBe(lang);
      expect(mail.text).toContain(LANGS[lang].mailIntro);
      expect(mail.html).toContain(`<html lang="${lang}">`);
      const invitation = linkIn(mail, '/invitation/');
      expect(invitation.origin).toBe(new URL(test.info().project.use.baseURL!).origin);
      expect(invitation.pathname.startsWith(`${prefix}/invitation/`)).toBe(true);
      expect(mail.html).toContain(invitation.href);

      // The merchant opens the link (which does not use it up), chooses a password, continues.
      await gotoHydrated(page, invitation.pathname);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.invitationTitle);
      await expect(page.locator('main')).toContainText(business.name);
      await expect(page.locator('main')).toContainText(merchant.email);
      await page.getByLabel(t.choosePassword).fill(merchant.password);
      await page.getByRole('button', { name: t.continue, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `${prefix}/tableau-de-bord`);
      await waitForHydration(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(business.name);
      await expect(page.locator('.freshness')).toContainText(t.staleReminder);

      // Monday's hours: type, save; the public page shows them.
      const monday = page.getByLabel(weekdays[0], { exact: true });
      await expect(monday).toHaveValue('');
      await monday.fill('8:15-12:45');
      await expect(page.locator('#day0-preview')).toHaveText('8:15 – 12:45');
      await page.getByRole('button', { name: t.saveHours }).click();
      await page.waitForURL((url) => url.searchParams.get('enregistre') === 'horaires');
      await expect(page.locator('.notice')).toContainText(t.saved);
      await expect(page.getByLabel(weekdays[0], { exact: true })).toHaveValue('08:15-12:45');

      await page.getByRole('link', { name: t.viewPublic }).click();
      await page.waitForURL((url) => url.pathname === publicPath);
      await expect(publicDay(page, weekdays[0])).toHaveText('8:15 – 12:45');
      // …and so does everyone else's, from the shared page cache.
      const visitor = await newPerson(browser, watchContext);
      let anonymousViews = 0;
      await expect(async () => {
        await visitor.goto(publicPath);
        anonymousViews++;
        await expect(publicDay(visitor, weekdays[0])).toHaveText('8:15 – 12:45', { timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      const daysAgo = (SEED.find((b) => b.slug === slug) as unknown as { confirmed_days_ago: number }).confirmed_days_ago;
      await expect(visitor.locator('.freshness')).toContainText(LANGS[lang].checkedDaysAgo(daysAgo));

      // Everything is right: one tap; the public page says it was checked today.
      await gotoHydrated(page, `${prefix}/tableau-de-bord`);
      await page.getByRole('button', { name: t.confirm, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('enregistre') === 'confirme');
      await expect(page.locator('.notice')).toContainText(t.confirmed);
      await expect(page.locator('.freshness')).toContainText(t.confirmedToday);
      await expect(page.locator('.freshness')).not.toContainText(t.staleReminder);
      await expect(async () => {
        await visitor.goto(publicPath);
        anonymousViews++;
        await expect(visitor.locator('.freshness')).toContainText(t.checkedToday, { timeout: 1_000 });
      }).toPass({ timeout: 10_000 });

      // A photo with its description: uploaded from the photos page, shown on the public page.
      await page.getByRole('link', { name: t.photosLink }).click();
      await page.waitForURL((url) => url.pathname === `${prefix}/tableau-de-bord/${businessId}/photos`);
      await waitForHydration(page);
      const slot = page.getByRole('group', { name: t.newPhoto });
      await slot.getByLabel(t.photoFile).setInputFiles({ name: 'serre.png', mimeType: 'image/png', buffer: gradientPng(1200, 800) });
      const alt = LANGS[lang].photoAlt;
      await slot.getByLabel(t.altFr).fill(alt.fr);
      if (alt.nl) await slot.getByLabel(t.altNl).fill(alt.nl);
      await page.getByRole('button', { name: t.upload }).click();
      await page.waitForURL((url) => url.searchParams.get('enregistre') === 'photos');
      await expect(page.locator('.notice')).toContainText(t.photosAdded);
      const shownAlt = lang === 'nl' ? alt.nl! : alt.fr;
      await expect(page.locator('.photo-list img').last()).toHaveAttribute('alt', shownAlt);
      await expect(async () => {
        await visitor.goto(publicPath);
        anonymousViews++;
        await expect(visitor.getByRole('list', { name: t.photos }).getByRole('img', { name: shownAlt })).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      const uploaded = visitor.getByRole('list', { name: t.photos }).getByRole('img', { name: shownAlt });
      await uploaded.scrollIntoViewIfNeeded();
      await expect(uploaded).toHaveAttribute('srcset', /\/media\/p\/.+ 480w/);
      await expect.poll(() => uploaded.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

      // The visitor calls the shop from its page: the link's `ping` reports the click.
      const call = visitor.getByRole('link', { name: new RegExp(`^${t.call} `) });
      await expect(call).toHaveAttribute('href', `tel:${business.phone!.replace(/\s/g, '')}`);
      const ping = visitor.waitForRequest((request) => request.url().endsWith(`/ping/${slug}/phone`) && request.method() === 'POST');
      await call.click({ noWaitAfter: true });
      expect((await (await ping).response())?.status()).toBe(204);
      await visitor.context().close();

      // The statistics count the visitor's views and the call (written every 5 seconds).
      await gotoHydrated(page, `${prefix}/tableau-de-bord`);
      await page.getByRole('link', { name: t.statsLink }).click();
      await page.waitForURL((url) => url.pathname === `${prefix}/tableau-de-bord/${businessId}/statistiques`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.statsTitle);
      await expect(async () => {
        await page.reload();
        expect(await statTotal(page, t.calls)).toBe(1);
      }).toPass({ intervals: [1_000], timeout: 20_000 });
      // Views: at least the visitor's (the accessibility specs open every business page too);
      // the merchant's own visits are not counted.
      expect(await statTotal(page, t.views)).toBeGreaterThanOrEqual(anonymousViews);

      // Log out: the dashboard asks to log in again.
      await gotoHydrated(page, `${prefix}/tableau-de-bord`);
      await page.getByRole('button', { name: t.logOut, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `${prefix}/connexion`);
      await expect(page.locator('.notice')).toContainText(t.loggedOut);
      const after = await page.goto(`${prefix}/tableau-de-bord`);
      expect(after?.status()).toBe(401);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });

    test('the hours editor works with the keyboard alone: Tab to a day, type, Tab to the save button, Enter', async ({ page }) => {
      await logIn(page, lang, merchant);
      await gotoHydrated(page, `${prefix}/tableau-de-bord`);
      // Tab from the top of the page to Tuesday's field; the focus is visible at every stop.
      let previous: Focused | null = null;
      let current = await focused(page);
      for (let presses = 0; current.id !== 'day1'; presses++) {
        expect(presses, 'Tuesday reached with Tab').toBeLessThan(40);
        previous = current;
        await page.keyboard.press('Tab');
        current = await focused(page);
        expect(current.visible, `focus visible on <${current.tag} id="${current.id}"> "${current.text.slice(0, 40)}"`).toBe(true);
      }
      expect(previous?.id, 'Monday comes just before Tuesday').toBe('day0');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('10:00-17:30');
      await expect(page.locator('#day1-preview')).toHaveText('10:00 – 17:30');
      // Then Wednesday to Sunday, "closed on public holidays", and the save button.
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        expect(f.visible, `focus visible on <${f.tag} id="${f.id}">`).toBe(true);
        order.push(f.tag === 'button' ? `button: ${f.text}` : f.id || `${f.tag}[name=${f.name}]`);
      }
      expect(order).toEqual(['day2', 'day3', 'day4', 'day5', 'day6', 'input[name=closed_on_holidays]', `button: ${t.saveHours}`]);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('enregistre') === 'horaires');
      await expect(page.locator('.notice')).toContainText(t.saved);
      await expect(page.getByLabel(weekdays[1], { exact: true })).toHaveValue('10:00-17:30');
      await page.goto(publicPath);
      await expect(publicDay(page, weekdays[1])).toHaveText('10:00 – 17:30');
    });

    test.describe('on a phone', () => {
      test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

      test('each weekly task takes at most 3 actions from the first screen: confirm (1), close tomorrow (1), one day\'s hours (2)', async ({ page }) => {
        await logIn(page, lang, merchant);
        const actions: Record<string, string[]> = {};
        const tap = async (task: string, target: Locator) => {
          (actions[task] ??= []).push('tap');
          await target.tap();
        };
        const fill = async (task: string, target: Locator, value: string) => {
          (actions[task] ??= []).push('fill');
          await target.fill(value);
        };
        // The confirmation and the closures are on the first screen, without scrolling.
        for (const name of [t.confirm, t.closeTomorrow]) {
          const box = await page.getByRole('button', { name, exact: true }).boundingBox();
          expect(box && box.y + box.height, `"${name}" on the first screen`).toBeLessThanOrEqual(844);
          expect(box!.height, `"${name}" is at least 44 px high`).toBeGreaterThanOrEqual(44);
        }

        await tap('confirm', page.getByRole('button', { name: t.confirm, exact: true }));
        await page.waitForURL((url) => url.searchParams.get('enregistre') === 'confirme');
        await expect(page.locator('.notice')).toContainText(t.confirmed);
        await waitForHydration(page);

        await tap('close tomorrow', page.getByRole('button', { name: t.closeTomorrow, exact: true }));
        await page.waitForURL((url) => url.searchParams.get('enregistre') === 'ferme');
        await expect(page.locator('.notice')).toHaveText(t.closedNoted);
        await waitForHydration(page);

        await fill("one day's hours", page.getByLabel(weekdays[3], { exact: true }), '9:00-17:00');
        await tap("one day's hours", page.getByRole('button', { name: t.saveHours }));
        await page.waitForURL((url) => url.searchParams.get('enregistre') === 'horaires');
        await expect(page.locator('.notice')).toContainText(t.saved);

        expect(actions).toEqual({ confirm: ['tap'], 'close tomorrow': ['tap'], "one day's hours": ['fill', 'tap'] });
        for (const [task, done] of Object.entries(actions)) expect(done.length, task).toBeLessThanOrEqual(3);

        // The public page shows all three.
        await page.goto(publicPath);
        await expect(page.locator('.freshness')).toContainText(t.checkedToday);
        await expect(page.getByRole('region', { name: t.exceptions })).toContainText(LANGS[lang].sundayClosed);
        await expect(publicDay(page, weekdays[3])).toHaveText('9:00 – 17:00');
        // Still open now (Saturday 10:00), as the other specs expect.
        await expect(page.locator('.status--large')).toHaveClass(/status--open/);
      });
    });
  });
}
