// The demo consultation's files: nine documents (two with an HTML version) and three photos, stored through the upload service,
// downloadable by anyone, loaded once.
import * as cheerio from 'cheerio';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.js';
import { seedDemo } from '../../src/db/seed.js';
import { DEMO_CONSULTATION_SLUG } from '../../src/features/attachments/attachments.demo.js';
import { listUploads, useTestApp } from '../helpers/app.js';
import { download } from '../helpers/uploads.js';

const ctx = useTestApp();

const files = () => ctx.deps.db.attachment.findMany({ where: { consultation: { slug: DEMO_CONSULTATION_SLUG } }, orderBy: [{ kind: 'asc' }, { position: 'asc' }] });

/** The files on disk that belong to the demo consultation's rows (other demo content may store its own). */
async function storedForDemo() {
  const names = (await files()).flatMap((r) => [r.storedName, ...(r.thumbnailName ? [r.thumbnailName] : [])]);
  return listUploads(ctx.uploadsDir).filter((f) => names.includes(f.replace(/^files\//, '')));
}

describe('demo attachments', () => {
  it('gives the 2010 model consultation its nine documents and a gallery of three photos with alternative text', async () => {
    await seedDemo(ctx.deps.db, new Date(), ctx.deps.storage);
    const rows = await files();
    expect(rows.filter((r) => r.kind === 'DOCUMENT').map((r) => r.originalName)).toEqual([
      'Harmonogram działań.pdf',
      'Ankieta.rtf',
      'Prezentacja.pdf',
      'Jak napisać uchwałę – poradnik.pdf',
      'Wyniki ankiety.csv',
      'Sprawozdanie z przeprowadzonych konsultacji.rtf',
      'Projekt uchwały w sprawie zasad i trybu konsultacji.docx',
      'Regulamin spotkania z mieszkańcami.odt',
      'Odpowiedzi na inne pytania.pdf',
    ]);
    const photos = rows.filter((r) => r.kind === 'IMAGE');
    expect(photos).toHaveLength(3);
    expect(photos.every((p) => p.altText.length > 20 && p.thumbnailName && p.width === 1200 && p.height === 800)).toBe(true);
    expect(await storedForDemo()).toHaveLength(9 + 3 * 2);
    expect(listUploads(ctx.uploadsDir).filter((f) => f.startsWith('tmp/'))).toEqual([]);
    const consultationId = rows[0]!.consultationId!;
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.upload', userId: null, details: { path: ['consultationId'], equals: consultationId } } })).toBe(12);
  });

  it('makes PDFs a reader can open: every object where the cross-reference table says it is', async () => {
    await seedDemo(ctx.deps.db, new Date(), ctx.deps.storage);
    const harmonogram = (await files()).find((r) => r.originalName === 'Harmonogram działań.pdf')!;
    const res = await download(request.agent(ctx.app), `/pliki/${harmonogram.id}/x.pdf`).expect(200);
    const body = (res.body as Buffer).toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(body)![1]);
    expect(body.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...body.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(body.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    expect(body).toContain('(Harmonogram dzialan) Tj');
  });

  it('gives the Word and LibreOffice documents an HTML version residents can read in the page, headings included', async () => {
    await seedDemo(ctx.deps.db, new Date(), ctx.deps.storage);
    const agent = request.agent(ctx.app);
    for (const [name, headings] of [
      ['Projekt uchwały w sprawie zasad i trybu konsultacji.docx', ['Rozdział 1. Przepisy ogólne', 'Rozdział 2. Formy konsultacji']],
      ['Regulamin spotkania z mieszkańcami.odt', ['Przebieg spotkania', 'Po spotkaniu']],
    ] as const) {
      const doc = (await files()).find((r) => r.originalName === name)!;
      const res = await agent.get(`/dokumenty/${doc.id}/wersja-html`).expect(200);
      const $ = cheerio.load(res.text);
      expect($('main h2, main h3').map((_, h) => $(h).text().trim()).get(), name).toEqual(expect.arrayContaining([...headings]));
      expect($('.document-html').text(), name).toMatch(/§ 1\. Uchwała określa|Każdy uczestnik może zabrać głos/);
    }
  });

  it('loads the files once, and not at all without a file storage', async () => {
    await seedDemo(ctx.deps.db);
    expect(await files()).toEqual([]);
    const embedded = await prepareDatabase(ctx.deps.pool, ctx.deps.db, { demo: 'always', embedded: true, storage: ctx.deps.storage });
    expect(embedded.applied).toEqual([]);
    await seedDemo(ctx.deps.db, new Date(), ctx.deps.storage);
    expect(await files()).toHaveLength(12);
    expect(await storedForDemo()).toHaveLength(15);
  });
});
