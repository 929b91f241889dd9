// The extraction sweep's to-do list kept by a trigger (migration 20261204310000): a document is pending
// once added and again once its file is replaced, not after it was read, and never a non-document or a
// file the extractor cannot read.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTED_EXTENSIONS } from '../../src/features/search/document-text.js';
import { createPrisma } from '../../src/db/client.js';
import { pendingDocuments } from '../../src/features/search/document-extraction.service.js';
import { createTestDatabase } from '../helpers/database.js';
import { createConsultation } from '../helpers/factories.js';

let drop: () => Promise<void>;
let pool: pg.Pool;
let db: ReturnType<typeof createPrisma>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  db = createPrisma(pool);
});
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
  await drop();
});

const hex = (n: number) => n.toString(16).padStart(32, '0');
async function attach(consultationId: number, n: number, extension: string, kind: 'DOCUMENT' | 'IMAGE' = 'DOCUMENT') {
  const image = kind === 'IMAGE' ? { altText: 'Mapa obszaru', width: 10, height: 10 } : {};
  return db.attachment.create({ data: { consultationId, kind, storedName: `${hex(n)}.${extension}`, originalName: `plik-${n}.${extension}`, extension, mimeType: 'application/octet-stream', sizeBytes: 10, position: n, ...image } });
}
const pendingIds = async () => (await pendingDocuments(db, 100)).map((p) => p.id);

describe('documents waiting to be read', () => {
  it('reads the same extensions as the extractor', async () => {
    for (const extension of [...EXTRACTED_EXTENSIONS, 'PDF', 'Docx', 'xlsx', 'csv', 'jpg', 'txt', 'ods']) {
      const { rows } = await pool.query<{ read: boolean }>('SELECT document_text_extracted($1) AS read', [extension]);
      expect(rows[0]!.read, extension).toBe((EXTRACTED_EXTENSIONS as readonly string[]).includes(extension.toLowerCase()));
    }
  });

  it('are the documents added or replaced since they were last read, in order', async () => {
    const consultation = await createConsultation(db);
    const pdf = await attach(consultation.id, 1, 'pdf');
    const docx = await attach(consultation.id, 2, 'docx');
    await attach(consultation.id, 3, 'xlsx');
    await attach(consultation.id, 4, 'png', 'IMAGE');
    expect(await pendingIds()).toEqual([pdf.id, docx.id]);

    await db.documentText.update({ where: { attachmentId: pdf.id }, data: { status: 'DONE', parts: 3 } });
    expect(await pendingIds()).toEqual([docx.id]);
    // Another title or position changes nothing; a new file makes it pending again.
    await db.attachment.update({ where: { id: pdf.id }, data: { title: 'Projekt uchwały', position: 9 } });
    expect(await pendingIds()).toEqual([docx.id]);
    await db.attachment.update({ where: { id: pdf.id }, data: { storedName: `${hex(11)}.pdf` } });
    expect(await pendingIds()).toEqual([pdf.id, docx.id]);
    expect((await pendingDocuments(db, 1))[0]).toEqual({ id: pdf.id, storedName: `${hex(11)}.pdf`, extension: 'pdf' });
    const row = await db.documentText.findUniqueOrThrow({ where: { attachmentId: pdf.id } });
    expect(row).toMatchObject({ status: 'PENDING', parts: 0, storedName: `${hex(11)}.pdf` });

    await db.attachment.delete({ where: { id: docx.id } });
    expect(await pendingIds()).toEqual([pdf.id]);
  });
});
