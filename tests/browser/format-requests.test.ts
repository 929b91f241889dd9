// "Poproś o dokument w innym formacie" in a real browser: from a consultation's document to the form,
// an error, the sent page, by keyboard and without JavaScript; axe on the form, its errors and the sent page.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';

const suite = useBrowserSuite();

async function consultationWithDocument() {
  const db = suite.server.deps.db;
  const department = await createDepartment(db);
  await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  // The server runs on the real clock: published a week ago, open for three more weeks.
  const startsAt = new Date(Date.now() - 7 * 86_400_000);
  const c = await createConsultation(db, { departmentId: department.id, slug: 'rewitalizacja', title: 'Rewitalizacja Starego Rynku', startsAt, endsAt: new Date(Date.now() + 21 * 86_400_000), publishedAt: startsAt });
  await db.attachment.create({ data: { kind: 'DOCUMENT', consultationId: c.id, originalName: 'koncepcja.pdf', storedName: `koncepcja-${Date.now()}.pdf`, mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 2_400_000, title: 'Koncepcja zagospodarowania' } });
}

describe('asking for a document in another format', () => {
  it('works by keyboard without JavaScript: the link by the document, an error at the field, then the confirmation', async () => {
    await consultationWithDocument();
    const page = await suite.open({ javaScriptEnabled: false });
    await page.goto(suite.url('/konsultacje/rewitalizacja'));
    await tabUntil(page, (f) => f.text === 'Poproś o dokument w innym formacie: Koncepcja zagospodarowania', 'the request link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dokumenty\/\d+\/inny-format$/);
    expect(await page.locator('h1').innerText()).toBe('Poproś o dokument w innym formacie');

    await page.getByLabel('Tekst łatwy do czytania i zrozumienia (ETR)').check();
    await page.getByLabel('Pocztą').check();
    await page.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Błąd: /);
    expect(await page.locator('.error-summary').innerText()).toContain('Podaj adres pocztowy');

    await page.getByLabel('Adres pocztowy (gdy wybierasz pocztę)').fill('Anna Nowak\nul. Jasnogórska 1\n42-200 Częstochowa');
    await page.getByLabel('Zapoznałam/zapoznałem się z informacją o przetwarzaniu danych osobowych.').check();
    await page.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await page.waitForURL(/\/inny-format\/wyslano$/);
    expect(await page.locator('h1').innerText()).toBe('Prośba wysłana');
    expect(await suite.server.deps.db.formatRequest.count({ where: { format: 'EASY_TO_READ' } })).toBe(1);
  });

  it('passes axe on the form, its errors and the confirmation, and fits a 320 px screen with larger text', async () => {
    await consultationWithDocument();
    const page = await suite.open({ viewport: { width: 320, height: 640 } });
    const { hostname } = new URL(suite.url('/'));
    await page.context().addCookies([{ name: 'rozmiar-tekstu', value: 'duzy', domain: hostname, path: '/' }]);
    await page.goto(suite.url('/konsultacje/rewitalizacja'));
    await page.getByRole('link', { name: /^Poproś o dokument w innym formacie/ }).click();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await expect.poll(() => page.locator('.error-summary').innerText()).toContain('Wybierz formę dokumentu');
    await expectNoAxeViolations(page);
    await page.getByLabel('Duży druk').check();
    await page.getByLabel('Adres e-mail (gdy wybierasz e-mail)').fill('anna@example.org');
    await page.getByLabel('Zapoznałam/zapoznałem się z informacją o przetwarzaniu danych osobowych.').check();
    await page.getByRole('button', { name: 'Wyślij prośbę' }).click();
    await page.waitForURL(/\/inny-format\/wyslano\?email=1$/);
    await expectNoAxeViolations(page);
  });
});
