// The attack suite's hostile uploads: a corpus of files made to fool the shared upload code (src/http/uploads.ts,
// src/features/attachments) goes through the consultation's documents and gallery forms. Each is either
// refused, with a Polish message at the file field, a 4xx status, and neither a row nor a byte left behind
// (the uploads folder is listed before and after), or stored safely: under a random name inside the
// uploads folder, its name cleaned, and served back as an attachment with nosniff and a sandbox CSP.
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { image, pdf, zip } from '../helpers/files.js';
import { csrfToken, fieldError, html, loginAs } from '../helpers/http.js';
import { download, uploadFiles, type FilePart } from '../helpers/uploads.js';

const ctx = useTestApp({ UPLOAD_MAX_MB: '1' });
const LIMIT = 1024 * 1024;

async function staff() {
  const consultation = await createConsultation(ctx.deps.db);
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  const agent = await loginAs(ctx.app, user.email);
  return { agent, documents: `/panel/konsultacje/${consultation.id}/dokumenty`, gallery: `/panel/konsultacje/${consultation.id}/galeria` };
}

/** A ZIP of one deflated entry: `size` bytes of zeros squeezed about a thousand times (a decompression bomb). */
const zipBomb = (entryName: string, size: number) => zip([{ name: entryName, data: Buffer.alloc(size, 0), deflate: true }]);

/** A real 1×1 PNG whose header claims width × height pixels (a pixel flood: tiny file, gigapixels decoded). */
async function pixelFlood(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await image('png', 1, 1));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29); // the IHDR chunk's CRC over type and data
  return png;
}

