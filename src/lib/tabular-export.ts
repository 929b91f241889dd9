// Streamed CSV and XLSX downloads: headers plus an async iterable of rows, written to the response as
// they come with back-pressure, so memory stays flat however many rows there are.
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
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
