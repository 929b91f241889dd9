// The pure rules of uploads: file names kept for display, the download header, sizes in Polish.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanFileName, DOCUMENT_TYPES, extensionOf, inspectFile, typeOfExtension } from '../../src/features/attachments/file-types.js';
import { thumbnailSize } from '../../src/features/attachments/images.js';
import { asciiFallback, contentDisposition } from '../../src/http/content-disposition.js';
import { formatters } from '../../src/i18n/i18n.js';

describe('cleanFileName', () => {
  it.each([
    ['../../x.pdf', 'x.pdf'],
    ['..\\..\\Windows\\raport.docx', 'raport.docx'],
    ['C:\\Users\\anna\\Pulpit\\Uchwała nr 715.pdf', 'Uchwała nr 715.pdf'],
    ['/etc/passwd', 'passwd'],
    ['...ukryty.pdf', 'ukryty.pdf'],
    ['  Harmonogram   działań .pdf ', 'Harmonogram działań .pdf'],
    ['raport\u202Efdp.exe', 'raportfdp.exe'],
    ['zero\u200Bwidth\u0000nul\u0007.pdf', 'zerowidthnul.pdf'],
    ['Załącznik – opis ąęł.pdf', 'Załącznik – opis ąęł.pdf'],
    ['Zaz\u0307o\u0301ł.pdf', 'Zażół.pdf'],
    ['miniatura.webp', 'miniatura-1.webp'],
    ['MINIATURA.WEBP', 'miniatura-1.webp'],
    ['..', 'plik'],
    ['', 'plik'],
  ])('%j becomes %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('cuts a long name to 200 characters, keeping the extension and whole characters', () => {
    const name = cleanFileName(`${'ż'.repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('ż.pdf')).toBe(true);
  });

  it('never returns a name with a folder, a control character or a leading dot, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = cleanFileName(raw);
        expect(name).not.toMatch(/[/\\]|\p{Cc}|^\./u);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(200);
      }),
    );
  });
});

describe('types', () => {
  it('knows each allowed extension in any case, and nothing else', () => {
    expect(typeOfExtension('PDF')?.label).toBe('PDF');
    expect(typeOfExtension('jpeg')?.label).toBe('JPG');
    for (const bad of ['exe', 'html', 'svg', 'js', 'zip', '']) expect(typeOfExtension(bad)).toBeUndefined();
    expect(DOCUMENT_TYPES.map((t) => t.label)).toEqual(['PDF', 'DOC', 'DOCX', 'ODT', 'RTF', 'XLS', 'XLSX', 'ODS', 'CSV', 'PPT', 'PPTX', 'ODP', 'JPG', 'PNG', 'WebP']);
    expect(extensionOf('archiwum.tar.GZ')).toBe('gz');
    expect(extensionOf('.pdf')).toBe('');
  });
});

describe('a CSV file is UTF-8 text', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-csv-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const check = async (content: Buffer) => {
    const file = path.join(dir, 'dane.csv');
    fs.writeFileSync(file, content);
    const result = await inspectFile(file, 'dane.csv', content.length, DOCUMENT_TYPES);
    return result.ok ? 'ok' : result.reason;
  };
  // The check reads 64 KiB at a time: a character cut by that boundary (ż is 2 bytes, € 3, 🚲 4) is whole.
  const straddling = (char: string, shift: number) => Buffer.concat([Buffer.from('a'.repeat(64 * 1024 - shift)), Buffer.from(`${char};zażółć gęślą jaźń\n`.repeat(5000))]);

  it('accepts Polish text, whatever falls on the boundaries of its reads', async () => {
    for (const [char, bytes] of [['ż', 2], ['€', 3], ['🚲', 4]] as const) {
      for (let shift = 1; shift < bytes; shift++) expect(await check(straddling(char, shift))).toBe('ok');
    }
    expect(await check(Buffer.from('\uFEFFlp;ulica\n1;Mirowska\n'))).toBe('ok');
  });

  it('refuses a file saved in Windows-1250, one cut inside a character, with a NUL byte, or starting like a web page', async () => {
    expect(await check(Buffer.from('lp;ulica\n1;Aleja Wolno\x9Cci\n', 'latin1'))).toBe('encoding');
    expect(await check(Buffer.concat([straddling('ż', 1), Buffer.from([0xe2, 0x82])]))).toBe('encoding');
    // Far into the file, past the first read.
    expect(await check(Buffer.concat([straddling('ż', 1), Buffer.from('\xff', 'latin1'), Buffer.from('koniec\n')]))).toBe('encoding');
    expect(await check(Buffer.concat([straddling('ż', 1), Buffer.from([0])]))).toBe('content');
    expect(await check(Buffer.from('\uFEFF  <html><body>x</body></html>'))).toBe('content');
  });
});

describe('Content-Disposition', () => {
  it('gives the UTF-8 name (RFC 5987) and an ASCII fallback with Polish letters simplified', () => {
    expect(contentDisposition('attachment', 'Załącznik – opis ąęł.pdf')).toBe(
      `attachment; filename="Zalacznik - opis ael.pdf"; filename*=UTF-8''Za%C5%82%C4%85cznik%20%E2%80%93%20opis%20%C4%85%C4%99%C5%82.pdf`,
    );
    expect(contentDisposition('inline', "Plan (wersja 2) *nowy* 'A'.png")).toBe(`inline; filename="Plan (wersja 2) *nowy* 'A'.png"; filename*=UTF-8''Plan%20%28wersja%202%29%20%2Anowy%2A%20%27A%27.png`);
    expect(asciiFallback('ŁÓDŹ „cytat” \\ "x".pdf')).toBe('LODZ _cytat_ _ _x_.pdf');
  });
});

describe('sizes', () => {
  it('reads like "1,2 MB" in Polish and "1.2 MB" in English', () => {
    const pl = formatters('pl');
    expect([0, 820, 14_500, 1_258_291, 25 * 1024 * 1024].map(pl.formatFileSize)).toEqual(['0 B', '820 B', '14 kB', '1,2 MB', '25 MB']);
    expect(formatters('en').formatFileSize(1_258_291)).toBe('1.2 MB');
  });

  it('scales a thumbnail to 400 px wide, never up', () => {
    expect(thumbnailSize(1600, 1200)).toEqual({ width: 400, height: 300 });
    expect(thumbnailSize(300, 200)).toEqual({ width: 300, height: 200 });
    expect(thumbnailSize(null, null)).toBeNull();
  });
});
