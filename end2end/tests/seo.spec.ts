import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect, BASE_URL, DEMO_BUSINESS_COUNT } from './helpers';

/**
 * What search engines and link previews read: the sitemap (valid against the sitemaps.org
 * schema, every public page in three languages with its alternates) and robots.txt.
 */

test('the sitemap is valid against the sitemaps.org schema and lists every public page', async ({ request }) => {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  const xml = await response.text();
  const file = path.join(os.tmpdir(), `vitrine-sitemap-${process.pid}.xml`);
  fs.writeFileSync(file, xml);
  const schema = path.join(__dirname, '..', 'schemas', 'sitemap.xsd');
  const { stderr } = await promisify(execFile)('xmllint', ['--noout', '--schema', schema, file]).catch(
    (error: { stderr: string }) => ({ stderr: error.stderr }),
  );
  expect(stderr.trim()).toBe(`${file} validates`);
  const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
  // Home, directory, one page per category in use, one per business; each in three languages.
  const businesses = locs.filter((l) => /\/commerces\/[a-z0-9-]+$/.test(l));
  expect(businesses).toHaveLength(DEMO_BUSINESS_COUNT * 3);
  for (const url of [`${BASE_URL}/`, `${BASE_URL}/nl`, `${BASE_URL}/en/commerces`, `${BASE_URL}/nl/commerces/le-cafe-des-carriers`]) {
    expect(locs).toContain(url);
  }
  expect(locs).toContain(`${BASE_URL}/commerces?categorie=boulangerie`);
  // Every listed page answers 200 (a sample of each kind; all business pages are opened by the a11y suite).
  for (const url of [locs[0], locs.find((l) => l.includes('categorie='))!, businesses[0]]) {
    expect((await request.get(url.replace('&amp;', '&'), { maxRedirects: 0 })).status(), url).toBe(200);
  }
});

test('robots.txt points to the sitemap with an absolute URL', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
  expect(robots).toContain('Disallow: /api/');
});
