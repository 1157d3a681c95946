import type { Page } from '@playwright/test';
import { expect, waitForHydration } from './helpers';

/**
 * What offers.spec.ts and offers-a11y.spec.ts share (issue 8, the offers feed): the demo
 * merchant, the labels of app/locales in French and Dutch, logging in, and composing an offer
 * through the merchant's form (`/tableau-de-bord/{id}/offres/nouvelle`), as a person would.
 */

export type Lang = 'fr' | 'nl';

/** The demo merchant, owner of Pâtisserie Lemaire (business 1 of the demo town). */
export const MERCHANT = { email: 'commercant@demo.vitrine.be', password: 'demo-commercant-vitrine-soignies' };
export const ADMIN = { email: 'admin@demo.vitrine.be', password: 'demo-admin-vitrine-soignies' };
export const BUSINESS_ID = 1;
export const BUSINESS_SLUG = 'patisserie-lemaire';
export const BUSINESS_NAME = 'Pâtisserie Lemaire';

/** The labels the tests use, as app/locales/{fr,nl}.json write them. */
export const T = {
  fr: {
    prefix: '',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    logIn: 'Se connecter',
    inFrench: 'En français',
    inDutch: 'En néerlandais (facultatif)',
    title: 'Titre',
    body: 'Texte',
    conditions: 'Conditions (facultatif)',
    kind: 'Type',
    photoFile: 'Fichier de la photo',
    altFr: 'Description en français',
    startsOn: 'Premier jour',
    endsOn: 'Dernier jour',
    promoCode: 'Code promo (facultatif)',
    preview: 'Prévisualiser',
    publish: 'Publier',
    published: 'Offre publiée.',
    previewNotice: 'Aperçu — pas encore publiée : les clients ne voient pas cette page.',
    endBeforeStart: 'Le dernier jour doit venir après le premier.',
    endEarly: 'Terminer maintenant',
    ended: 'Terminées',
    delete: 'Supprimer',
    confirmDelete: 'Oui, supprimer',
    deleted: 'Offre supprimée.',
    offersHeading: 'Offres',
    homeOffers: 'Offres en cours',
    businessOffers: 'Offres en cours',
    share: 'Partager cette offre',
    shareCopied: 'Lien copié : collez-le où vous voulez le partager.',
    notFound: 'Offre introuvable',
    kindLabel: "Type d'offre",
    categoryLabel: 'Catégorie de commerce',
    endingSoon: 'Seulement celles qui se terminent bientôt',
    apply: 'Afficher',
    none: 'Aucune offre en cours ne correspond à ces filtres.',
    countOne: '1 offre',
    kindEvent: 'Événement',
    followEmail: 'Votre adresse e-mail',
    followSubmit: 'Recevoir les offres',
    followSent: 'Vérifiez votre boîte de réception',
    confirmButton: 'Confirmer',
    confirmed: 'Abonnement confirmé',
    unsubscribeButton: 'Me désabonner',
    unsubscribed: 'Vous êtes désabonné',
    unsubscribeUnknown: 'Ce lien de désabonnement ne correspond à aucun abonnement : vous êtes peut-être déjà désabonné.',
    linkGone: 'Ce lien a déjà servi, a expiré ou n\'existe pas.',
    confirmSubject: /^Confirmez pour recevoir les offres des commerces$/,
    digestSubject: /^\d+ nouvelles? offres? des commerces cette semaine$/,
  },
  nl: {
    prefix: '/nl',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    logIn: 'Aanmelden',
    inFrench: 'In het Frans',
    inDutch: 'In het Nederlands (optioneel)',
    title: 'Titel',
    body: 'Tekst',
    conditions: 'Voorwaarden (optioneel)',
    kind: 'Soort',
    photoFile: 'Fotobestand',
    altFr: 'Beschrijving in het Frans',
    startsOn: 'Eerste dag',
    endsOn: 'Laatste dag',
    promoCode: 'Promotiecode (optioneel)',
    preview: 'Voorbeeld bekijken',
    publish: 'Publiceren',
    published: 'Aanbieding gepubliceerd.',
    previewNotice: 'Voorbeeld — nog niet gepubliceerd: klanten zien deze pagina niet.',
    endBeforeStart: 'De laatste dag moet na de eerste komen.',
    endEarly: 'Nu beëindigen',
    ended: 'Afgelopen',
    delete: 'Verwijderen',
    confirmDelete: 'Ja, verwijderen',
    deleted: 'Aanbieding verwijderd.',
    offersHeading: 'Aanbiedingen',
    homeOffers: 'Lopende aanbiedingen',
    businessOffers: 'Lopende aanbiedingen',
    share: 'Dit aanbod delen',
    shareCopied: 'Link gekopieerd: plak hem waar u hem wilt delen.',
    notFound: 'Aanbod niet gevonden',
    kindLabel: 'Soort aanbod',
    categoryLabel: 'Soort handelszaak',
    endingSoon: 'Alleen wat binnenkort afloopt',
    apply: 'Tonen',
    none: 'Geen lopende aanbieding voldoet aan deze filters.',
    countOne: '1 aanbieding',
    kindEvent: 'Evenement',
    followEmail: 'Uw e-mailadres',
    followSubmit: 'Aanbiedingen ontvangen',
    followSent: 'Kijk in uw mailbox',
    confirmButton: 'Bevestigen',
    confirmed: 'Inschrijving bevestigd',
    unsubscribeButton: 'Mij uitschrijven',
    unsubscribed: 'U bent uitgeschreven',
    unsubscribeUnknown: 'Deze uitschrijflink hoort bij geen enkele inschrijving: misschien bent u al uitgeschreven.',
    linkGone: 'Deze link werd al gebruikt, is verlopen of bestaat niet.',
    confirmSubject: /^Bevestig om de aanbiedingen van de winkels te ontvangen$/,
    digestSubject: /^\d+ nieuwe aanbieding(en)? van de winkels deze week$/,
  },
} as const;

