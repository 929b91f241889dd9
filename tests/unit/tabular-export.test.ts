// The shared CSV / XLSX download: what a spreadsheet user gets, and that it streams with back-pressure.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import express from 'express';
import request from 'supertest';
import { download } from '../helpers/uploads.js';
import { afterEach, describe, expect, it } from 'vitest';
import { neutraliseFormula, streamTabular, type Cell, type TabularFormat } from '../../src/lib/tabular-export.js';

function appWith(format: TabularFormat, rows: () => AsyncIterable<Cell[]> | Iterable<Cell[]>, columns = ['Nr', 'Odpowiedź', 'Data']) {
  const app = express();
  app.get('/export', async (_req, res) => {
    await streamTabular(res, format, { fileName: 'ankieta-wyniki żółć', columns, rows: rows(), sheetName: 'Odpowiedzi' });
  });
  // Like the app's error handler: a response already started is left alone.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    res.status(500).send('error');
  });
  return app;
}

const sample: Cell[][] = [
  [1, 'Zwykła odpowiedź, z przecinkiem', new Date('2026-11-24T17:30:00Z')],
  [2, 'Cytat "w cudzysłowie"\ni nowa linia', null],
  [3, '=HYPERLINK("http://zlo.example")', undefined],
  [-4, '+48 123', new Date('2026-07-01T08:05:00Z')],
  [5, '@SUMA(A1)', null],
  [6, '-1+2', null],
];

describe('CSV export', () => {
  it('starts with a BOM, quotes by RFC 4180, ends lines with CRLF and names the file', async () => {
    const res = await download(request.agent(appWith('csv', () => sample)), '/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''ankieta-wyniki%20%C5%BC%C3%B3%C5%82%C4%87.csv`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    expect(text.split('\r\n')).toEqual([
      'Nr,Odpowiedź,Data',
      '1,"Zwykła odpowiedź, z przecinkiem",2026-11-24 18:30',
      '2,"Cytat ""w cudzysłowie""\ni nowa linia",',
      `3,"'=HYPERLINK(""http://zlo.example"")",`,
      "-4,'+48 123,2026-07-01 10:05",
      "5,'@SUMA(A1),",
      "6,'-1+2,",
      '',
    ]);
  });

  it('keeps negative numbers as numbers and only neutralises text that a spreadsheet would run', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('Zwykły tekst = nic')).toBe('Zwykły tekst = nic');
  });
});

describe('XLSX export', () => {
  it('writes a workbook a spreadsheet opens: header row, text, numbers and dates in their types', async () => {
    const res = await download(request.agent(appWith('xlsx', async function* () { yield* sample; })), '/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Odpowiedzi')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nr', 'Odpowiedź', 'Data']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('B3').value).toBe('Cytat "w cudzysłowie"\ni nowa linia');
    // Text cells in XLSX are never evaluated, so the formula stays as the resident typed it.
    expect(sheet.getCell('B4').value).toBe('=HYPERLINK("http://zlo.example")');
    expect(sheet.getCell('A5').value).toBe(-4);
    expect(sheet.getCell('C2').value).toEqual(new Date('2026-11-24T17:30:00Z'));
  });
});

describe('streaming', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Offers a million generated rows; the client reads the first bytes, then stops reading. */
  async function pausedDownload(format: TabularFormat) {
    const total = 1_000_000;
    let produced = 0;
    let producedAtFirstBytes = 0;
    const rows = async function* () {
      for (let i = 1; i <= total; i++) {
        produced = i;
        // Random text, so that compression (XLSX is a zip) does not hide how much was produced.
        yield [i, randomBytes(100).toString('base64'), i * 0.5];
      }
    };
    server = http.createServer(appWith(format, rows));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const req = http.get({ port, host: '127.0.0.1', path: '/export' });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    await new Promise((resolve) => res.once('data', resolve));
    producedAtFirstBytes = produced;
    res.pause();
    // The sockets' buffers (a few MB on loopback) fill first; then the producer must stop: wait until
    // it has produced nothing for half a second (at most 20 s on a busy machine).
    let stopped = false;
    for (let waited = 0; waited < 20_000 && !stopped; waited += 500) {
      const before = produced;
      await new Promise((resolve) => setTimeout(resolve, 500));
      stopped = produced === before;
    }
    req.destroy();
    return { total, produced, producedAtFirstBytes, stopped };
  }

  it.each(['csv', 'xlsx'] as const)('%s: stops reading rows while the client is not reading (constant memory)', async (format) => {
    const { total, produced, stopped } = await pausedDownload(format);
    expect(stopped).toBe(true);
    expect(produced).toBeLessThan(total / 4);
  });

  it('csv: the first bytes of a million-row export arrive long before the last row is read', async () => {
    const { total, producedAtFirstBytes } = await pausedDownload('csv');
    expect(producedAtFirstBytes).toBeGreaterThan(0);
    expect(producedAtFirstBytes).toBeLessThan(total / 4);
  });

  it.each(['csv', 'xlsx'] as const)('%s: a failure half-way cuts the download instead of ending it like a whole file', async (format) => {
    const rows = async function* () {
      for (let i = 1; i <= 5000; i++) {
        if (i === 4000) throw new Error('database went away');
        yield [i, 'x'.repeat(100), null];
      }
    };
    server = http.createServer(appWith(format, rows));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/export' }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.complete ? 'complete' : 'incomplete'));
        res.on('error', () => resolve('aborted'));
        res.on('aborted', () => resolve('aborted'));
      });
      req.on('error', () => resolve('aborted'));
    });
    expect(outcome).not.toBe('complete');
  });
});
