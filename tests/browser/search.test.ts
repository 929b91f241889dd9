// Search in a real browser: from the header's box on any page to the results, by keyboard alone and
// with JavaScript off; the search page (results, kind filter, nothing found, before a search) passes
// axe and the site's page checks.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { createNews } from '../helpers/news-factories.js';
import { expectPageChecksPass } from '../helpers/site-sweep.js';

const suite = useBrowserSuite();
const { open, url } = suite;

async function seed() {
  const db = suite.server.deps.db;
  const department = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
  await createConsultation(db, { title: 'Przebudowa ulicy Źródlanej', slug: 'zrodlana', departmentId: department.id, summary: 'Nowa nawierzchnia i chodniki na Źródlanej.' });
  await createNews(db, { title: 'Spotkanie o ulicy Źródlanej', slug: 'spotkanie-zrodlana', bodyMd: 'Zapraszamy mieszkańców ulicy **Źródlanej**.' });
  await createNews(db, { title: 'Festyn w Lisińcu', slug: 'festyn' });
}

describe('search', () => {
  it('searches from the header by keyboard alone, lists highlighted results and filters them by kind', async () => {
    await seed();
    const page = await open();
    await page.goto(url('/aktualnosci'));
    await tabUntil(page, (f) => f.tag === 'input' && f.id === 'szukaj-w-serwisie', 'the search box in the header');
    await page.keyboard.type('zrodlana');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/szukaj?q=zrodlana'));
    expect(await page.locator('main h1').innerText()).toBe('Szukaj w serwisie');
    expect(await page.getByRole('status').first().innerText()).toBe('Znaleziono 2 wyniki dla „zrodlana”.');
    expect((await page.locator('.search-result__title').allInnerTexts()).sort()).toEqual(['Przebudowa ulicy Źródlanej', 'Spotkanie o ulicy Źródlanej']);
    expect(await page.locator('.search-result mark').first().innerText()).toBe('Źródlanej');
    await expectNoAxeViolations(page);
    await expectPageChecksPass(page);
    await page.screenshot({ path: 'test-results/search-results.png', fullPage: true });

    // The kind filter by keyboard: arrow to "Aktualności (1)", then the button.
    await tabUntil(page, (f) => f.tag === 'input' && f.id === 'rodzaj', 'the first kind');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusOf(page)).toMatchObject({ id: 'rodzaj-2' });
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Pokaż', 'the filter button');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/szukaj?q=zrodlana&rodzaj=aktualnosci'));
    expect(await page.locator('.search-result__title').allInnerTexts()).toEqual(['Spotkanie o ulicy Źródlanej']);
    expect(await page.getByLabel('Aktualności (1)').isChecked()).toBe(true);

    // The result is a link that leads to the article.
    await tabUntil(page, (f) => f.tag === 'a' && f.text === 'Spotkanie o ulicy Źródlanej', 'the result');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/aktualnosci/spotkanie-zrodlana'));
    expect(await page.locator('main h1').innerText()).toBe('Spotkanie o ulicy Źródlanej');

    // The page with nothing found and the page before any search pass axe too.
    await page.goto(url(`/szukaj?q=${encodeURIComponent('Łódź Kaliska')}`));
    await page.locator('.search-empty').waitFor();
    await expectNoAxeViolations(page);
    await page.goto(url('/szukaj'));
    await expectNoAxeViolations(page);
  });

  it('works with JavaScript off, and says what to do when nothing is found', async () => {
    await seed();
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/'));
    await page.locator('#szukaj-w-serwisie').fill('festyn w lisincu');
    await page.locator('.site-search button').click();
    await page.locator('.search-result__title').first().waitFor();
    expect(page.url()).toBe(url('/szukaj?q=festyn+w+lisincu'));
    expect(await page.locator('.search-result__title').allInnerTexts()).toEqual(['Festyn w Lisińcu']);

    await page.goto(url(`/szukaj?q=${encodeURIComponent('Łódź Kaliska')}`));
    expect(await page.locator('.search-empty h2').innerText()).toBe('Nic nie znaleźliśmy dla „Łódź Kaliska”');
    expect(await page.getByRole('link', { name: 'Konsultacje', exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/search-empty.png', fullPage: true });

    await page.goto(url('/szukaj'));
    expect(await page.locator('main h2').first().innerText()).toBe('Czego możesz szukać');
  });
});
