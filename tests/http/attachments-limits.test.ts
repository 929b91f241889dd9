// The upload size limit, set low for this file: a file over UPLOAD_MAX_MB is refused at the field with
// 413 and a Polish message, and nothing of it stays on disk; one exactly at the limit is accepted.
import { describe, expect, it } from 'vitest';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { pdf } from '../helpers/files.js';
import { fieldError, html, loginAs } from '../helpers/http.js';
import { uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp({ UPLOAD_MAX_MB: '1' });
const LIMIT = 1024 * 1024;

const pdfOfSize = (bytes: number) => Buffer.concat([pdf(), Buffer.alloc(bytes - pdf().length, 0x20)]);

async function setUp() {
  const consultation = await createConsultation(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  return { agent: await loginAs(ctx.app, user.email), consultation };
}

describe('UPLOAD_MAX_MB', () => {
  it('says the limit in the form hint', async () => {
    const { agent, consultation } = await setUp();
    const $ = html((await agent.get(`/panel/konsultacje/${consultation.id}/dokumenty`).expect(200)).text);
    expect($('#files-hint').text()).toContain('Największy rozmiar pliku: 1 MB');
  });

  it('refuses a document one byte over the limit with 413 and "za duży" naming the file, leaving nothing behind', async () => {
    const { agent, consultation } = await setUp();
    const page = `/panel/konsultacje/${consultation.id}/dokumenty`;
    const res = await uploadFiles(agent, page, `${page}/pliki`, [
      { name: 'mały.pdf', content: pdf() },
      { name: 'Studium – część graficzna.pdf', content: pdfOfSize(LIMIT + 1) },
    ]);
    expect(res.status).toBe(413);
    expect(fieldError(res.text, 'files')).toBe('Błąd: Plik „Studium – część graficzna.pdf” jest za duży. Największy dopuszczalny rozmiar pliku to 1 MB');
    expect(html(res.text)('.error-summary a[href="#files"]').text()).toContain('jest za duży');
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('refuses an oversized photo the same way and keeps its alternative text in the form', async () => {
    const { agent, consultation } = await setUp();
    const page = `/panel/konsultacje/${consultation.id}/galeria`;
    const res = await uploadFiles(agent, page, `${page}/pliki`, [{ field: 'file', name: 'panorama.jpg', content: Buffer.alloc(LIMIT + 10, 0xff) }], { altText: 'Panorama Jasnej Góry' });
    expect(res.status).toBe(413);
    expect(fieldError(res.text, 'file')).toContain('Plik „panorama.jpg” jest za duży');
    expect(html(res.text)('#altText').text()).toBe('Panorama Jasnej Góry');
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const { agent, consultation } = await setUp();
    const page = `/panel/konsultacje/${consultation.id}/dokumenty`;
    const res = await uploadFiles(agent, page, `${page}/pliki`, [{ name: 'w-sam-raz.pdf', content: pdfOfSize(LIMIT) }]);
    expect(res.status).toBe(303);
    expect((await ctx.deps.db.attachment.findFirstOrThrow()).sizeBytes).toBe(LIMIT);
  });
});
