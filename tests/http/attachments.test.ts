// Consultation documents and gallery through the panel: uploads of every allowed type, downloads with
// the right headers, refusals with a Polish message at the field, and nothing left behind after one.
import sharp from 'sharp';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { image, pdf, photoWithExif, samplesOfEachType } from '../helpers/files.js';
import { fieldError, html, loginAs } from '../helpers/http.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

async function staffWithConsultation(data: Parameters<typeof createConsultation>[1] = {}) {
  const consultation = await createConsultation(ctx.deps.db, data);
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  const agent = await loginAs(ctx.app, user.email);
  const documents = `/panel/konsultacje/${consultation.id}/dokumenty`;
  const gallery = `/panel/konsultacje/${consultation.id}/galeria`;
  return { consultation, user, agent, documents, gallery };
}

const rows = () => ctx.deps.db.attachment.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] });

/** Nothing in the database and nothing on disk: what every refused upload must leave. */
async function expectNothingStored() {
  expect(await ctx.deps.db.attachment.count()).toBe(0);
  expect(listUploads(ctx.uploadsDir)).toEqual([]);
}

describe('the documents page', () => {
  it('offers a labelled multi-file upload form with formats and the size limit, and a hidden progress bar', async () => {
    const { agent, documents, consultation } = await staffWithConsultation({ title: 'Zasady konsultacji społecznych' });
    const res = await agent.get(documents).expect(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Dokumenty');
    expect($('.attachments-consultation a').attr('href')).toBe(`/panel/konsultacje/${consultation.id}`);
    expect($('.attachments-consultation').text()).toContain('Zasady konsultacji społecznych');
    expect($('.attachments-empty').text()).toBe('Nie dodano jeszcze żadnych dokumentów.');
    const form = $('form[enctype="multipart/form-data"]');
    expect(form.attr('action')).toBe(`${documents}/pliki`);
    expect(form.find('input').first().attr('name')).toBe('_csrf');
    expect($('label[for="files"]').text()).toBe('Wybierz pliki');
    expect($('#files').attr('multiple')).toBeDefined();
    expect($('#files').attr('accept')).toContain('.pdf');
    expect($('#files-hint').text()).toContain('PDF, DOC, DOCX, ODT, RTF, XLS, XLSX, ODS, CSV, PPT, PPTX, ODP, JPG, PNG, WebP');
    expect($('#files-hint').text()).toContain('Największy rozmiar pliku: 25 MB');
    expect($('.upload-progress').attr('hidden')).toBeDefined();
    expect($('label[for="upload-progress"]').text()).toBe('Postęp wysyłania');
    expect($('script[src="/public/js/upload-progress.js"]').attr('defer')).toBeDefined();
    expect($('nav.subnav a[aria-current="page"]').text()).toBe('Dokumenty');
  });
});

describe('uploading documents', () => {
  it('accepts one file of each allowed type and serves each back byte for byte with its type and Polish name', async () => {
    const { agent, documents } = await staffWithConsultation();
    const samples = await samplesOfEachType();
    for (const sample of samples) {
      const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: sample.name, content: sample.content }]);
      expect(res.status, `${sample.name}: ${fieldError(res.text, 'files')}`).toBe(303);
      expect(res.headers.location).toBe(documents);
    }
    const stored = await rows();
    expect(stored.map((r) => r.originalName)).toEqual(samples.map((s) => s.name));
    const $ = html((await agent.get(documents).expect(200)).text);
    expect($('tbody tr td:nth-child(2)').map((_, el) => $(el).text()).get()).toEqual(samples.map((s) => s.format));

    for (const [i, sample] of samples.entries()) {
      const row = stored[i]!;
      const res = await download(request.agent(ctx.app), `/pliki/${row.id}/${encodeURIComponent(sample.name)}`);
      expect(res.status, sample.name).toBe(200);
      expect(Buffer.compare(res.body, sample.content), `${sample.name} is not byte-identical`).toBe(0);
      expect(res.headers['content-type']).toBe(sample.contentType);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${asciiOf(sample.name)}"; filename*=UTF-8''${rfc5987(sample.name)}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe('sandbox');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
    }
  });

  it('accepts several files at once, lists them with format and Polish sizes, and audit-logs each with the user and IP', async () => {
    const { agent, documents, user } = await staffWithConsultation();
    const big = Buffer.concat([pdf(), Buffer.alloc(1_258_291 - pdf().length, 0x20)]);
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [
      { name: 'Harmonogram działań.pdf', content: big },
      { name: 'Wyniki ankiety.csv', content: Buffer.from('a;b\n1;2\n') },
    ]);
    expect(res.status).toBe(303);
    const page = await agent.get(documents).expect(200);
    const $ = html(page.text);
    expect($('.notice').text()).toContain('Dodano pliki: 2.');
    const cells = $('tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => $(td).text().replace(/\s+/g, ' ').trim()).get()]).get() as string[][];
    expect(cells[0]!.slice(0, 3)).toEqual(['Harmonogram działań Plik: Harmonogram działań.pdf', 'PDF', '1,2 MB']);
    expect(cells[1]!.slice(0, 3)).toEqual(['Wyniki ankiety Plik: Wyniki ankiety.csv', 'CSV', '8 B']);
    const audit = await ctx.deps.db.auditLog.findMany({ where: { action: 'attachment.upload' } });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.userId === user.id && a.ip)).toBe(true);
    expect(listUploads(ctx.uploadsDir).filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it('keeps only the base name of a path-like file name, and stores the file under a random name inside the uploads folder', async () => {
    const { agent, documents } = await staffWithConsultation();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: 'x.pdf', rawPath: '../../x.pdf', content: pdf() }]);
    expect(res.status).toBe(303);
    const [row] = await rows();
    expect(row!.originalName).toBe('x.pdf');
    expect(row!.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(listUploads(ctx.uploadsDir)).toEqual([`files/${row!.storedName}`]);
  });

  it('keeps Polish characters in the file name from the browser to the download', async () => {
    const { agent, documents } = await staffWithConsultation();
    const name = 'Załącznik – opis ąęł.pdf';
    expect((await uploadFiles(agent, documents, `${documents}/pliki`, [{ name, content: pdf() }])).status).toBe(303);
    const [row] = await rows();
    expect(row!.originalName).toBe(name);
    const $ = html((await agent.get(documents)).text);
    expect($('.attachments-table__name').attr('href')).toBe(`/pliki/${row!.id}/${encodeURIComponent(name)}`);
    const res = await download(agent, `/pliki/${row!.id}/${encodeURIComponent(name)}`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Zalacznik - opis ael.pdf"; filename*=UTF-8''Za%C5%82%C4%85cznik%20%E2%80%93%20opis%20%C4%85%C4%99%C5%82.pdf`);
  });
});

