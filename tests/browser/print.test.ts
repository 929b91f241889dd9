// Printing a consultation page: the print stylesheet hides the site's chrome, prints each link's address
// after it and says which page (at the configured BASE_URL) it came from; Chromium's PDF of the page is checked for the same.
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';

const suite = useBrowserSuite();

describe('printing a consultation page', () => {
  it('leaves out navigation, footer and forms, and prints link addresses and the page address', async () => {
    const db = suite.server.deps.db;
    const department = await createDepartment(db);
    const startsAt = new Date(Date.now() - 7 * 86_400_000);
    const c = await createConsultation(db, { departmentId: department.id, slug: 'park-lisiniec', title: 'Park na Lisińcu', startsAt, endsAt: new Date(Date.now() + 21 * 86_400_000), publishedAt: startsAt });
    await db.attachment.create({ data: { kind: 'DOCUMENT', consultationId: c.id, originalName: 'koncepcja.pdf', storedName: `koncepcja-${Date.now()}.pdf`, mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 1_000_000, title: 'Koncepcja parku' } });
    const page = await suite.open();
    await page.goto(suite.url('/konsultacje/park-lisiniec'));
    // Evaluated as strings: the project's TypeScript has no DOM library.
    const style = (selector: string, property: string, pseudo = '') => page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)}), ${JSON.stringify(pseudo || null)})[${JSON.stringify(property)}]`);
    const display = (selector: string) => style(selector, 'display');
    expect(await display('.main-nav')).not.toBe('none');
    expect(await display('.print-source')).toBe('none');

    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.main-nav', '.site-footer', '.breadcrumbs', '.site-header__tools', '.skip-link', '.document__request']) {
      expect(await display(chrome), chrome).toBe('none');
    }
    expect(await display('main h1')).toBe('block');
    expect(await page.locator('.print-source').innerText()).toBe(`Wydrukowano ze strony: ${new URL('/konsultacje/park-lisiniec', suite.server.deps.config.baseUrl).toString()}`);
    const after = await style('a.document__link', 'content', '::after');
    expect(after).toContain(`/pliki/`);
    expect(after).toContain('koncepcja.pdf');
    const headingBreak = await style('main h2', 'breakAfter');
    expect(headingBreak).toBe('avoid');

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: 'test-results/print-consultation.png', fullPage: true });
  });
});
