import { test, expect, gotoHydrated, watchPage, clientAddress, BASE_URL } from './helpers';

/**
 * The test harness itself: the error watch of helpers.ts must catch what goes wrong in a page,
 * otherwise the other tests would pass over broken pages. Each test watches a page of its own
 * context into its own list, and checks what the list caught.
 */

test('the error watch catches uncaught exceptions and console errors', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    await gotoHydrated(page, '/');
    expect(errors).toEqual([]);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('deliberate exception');
      }, 0);
      console.error('deliberate console error');
    });
    await expect.poll(() => errors.length).toBe(2);
    expect(errors.join('\n')).toContain('deliberate exception');
    expect(errors.join('\n')).toContain('deliberate console error');
  } finally {
    await context.close();
  }
});

test('the error watch lets a page answered with 404 through, but not a missing image on it', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    const response = await gotoHydrated(page, '/commerces/does-not-exist');
    expect(response?.status()).toBe(404);
    expect(errors).toEqual([]);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/media/does-not-exist.svg';
      img.alt = '';
      document.body.append(img);
    });
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toContain('/media/does-not-exist.svg');
  } finally {
    await context.close();
  }
});

test('each test is a client of its own for the throttles: 30 follow requests close the form for it, not for another test', async ({ page }) => {
  test.skip(process.env.VITRINE_E2E_EXTERNAL === '1', 'needs the server to trust 127.0.0.1 as a proxy (playwright.config.ts)');
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  // The page's requests carry this test's X-Forwarded-For (helpers.ts); `client` replaces it.
  const follow = (n: number, client?: string) =>
    page.request.post('/offres/suivre', {
      form: { email: `client.${run}.${n}@example.com`, choix: 'all' },
      headers: { Origin: new URL(BASE_URL).origin, 'Sec-Fetch-Site': 'same-origin', ...(client ? { 'X-Forwarded-For': client } : {}) },
      maxRedirects: 0,
    });
  // domain::offers::follow::IP_LIMIT, with a clock that stands still: the window never ends.
  for (let n = 0; n < 30; n++) expect((await follow(n)).status(), `request ${n + 1}`).toBe(303);
  expect((await follow(30)).status(), 'the 31st request of this test').toBe(429);
  expect((await follow(31, clientAddress('another test'))).status(), "another test's first request").toBe(303);
});
