// Streamed CSV and XLSX downloads: headers plus an async iterable of rows, written to the response as
// they come with back-pressure, so memory stays flat however many rows there are.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
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

/** Dates as people in the city read them: "2026-11-24 18:30" in Warsaw time. */
function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const { date, time } = warsawParts(cell);
    return `${date} ${time}`;
  }
  if (typeof cell === 'string') return neutraliseFormula(cell);
  if (typeof cell === 'boolean') return cell ? 'tak' : 'nie';
  return String(cell);
}

function startDownload(res: Response, format: TabularFormat, fileName: string) {
  res.statusCode = 200;
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', contentDisposition('attachment', `${fileName}.${format}`));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** CSV (RFC 4180: quotes doubled, fields with , " or line breaks quoted, CRLF) with a BOM for Excel. */
export async function streamCsv(res: Response, spec: TabularExport): Promise<void> {
  startDownload(res, 'csv', spec.fileName);
  const source = Readable.from(
    (async function* () {
      yield spec.columns.map((c) => neutraliseFormula(c));
      for await (const row of spec.rows) yield row.map(csvCell);
    })(),
  );
  // csv-stringify quotes only where RFC 4180 requires; the BOM makes Excel read UTF-8 (ą, ł, ż).
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  await pipeline(source, csv, res).catch((error: unknown) => failMidStream(res, error));
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
