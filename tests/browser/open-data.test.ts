// The "Otwarte dane" page in a real browser: reached from the footer by keyboard, axe-clean (also with
// high contrast), one h1, fits 320 px; its example link answers JSON and a CSV link downloads a file.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { seedOpenData } from '../helpers/open-data.js';

const suite = useBrowserSuite();
const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe('open data in the browser', () => {
  it('is reached from the footer by keyboard, passes axe and fits a 320 px screen', async () => {
    await seedOpenData(suite.server.deps.db);
    const page = await suite.open();
    await page.goto(suite.url('/'));
    await page.locator('footer').getByRole('link', { name: 'Otwarte dane' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(suite.url('/otwarte-dane'));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Otwarte dane');
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });

  it('passes axe with high contrast and larger text, and on the list pages that link their data', async () => {
    await seedOpenData(suite.server.deps.db);
    const page = await suite.open();
    const { hostname } = new URL(suite.url('/'));
    await page.context().addCookies([
      { name: 'kontrast', value: 'wysoki', domain: hostname, path: '/' },
      { name: 'rozmiar-tekstu', value: 'duzy', domain: hostname, path: '/' },
    ]);
    for (const path of ['/otwarte-dane', '/konsultacje', '/inwestycje', '/aktualnosci', '/kalendarz']) {
      await page.goto(suite.url(path));
      await expectNoAxeViolations(page);
    }
  });

  it('opens the API example as JSON and downloads a list as a CSV file', async () => {
    await seedOpenData(suite.server.deps.db);
    const page = await suite.open();
    await page.goto(suite.url('/konsultacje'));
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Pobierz listę (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe('konsultacje.csv');
    await page.goto(suite.url('/otwarte-dane'));
    await page.getByRole('link', { name: '/api/v1/consultations?phase=open&limit=2' }).click();
    await page.waitForURL(/\/api\/v1\/consultations/);
    // The browser's server runs on the real clock: what is open depends on the day, its phase does not.
    const body = JSON.parse((await page.locator('body').textContent()) ?? '{}') as { data: { title: string; phase: string }[] };
    expect(body.data.map((c) => c.title)).toContain('Aleja rowerowa w Alejach NMP');
    expect(new Set(body.data.map((c) => c.phase))).toEqual(new Set(['open']));
  });
});
