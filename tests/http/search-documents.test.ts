// Search inside documents: real PDF (pdfkit, several pages), DOCX and ODT files uploaded through the
// panel, read by the extraction job, then found with the page or section they are on; documents of a
// draft stay hidden, a replaced file is read again, an unreadable one is recorded and skipped.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { jobDefinitions } from '../../src/jobs/jobs.js';
import { SEARCH_JOBS } from '../../src/features/search/search.jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { zip } from '../helpers/files.js';
import { html, loginAs } from '../helpers/http.js';
import { uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();
const require = createRequire(import.meta.url);
const FONT = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

/** A real PDF with one page per text, in a font that has Polish letters. */
function pdfWithPages(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const text of pages) doc.addPage().font(FONT).fontSize(12).text(text);
  doc.end();
  return done;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A minimal but real Word document: headings (Heading 1 style) and paragraphs. */
function docx(blocks: { heading?: string; text?: string }[]): Buffer {
  const body = blocks
    .map((b) => (b.heading ? `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${xml(b.heading)}</w:t></w:r></w:p>` : `<w:p><w:r><w:t xml:space="preserve">${xml(b.text ?? '')}</w:t></w:r></w:p>`))
    .join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  return zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>' },
    { name: '_rels/.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/_rels/document.xml.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>` },
    { name: 'word/styles.xml', data: `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>` },
  ]);
}

/** A minimal but real OpenDocument text: headings and paragraphs in content.xml. */
function odt(blocks: { heading?: string; text?: string }[]): Buffer {
  const body = blocks.map((b) => (b.heading ? `<text:h text:outline-level="1">${xml(b.heading)}</text:h>` : `<text:p>${xml(b.text ?? '').replace(/ {2}/g, ' <text:s/>')}</text:p>`)).join('');
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>' },
    { name: 'content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>${body}</office:text></office:body></office:document-content>` },
  ]);
}

async function runExtraction() {
  const job = jobDefinitions(ctx.deps).find((j) => j.name === SEARCH_JOBS.extract)!;
  await job.handler({} as never, { id: 'test', retryCount: 0 });
}

async function search(q: string) {
  const $ = html((await request(ctx.app).get('/szukaj').query({ q }).expect(200)).text);
  return $('.search-result').map((_, li) => ({
    kind: $(li).find('.search-result__kind').text().replace(/\s+/g, ' ').trim(),
    title: $(li).find('.search-result__title').text().trim(),
    href: $(li).find('.search-result__title a').attr('href'),
    snippet: $(li).find('.search-result__snippet').text(),
    marks: $(li).find('.search-result__snippet mark').map((_, m) => $(m).text()).get(),
    parent: $(li).find('.search-result__parent').text().replace(/\s+/g, ' ').trim(),
  })).get();
}

async function staffUpload(consultation: { id: number; departmentId: number }, files: { name: string; content: Buffer }[]) {
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  const agent = await loginAs(ctx.app, user.email);
  const documents = `/panel/konsultacje/${consultation.id}/dokumenty`;
  const res = await uploadFiles(agent, documents, `${documents}/pliki`, files);
  expect(res.status).toBe(303);
  return { agent, documents };
}

