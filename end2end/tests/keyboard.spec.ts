import type { Page } from '@playwright/test';
import { test, expect, gotoHydrated, seedSearch } from './helpers';

/**
 * Keyboard only: from the skip link to a business page, with a visible focus at every step.
 */

type Focused = { tag: string; id: string; text: string; href: string | null; outline: string; indicator: string | null };

/** The focused element, and how its focus is shown (null when nothing shows it). */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', href: null, outline: '', indicator: null };
    const style = getComputedStyle(el);
    const outline = `${style.outlineStyle} ${style.outlineWidth}`;
    const visible = (s: CSSStyleDeclaration) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    let indicator: string | null = null;
    if (visible(style)) {
      indicator = `outline ${outline} on the element`;
    } else {
      // A design may draw the focus around a container instead (`.card__body:focus-within`).
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const parentStyle = getComputedStyle(parent);
        if (parent.matches(':focus-within') && visible(parentStyle)) {
          indicator = `outline ${parentStyle.outlineStyle} ${parentStyle.outlineWidth} on ${parent.tagName.toLowerCase()}.${parent.className}`;
          break;
        }
      }
    }
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? '').trim(),
      href: el.getAttribute('href'),
      outline,
      indicator,
    };
  });
}

/** Presses Tab until `match` is focused (at most `max` times); checks focus is visible on the way. */
async function tabTo(page: Page, match: (f: Focused) => boolean, max = 40): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    expect(f.indicator, `focus must be visible on <${f.tag} id="${f.id}"> "${f.text.slice(0, 40)}" (outline: ${f.outline})`).not.toBeNull();
    if (match(f)) return f;
  }
  throw new Error(`not reached with ${max} presses of Tab`);
}

test('the first Tab focuses the visible skip link, and Enter moves the focus to the main content', async ({ page }) => {
  await gotoHydrated(page, '/commerces');
  await page.keyboard.press('Tab');
  const first = await focused(page);
  expect(first).toMatchObject({ tag: 'a', text: 'Aller au contenu', href: '#contenu' });
  expect(first.outline).not.toMatch(/^none/);
  expect(first.indicator).not.toBeNull();
  // Hidden off-screen until focused, then on screen.
  const box = await page.getByRole('link', { name: 'Aller au contenu' }).boundingBox();
  expect(box && box.y >= 0 && box.x >= 0).toBe(true);

  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await focused(page)).id, { message: 'after Enter on the skip link, <main id="contenu"> has the focus' })
    .toBe('contenu');
  // The next Tab continues from the main content: the search field, not the header.
  const next = await tabTo(page, () => true, 1);
  expect(next).toMatchObject({ tag: 'input', id: 'search-text' });
});

test('keyboard only: search from the search field, then open a result with Enter', async ({ page }) => {
  await gotoHydrated(page, '/commerces');
  await tabTo(page, (f) => f.id === 'search-text');
  await page.keyboard.type('patisserie');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'patisserie');
  await expect(page.locator('.results-count')).toHaveText(`${seedSearch('patisserie').length} commerces`);

  const link = await tabTo(page, (f) => f.tag === 'a' && f.text === 'Pâtisserie Lemaire');
  expect(link.href).toBe('/commerces/patisserie-lemaire');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/commerces/patisserie-lemaire');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pâtisserie Lemaire');
  await expect(page.locator('.business__header .status')).toHaveText('Ouvert — ferme à 18:00');
  // The page changed without a reload: the focus moved to the new content, as a page load would
  // reset it, and the next Tab continues inside the business page.
  await expect.poll(async () => (await focused(page)).id, { message: 'focus on <main> after navigating' }).toBe('contenu');
  const next = await tabTo(page, () => true, 1);
  expect(next.tag).toBe('a');
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
});

test('a new search keeps the focus in the form; another page of results moves it to the results', async ({ page }) => {
  await gotoHydrated(page, '/commerces');
  const field = page.getByLabel('Rechercher un commerce');
  await field.fill('rue');
  await field.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'rue');
  await expect(page.locator('.results-count')).toHaveText(`${seedSearch('rue').length} commerces`);
  expect((await focused(page)).id).toBe('search-text');

  await page.getByRole('link', { name: 'Page suivante' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('page') === '2');
  await expect(page.locator('.pagination__where')).toContainText('2');
  await expect.poll(async () => (await focused(page)).id).toBe('contenu');

  // A new search from page 2 goes back to page 1 of the new results, in the same form.
  await field.fill('rue de');
  await field.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === 'rue de' && !url.searchParams.has('page'));
  await expect(page.locator('.results-count')).toContainText('commerces');
  expect((await focused(page)).id).toBe('search-text');
});

test('the filters can be used with the keyboard alone', async ({ page }) => {
  await gotoHydrated(page, '/commerces');
  await tabTo(page, (f) => f.id === 'search-category');
  // Choose a category by typing its first letters, as on a native select.
  await page.keyboard.type('Fleu');
  await tabTo(page, (f) => f.id === 'search-open-now');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Ouvert maintenant')).toBeChecked();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('categorie') === 'fleuriste' && url.searchParams.get('ouvert') === '1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commerces : Fleuriste');
});

test('every link and control of a business page shows where the focus is', async ({ page }) => {
  await gotoHydrated(page, '/commerces/le-cafe-des-carriers');
  // Tab through the whole page, back to the start (the browser UI ends the cycle: stop at body).
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'body' || (seen.length > 0 && f.text === 'Aller au contenu')) break;
    expect(f.indicator, `focus must be visible on <${f.tag}> "${f.text.slice(0, 40)}" (outline: ${f.outline})`).not.toBeNull();
    seen.push(f.text);
  }
  expect(seen).toContain('Appeler le +32 67 33 47 55');
  expect(seen).toContain('Voir sur la carte');
  expect(seen).toContain('Tous les commerces');
});
