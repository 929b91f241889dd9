// The HTML version of uploaded DOCX and ODT documents (issue 12): made once per stored file by a
// background job (queued on upload and replacement, and swept up by a schedule for anything missed),
// kept in document_html, shown to residents next to the download. Only escaped text blocks are kept.
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../http/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { DocxError, readDocxFile } from '../../lib/docx.js';
import { OdtError, readOdtFile } from '../../lib/odt.js';
import { blocksToHtml } from '../../lib/text-blocks.js';
import type { FileStorage } from '../attachments/storage.js';
import { extensionOf } from '../attachments/file-types.js';
import { requestedDocument } from '../format-requests/format-requests.service.js';

/** The formats that get an HTML version. */
export const HTML_FORMATS: readonly string[] = ['docx', 'odt'];
export const DOCUMENT_JOBS = { html: 'document-html', sweep: 'document-html-sweep' } as const;
/** Files made per run of the schedule. */
const SWEEP_BATCH = 20;

export const hasHtmlVersion = (a: { extension?: string; originalName?: string }) => HTML_FORMATS.includes(a.extension ?? extensionOf(a.originalName ?? ''));

/** Queues the HTML versions of those just uploaded or replaced files that are DOCX or ODT. */
export async function queueDocumentHtml(jobs: JobQueue, files: readonly { id: number; originalName: string }[]): Promise<void> {
  await jobs.insert(files.filter((f) => hasHtmlVersion(f)).map((f) => ({ name: DOCUMENT_JOBS.html, data: { attachmentId: f.id } })));
}

/**
 * Makes the HTML version of one attachment, unless it exists for its current file. A file that cannot
 * be read is recorded with the reason (the page then says so) instead of being retried forever.
 */
export async function makeDocumentHtml(ctx: { db: Db; storage: FileStorage; now: Date }, attachmentId: number): Promise<'made' | 'failed' | 'skipped'> {
  const row = await ctx.db.attachment.findUnique({ where: { id: attachmentId }, select: { kind: true, extension: true, storedName: true, htmlVersion: { select: { storedName: true } } } });
  if (!row || row.kind !== 'DOCUMENT' || !hasHtmlVersion(row) || row.htmlVersion?.storedName === row.storedName) return 'skipped';
  const path = ctx.storage.pathOf(row.storedName);
  let html: string | null = null;
  let problem: string | null = null;
  try {
    html = blocksToHtml(row.extension === 'odt' ? await readOdtFile(path) : await readDocxFile(path));
    if (!html) [html, problem] = [null, 'empty'];
  } catch (error) {
    if (!(error instanceof OdtError || error instanceof DocxError)) throw error;
    problem = error.problem;
  }
  const data = { storedName: row.storedName, html, problem, createdAt: ctx.now };
  // The file may have been replaced or deleted meanwhile: write only for the file that was read.
  const current = await ctx.db.attachment.count({ where: { id: attachmentId, storedName: row.storedName } });
  if (current === 0) return 'skipped';
  await ctx.db.documentHtml.upsert({ where: { attachmentId }, create: { attachmentId, ...data }, update: data });
  return html ? 'made' : 'failed';
}

/** DOCX and ODT documents with no HTML version for their current file (a lost job, a replacement). */
export async function missingHtmlVersions(db: Db, limit = SWEEP_BATCH): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT a.id FROM attachment a LEFT JOIN document_html h ON h.attachment_id = a.id
    WHERE a.kind = 'DOCUMENT' AND a.extension IN ('docx', 'odt') AND (h.attachment_id IS NULL OR h.stored_name <> a.stored_name)
    ORDER BY a.id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export type HtmlVersionState = 'ready' | 'pending' | 'failed';

/** The public HTML version of a document: 404 unless the document is public and a DOCX or ODT. */
export async function documentHtmlPage(db: Db, id: number, now: Date) {
  const doc = await requestedDocument(db, id, now);
  const row = await db.attachment.findUniqueOrThrow({ where: { id }, select: { extension: true, storedName: true, sizeBytes: true, htmlVersion: { select: { storedName: true, html: true, createdAt: true } } } });
  if (!hasHtmlVersion(row)) throw new NotFoundError();
  const version = row.htmlVersion?.storedName === row.storedName ? row.htmlVersion : null;
  const state: HtmlVersionState = !version ? 'pending' : version.html ? 'ready' : 'failed';
  return { doc, format: row.extension.toUpperCase(), sizeBytes: row.sizeBytes, state, html: version?.html ?? '', madeAt: version?.createdAt ?? null };
}