describe('search inside documents', () => {
  it('finds the words of a PDF page, a DOCX section and an ODT section after the extraction job, saying where they are', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Plan zagospodarowania Zawodzia', slug: 'plan-zawodzia' });
    const pdf = await pdfWithPages(['Strona tytułowa planu.', 'Kanalizacja deszczowa przy ulicy Kmicica zostanie przebudowana w 2027 roku.', 'Załącznik graficzny.']);
    const word = docx([{ text: 'Wstęp do prognozy.' }, { heading: 'Zieleń miejska' }, { text: 'Nasadzenia lip wzdłuż alei Wolności.' }, { heading: 'Komunikacja' }, { text: 'Nowy przystanek tramwajowy.' }]);
    const open = odt([{ heading: 'Uzasadnienie' }, { text: 'Potrzeby mieszkańców  Stradomia.' }, { heading: 'Harmonogram robót' }, { text: 'Prace ziemne na Błesznie wiosną.' }]);
    await staffUpload(consultation, [
      { name: 'plan-zawodzia.pdf', content: pdf },
      { name: 'prognoza.docx', content: word },
      { name: 'uzasadnienie.odt', content: open },
    ]);

    // Before the job only titles are known.
    expect(await search('Kmicica')).toEqual([]);
    await runExtraction();
    const texts = await ctx.deps.db.documentText.findMany({ orderBy: { attachmentId: 'asc' }, select: { status: true, parts: true } });
    expect(texts).toEqual([{ status: 'DONE', parts: 3 }, { status: 'DONE', parts: 3 }, { status: 'DONE', parts: 2 }]);

    const [pdfHit, ...rest] = await search('kanalizacji kmicica');
    expect(rest).toEqual([]);
    expect(pdfHit).toMatchObject({ kind: 'Dokument, strona 2', title: 'plan-zawodzia', parent: 'Załącznik do: Plan zagospodarowania Zawodzia' });
    expect(pdfHit!.href).toMatch(/^\/pliki\/\d+\/plan-zawodzia\.pdf$/);
    expect(pdfHit!.marks).toEqual(['Kanalizacja', 'Kmicica']);

    const [docxHit] = await search('nasadzenie lip wolnosci');
    expect(docxHit).toMatchObject({ kind: 'Dokument, rozdział: Zieleń miejska', title: 'prognoza' });
    expect(docxHit!.snippet).toContain('Nasadzenia lip wzdłuż alei Wolności');

    const [odtHit] = await search('blesznie harmonogram');
    expect(odtHit).toMatchObject({ kind: 'Dokument, rozdział: Harmonogram robót', title: 'uzasadnienie' });
    expect((await search('mieszkancow stradomia'))[0]!.snippet).toContain('Potrzeby mieszkańców Stradomia');

    // Running again reads nothing new.
    await runExtraction();
    expect(await ctx.deps.db.searchEntry.count({ where: { kind: 'DOCUMENT' } })).toBe(3 + 3 + 3 + 2);
  });

  it('never shows the text of documents of a draft or scheduled consultation', async () => {
    const draft = await createConsultation(ctx.deps.db, { title: 'Szkic', publishedAt: null });
    const scheduled = await createConsultation(ctx.deps.db, { title: 'Zaplanowana', publishedAt: new Date('2026-12-01T10:00:00Z') });
    await staffUpload(draft, [{ name: 'tajne.pdf', content: await pdfWithPages(['Wstępna koncepcja obwodnicy Kiedrzyna.']) }]);
    await staffUpload(scheduled, [{ name: 'jutro.pdf', content: await pdfWithPages(['Obwodnica Kiedrzyna, wariant drugi.']) }]);
    await runExtraction();
    expect(await ctx.deps.db.documentText.count({ where: { status: 'DONE' } })).toBe(2);
    expect(await search('obwodnica kiedrzyna')).toEqual([]);
    expect(await search('tajne')).toEqual([]);
    ctx.clock.set('2026-12-01T10:00:01Z');
    expect((await search('obwodnica kiedrzyna')).map((r) => r.kind)).toEqual(['Dokument, strona 1']);
  });

  it('reads a replaced file again and forgets the old text; an unreadable file is recorded once and stays findable by its name', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Konsultacja z plikami' });
    const { agent, documents } = await staffUpload(consultation, [{ name: 'harmonogram.pdf', content: await pdfWithPages(['Spotkanie w Klasztornej sali.']) }]);
    await runExtraction();
    expect(await search('klasztornej')).toHaveLength(1);
    const attachment = await ctx.deps.db.attachment.findFirstOrThrow({ select: { id: true } });
    const replaced = await uploadFiles(agent, `${documents}/${attachment.id}/edycja`, `${documents}/${attachment.id}/pliki`, [{ name: 'harmonogram.pdf', content: await pdfWithPages(['Spotkanie przeniesione do Ratusza.']), field: 'file' }]);
    expect(replaced.status).toBe(303);
    expect(await search('klasztornej')).toEqual([]);
    await runExtraction();
    expect(await search('klasztornej')).toEqual([]);
    expect((await search('ratusza'))[0]).toMatchObject({ kind: 'Dokument, strona 1' });

    // A damaged PDF (the header passes the upload's check, the rest is not a PDF).
    await uploadFiles(agent, documents, `${documents}/pliki`, [{ name: 'uszkodzony.pdf', content: Buffer.from('%PDF-1.4\nto nie jest prawdziwy plik PDF\n%%EOF\n') }]);
    await runExtraction();
    const failed = await ctx.deps.db.documentText.findFirstOrThrow({ where: { status: 'FAILED' } });
    expect(failed.error).not.toBe('');
    await runExtraction();
    expect(await ctx.deps.db.documentText.count()).toBe(2);
    expect((await search('uszkodzony'))[0]).toMatchObject({ kind: 'Dokument', title: 'uszkodzony' });
  });
});
