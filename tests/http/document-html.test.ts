// The HTML version of uploaded DOCX and ODT documents (issue 12): made by the background job after
// upload and replacement (and by the schedule for any missed), linked next to the download, escaped,
// headings kept; a note while it is being made or when the file cannot be read; 404 where the file is not public.
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it, afterAll } from 'vitest';
import { DOCUMENT_JOBS } from '../../src/features/documents/document-html.service.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { html, loginAs } from '../helpers/http.js';
import { clearJobs, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';
import { odt, odtListStyle, pdf } from '../helpers/files.js';
import { docx } from '../helpers/remark-factories.js';
import { uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp({}, { jobOptions: TEST_JOB_OPTIONS });
beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-24T10:00:00Z');
  await clearJobs(ctx.deps.pool);
});
afterAll(async () => {
  await waitForIdleQueue(ctx.deps.pool);
});
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const RESOLUTION = odt(
  [
    '<text:h text:outline-level="1">Rozdział 1. Przepisy ogólne</text:h>',
    '<text:p>Tekst z &lt;script&gt;alert(1)&lt;/script&gt; i &lt;img src=x onerror=alert(2)&gt;.</text:p>',
    '<text:list text:style-name="P"><text:list-item><text:p>Uchwała określa zasady konsultacji.</text:p></text:list-item><text:list-item><text:p>Konsultacje trwają 21 dni.</text:p></text:list-item></text:list>',
  ].join(''),
  odtListStyle('P', { prefix: '§ ', suffix: '.' }),
);

async function setUp(consultation: { publishedAt?: Date | null } = {}) {
  const department = await createDepartment(ctx.deps.db);
  const c = await createConsultation(ctx.deps.db, { slug: 'zasady', title: 'Zasady konsultacji', departmentId: department.id, ...consultation });
  const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  return { c, agent: await loginAs(ctx.app, staff.email) };
}

async function uploadDocuments(agent: Awaited<ReturnType<typeof setUp>>['agent'], id: number, files: { name: string; content: Buffer }[]) {
  const res = await uploadFiles(agent, `/panel/konsultacje/${id}/dokumenty`, `/panel/konsultacje/${id}/dokumenty/pliki`, files);
  expect(res.status).toBe(303);
  const rows = await ctx.deps.db.attachment.findMany({ where: { consultationId: id }, orderBy: { id: 'asc' }, select: { id: true, originalName: true } });
  return new Map(rows.map((r) => [r.originalName, r.id]));
}

