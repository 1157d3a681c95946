// Takes the README's screenshots from a running Vitrine (default http://127.0.0.1:3000, the demo
// of scripts/demo.sh). Usage: node end2end/screenshots.mjs [base URL]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 900 } };
const shots = [
  ['home-fr-phone.png', '/', phone, 'fr-BE'],
  ['directory-fr-desktop.png', '/commerces?q=patisserie&ouvert=1', desktop, 'fr-BE'],
  ['business-nl-phone.png', '/nl/commerces/patisserie-lemaire', phone, 'nl-BE'],
  ['offers-fr-phone.png', '/offres', phone, 'fr-BE'],
  ['offer-nl-desktop.png', '/nl/offres/1', desktop, 'nl-BE'],
  ['products-search-fr-phone.png', '/produits?q=pain&stock=1', phone, 'fr-BE'],
  ['shop-products-nl-desktop.png', '/nl/commerces/au-fournil-de-naast/produits', desktop, 'nl-BE'],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [file, path, options, locale] of shots) {
  const context = await browser.newContext({ ...options, locale });
  const page = await context.newPage();
  await page.goto(base + path);
  // The offers and products pages are not hydrated (no WASM: docs/PERFORMANCE.md); the others are.
  if (/^(\/nl)?\/(offres|produits)|\/produits/.test(path)) await page.waitForLoadState('networkidle');
  else await page.waitForSelector('body[data-hydrated="true"]');
  await page.screenshot({ path: out + file, fullPage: false });
  await context.close();
  console.log('wrote', out + file);
}
await browser.close();
