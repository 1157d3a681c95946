import { test, expect, gotoHydrated, watchPage, BASE_URL } from './helpers';

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
