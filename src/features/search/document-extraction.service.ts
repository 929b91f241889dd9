// The extraction sweep: documents (of consultations, news and investments) whose current file has not
// been read yet get their text stored as search entries, one per page or section. A file that cannot be
// read is recorded as FAILED and not tried again until it is replaced; the document stays findable by
// its title and description either way.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { FileStorage } from '../attachments/storage.js';
import { EXTRACTED_EXTENSIONS, extractText, type TextPart } from './document-text.js';

interface Pending {
  id: number;
  storedName: string;
  extension: string;
}

/** The documents whose current file has not been read: their document_text rows in state PENDING, written by a trigger (migration 20261204310000). */
export async function pendingDocuments(db: Db, take: number): Promise<Pending[]> {
  return db.$queryRaw<Pending[]>`
    SELECT a.id, a.stored_name AS "storedName", a.extension
    FROM document_text d
    JOIN attachment a ON a.id = d.attachment_id AND a.stored_name = d.stored_name
    WHERE d.status = 'PENDING' AND a.kind = 'DOCUMENT' AND a.guide_id IS NULL AND lower(a.extension) = ANY(${[...EXTRACTED_EXTENSIONS]}::text[])
    ORDER BY d.attachment_id
    LIMIT ${take}`;
}

/** Stores the parts of one file, unless the document was replaced or deleted while it was being read. */
async function storeParts(db: Db, doc: Pending, parts: TextPart[], status: string, error = '') {
  await db.$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ title: string }[]>`
      SELECT coalesce(nullif(title, ''), original_name) AS title FROM attachment WHERE id = ${doc.id} AND stored_name = ${doc.storedName} FOR UPDATE`;
    if (current.length === 0) return;
    await tx.searchEntry.deleteMany({ where: { kind: 'DOCUMENT', sourceId: doc.id, part: { gt: 0 } } });
    await tx.searchEntry.createMany({
      data: parts.map((p, i) => ({ kind: 'DOCUMENT' as const, sourceId: doc.id, part: i + 1, page: p.page ?? null, section: p.section ?? '', title: current[0]!.title, body: p.text })),
    });
    const record = { storedName: doc.storedName, status, parts: parts.length, error: error.slice(0, 500), extractedAt: new Date() };
    await tx.documentText.upsert({ where: { attachmentId: doc.id }, create: { attachmentId: doc.id, ...record }, update: record });
  });
}

/** Reads pending documents until none is left or the time is up; returns how many were read. */
export async function extractPendingDocuments(deps: { db: Db; storage: FileStorage; logger: Logger }, budgetMs = 45_000, batch = 10): Promise<number> {
  const started = Date.now();
  let done = 0;
  while (Date.now() - started < budgetMs) {
    const pending = await pendingDocuments(deps.db, batch);
    if (pending.length === 0) break;
    for (const doc of pending) {
      try {
        const parts = await extractText(deps.storage.pathOf(doc.storedName), doc.extension);
        await storeParts(deps.db, doc, parts, parts.length > 0 ? 'DONE' : 'EMPTY');
      } catch (error) {
        deps.logger.warn({ attachmentId: doc.id, err: error }, 'could not read the text of a document');
        await storeParts(deps.db, doc, [], 'FAILED', (error as Error).message ?? String(error));
      }
      done += 1;
    }
  }
  return done;
}
