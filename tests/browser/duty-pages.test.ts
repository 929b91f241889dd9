// The duty pages and their panel editors in a real browser: WCAG 2.1 AA (axe), also with high contrast
// and larger text switched on by keyboard, without JavaScript, and at 320 px without sideways scrolling.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedBase } from '../../src/db/seed.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { createUser } from '../helpers/factories.js';

const suite = useBrowserSuite();
const PUBLIC_PAGES = ['/deklaracja-dostepnosci', '/polityka-prywatnosci', '/regulamin', '/kontakt', '/o-platformie', '/mapa-strony'];

const logIn = (page: Page, email: string) => suite.signIn(page, email);

const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

describe('duty pages in the browser', () => {
  it('pass axe, keep one h1 and fit a 320 px screen', async () => {
    await seedBase(suite.server.deps.db);
    const page = await suite.open({ viewport: { width: 320, height: 640 } });
    for (const path of PUBLIC_PAGES) {
      await page.goto(suite.url(path));
      await expectNoAxeViolations(page);
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    }
  });

  it('switch to high contrast and larger text by keyboard without JavaScript, and still fit 320 px', async () => {
    await seedBase(suite.server.deps.db);
    const page = await suite.open({ javaScriptEnabled: false });
    await page.goto(suite.url('/deklaracja-dostepnosci'));
    await page.getByRole('link', { name: 'Wysoki kontrast' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('html.contrast-high');
    await page.getByRole('link', { name: 'Większy tekst' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('html.contrast-high.text-large');
    await page.waitForLoadState('load');
    expect(page.url()).toBe(suite.url('/deklaracja-dostepnosci'));
    expect(await page.evaluate<string>('getComputedStyle(document.documentElement).fontSize')).toBe('20px');
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/deklaracja-dostepnosci', '/polityka-prywatnosci', '/panel/strony']) {
      await page.goto(suite.url(path));
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    }
  });

  it('pass axe with high contrast and larger text on', async () => {
    await seedBase(suite.server.deps.db);
    const page = await suite.open();
    const { hostname } = new URL(suite.url('/'));
    await page.context().addCookies([
      { name: 'kontrast', value: 'wysoki', domain: hostname, path: '/' },
      { name: 'rozmiar-tekstu', value: 'duzy', domain: hostname, path: '/' },
    ]);
    for (const path of [...PUBLIC_PAGES, '/', '/logowanie']) {
      await page.goto(suite.url(path));
      expect(await page.getAttribute('html', 'class'), path).toBe('contrast-high text-large');
      await expectNoAxeViolations(page);
    }
  });

  it('let an administrator edit them: the editors, an error and a preview pass axe', async () => {
    await seedBase(suite.server.deps.db);
    const admin = await createUser(suite.server.deps.db, { role: 'ADMIN', name: 'Anna Nowak' });
    const page = await suite.open();
    await logIn(page, admin.email);
    await page.getByRole('link', { name: 'Strony informacyjne' }).click();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Edytuj: Deklaracja dostępności' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Osoba kontaktowa').fill('');
    await page.getByRole('button', { name: 'Zapisz i opublikuj' }).click();
    await expect.poll(() => page.locator('.error-summary').innerText()).toContain('Podaj osobę kontaktową');
    await expectNoAxeViolations(page);
    await page.getByLabel('Osoba kontaktowa').fill('Katarzyna Wiśniewska');
    await page.getByRole('button', { name: 'Zapisz i opublikuj' }).click();
    await page.waitForURL(suite.url('/deklaracja-dostepnosci'));
    expect(await page.locator('#a11y-osoba').innerText()).toBe('Katarzyna Wiśniewska');

    await page.goto(suite.url('/panel/strony/regulamin'));
    await expectNoAxeViolations(page);
    await page.getByLabel('Treść strony').fill('## Zasady\n\nBądźmy **uprzejmi**.');
    await page.getByRole('button', { name: 'Podgląd' }).click();
    await expect.poll(() => page.locator('.content-preview strong').innerText()).toBe('uprzejmi');
    await expectNoAxeViolations(page);
  });

  it('let an administrator write a knowledge-base guide: the form with errors and its preview pass axe', async () => {
    await seedBase(suite.server.deps.db);
    const admin = await createUser(suite.server.deps.db, { role: 'ADMIN', name: 'Anna Nowak' });
    const page = await suite.open();
    await logIn(page, admin.email);
    await page.getByRole('link', { name: 'Baza wiedzy' }).first().click();
    await page.getByRole('link', { name: 'Dodaj poradnik' }).click();
    await page.getByRole('button', { name: 'Zapisz i opublikuj' }).click();
    await expect.poll(() => page.locator('.error-summary').innerText()).toContain('Podaj tytuł poradnika');
    await expectNoAxeViolations(page);
    await page.getByLabel('Tytuł').fill('Spacer badawczy');
    await page.getByLabel('Dla pracowników urzędu i rad dzielnic').check();
    await page.getByLabel('Treść strony').fill('Idziemy **razem** po dzielnicy.');
    await page.getByRole('button', { name: 'Podgląd' }).click();
    await expect.poll(() => page.locator('.content-preview strong').innerText()).toBe('razem');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Zapisz i opublikuj' }).click();
    await page.waitForURL(/\/panel\/baza-wiedzy\/\d+\/dokumenty$/);
    await expectNoAxeViolations(page);
    await page.goto(suite.url('/baza-wiedzy/spacer-badawczy'));
    expect(await page.locator('h1').innerText()).toBe('Spacer badawczy');
  });
});
