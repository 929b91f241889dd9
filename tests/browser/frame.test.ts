// The page frame in a real browser: WCAG 2.1 AA (axe) in both languages, keyboard-only and no-JavaScript
// journeys, a 320 px screen, and nothing fetched from outside the city's own server.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { expectNoAxeViolations, externalRequests, focusOf, openPage, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';

// Every journey, whatever it checks, must stay on the city's own server and within the CSP:
// the suite checks each page it opened after each test.
const suite = useBrowserSuite();
const { open, url } = suite;

/** What a user sees as the page's main heading. */
const heading = (page: Page) => page.locator('main h1').innerText();

const logIn = (page: Page, email: string) => suite.signIn(page, email);

/** Switches language with the header link, as a visitor does, and waits for the page to come back. */
async function switchLanguage(page: Page, linkText: 'English' | 'Polski', lang: 'en' | 'pl') {
  await page.locator('header').getByRole('link', { name: linkText, exact: true }).click();
  await page.waitForSelector(`html[lang="${lang}"]`);
}

const TEXTS = {
  pl: {
    loginTitle: 'Logowanie do panelu',
    submit: 'Zaloguj się',
    summary: 'Popraw błędy w formularzu',
    errors: ['Podaj adres e-mail', 'Podaj hasło'],
    notFound: 'Nie znaleziono strony',
    placeholder: 'Konsultacje',
    greeting: 'Dzień dobry, Anna Nowak',
    homeLead: 'Weź udział w decyzjach o swoim mieście.',
  },
  en: {
    loginTitle: 'Sign in to the panel',
    submit: 'Sign in',
    summary: 'Fix the errors in the form',
    errors: ['Enter an e-mail address', 'Enter a password'],
    notFound: 'Page not found',
    placeholder: 'Consultations',
    greeting: 'Hello, Anna Nowak',
    homeLead: 'Take part in decisions about your city.',
  },
} as const;

describe('accessibility of the frame (axe, WCAG 2.1 A and AA)', () => {
  for (const lang of ['pl', 'en'] as const) {
    const text = TEXTS[lang];

    it(`has no violations on the home, login (empty and with errors), 404 and placeholder pages in ${lang === 'pl' ? 'Polish' : 'English'}`, async () => {
      const page = await open();
      await page.goto(url('/'));
      if (lang === 'en') await switchLanguage(page, 'English', 'en');
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('main .lead').innerText()).toContain(text.homeLead);
      await expectNoAxeViolations(page);

      await page.goto(url('/logowanie'));
      expect(await heading(page)).toBe(text.loginTitle);
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: text.submit, exact: true }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await summary.getByRole('heading').innerText()).toBe(text.summary);
      expect(await summary.getByRole('link').allInnerTexts()).toEqual(text.errors);
      await expectNoAxeViolations(page);

      const missing = await page.goto(url('/nie-ma-takiej-strony'));
      expect(missing?.status()).toBe(404);
      expect(await heading(page)).toBe(text.notFound);
      await expectNoAxeViolations(page);

      await page.goto(url('/konsultacje'));
      expect(await heading(page)).toBe(text.placeholder);
      expect(await page.locator('.main-nav [aria-current="page"]').innerText()).toBe(text.placeholder);
      await expectNoAxeViolations(page);
    });

    it(`has no violations on the panel after logging in, in ${lang === 'pl' ? 'Polish' : 'English'}`, async () => {
      await createUser(suite.server.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
      const page = await open();
      await logIn(page, 'anna@example.org');
      if (lang === 'en') await switchLanguage(page, 'English', 'en');
      expect(page.url()).toBe(url('/panel'));
      expect(await heading(page)).toBe(text.greeting);
      await expectNoAxeViolations(page);
    });
  }

  it('keeps the visitor on the same page when switching language, and back again', async () => {
    const page = await open();
    await page.goto(url('/logowanie?next=%2Fpanel'));
    await switchLanguage(page, 'English', 'en');
    expect(page.url()).toBe(url('/logowanie?next=%2Fpanel'));
    expect(await heading(page)).toBe('Sign in to the panel');
    expect(await page.locator('header').getByText('English', { exact: true }).getAttribute('aria-current')).toBe('true');
    await switchLanguage(page, 'Polski', 'pl');
    expect(await heading(page)).toBe('Logowanie do panelu');
  });
});

