// The report's downloads: a tagged PDF with Polish letters, and the table of remarks as CSV and XLSX;
// none of them names a private person or shows an e-mail address.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { html, loginAs } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { makeReportPdf } from '../../src/features/remarks/report-pdf.service.js';
import { createRemark, createReportDataSet, PRIVATE_DATA } from '../helpers/remark-factories.js';

const ctx = useTestApp();
beforeEach(() => ctx.clock.set('2026-12-10T10:00:00Z'));

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

async function publishedReport() {
  const { db } = ctx.deps;
  const department = await createDepartment(db);
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja – żółć', departmentId: department.id, startsAt: new Date('2026-11-14T10:00:00Z') });
  await createReportDataSet(db, c.id);
  // A remark typed as a spreadsheet formula stays text.
  await createRemark(db, c.id, { receivedAt: new Date('2026-11-30T10:00:00Z'), content: '=HYPERLINK("http://zlo.example")', authorName: 'Zofia Prywatna', position: 'REJECTED', answer: 'Nie.' });
  await db.consultationReport.create({ data: { consultationId: c.id, decisionMd: 'Zmieniamy § 1.', decisionHtml: '<p>Zmieniamy § 1.</p>', conclusionsMd: '', conclusionsHtml: '' } });
  await db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date('2026-12-09T10:00:00Z') } });
  return c;
}

describe('the report as PDF', () => {
  it('is a tagged PDF in Polish whose text reads the report, naming institutions and no private person', async () => {
    const c = await publishedReport();
    // Made in the background (tests/http/report-pdf.test.ts runs the queue): until then a page says so.
    const pending = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').expect(202);
    expect(html(pending.text)('h1').text()).toBe('PDF w przygotowaniu');
    expect(await makeReportPdf({ db: ctx.deps.db, storage: ctx.deps.storage, now: ctx.clock.now(), site: { name: 'Konsultacje', cityHall: 'Urząd Miasta Częstochowy' } }, c.id)).toBe('made');
    const res = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('raport-aleja.pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const raw = body.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain('/Lang (pl-PL)');
    expect(raw).toMatch(/\/S \/H1/);
    const { text, pages } = await pdfText(body);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const expected of ['Raport z konsultacji: III Aleja – żółć', 'Udział mieszkańców', 'Zestawienie uwag', 'Rada Dzielnicy Raków', 'osoba prywatna', 'Dodamy warsztaty.', 'Co postanowiło miasto', 'Zmieniamy § 1.', '6 uwag ogółem']) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    for (const secret of PRIVATE_DATA) expect(text).not.toContain(secret);
  });
});

describe('the table of remarks as CSV and XLSX', () => {
  it('streams a CSV with a header row, one row per remark, formulas neutralised, no private person', async () => {
    await publishedReport();
    const res = await request(ctx.app).get('/konsultacje/aleja/zestawienie-uwag.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('zestawienie-uwag-aleja.csv');
    const lines = res.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('Lp.,Numer,Zgłaszający,Wpływ,Część dokumentu,Treść uwagi,Proponowane brzmienie,Uzasadnienie uwagi,Stanowisko,Uzasadnienie stanowiska');
    expect(lines).toHaveLength(7);
    expect(lines[3]).toContain('Rada Dzielnicy Raków,e-mail,§ 3,Konsultować w każdej dzielnicy.');
    expect(res.text).toContain(`"'=HYPERLINK(""http://zlo.example"")"`);
    for (const secret of PRIVATE_DATA) expect(res.text).not.toContain(secret);
  });

  it('streams an XLSX workbook with the same rows', async () => {
    await publishedReport();
    const res = await request(ctx.app).get('/konsultacje/aleja/zestawienie-uwag.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Zestawienie uwag')!;
    expect(sheet.rowCount).toBe(7);
    const row = sheet.getRow(4).values as unknown[];
    expect(row.slice(1, 7)).toEqual([3, expect.stringMatching(/^T\//), 'Rada Dzielnicy Raków', 'e-mail', '§ 3', 'Konsultować w każdej dzielnicy.']);
    expect(row[9]).toBe('częściowo uwzględniona');
    const cells = (sheet.getSheetValues() as unknown[][]).flat().map(String).join(' ');
    for (const secret of PRIVATE_DATA) expect(cells).not.toContain(secret);
  });

  it('are 404 before the report is published, except for the department, and linked from the report page', async () => {
    const { db } = ctx.deps;
    const department = await createDepartment(db);
    const c = await createConsultation(db, { slug: 'aleja', departmentId: department.id });
    for (const path of ['/konsultacje/aleja/raport.pdf', '/konsultacje/aleja/zestawienie-uwag.csv', '/konsultacje/aleja/zestawienie-uwag.xlsx']) await request(ctx.app).get(path).expect(404);
    const staff = await loginAs(ctx.app, (await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id })).email);
    await staff.get('/konsultacje/aleja/zestawienie-uwag.csv').expect(200);
    await db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date('2026-12-09T10:00:00Z') } });
    const $ = html((await request(ctx.app).get('/konsultacje/aleja/raport').expect(200)).text);
    // The PDF is being made in the background: named without a link until it is ready.
    expect($('section[aria-labelledby="pobierz"] a').map((_, a) => $(a).attr('href')).get()).toEqual(['/konsultacje/aleja/zestawienie-uwag.csv', '/konsultacje/aleja/zestawienie-uwag.xlsx']);
    expect($('section[aria-labelledby="pobierz"] li').first().text()).toContain('PDF w przygotowaniu');
  });
});
