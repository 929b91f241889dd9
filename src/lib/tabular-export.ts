// Streamed CSV and XLSX downloads: headers plus an async iterable of rows, written to the response as
// they come with back-pressure, so memory stays flat however many rows there are; or a CSV that
// PostgreSQL writes itself with COPY, for exports of a million rows.
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { contentDisposition } from '../http/content-disposition.js';
import { warsawParts } from './dates.js';

export type Cell = string | number | boolean | Date | null | undefined;
export type TabularFormat = 'csv' | 'xlsx';
export const TABULAR_FORMATS: readonly TabularFormat[] = ['csv', 'xlsx'];

export interface TabularExport {
  /** The download's name without the extension, e.g. "ankieta-12-odpowiedzi". */
  fileName: string;
  columns: readonly string[];
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>;
  /** The worksheet's name in XLSX (Excel allows 31 characters). */
  sheetName?: string;
}

const CONTENT_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A spreadsheet opening the CSV would run a cell starting with = + - @ (or a tab / carriage return
 * that hides one) as a formula (OWASP "CSV injection"); a leading apostrophe makes it plain text.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Dates as people in the city read them: "2026-11-24 18:30" in Warsaw time. Intl formatting costs
 * microseconds a call, too much for a million rows, so Warsaw's offset is looked up once per UTC hour
 * (the clocks change on the hour) and the rest is arithmetic.
 */
