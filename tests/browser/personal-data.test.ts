// "Twoje dane" in a real browser: without JavaScript and by keyboard from the footer to the form, an error
// at the field, the sent page; then the e-mailed link's button, the data page and erasure; axe on each page.
import { describe, expect, it } from 'vitest';
import { mintLinkToken } from '../../src/features/personal-data/personal-data.service.js';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { createRemark } from '../helpers/remark-factories.js';

const suite = useBrowserSuite();
const EMAIL = 'ewa.mieszkanka@example.org';

describe('Twoje dane', () => {
  it('asks for the link by keyboard without JavaScript, with the error at the field', async () => {
    const page = await suite.open({ javaScriptEnabled: false });
    await page.goto(suite.url('/'));
    await tabUntil(page, (f) => f.href === '/twoje-dane', 'the footer link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/twoje-dane$/);
    expect(await page.locator('h1').innerText()).toBe('Twoje dane osobowe');
    await page.getByLabel('Adres e-mail').fill('nie-adres');
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Błąd: /);
    expect(await page.locator('#email-error').innerText()).toContain('Podaj adres e-mail w poprawnym');
    await page.getByLabel('Adres e-mail').fill(EMAIL);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/twoje-dane\/wyslano$/);
    expect(await page.locator('h1').innerText()).toBe('Sprawdź skrzynkę e-mail');
    // axe runs as a script: the same pages again with JavaScript on.
    const checked = await suite.open();
    await checked.goto(suite.url('/twoje-dane'));
    await expectNoAxeViolations(checked);
    await checked.getByRole('button', { name: 'Wyślij link' }).click();
    await checked.waitForLoadState('load');
    expect(await checked.locator('#email-error').innerText()).toContain('Podaj adres e-mail');
    await expectNoAxeViolations(checked);
    await checked.goto(suite.url('/twoje-dane/wyslano'));
    await expectNoAxeViolations(checked);
  }, 180_000);

  it('opens the data with the link’s button, lists them and erases them', async () => {
    const db = suite.server.deps.db;
    const department = await createDepartment(db);
    const c = await createConsultation(db, { departmentId: department.id, title: 'Park na Lisińcu', reportPublishedAt: new Date() });
    await createComment(db, c.id, { email: EMAIL, authorName: 'Ewa M.', body: 'Więcej drzew.' });
    await createRemark(db, c.id, { email: EMAIL, authorName: 'Ewa Mieszkanka', content: 'Ścieżka rowerowa.', position: 'ACCEPTED', answer: 'Tak.' });
    const row = await db.personalDataToken.create({ data: { email: EMAIL } });
    const minted = await mintLinkToken(db, row.id, new Date());

    const page = await suite.open();
    await page.goto(suite.url(`/twoje-dane/dostep?t=${minted!.token}`));
    expect(await page.locator('h1').innerText()).toBe('Pokaż moje dane');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Pokaż moje dane' }).click();
    await page.waitForURL(/\/twoje-dane\/dane$/);
    expect(await page.locator('h1').innerText()).toBe(`Dane dla adresu ${EMAIL}`);
    expect(await page.locator('main').innerText()).toContain('Więcej drzew.');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/tmp/personal-data.png', fullPage: true });

    await page.getByRole('button', { name: 'Usuń moje dane' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary').innerText()).toContain('Potwierdź, że chcesz usunąć dane');
    await expectNoAxeViolations(page);
    await page.getByLabel('Rozumiem, że tego nie da się cofnąć.').check();
    await page.getByRole('button', { name: 'Usuń moje dane' }).click();
    await page.waitForURL(/\/twoje-dane\/usunieto$/);
    expect(await page.locator('h1').innerText()).toBe('Dane usunięte');
    await expectNoAxeViolations(page);
    expect(await db.comment.count({ where: { email: EMAIL } })).toBe(0);
  }, 180_000);
});
