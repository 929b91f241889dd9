// The published report's PDF, made in the background (about 7 s for 2,000 remarks) and kept in the
// uploads storage: every change that alters the report (publication, the staff-written parts, an
// answer) asks for a new one; the download serves the stored file only while it answers the latest
// request, and says "PDF w przygotowaniu" until then. Requests are stamped by the database's clock,
// so two changes within one app-clock tick are still told apart.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Db } from '../../db/client.js';
import type { JobQueue, Queryable } from '../../jobs/queue.js';
import { FileStorage } from '../attachments/storage.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { reportContent } from './report-content.js';
import { writeReportPdf } from './reports.pdf.js';
import { publishedReportById } from './reports.service.js';

export const REPORT_PDF_JOB = 'report-pdf';
/** A request older than this with no file made for it is asked again (a job lost after the change committed). */
const STALE_MS = 10 * 60 * 1000;

/** Asks for a new PDF, inside the caller's transaction when given one. */
export async function requestReportPdf(client: Queryable, jobs: JobQueue, consultationId: number): Promise<void> {
  await client.query(
    `INSERT INTO report_pdf (consultation_id, requested_at) VALUES ($1, clock_timestamp())
     ON CONFLICT (consultation_id) DO UPDATE SET requested_at = clock_timestamp()`,
    [consultationId],
  );
  await jobs.insert([{ name: REPORT_PDF_JOB, data: { consultationId } }], client);
}

export type StoredReportPdf = { state: 'ready'; storedName: string; sizeBytes: number } | { state: 'pending' };

/**
 * The stored PDF if it answers the latest request. A published report with no request yet (published
 * before this existed) or with one long unanswered gets one now.
 */
export async function storedReportPdf(db: Db, jobs: JobQueue, pool: Queryable, consultationId: number): Promise<StoredReportPdf> {
  const row = await db.reportPdf.findUnique({ where: { consultationId } });
  if (row?.storedName && row.builtFor && row.builtFor.getTime() === row.requestedAt.getTime()) return { state: 'ready', storedName: row.storedName, sizeBytes: row.sizeBytes ?? 0 };
  if (!row || Date.now() - row.requestedAt.getTime() > STALE_MS) await requestReportPdf(pool, jobs, consultationId);
  return { state: 'pending' };
}

interface MakeContext {
  db: Db;
  storage: FileStorage;
  now: Date;
  site: { name: string; cityHall: string };
}

/**
 * Makes the PDF for the latest request: written to tmp/, moved into place, then recorded for the request
 * it answers (a later request stays pending); the file it replaces is removed after.
 */
export async function makeReportPdf(ctx: MakeContext, consultationId: number): Promise<'made' | 'skipped'> {
  const request = await ctx.db.reportPdf.findUnique({ where: { consultationId } });
  const c = await publishedReportById(ctx.db, consultationId);
  if (!request || !c) return 'skipped';
  if (request.builtFor?.getTime() === request.requestedAt.getTime()) return 'skipped';
  // The stored PDF is the site's language; the page itself follows the reader's.
  const fmt = viewFormat('pl');
  const view = await reportContent(ctx.db, fmt, c, ctx.now);
  const tmp = ctx.storage.tmpPath();
  const storedName = FileStorage.newStoredName('pdf');
  try {
    const out = fs.createWriteStream(tmp);
    writeReportPdf(out, fmt, view, ctx.site);
    await finished(out);
    const { size } = await fs.promises.stat(tmp);
    await ctx.storage.put(tmp, storedName);
    try {
      const previous = await ctx.db.$transaction(async (tx) => {
        const before = await tx.reportPdf.findUniqueOrThrow({ where: { consultationId }, select: { storedName: true } });
        await tx.reportPdf.update({ where: { consultationId }, data: { builtFor: request.requestedAt, storedName, sizeBytes: size } });
        return before.storedName;
      });
      if (previous && previous !== storedName) await ctx.storage.remove(previous);
    } catch (error) {
      await ctx.storage.remove(storedName);
      throw error;
    }
  } finally {
    await ctx.storage.discard([tmp]);
  }
  return 'made';
}