describe('keyboard', () => {
  it('focuses the visible "Przejdź do treści" link on the first Tab, and Enter moves focus into the main content', async () => {
    const page = await open();
    await page.goto(url('/'));
    await page.keyboard.press('Tab');
    const skip = await focusOf(page);
    expect(skip).toMatchObject({ tag: 'a', text: 'Przejdź do treści', href: '#tresc' });
    // Hidden until focused, then on screen where a sighted keyboard user can see it.
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.bottom).toBeLessThanOrEqual(page.viewportSize()!.height);

    await page.keyboard.press('Enter');
    expect(await focusOf(page)).toMatchObject({ tag: 'main', id: 'tresc' });
    // The next Tab continues inside the content, past the header and menu.
    await page.keyboard.press('Tab');
    expect(await focusOf(page)).toMatchObject({ tag: 'a', text: 'Zobacz trwające konsultacje' });
  });

  it('signs in with the keyboard alone: Tab to the fields, type, Enter, and lands on the panel greeting', async () => {
    await createUser(suite.server.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
    const page = await open();
    await page.goto(url('/'));
    await tabUntil(page, (f) => f.tag === 'a' && f.text === 'Zaloguj się', 'the "Zaloguj się" link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/logowanie'));

    await tabUntil(page, (f) => f.id === 'email', 'the e-mail field');
    await page.keyboard.type('anna@example.org');
    await page.keyboard.press('Tab');
    expect(await focusOf(page)).toMatchObject({ id: 'password' });
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForURL(url('/panel'));
    expect(await heading(page)).toBe('Dzień dobry, Anna Nowak');
    expect(await page.getByRole('status').innerText()).toContain('Zalogowano');
  });

  it('after a blank submit puts focus on the error summary, whose link leads to the field to fix', async () => {
    const page = await open();
    await page.goto(url('/logowanie'));
    await tabUntil(page, (f) => f.id === 'email', 'the e-mail field');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();

    // Said first in the title, and focused, so a screen reader announces it at once (by the page's
    // script, which may run a moment after the summary is in the document: seen on a loaded CI machine).
    expect(await page.title()).toMatch(/^Błąd: Logowanie do panelu – /);
    await expect.poll(async () => (await focusOf(page)).className).toBe('error-summary');
    const summary = await focusOf(page);
    expect(summary).toMatchObject({ tag: 'div', className: 'error-summary' });
    expect(summary.text).toContain('Popraw błędy w formularzu');
    await page.keyboard.press('Tab');
    expect(await focusOf(page)).toMatchObject({ tag: 'a', text: 'Podaj adres e-mail', href: '#email' });
    await page.keyboard.press('Enter');
    expect(await focusOf(page)).toMatchObject({ tag: 'input', id: 'email' });
  });
});

describe('without JavaScript', () => {
  it('signs in through the plain HTML form and shows the panel greeting', async () => {
    await createUser(suite.server.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Zaloguj się' }).click();
    await page.waitForURL(url('/logowanie'));
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    expect(await page.locator('.error-summary').getByRole('link').allInnerTexts()).toEqual(['Podaj adres e-mail', 'Podaj hasło']);
    await logIn(page, 'anna@example.org');
    expect(await heading(page)).toBe('Dzień dobry, Anna Nowak');
  });
});

describe('small screens', () => {
  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const page = await open({ viewport: { width: 320, height: 640 } });
    const overflow = async () =>
      page.evaluate<{ scrollWidth: number; clientWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      );
    for (const path of ['/', '/logowanie', '/nie-ma-takiej-strony', '/konsultacje']) {
      await page.goto(url(path));
      const { scrollWidth, clientWidth } = await overflow();
      expect(clientWidth, path).toBe(320);
      expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    }
  });
});

describe('privacy and self-reliance', () => {
  it('loads everything from the city server itself: no fonts, CDNs or analytics from elsewhere', async () => {
    await createUser(suite.server.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
    // Opened directly (not through the suite) to read the recorded requests; checked and closed here.
    const p = await openPage(suite.browser);
    await p.page.goto(url('/'));
    await p.page.goto(url('/nie-ma-takiej-strony'));
    await logIn(p.page, 'anna@example.org');
    // The recording works: the page's own stylesheet and logo are in it.
    expect(p.requests).toContain(url('/public/css/main.css'));
    expect(p.requests).toContain(url('/public/img/logo.svg'));
    expect(externalRequests(p.requests), 'requests that left localhost').toEqual([]);
    expect(p.cspViolations, 'Content Security Policy violations').toEqual([]);
    await p.context.close();
  });
});