const warsawOffsets = new Map<number, number>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
export function warsawMinuteText(at: Date): string {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let offset = warsawOffsets.get(hour);
  if (offset === undefined) {
    const { date, time } = warsawParts(new Date(hour * 3_600_000));
    offset = Date.parse(`${date}T${time}:00Z`) - hour * 3_600_000;
    if (warsawOffsets.size > 100_000) warsawOffsets.clear();
    warsawOffsets.set(hour, offset);
  }
  const local = new Date(at.getTime() + offset);
  return `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/**
 * The same cells built in SQL, for a CSV that PostgreSQL writes with COPY (`streamCopyCsv`). COPY's CSV
 * quotes exactly as `csvLine` (a field with , " CR or LF, quotes doubled) and writes NULL as nothing,
 * but it quotes an empty string, so empty text becomes NULL here.
 */
export const csvSql = {
  /** A text cell: a formula neutralised as `neutraliseFormula` does ('=' '+' '-' '@' tab CR), '' as NULL. `expr` is read twice: pass a column. */
  text: (expr: string) => `CASE WHEN ascii(${expr}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${expr} ELSE nullif(${expr}, '') END`,
  /**
   * A timestamptz as `warsawMinuteText`: "2026-11-24 18:30" in Warsaw time, the first 16 characters of its
   * ISO text in a session on Warsaw time, which `streamCopyCsv` sets (half the cost of `to_char(… AT TIME ZONE …)`).
   */
  warsawMinute: (expr: string) => `left(${expr}::text, 16)`,
};

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return warsawMinuteText(cell);
  if (typeof cell === 'string') return neutraliseFormula(cell);
  if (typeof cell === 'boolean') return cell ? 'tak' : 'nie';
  return String(cell);
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;
function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const text = csvCell(cells[i]);
    line += (i === 0 ? '' : ',') + (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  }
  return `${line}\r\n`;
}

function startDownload(res: Response, format: TabularFormat, fileName: string) {
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', contentDisposition('attachment', `${fileName}.${format}`));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * CSV (RFC 4180: quotes doubled, fields with , " or line breaks quoted, CRLF) with a BOM for Excel.
 * Rows are joined into 64 KB chunks written with back-pressure (the next rows are read only once the
 * response has taken the chunk), so a million rows stream at the database's pace in flat memory; a
 * stream per row (csv-stringify behind Readable.from) managed about 20,000 rows a second.
 */
export async function streamCsv(res: Response, spec: TabularExport): Promise<void> {
  startDownload(res, 'csv', spec.fileName);
  try {
    let chunk = `\uFEFF${csvLine(spec.columns.map((c) => neutraliseFormula(c)))}`;
    for await (const row of spec.rows) {
      chunk += csvLine(row);
      if (chunk.length >= CSV_CHUNK) {
        // The client went away: stop reading (the iterator closes its cursor).
        if (!(await writeWithBackPressure(res, chunk))) return;
        chunk = '';
      }
    }
    res.end(chunk);
  } catch (error) {
    failMidStream(res, error);
  }
}

const CSV_CHUNK = 64 * 1024;

/** Writes a chunk; when the response's buffer is full, waits until it drains. False once the client is gone. */
async function writeWithBackPressure(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
  return !res.destroyed;
}

/**
 * A CSV written by PostgreSQL: `select` (its cells built with `csvSql`) runs as `COPY (…) TO STDOUT WITH
 * (FORMAT csv)` and its bytes go to the response as they come, with the BOM and header of `streamCsv`
 * before them and CRLF for COPY's LF. Back-pressure reaches the server: while the client is slow the copy
 * stream stops reading the socket and PostgreSQL waits on its send. A million rows without a JavaScript
 * object per row (decision 50). A client that goes away ends the COPY: the connection is closed under
 * it (the server stops at its next send) and left out of the pool.
 */
export async function streamCopyCsv(res: Response, pool: pg.Pool, spec: { fileName: string; columns: readonly string[]; select: string }): Promise<void> {
  const client = await pool.connect();
  try {
    // Warsaw time and ISO dates for csvSql.warsawMinute; no parallel workers, which would each run the whole
    // inner side of the survey export's merge join.
    await client.query(`BEGIN READ ONLY; SET LOCAL TimeZone = 'Europe/Warsaw'; SET LOCAL DateStyle = 'ISO'; SET LOCAL max_parallel_workers_per_gather = 0`);
    startDownload(res, 'csv', spec.fileName);
    res.write(`\uFEFF${csvLine(spec.columns.map((c) => neutraliseFormula(c)))}`);
    const copy = client.query(copyTo(`COPY (${spec.select}) TO STDOUT WITH (FORMAT csv)`));
    // The client's end of the connection reports the COPY's end once more, after the pipeline is done with it.
    copy.on('error', () => undefined);
    await pipeline(copy, crlfRows(), res);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    // Whatever state the COPY is in, this connection is not reused: released with the error, the pool ends
    // it, and pg closes the socket of a client whose query still runs, so the server stops at its next send.
    client.release(error instanceof Error ? error : true);
    if (!res.headersSent) throw error;
    if (isClientGone(error)) return;
    failMidStream(res, error);
  }
}

/** The response closed before its end (the browser went away), as the pipeline reports it. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);
const isClientGone = (error: unknown) => CLIENT_GONE.has((error as { code?: string } | null)?.code ?? '');

/**
 * COPY ends rows with LF; the CSV has always ended them with CRLF (RFC 4180). A line break inside a quoted
 * field is data and stays as it is: quotes toggle the state (a doubled quote toggles twice), across chunks.
 */
export function crlfRows(): Transform {
  let quoted = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const ends: number[] = [];
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) ends.push(i);
      }
      if (ends.length === 0) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length + ends.length);
      let from = 0;
      let at = 0;
      for (const end of ends) {
        at += chunk.copy(out, at, from, end);
        out[at++] = 0x0d;
        from = end; // the LF itself is copied with the next piece
      }
      chunk.copy(out, at, from);
      done(null, out);
    },
  });
}

/** XLSX through exceljs's streaming writer: each row is committed (written out) before the next is read. */
export async function streamXlsx(res: Response, spec: TabularExport): Promise<void> {
  startDownload(res, 'xlsx', spec.fileName);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet((spec.sheetName ?? 'Dane').slice(0, 31));
  const header = sheet.addRow([...spec.columns]);
  header.font = { bold: true };
  header.commit();
  try {
    for await (const row of spec.rows) {
      if (res.destroyed) return; // the client went away: stop reading (the iterator closes its cursor)
      sheet.addRow(row.map((cell) => (cell === undefined ? null : cell))).commit();
      while (xlsxBacklog(sheet) > XLSX_MAX_BACKLOG && !res.destroyed) await delay(5);
    }
    sheet.commit();
    await workbook.commit();
  } catch (error) {
    failMidStream(res, error);
  }
}

// exceljs's sheet stream ignores back-pressure: it buffers rows (64 KB blocks) and writes them into the
// zip's deflate stream without waiting. So we look at what is queued there and wait while the client,
// through the zip and the response, has not taken it yet. Verified by tests/unit/tabular-export.test.ts.
const XLSX_MAX_BACKLOG = 1024 * 1024;
interface SheetStreamInternals {
  // The pipes are readable-stream 3 PassThroughs, which have no `writableLength` getter.
  _stream?: { buffers?: unknown[]; bufSize?: number; pipes?: Array<{ _writableState?: { length: number } }> };
}
function xlsxBacklog(sheet: unknown): number {
  const stream = (sheet as SheetStreamInternals)._stream;
  if (!stream) return 0;
  const own = (stream.buffers?.length ?? 0) * (stream.bufSize ?? 65536);
  return own + (stream.pipes ?? []).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
}

export function streamTabular(res: Response, format: TabularFormat, spec: TabularExport): Promise<void> {
  return format === 'xlsx' ? streamXlsx(res, spec) : streamCsv(res, spec);
}

/**
 * Once bytes are sent the status cannot change: cut the connection so the download fails visibly
 * rather than leaving a file that looks complete.
 */
function failMidStream(res: Response, error: unknown): never {
  res.destroy(error instanceof Error ? error : new Error(String(error)));
  throw error; // logged once by the error handler, which leaves a started response alone
}

/** Pages through a keyset query so a large export never holds more than one page in memory. */
export async function* keysetPages<Row, Key>(fetchPage: (after: Key | null) => Promise<Row[]>, keyOf: (row: Row) => Key): AsyncGenerator<Row> {
  let after: Key | null = null;
  for (;;) {
    const page = await fetchPage(after);
    if (page.length === 0) return;
    yield* page;
    after = keyOf(page[page.length - 1]!);
  }
}