const GIF_JS = Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert("xss");//;', 'latin1');
const PDF_JS = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n4 0 obj << /Type /Action /S /JavaScript /JS (app.alert\\("xss"\\)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PDF_HTML = Buffer.concat([pdf(), Buffer.from('<html><body><script>alert("xss")</script></body></html>')]);
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert("xss")</script></svg>');
const HTML = Buffer.from('<!doctype html><html><body><script>alert("xss")</script></body></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200, 0)]);
const JAR = zip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\nMain-Class: X\n' }, { name: 'X.class', data: '\xca\xfe\xba\xbe' }]);

interface Refusal {
  what: string;
  file: FilePart;
  gallery?: boolean;
  status: number;
  /** Part of the message at the field, in Polish. */
  message: string;
}

const refusals = async (): Promise<Refusal[]> => [
  { what: 'a GIF/JavaScript polyglot', file: { name: 'obrazek.gif', content: GIF_JS }, status: 422, message: 'Plik „obrazek.gif” ma niedozwolony typ' },
  { what: 'a GIF/JavaScript polyglot named .jpg', file: { name: 'obrazek.jpg', content: GIF_JS }, status: 422, message: 'Plik „obrazek.jpg” nie jest plikiem JPG' },
  { what: 'a GIF/JavaScript polyglot named .js', file: { name: 'skrypt.js', content: GIF_JS }, status: 422, message: 'Plik „skrypt.js” ma niedozwolony typ' },
  { what: 'an SVG with a script', file: { name: 'mapa.svg', content: SVG }, status: 422, message: 'Plik „mapa.svg” ma niedozwolony typ' },
  { what: 'an SVG with a script named .png', file: { name: 'mapa.png', content: SVG }, status: 422, message: 'Plik „mapa.png” nie jest plikiem PNG' },
  { what: 'an SVG with a script in the gallery', file: { name: 'mapa.svg', content: SVG, field: 'file' }, gallery: true, status: 422, message: 'Plik „mapa.svg” ma niedozwolony typ. Dozwolone formaty: JPG, PNG, WebP' },
  { what: 'a web page named .jpg', file: { name: 'zdjecie.jpg', content: HTML }, status: 422, message: 'Plik „zdjecie.jpg” nie jest plikiem JPG' },
  { what: 'a web page named .csv', file: { name: 'dane.csv', content: HTML }, status: 422, message: 'Plik „dane.csv” nie jest plikiem CSV' },
  { what: 'a web page named .html', file: { name: 'strona.html', content: HTML }, status: 422, message: 'Plik „strona.html” ma niedozwolony typ' },
  { what: 'an XML document named .csv', file: { name: 'dane.csv', content: Buffer.from('<?xml version="1.0"?><x/>') }, status: 422, message: 'Plik „dane.csv” nie jest plikiem CSV' },
  { what: 'a web page with a PDF content type', file: { name: 'raport.pdf', content: HTML }, status: 422, message: 'Plik „raport.pdf” nie jest plikiem PDF' },
  { what: 'a program named .docx', file: { name: 'umowa.docx', content: EXE }, status: 422, message: 'Plik „umowa.docx” nie jest plikiem DOCX' },
  { what: 'a Linux program named .pdf', file: { name: 'raport.pdf', content: ELF }, status: 422, message: 'Plik „raport.pdf” nie jest plikiem PDF' },
  { what: 'a Java archive named .docx', file: { name: 'umowa.docx', content: JAR }, status: 422, message: 'Plik „umowa.docx” nie jest plikiem DOCX' },
  { what: 'a PDF named .xlsx', file: { name: 'arkusz.xlsx', content: pdf() }, status: 422, message: 'Plik „arkusz.xlsx” nie jest plikiem XLSX' },
  { what: 'a PNG named .webp in the gallery', file: { name: 'plan.webp', content: await image('png', 20, 20), field: 'file' }, gallery: true, status: 422, message: 'Plik „plan.webp” nie jest plikiem WebP' },
  { what: 'a double extension ending in .exe', file: { name: 'raport.pdf.exe', content: EXE }, status: 422, message: 'Plik „raport.pdf.exe” ma niedozwolony typ' },
  { what: 'a double extension hiding a web page', file: { name: 'strona.html.pdf', content: HTML }, status: 422, message: 'Plik „strona.html.pdf” nie jest plikiem PDF' },
  { what: 'a right-to-left override hiding .exe', file: { name: 'raport\u202Efdp.exe', content: EXE }, status: 422, message: 'ma niedozwolony typ' },
  { what: 'a ZIP bomb named .docx', file: { name: 'bomba.docx', content: zipBomb('word/document.xml', 200 * 1024 * 1024) }, status: 422, message: 'Plik „bomba.docx” nie jest plikiem DOCX' },
  { what: 'a pixel flood (30 000 × 30 000) in the gallery', file: { name: 'powodz.png', content: await pixelFlood(30_000, 30_000), field: 'file' }, gallery: true, status: 422, message: 'Nie udało się odczytać zdjęcia „powodz.png”' },
  { what: 'a PNG one row over 100 megapixels in the gallery', file: { name: 'bomba.png', content: await pixelFlood(10_000, 10_001), field: 'file' }, gallery: true, status: 422, message: 'Nie udało się odczytać zdjęcia „bomba.png”' },
  { what: 'a file one byte over the limit', file: { name: 'duzy.pdf', content: Buffer.concat([pdf(), Buffer.alloc(LIMIT + 1 - pdf().length, 0x20)]) }, status: 413, message: 'Plik „duzy.pdf” jest za duży' },
  { what: 'an empty file', file: { name: 'pusty.pdf', content: Buffer.alloc(0) }, status: 422, message: 'Plik „pusty.pdf” jest pusty' },
  { what: 'an empty photo', file: { name: 'pusty.jpg', content: Buffer.alloc(0), field: 'file' }, gallery: true, status: 422, message: 'Plik „pusty.jpg” jest pusty' },
  { what: 'a name that is only an extension', file: { name: '.htaccess', content: Buffer.from('Options +ExecCGI\n') }, status: 422, message: 'ma niedozwolony typ' },
  { what: 'control characters in the part header’s file name', file: { name: 'a\u0007b\tc.pdf', content: pdf() }, status: 400, message: 'Nie udało się odebrać plików' },
  { what: 'a traversal to a program', file: { name: 'evil.sh', content: Buffer.from('#!/bin/sh\nrm -rf /\n'), rawPath: '../../../../usr/local/bin/evil.sh' }, status: 422, message: 'Plik „evil.sh” ma niedozwolony typ' },
];

interface Kept {
  what: string;
  file: FilePart;
  /** The name the portal keeps and offers on download. */
  keptName: string;
  contentType: string;
}

const kept: Kept[] = [
  { what: 'a PDF with JavaScript (served as a download, never inline)', file: { name: 'akcja.pdf', content: PDF_JS }, keptName: 'akcja.pdf', contentType: 'application/pdf' },
  { what: 'a PDF/HTML polyglot', file: { name: 'poliglota.pdf', content: PDF_HTML }, keptName: 'poliglota.pdf', contentType: 'application/pdf' },
  { what: 'a traversal in the name (Unix)', file: { name: 'passwd.pdf', content: pdf(), rawPath: '../../../../etc/passwd.pdf' }, keptName: 'passwd.pdf', contentType: 'application/pdf' },
  { what: 'a traversal in the name (Windows)', file: { name: 'x.pdf', content: pdf(), rawPath: '..\\..\\Windows\\win.pdf' }, keptName: 'win.pdf', contentType: 'application/pdf' },
  { what: 'a right-to-left override in a PDF’s name', file: { name: 'zdjecie\u202Egpj.pdf', content: pdf() }, keptName: 'zdjeciegpj.pdf', contentType: 'application/pdf' },
  { what: 'invisible formatting characters in the name', file: { name: 'a\u200Bb\u2066c\uFEFF nazwa.pdf', content: pdf() }, keptName: 'abc nazwa.pdf', contentType: 'application/pdf' },
  { what: 'a name with leading dots', file: { name: '...ukryty.pdf', content: pdf() }, keptName: 'ukryty.pdf', contentType: 'application/pdf' },
  { what: 'a reserved Windows device name', file: { name: 'CON.pdf', content: pdf() }, keptName: 'CON.pdf', contentType: 'application/pdf' },
  { what: 'a double extension ending in .pdf', file: { name: 'faktura.exe.pdf', content: pdf() }, keptName: 'faktura.exe.pdf', contentType: 'application/pdf' },
  { what: 'a CSV of formulas', file: { name: 'formuly.csv', content: Buffer.from('=cmd|\' /C calc\'!A0;@SUM(1)\n+1;-1\n') }, keptName: 'formuly.csv', contentType: 'text/csv; charset=utf-8' },
  { what: 'a 500-character name', file: { name: `${'ą'.repeat(500)}.pdf`, content: pdf() }, keptName: `${'ą'.repeat(196)}.pdf`, contentType: 'application/pdf' },
];

describe('hostile uploads refused', () => {
  it('refuses each with a Polish message at the file field, a 4xx status, no row and not a byte on disk', async () => {
    const { agent, documents, gallery } = await staff();
    const before = listUploads(ctx.uploadsDir);
    const wrong: string[] = [];
    const corpus = await refusals();
    for (const r of corpus) {
      const page = r.gallery ? gallery : documents;
      const res = await uploadFiles(agent, page, `${page}/pliki`, [r.file], r.gallery ? { altText: 'Opis zdjęcia' } : {});
      const said = fieldError(res.text, r.file.field ?? 'files');
      if (res.status !== r.status || !said.includes(r.message)) wrong.push(`${r.what}: ${res.status} "${said}"`);
      else if (html(res.text)('.error-summary a').length === 0) wrong.push(`${r.what}: no error summary`);
      const after = listUploads(ctx.uploadsDir);
      if (after.join() !== before.join()) wrong.push(`${r.what}: left ${after.join(', ')}`);
      if ((await ctx.deps.db.attachment.count()) !== 0) wrong.push(`${r.what}: a row was written`);
    }
    expect(wrong).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    // The app still serves after the bombs.
    expect((await agent.get(documents)).status).toBe(200);
  });

  it('says the same in English', async () => {
    const { agent, documents } = await staff();
    await agent.get('/jezyk/en').set('Referer', documents);
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: 'mapa.svg', content: SVG }]);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'files')).toMatch(/mapa\.svg.*not allowed|mapa\.svg.*type/i);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('survives thousands of parts and a body without a boundary, storing nothing', async () => {
    const { agent, documents } = await staff();
    const token = await csrfToken(agent, documents);
    let many = agent.post(`${documents}/pliki`).field('_csrf', token);
    for (let i = 0; i < 3000; i++) many = many.field(`f${i}`, 'x');
    const flooded = await many.attach('files', pdf(), { filename: 'a.pdf' });
    expect(flooded.status).toBeGreaterThanOrEqual(400);
    expect(flooded.status).toBeLessThan(500);
    const broken = await agent.post(`${documents}/pliki`).set('Content-Type', 'multipart/form-data').send(`_csrf=${token}`);
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });
});