/** The demo town's offers (domain/src/seed.rs), live at the fixed clock (Saturday 28 November 2026). */
export const SEED_OFFERS = {
  galettes: { fr: 'Galettes des rois : −20 %', nl: 'Driekoningentaarten: −20 %' },
  event: { fr: 'Rencontre avec une autrice sonégienne', nl: 'Ontmoeting met een schrijfster uit Zinnik' },
  bouquets: { fr: 'Bouquets de saison −15 %', nl: 'Seizoensboeketten −15 %' },
  sourdough: { fr: 'Nouveau : pain au levain de seigle', nl: 'Nieuw: roggedesembrood' },
};

/** A unique suffix for titles and e-mail addresses: specs run side by side on one database. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Logs in on `/connexion` (or `/nl/connexion`) and waits for the dashboard. */
export async function logIn(page: Page, lang: Lang, who: { email: string; password: string }): Promise<void> {
  const t = T[lang];
  await page.goto(`${t.prefix}/connexion`);
  await waitForHydration(page);
  await page.getByLabel(t.email, { exact: true }).fill(who.email);
  await page.getByLabel(t.password, { exact: true }).fill(who.password);
  await page.getByRole('button', { name: t.logIn, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${t.prefix}/tableau-de-bord`);
}

/** A real PNG, as a phone would send one (the way photos.spec.ts makes it): a coloured block. */
export async function somePng(page: Page): Promise<Buffer> {
  const scratch = await page.context().newPage();
  await scratch.setContent('<div style="width:640px;height:400px;background:linear-gradient(90deg,#c33,#36c)"></div>');
  const png = await scratch.screenshot({ clip: { x: 0, y: 0, width: 640, height: 400 } });
  await scratch.close();
  return png;
}

export type Composed = {
  title: string;
  body: string;
  titleNl?: string;
  bodyNl?: string;
  kind?: 'promotion' | 'new_arrival' | 'event' | 'in_store';
  photo?: Buffer;
  photoAlt?: string;
  startsOn?: string;
  endsOn?: string;
  promoCode?: string;
};

/** Opens the compose form of the demo business and fills it in (without sending it). */
export async function fillOfferForm(page: Page, lang: Lang, offer: Composed): Promise<void> {
  const t = T[lang];
  await page.goto(`${t.prefix}/tableau-de-bord/${BUSINESS_ID}/offres/nouvelle`);
  await waitForHydration(page);
  if (offer.kind) await page.getByLabel(t.kind, { exact: true }).selectOption(offer.kind);
  const french = page.getByRole('group', { name: t.inFrench, exact: true });
  await french.getByLabel(t.title, { exact: true }).fill(offer.title);
  await french.getByLabel(t.body, { exact: true }).fill(offer.body);
  if (offer.titleNl || offer.bodyNl) {
    await page.locator('summary', { hasText: t.inDutch }).click();
    const dutch = page.locator('details', { has: page.locator('summary', { hasText: t.inDutch }) });
    // "Titre (néerlandais)": the folded sections' fields say their language in their label.
    const label = (text: string) => new RegExp(`^${text}( \\(.*\\))?$`);
    if (offer.titleNl) await dutch.getByLabel(label(t.title)).fill(offer.titleNl);
    if (offer.bodyNl) await dutch.getByLabel(label(t.body)).fill(offer.bodyNl);
  }
  if (offer.photo) {
    await page.getByLabel(t.photoFile, { exact: true }).setInputFiles({ name: 'vitrine.png', mimeType: 'image/png', buffer: offer.photo });
    await page.getByLabel(t.altFr, { exact: true }).fill(offer.photoAlt ?? '');
  }
  if (offer.startsOn) await page.getByLabel(t.startsOn, { exact: true }).fill(offer.startsOn);
  await page.getByLabel(t.endsOn, { exact: true }).fill(offer.endsOn ?? '2026-12-08');
  if (offer.promoCode) await page.getByLabel(t.promoCode, { exact: true }).fill(offer.promoCode);
}

/** Composes an offer and publishes it straight away; returns its id (from the list's URL). */
export async function publishOffer(page: Page, lang: Lang, offer: Composed): Promise<number> {
  const t = T[lang];
  await fillOfferForm(page, lang, offer);
  await page.getByRole('button', { name: t.publish, exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'publiee');
  await expect(page.getByRole('status').filter({ hasText: t.published })).toBeVisible();
  return Number(new URL(page.url()).searchParams.get('offre'));
}

/** The id of a live offer listed on `/offres`, found by its title. */
export async function offerIdByTitle(page: Page, lang: Lang, title: string): Promise<number> {
  await page.goto(`${T[lang].prefix}/offres`);
  const href = await page.getByRole('link', { name: title, exact: true }).first().getAttribute('href');
  const match = href?.match(/\/offres\/(\d+)$/);
  if (!match) throw new Error(`no link to the offer "${title}" on /offres (found ${href})`);
  return Number(match[1]);
}