describe('the HTML version of a document', () => {
  it('is made after upload, linked next to DOCX and ODT downloads only, and shows the text escaped with its headings and numbers', async () => {
    const { c, agent } = await setUp();
    const ids = await uploadDocuments(agent, c.id, [
      { name: 'Projekt uchwały.odt', content: RESOLUTION },
      { name: 'Uzasadnienie.docx', content: docx(['Uzasadnienie', 'Konsultacje <b>trwały</b> 21 dni.']) },
      { name: 'Mapa.pdf', content: pdf() },
    ]);
    await waitForIdleQueue(ctx.deps.pool);

    const page = html((await request(ctx.app).get('/konsultacje/zasady').expect(200)).text);
    const htmlLinks = page('.document__html a').map((_, a) => `${squash(page(a).text())} ${page(a).attr('href')}`).get();
    expect(htmlLinks).toEqual([`Wersja HTML: Projekt uchwały /dokumenty/${ids.get('Projekt uchwały.odt')}/wersja-html`, `Wersja HTML: Uzasadnienie /dokumenty/${ids.get('Uzasadnienie.docx')}/wersja-html`]);

    const res = await request(ctx.app).get(`/dokumenty/${ids.get('Projekt uchwały.odt')}/wersja-html`).expect(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Projekt uchwały – wersja HTML');
    expect($('title').text()).toContain('Projekt uchwały – wersja HTML');
    const content = $('.document-html');
    expect(content.find('h2').text()).toBe('Rozdział 1. Przepisy ogólne');
    expect(squash(content.find('p').first().text())).toBe('Tekst z <script>alert(1)</script> i <img src=x onerror=alert(2)>.');
    expect(content.find('script, img, [onerror]')).toHaveLength(0);
    expect(content.find('li').map((_, li) => squash($(li).text())).get()).toEqual(['§ 1. Uchwała określa zasady konsultacji.', '§ 2. Konsultacje trwają 21 dni.']);
    expect(squash($('main a').first().text())).toMatch(/^Pobierz oryginał \(ODT, [\d,]+ (B|kB)\)$/);
    expect($('a[href="/konsultacje/zasady"]').text()).toContain('Wróć do strony z dokumentem');

    const word = html((await request(ctx.app).get(`/dokumenty/${ids.get('Uzasadnienie.docx')}/wersja-html`).expect(200)).text);
    expect(word('.document-html p').map((_, p) => word(p).text()).get()).toEqual(['Uzasadnienie', 'Konsultacje <b>trwały</b> 21 dni.']);
    expect(word('.document-html b')).toHaveLength(0);
    // Made once: nothing is made again for the same file.
    expect(await ctx.deps.db.documentHtml.count()).toBe(2);
  });

  it('says it is being made (not cached) while no version exists for the current file', async () => {
    const { c, agent } = await setUp();
    const ids = await uploadDocuments(agent, c.id, [{ name: 'Projekt.odt', content: RESOLUTION }]);
    const id = ids.get('Projekt.odt')!;
    await waitForIdleQueue(ctx.deps.pool);
    // Replaced: the stored version is for the old file, so the page waits for the new one.
    await ctx.deps.db.attachment.update({ where: { id }, data: { storedName: `${'0'.repeat(32)}.odt` } });
    const pending = await request(ctx.app).get(`/dokumenty/${id}/wersja-html`).expect(200);
    expect(html(pending.text)('.notice--info').text()).toContain('Wersja HTML tego dokumentu jest w przygotowaniu');
    expect(html(pending.text)('.document-html')).toHaveLength(0);
    expect(pending.headers['cache-control']).toBe('no-store');
  });

  it('replacing the file through the panel makes the new text', async () => {
    const { c, agent } = await setUp();
    const ids = await uploadDocuments(agent, c.id, [{ name: 'Projekt.odt', content: RESOLUTION }]);
    const id = ids.get('Projekt.odt')!;
    await waitForIdleQueue(ctx.deps.pool);
    const res = await uploadFiles(agent, `/panel/konsultacje/${c.id}/dokumenty/${id}/edycja`, `/panel/konsultacje/${c.id}/dokumenty/${id}/pliki`, [{ name: 'Projekt v2.odt', content: odt('<text:p>Druga wersja projektu.</text:p>'), field: 'file' }]);
    expect(res.status).toBe(303);
    await waitForIdleQueue(ctx.deps.pool);
    const $ = html((await request(ctx.app).get(`/dokumenty/${id}/wersja-html`).expect(200)).text);
    expect(squash($('.document-html').text())).toBe('Druga wersja projektu.');
  });

  it('says it could not be made for a file that cannot be read, pointing to the download and another format', async () => {
    const { c, agent } = await setUp();
    const broken = odt('<text:p>urwany'); // a well-formed ZIP with broken XML inside
    const ids = await uploadDocuments(agent, c.id, [{ name: 'Uszkodzony.odt', content: broken }]);
    await waitForIdleQueue(ctx.deps.pool);
    const $ = html((await request(ctx.app).get(`/dokumenty/${ids.get('Uszkodzony.odt')}/wersja-html`).expect(200)).text);
    expect($('.notice--info').text()).toContain('Nie udało się przygotować wersji HTML tego dokumentu');
    expect($(`a[href="/dokumenty/${ids.get('Uszkodzony.odt')}/inny-format"]`)).toHaveLength(1);
    expect((await ctx.deps.db.documentHtml.findFirstOrThrow()).problem).toBe('damaged');
  });

  it('is made by the schedule for a document whose job was lost', async () => {
    const { c, agent } = await setUp();
    const ids = await uploadDocuments(agent, c.id, [{ name: 'Projekt.odt', content: RESOLUTION }]);
    await waitForIdleQueue(ctx.deps.pool);
    await ctx.deps.db.documentHtml.deleteMany();
    await ctx.deps.jobs.send({ name: DOCUMENT_JOBS.sweep, data: {} });
    await waitForIdleQueue(ctx.deps.pool);
    const $ = html((await request(ctx.app).get(`/dokumenty/${ids.get('Projekt.odt')}/wersja-html`).expect(200)).text);
    expect($('.document-html h2').text()).toBe('Rozdział 1. Przepisy ogólne');
  });

  it('is 404 for an unpublished consultation (to anyone), a PDF, a photo, a malformed or unknown id', async () => {
    const { c, agent } = await setUp({ publishedAt: null });
    const ids = await uploadDocuments(agent, c.id, [{ name: 'Projekt.odt', content: RESOLUTION }, { name: 'Mapa.pdf', content: pdf() }]);
    await waitForIdleQueue(ctx.deps.pool);
    expect(await ctx.deps.db.documentHtml.count()).toBe(1);
    const admin = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'ADMIN' })).email);
    for (const viewer of [request(ctx.app), agent, admin]) await viewer.get(`/dokumenty/${ids.get('Projekt.odt')}/wersja-html`).expect(404);
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { publishedAt: new Date('2026-11-01T10:00:00Z') } });
    await request(ctx.app).get(`/dokumenty/${ids.get('Projekt.odt')}/wersja-html`).expect(200);
    await request(ctx.app).get(`/dokumenty/${ids.get('Mapa.pdf')}/wersja-html`).expect(404);
    const photo = await ctx.deps.db.attachment.create({ data: { kind: 'IMAGE', consultationId: c.id, originalName: 'a.odt', storedName: `${'1'.repeat(32)}.odt`, mimeType: 'image/jpeg', extension: 'odt', sizeBytes: 1, altText: 'x' } });
    await request(ctx.app).get(`/dokumenty/${photo.id}/wersja-html`).expect(404);
    await request(ctx.app).get('/dokumenty/abc/wersja-html').expect(404);
    await request(ctx.app).get('/dokumenty/999999/wersja-html').expect(404);
  });
});