describe('hostile uploads stored safely', () => {
  it.each(kept.map((k) => [k.what, k]))('%s: a random name inside the folder, a clean name, served as an attachment with nosniff', async (_what, k) => {
    const { agent, documents } = await staff();
    const res = await uploadFiles(agent, documents, `${documents}/pliki`, [k.file]);
    expect(res.status, fieldError(res.text, 'files')).toBe(303);
    const row = await ctx.deps.db.attachment.findFirstOrThrow();
    expect(row.originalName).toBe(k.keptName);
    expect(listUploads(ctx.uploadsDir)).toEqual([`files/${row.storedName}`]);
    expect(row.storedName).toMatch(/^[0-9a-f]{32}\.[a-z]+$/);
    const file = await download(agent, `/pliki/${row.id}/${encodeURIComponent(row.originalName)}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(k.contentType);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(file.body as Buffer, k.file.content)).toBe(0);
  });

  it('re-encodes a photo with a script in its metadata, so the script is not in what is served', async () => {
    const { agent, gallery } = await staff();
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: '<script>alert("xss")</script>', Artist: '<img src=x onerror=alert(1)>' } })
      .toBuffer();
    expect(photo.includes('<script>')).toBe(true);
    const res = await uploadFiles(agent, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'zdjecie.jpg', content: photo }], { altText: 'Park' });
    expect(res.status).toBe(303);
    const row = await ctx.deps.db.attachment.findFirstOrThrow();
    const served = await download(agent, `/pliki/${row.id}/${row.originalName}`);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect((served.body as Buffer).includes('<script>')).toBe(false);
    expect((served.body as Buffer).includes('onerror')).toBe(false);
  });
});
