// Staff administration and one's account in a real browser: axe (WCAG 2.1 AA) on each page, reached
// from the panel, the invitation form's errors, the forgotten-password pages without JavaScript.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totp } from '../../src/features/auth/totp.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { expectNoAxeViolations, focusOf } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';

const suite = useBrowserSuite();
const { open, url } = suite;
const heading = (page: Page) => page.locator('main h1').innerText();

const signIn = (page: Page, email: string) => suite.signIn(page, email);

describe('staff administration in the browser', () => {
  it('reaches the accounts from the panel, invites a person after fixing the errors, and every page passes axe', async () => {
    const { db } = suite.server.deps;
    await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    await createUser(db, { email: 'admin@example.org', role: 'ADMIN', name: 'Anna Nowak' });
    await createUser(db, { email: 'mod@example.org', role: 'MODERATOR', name: 'Jan Lewandowski' });
    const page = await open();
    await signIn(page, 'admin@example.org');
    await page.getByRole('link', { name: 'Konta pracowników' }).click();
    expect(await heading(page)).toBe('Konta pracowników');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Zaproś osobę' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Adres e-mail').fill('piotr@example.org');
    await page.getByLabel('Rola').selectOption('DEPARTMENT_STAFF');
    await page.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
    const summary = page.locator('.error-summary');
    expect(await summary.locator('a').allInnerTexts()).toEqual(['Podaj imię i nazwisko', 'Wybierz wydział']);
    expect((await focusOf(page)).className).toContain('error-summary');
    await expectNoAxeViolations(page);
    await page.getByLabel('Imię i nazwisko').fill('Piotr Kowalski');
    await page.getByLabel('Wydział').selectOption({ label: 'Miejski Zarząd Dróg i Transportu (MZDiT)' });
    await page.getByRole('button', { name: 'Wyślij zaproszenie' }).click();
    expect(await heading(page)).toBe('Piotr Kowalski');
    expect(await page.locator('main .notice[role="status"]').first().innerText()).toContain('Wysłano zaproszenie');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/staff-user.png', fullPage: true });
  });

  it('shows the audit log with its filters, passing axe', async () => {
    await createUser(suite.server.deps.db, { email: 'admin@example.org', role: 'ADMIN', name: 'Anna Nowak' });
    const page = await open();
    await signIn(page, 'admin@example.org');
    await page.getByRole('link', { name: 'Dziennik zdarzeń' }).click();
    expect(await heading(page)).toBe('Dziennik zdarzeń');
    expect(await page.locator('.audit-table tbody code').first().innerText()).toBe('auth.login');
    await expectNoAxeViolations(page);
    await page.getByLabel('Zdarzenie').selectOption('auth.login');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    expect(page.url()).toContain('akcja=auth.login');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/audit-log.png', fullPage: true });
  });

  it('shows the account, password and sessions pages to any staff member, all passing axe', async () => {
    await createUser(suite.server.deps.db, { email: 'mod@example.org', role: 'MODERATOR', name: 'Jan Lewandowski' });
    const page = await open();
    await signIn(page, 'mod@example.org');
    await page.getByRole('link', { name: 'Twoje konto' }).click();
    expect(await heading(page)).toBe('Twoje konto');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Twoje sesje' }).click();
    expect(await page.locator('.sessions-table tbody tr').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/sessions.png', fullPage: true });
    await page.goto(url('/panel/konto/haslo'));
    await page.getByRole('button', { name: 'Zmień hasło' }).click();
    expect(await page.locator('.error-summary a').allInnerTexts()).toEqual(['Podaj obecne hasło', 'Podaj hasło']);
    await expectNoAxeViolations(page);
  });

  it('turns two-step sign-in on with a QR code drawn on the portal, passing axe', async () => {
    await createUser(suite.server.deps.db, { email: 'mod@example.org', role: 'MODERATOR', name: 'Jan Lewandowski' });
    const page = await open();
    await signIn(page, 'mod@example.org');
    await page.goto(url('/panel/konto'));
    await page.getByRole('link', { name: 'Logowanie dwuetapowe' }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Włącz logowanie dwuetapowe' }).click();
    expect(await page.locator('.totp-qr svg').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/two-factor.png', fullPage: true });
    const secret = (await page.locator('.totp-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Kod', { exact: true }).fill(totp(secret, new Date()));
    await page.getByRole('button', { name: 'Potwierdź i włącz' }).click();
    expect(await heading(page)).toBe('Kody zapasowe');
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await expectNoAxeViolations(page);
  });

  it('asks for a reset link and answers neutrally, passing axe', async () => {
    const page = await open();
    await page.goto(url('/logowanie'));
    await page.getByRole('link', { name: 'Nie pamiętam hasła' }).click();
    expect(await heading(page)).toBe('Nie pamiętam hasła');
    await expectNoAxeViolations(page);
    await page.getByLabel('Adres e-mail').fill('nikt@example.org');
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    expect(await heading(page)).toBe('Sprawdź pocztę');
    await expectNoAxeViolations(page);
  });

  it('works without JavaScript', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/nie-pamietam-hasla'));
    await page.getByLabel('Adres e-mail').fill('nikt@example.org');
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    expect(await heading(page)).toBe('Sprawdź pocztę');
  });
});
