import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, freePort } from './helpers';

/**
 * "Who sells this in town?" (issue 13), in a real browser:
 * - in French: a shopper searches every shop's products with the in-stock filter, sees which
 *   shop has it and that it is open now, opens the product, and finds the shop's address;
 * - 22 days later: a second instance on a copy of the demo town seeded at the same instant, whose
 *   clock reads 22 days later, tells the shopper to ask the shop (nobody confirmed the stock), and
 *   the in-stock search no longer finds it;
 * - in Dutch: a directory search for a product word offers the product and leads to the search.
 */

const binary = path.resolve(__dirname, '..', process.env.VITRINE_BIN || '../target/debug/vitrine');
const siteRoot = path.resolve(__dirname, '..', process.env.VITRINE_SITE_ROOT || '../target/site');
const repository = path.resolve(__dirname, '../..');
const SEEDED_AT = '2026-11-28T10:00:00+01:00';
const LATER = '2026-12-20T10:00:00+01:00'; // 22 days later
const PRODUCT = "Pain d'épeautre (750 g)";
const SHOP = 'Au Fournil de Naast';

test("a shopper finds a product in every shop's, walks there, and 22 days later is told to ask the shop", async ({ page, browser }) => {
  await page.goto('/produits');
  await page.getByLabel('Quel produit cherchez-vous ?').fill('EPEAUTRE');
  await page.getByText('Filtres : type, commerce, prix, stock, ouvert').click();
  await page.getByLabel('En stock (vérifié ces 3 dernières semaines)').check();
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/\/produits\?q=EPEAUTRE&.*stock=1/);
  const card = page.locator('.product-card', { hasText: PRODUCT });
  await expect(card).toContainText(SHOP);
  await expect(card.locator('.status')).toHaveText(/^Ouvert/);
  await expect(card.locator('.availability')).toHaveText("En stock · vérifié aujourd'hui");
  await card.getByRole('link', { name: PRODUCT }).click();
  await expect(page.locator('h1')).toHaveText(PRODUCT);
  await expect(page.locator('.product__shop')).toContainText(SHOP);
  await expect(page.getByRole('link', { name: 'Itinéraire (OpenStreetMap)' })).toBeVisible();
  const productPath = new URL(page.url()).pathname;

  const later = await startLater();
  try {
    const context = await browser.newContext({ baseURL: later.base, locale: 'fr-BE', timezoneId: 'Europe/Brussels' });
    const shopper = await context.newPage();
    await shopper.goto(productPath);
    await expect(shopper.locator('h1')).toHaveText(PRODUCT);
    await expect(shopper.locator('.availability')).toHaveText('Demandez au magasin');
    await shopper.goto('/produits?q=epeautre&stock=1');
    await expect(shopper.locator('.product-card', { hasText: PRODUCT })).toHaveCount(0);
    await expect(shopper.getByRole('status')).toHaveText('Aucun produit');
    await shopper.goto('/produits?q=epeautre');
    await expect(shopper.locator('.product-card', { hasText: PRODUCT }).locator('.availability')).toHaveText('Demandez au magasin');
    await context.close();
  } finally {
    later.stop();
  }
});

test('a Dutch directory search for a product word offers the products and leads to the search', async ({ page }) => {
  await page.goto('/nl/commerces?q=spelt');
  const section = page.locator('.directory__products');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('Producten: “spelt”');
  await expect(section.locator('.product-card').first()).toBeVisible();
  await section.getByRole('link', { name: /Bekijk de \d+ overeenkomende producten/ }).click();
  await expect(page).toHaveURL(/\/nl\/produits\?q=spelt$/);
  await expect(page.locator('h1')).toHaveText('Wie verkoopt dit in Zinnik?');
  await expect(page.locator('#produits-texte')).toHaveValue('spelt');
});

/** A second instance on its own copy of the demo town, seeded at the suite's instant, serving 22 days later. */
async function startLater(): Promise<{ base: string; stop: () => void }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vitrine-later-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: `sqlite://${path.join(work, 'vitrine.db')}`,
    VITRINE_MEDIA_DIR: path.join(work, 'media'),
    VITRINE_SITE_ROOT: siteRoot,
    VITRINE_BIND: `127.0.0.1:${port}`,
    RUST_LOG: 'warn',
  };
  execFileSync(binary, ['seed-demo'], { cwd: repository, env: { ...env, VITRINE_NOW: SEEDED_AT }, stdio: 'ignore' });
  let log = '';
  const server: ChildProcess = spawn(binary, ['serve'], { cwd: repository, env: { ...env, VITRINE_NOW: LATER }, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the later instance did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: () => {
      server.kill('SIGTERM');
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
