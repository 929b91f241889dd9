// The published report's PDF made in the background (pg-boss): publishing asks for it, the page links it
// once made and says "PDF w przygotowaniu" until then (no JavaScript), the download serves the stored file,
// a change after publication (the staff-written parts, an answer) makes a new one and removes the old.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { html, loginAs, submitForm } from '../helpers/http.js';
import { clearJobs, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';
import { pdfText } from '../helpers/pdf.js';
import { createRemark, createReportDataSet } from '../helpers/remark-factories.js';

const ctx = useTestApp({}, { jobOptions: TEST_JOB_OPTIONS });
beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-12-10T10:00:00Z');
  await clearJobs(ctx.deps.pool);
});
afterAll(async () => {
  await waitForIdleQueue(ctx.deps.pool);
});
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
const storedPdfs = () => listUploads(ctx.uploadsDir).filter((f) => f.startsWith('files/') && f.endsWith('.pdf'));

async function setUp() {
  const { db } = ctx.deps;
  const department = await createDepartment(db);
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id, startsAt: new Date('2026-11-14T10:00:00Z') });
  await createReportDataSet(db, c.id);
  const staff = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  return { c, department, agent: await loginAs(ctx.app, staff.email) };
}

async function writeReport(agent: Awaited<ReturnType<typeof setUp>>['agent'], id: number, conclusions: string) {
  const url = `/panel/konsultacje/${id}/raport`;
  expect((await submitForm(agent, url, url, { informed: 'Plakaty.', conclusions, decision: 'Uchwała zostanie zmieniona.' })).status).toBe(303);
}

describe('the report PDF made in the background', () => {
  it('is made after publication, linked from the page, served from storage, and made again after a change', async () => {
    const { c, agent } = await setUp();
    await writeReport(agent, c.id, 'Pierwsze wnioski.');
    expect(await ctx.deps.db.reportPdf.count()).toBe(0);
    const url = `/panel/konsultacje/${c.id}/raport`;
    expect((await submitForm(agent, url, `${url}/publikacja`, {})).status).toBe(303);
    await waitForIdleQueue(ctx.deps.pool);

    const page = html((await request(ctx.app).get('/konsultacje/aleja/raport').expect(200)).text);
    expect(page('section[aria-labelledby="pobierz"] a').first().attr('href')).toBe('/konsultacje/aleja/raport.pdf');
    const first = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toContain('raport-aleja.pdf');
    const [stored] = storedPdfs();
    expect(Buffer.compare(first.body as Buffer, fs.readFileSync(path.join(ctx.uploadsDir, stored!)))).toBe(0);
    expect((await pdfText(first.body as Buffer)).text).toContain('Pierwsze wnioski.');

    // A change after publication: a new PDF replaces the old file.
    await writeReport(agent, c.id, 'Wnioski poprawione po publikacji.');
    await waitForIdleQueue(ctx.deps.pool);
    const second = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200);
    const text = (await pdfText(second.body as Buffer)).text;
    expect(text).toContain('Wnioski poprawione po publikacji.');
    expect(text).not.toContain('Pierwsze wnioski.');
    expect(storedPdfs()).toHaveLength(1);
    expect(storedPdfs()[0]).not.toBe(stored);
  });

  it('says "PDF w przygotowaniu" on the page and at the download while the newest change has no PDF, and asks again for a lost one', async () => {
    const { c, agent } = await setUp();
    await writeReport(agent, c.id, 'Wnioski.');
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date('2026-12-09T10:00:00Z') } });
    // A request long unanswered (its job lost): stale, so the download asks again.
    await ctx.deps.db.reportPdf.create({ data: { consultationId: c.id, requestedAt: new Date(Date.now() - 3600_000) } });
    const page = html((await request(ctx.app).get('/konsultacje/aleja/raport').expect(200)).text);
    expect(page('section[aria-labelledby="pobierz"] li').first().text()).toContain('PDF w przygotowaniu');
    expect(page('section[aria-labelledby="pobierz"] a[href$=".pdf"]')).toHaveLength(0);
    await waitForIdleQueue(ctx.deps.pool);
    await request(ctx.app).get('/konsultacje/aleja/raport.pdf').expect(200);

    // An answer changed after publication asks for a new one.
    const remark = await createRemark(ctx.deps.db, c.id, { position: 'ACCEPTED', answer: 'Tak.' });
    await ctx.deps.jobs.stop();
    const answerUrl = `/panel/konsultacje/${c.id}/uwagi/${remark.id}`;
    expect((await submitForm(agent, answerUrl, `${answerUrl}/odpowiedz`, { position: 'REJECTED', answer: 'Jednak nie.' })).status).toBe(303);
    const pending = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').expect(202);
    expect(pending.headers['retry-after']).toBe('30');
    expect(pending.headers['cache-control']).toBe('no-store');
    const $ = html(pending.text);
    expect($('h1').text()).toBe('PDF w przygotowaniu');
    expect($('main a[href="/konsultacje/aleja/raport"]').text()).toBe('Wróć do raportu');
    await startJobs(ctx.deps);
    await waitForIdleQueue(ctx.deps.pool);
    expect((await pdfText((await request(ctx.app).get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200)).body as Buffer)).text).toContain('Jednak nie.');
  });

  it('gives a staff preview on request before publication, and nothing to anyone else', async () => {
    const { c, agent, department } = await setUp();
    await writeReport(agent, c.id, 'Wnioski.');
    const preview = await agent.get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(await ctx.deps.db.reportPdf.count()).toBe(0);
    const other = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF' })).email);
    const councillor = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'COUNCILLOR' })).email);
    for (const viewer of [request(ctx.app), other, councillor]) await viewer.get('/konsultacje/aleja/raport.pdf').expect(404);
    expect(department.id).toBe(c.departmentId);
  });
});
