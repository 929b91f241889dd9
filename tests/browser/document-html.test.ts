// The HTML version of a DOCX/ODT in a real browser: reached by keyboard from the document's link on the
// consultation page without JavaScript, headings in order, axe clean, fits a 320 px screen.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/features/attachments/storage.js';
import { makeDocumentHtml } from '../../src/features/documents/document-html.service.js';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { odt, odtListStyle } from '../helpers/files.js';

const suite = useBrowserSuite();

async function consultationWithOdt() {
  const { db, storage } = suite.server.deps;
  const department = await createDepartment(db);
  const startsAt = new Date(Date.now() - 7 * 86_400_000);
  const c = await createConsultation(db, { departmentId: department.id, slug: 'zasady', title: 'Zasady konsultacji', startsAt, endsAt: new Date(Date.now() + 21 * 86_400_000), publishedAt: startsAt });
  const content = odt(
    [
      '<text:h text:outline-level="1">Rozdział 1. Przepisy ogólne</text:h>',
      '<text:list text:style-name="P"><text:list-item><text:p>Uchwała określa zasady i tryb konsultacji społecznych z mieszkańcami Częstochowy.</text:p></text:list-item><text:list-item><text:p>Konsultacje trwają co najmniej 21 dni.</text:p></text:list-item></text:list>',
      '<text:h text:outline-level="2">Formy konsultacji</text:h>',
      '<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Forma</text:p></table:table-cell><table:table-cell><text:p>Termin</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell><text:p>Ankieta</text:p></table:table-cell><table:table-cell><text:p>21 dni</text:p></table:table-cell></table:table-row></table:table>',
    ].join(''),
    odtListStyle('P', { prefix: '§ ', suffix: '.' }),
  );
  const storedName = FileStorage.newStoredName('odt');
  const tmp = storage.tmpPath();
  fs.writeFileSync(tmp, content);
  await storage.put(tmp, storedName);
  const a = await db.attachment.create({ data: { kind: 'DOCUMENT', consultationId: c.id, originalName: 'Projekt uchwały.odt', storedName, mimeType: 'application/vnd.oasis.opendocument.text', extension: 'odt', sizeBytes: content.length, title: 'Projekt uchwały' } });
  expect(await makeDocumentHtml({ db, storage, now: new Date() }, a.id)).toBe('made');
  return a;
}

describe('the HTML version of a document', () => {
  it('is reached by keyboard without JavaScript and reads as a page with its headings, list numbers and table', async () => {
    await consultationWithOdt();
    const page = await suite.open({ javaScriptEnabled: false });
    await page.goto(suite.url('/konsultacje/zasady'));
    await tabUntil(page, (f) => f.text === 'Wersja HTML: Projekt uchwały', 'the HTML version link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dokumenty\/\d+\/wersja-html$/);
    expect(await page.locator('h1').innerText()).toBe('Projekt uchwały – wersja HTML');
    expect(await page.locator('main h2, main h3').allInnerTexts()).toEqual(['Rozdział 1. Przepisy ogólne', 'Formy konsultacji']);
    expect(await page.locator('.document-html li').first().innerText()).toBe('§ 1. Uchwała określa zasady i tryb konsultacji społecznych z mieszkańcami Częstochowy.');
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Forma', 'Termin']);
    await page.screenshot({ path: 'test-results/document-html.png', fullPage: true });
  });

  it('passes axe and fits a 320 px screen', async () => {
    const a = await consultationWithOdt();
    const page = await suite.open({ viewport: { width: 320, height: 640 } });
    await page.goto(suite.url(`/dokumenty/${a.id}/wersja-html`));
    await expect.poll(() => page.locator('h1').innerText()).toBe('Projekt uchwały – wersja HTML');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
});