describe('refused documents', () => {
  const refusals: [string, string, Buffer, string][] = [
    ['a program renamed .pdf', 'program.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), 'Plik „program.pdf” nie jest plikiem PDF: jego zawartość nie zgadza się z rozszerzeniem.'],
    ['a web page renamed .pdf', 'strona.pdf', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'Plik „strona.pdf” nie jest plikiem PDF'],
    ['a web page renamed .csv', 'dane.csv', Buffer.from('<html><body onload="alert(1)">'), 'Plik „dane.csv” nie jest plikiem CSV'],
    ['a PDF renamed .docx', 'umowa.docx', pdf(), 'Plik „umowa.docx” nie jest plikiem DOCX'],
    ['a plain ZIP renamed .xlsx', 'arkusz.xlsx', Buffer.from('PK\u0003\u0004' + 'x'.repeat(100)), 'Plik „arkusz.xlsx” nie jest plikiem XLSX'],
    ['a CSV saved in Windows-1250', 'uwagi.csv', Buffer.from([0x42, 0xb3, 0x65, 0x73, 0x7a, 0x6e, 0x6f, 0x3b, 0x31, 0x0a]), 'Plik „uwagi.csv” musi być zapisany w kodowaniu UTF-8'],
    ['a program by its own extension', 'instalator.exe', Buffer.from('MZ\u0090\u0000'), 'Plik „instalator.exe” ma niedozwolony typ. Dozwolone formaty: PDF, DOC'],
    ['a file without an extension', 'raport', pdf(), 'Plik „raport” ma niedozwolony typ.'],
    ['an empty file', 'pusty.pdf', Buffer.alloc(0), 'Plik „pusty.pdf” jest pusty'],
    ['a disguised file with a path-like name', 'x.pdf', Buffer.from('<script>alert(1)</script>'), 'Plik „x.pdf” nie jest plikiem PDF'],
  ];

  for (const [what, name, content, message] of refusals) {
    it(`refuses ${what} with 422 and "${message.slice(0, 40)}…" at the field, storing nothing`, async () => {
      const { agent, documents } = await staffWithConsultation();
      const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name, content, ...(name === 'x.pdf' ? { rawPath: '../../x.pdf' } : {}) }]);
      expect(res.status).toBe(422);
      expect(fieldError(res.text, 'files')).toContain(message);
      const $ = html(res.text);
      expect($('.error-summary a[href="#files"]').text()).toContain(message.slice(0, 30));
      expect($('title').text()).toMatch(/^Błąd: /);
      await expectNothingStored();
    });
  }

  it('refuses the whole batch when one file of several is wrong, naming it, and stores none of them', async () => {
    const { agent, documents } = await staffWithConsultation();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [
      { name: 'dobry.pdf', content: pdf() },
      { name: 'zły.pdf', content: Buffer.from('MZ') },
      { name: 'pusty.csv', content: Buffer.alloc(0) },
    ]);
    expect(res.status).toBe(422);
    const text = fieldError(res.text, 'files');
    expect(text).toContain('Plik „zły.pdf” nie jest plikiem PDF');
    expect(text).toContain('Plik „pusty.csv” jest pusty');
    expect(text).not.toContain('dobry.pdf');
    await expectNothingStored();
  });

  it('asks for a file when none was chosen', async () => {
    const { agent, documents } = await staffWithConsultation();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, []);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'files')).toContain('Wybierz co najmniej jeden plik');
  });

  it('refuses more than 10 files at once with 413 and a message at the field, storing nothing', async () => {
    const { agent, documents } = await staffWithConsultation();
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `plik-${i}.pdf`, content: pdf() }));
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, files);
    expect(res.status).toBe(413);
    expect(fieldError(res.text, 'files')).toContain('Możesz wysłać najwyżej 10 plików naraz');
    await expectNothingStored();
  });

  it('refuses an upload without a CSRF token with 403 "Sesja wygasła" and deletes what was received', async () => {
    const { agent, documents } = await staffWithConsultation();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: 'a.pdf', content: pdf() }], {}, { token: null });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Sesja wygasła, wróć i spróbuj ponownie.');
    await expectNothingStored();
  });

  it('refuses an upload with a wrong CSRF token the same way', async () => {
    const { agent, documents } = await staffWithConsultation();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: 'a.pdf', content: pdf() }], {}, { token: 'nie-ten-token' });
    expect(res.status).toBe(403);
    await expectNothingStored();
  });

  it('turns a body that ends mid-file into a message at the field, not an error page', async () => {
    const { agent, documents } = await staffWithConsultation();
    const token = html((await agent.get(documents)).text)('input[name="_csrf"]').first().val() as string;
    const boundary = 'XyZ';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated`;
    const res = await agent.post(`${documents}/pliki`).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'files')).toContain('Nie udało się odebrać plików');
    await expectNothingStored();
  });
});

describe('the gallery', () => {
  it('stores a photo upright without EXIF, makes a 400 px WebP thumbnail, and shows it with its alternative text', async () => {
    const { agent, gallery } = await staffWithConsultation();
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'Spacer studyjny – Mirów.jpg', content: await photoWithExif() }], {
      altText: 'Mieszkańcy na spacerze przy ul. Mstowskiej',
      title: 'Spacer studyjny',
    });
    expect(res.status, fieldError(res.text, 'file')).toBe(303);
    const [row] = await rows();
    expect(row).toMatchObject({ kind: 'IMAGE', width: 600, height: 800, altText: 'Mieszkańcy na spacerze przy ul. Mstowskiej', mimeType: 'image/jpeg' });
    const $ = html((await agent.get(gallery).expect(200)).text);
    expect($('.notice').text()).toContain('Dodano plik „Spacer studyjny – Mirów.jpg”.');
    const img = $('.gallery-admin img');
    expect(img.attr('alt')).toBe('Mieszkańcy na spacerze przy ul. Mstowskiej');
    expect(img.attr('src')).toBe(`/pliki/${row!.id}/miniatura.webp`);
    expect([img.attr('width'), img.attr('height')]).toEqual(['400', '533']);
    expect($('.gallery-admin__facts').text()).toContain('600 × 800 px');

    const full = await download(agent, `/pliki/${row!.id}/${encodeURIComponent(row!.originalName)}`).expect(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.headers['content-disposition']).toMatch(/^inline; /);
    const meta = await sharp(full.body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([600, 800]);
    expect(full.body.includes('Jan Kowalski')).toBe(false);

    const thumbnail = await download(agent, `/pliki/${row!.id}/miniatura.webp`).expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(thumbnail.headers['content-security-policy']).toBe('sandbox');
    const thumb = await sharp(thumbnail.body).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 400, 533]);
  });

  it('requires alternative text, keeps what was typed, and stores nothing', async () => {
    const { agent, gallery } = await staffWithConsultation();
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'zdjecie.png', content: await image('png') }], { altText: '   ', title: 'Podpis zdjęcia' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'altText')).toContain('Podaj tekst alternatywny opisujący zdjęcie');
    expect(html(res.text)('#title').val()).toBe('Podpis zdjęcia');
    await expectNothingStored();
  });

  it('asks for both the photo and its alternative text when both are missing, in the order of the form', async () => {
    const { agent, gallery } = await staffWithConsultation();
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, []);
    expect(res.status).toBe(422);
    expect(html(res.text)('.error-summary a').map((_, a) => html(res.text)(a).attr('href')).get()).toEqual(['#altText', '#file']);
  });

  it('takes only JPG, PNG and WebP, and refuses an image it cannot read', async () => {
    const { agent, gallery } = await staffWithConsultation();
    const alt = { altText: 'Opis' };
    const asPdf = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'plan.pdf', content: pdf() }], alt);
    expect(asPdf.status).toBe(422);
    expect(fieldError(asPdf.text, 'file')).toContain('Plik „plan.pdf” ma niedozwolony typ. Dozwolone formaty: JPG, PNG, WebP');
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 0x41)]);
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'uszkodzone.jpg', content: broken }], alt);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'file')).toContain('Nie udało się odczytać zdjęcia „uszkodzone.jpg”');
    await expectNothingStored();
  });

  it('accepts one photo per upload and says so for two', async () => {
    const { agent, gallery } = await staffWithConsultation();
    const png = await image('png');
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'a.png', content: png }, { field: 'file', name: 'b.png', content: png }], { altText: 'Opis' });
    expect(res.status).toBe(413);
    expect(fieldError(res.text, 'file')).toContain('Wybierz tylko jeden plik');
    await expectNothingStored();
  });
});

function asciiOf(name: string): string {
  return name.replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFKD').replace(/\p{M}/gu, '').replace(/–/g, '-');
}

function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
