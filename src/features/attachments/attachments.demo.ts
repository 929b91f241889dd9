// Demo files for the 2010 model consultation: its seven documents and a small photo gallery, made in
// code and stored through the same service as uploads (checks, thumbnails, no EXIF, audit log).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import sharp from 'sharp';
import type { Db } from '../../db/client.js';
import { hasHtmlVersion, makeDocumentHtml } from '../documents/document-html.service.js';
import { addAttachments } from './attachments.service.js';
import type { FileStorage } from './storage.js';

export const DEMO_CONSULTATION_SLUG = 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie';

/** A one-page PDF with lines of text. The built-in PDF fonts have no ą, ł, ż...: the text is simplified. */
export function pdf(lines: string[]): Buffer {
  const ascii = (s: string) => s.replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFKD').replace(/\p{M}/gu, '').replace(/[–—]/g, '-').replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '\\$&');
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 22} Td (${ascii(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** An RTF document; Polish letters as RTF Unicode escapes, so word processors show them. */
function rtf(lines: string[]): Buffer {
  const escape = (s: string) => Array.from(s).map((c) => (c.charCodeAt(0) < 128 ? c.replace(/[\\{}]/g, '\\$&') : `\\u${c.charCodeAt(0)}?`)).join('');
  const [title = '', ...rest] = lines;
  return Buffer.from(`{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs32\\b ${escape(title)}\\b0\\fs22\\par\n${rest.map((l) => `${escape(l)}\\par`).join('\n')}\n}`, 'latin1');
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A document's contents: headings (`## `, as in Markdown) and paragraphs. */
type Outline = string[];

/**
 * A Word document (DOCX) with the named styles "heading 2" and a plain paragraph style, as Word writes
 * them, so its HTML version (issue 12) shows headings: the smallest package Word and mammoth open.
 */
export function docx(outline: Outline): Buffer {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const body = outline
    .map((line) => (line.startsWith('## ') ? `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">${xmlText(line.slice(3))}</w:t></w:r></w:p>` : `<w:p><w:r><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`))
    .join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
      'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/></Relationships>`),
      'word/styles.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style></w:styles>`,
      ),
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    }),
  );
}

/** An OpenDocument text (ODT): the stored mimetype entry first, as LibreOffice writes it, then its content. */
export function odt(outline: Outline): Buffer {
  const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
  const body = outline.map((line) => (line.startsWith('## ') ? `<text:h text:outline-level="2">${xmlText(line.slice(3))}</text:h>` : `<text:p>${xmlText(line)}</text:p>`)).join('');
  return Buffer.from(
    zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:body><office:text>${body}</office:text></office:body></office:document-content>`),
      'META-INF/manifest.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      ),
    }),
  );
}

/** A drawing as a stand-in for a photo (the alternative text says what it shows). */
export function drawing(shapes: string, sky = '#bcd9f2', ground = '#7fb069'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="520" fill="${sky}"/><rect y="520" width="1200" height="280" fill="${ground}"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

const trees = [120, 260, 940, 1080].map((x) => `<rect x="${x - 8}" y="470" width="16" height="80" fill="#6b4f2a"/><circle cx="${x}" cy="450" r="60" fill="#2f7d32"/>`).join('');
const windows = Array.from({ length: 18 }, (_, i) => `<rect x="${380 + (i % 6) * 75}" y="${230 + Math.floor(i / 6) * 90}" width="40" height="55" fill="#f4e7b5"/>`).join('');
const chairs = Array.from({ length: 24 }, (_, i) => `<rect x="${240 + (i % 8) * 95}" y="${560 + Math.floor(i / 8) * 70}" width="50" height="40" rx="6" fill="#9c2f2f"/>`).join('');

async function documents() {
  return [
    { name: 'Harmonogram działań.pdf', content: pdf(['Harmonogram działań', 'Konsultacje zasad i trybu konsultacji społecznych, 23.04-25.05.2010', '23.04 - ogłoszenie konsultacji i ankiety', '05.05 - szkolenie z Polskim Instytutem Mediacji', '18.05 - spotkanie z mieszkańcami', '25.05 - koniec zbierania ankiet']) },
    { name: 'Ankieta.rtf', content: rtf(['Ankieta', 'Jak chcesz, żeby Urząd pytał mieszkańców o zdanie?', '1. Czy brałeś/brałaś udział w konsultacjach społecznych? (tak / nie)', '2. Która forma konsultacji jest dla Ciebie najwygodniejsza?', '3. Gdzie szukasz informacji o konsultacjach?']) },
    { name: 'Prezentacja.pdf', content: pdf(['Prezentacja', 'Po co konsultujemy?', 'Kto może rozpocząć konsultacje?', 'Jak długo trwają i jak informujemy o wynikach?']) },
    { name: 'Jak napisać uchwałę – poradnik.pdf', content: pdf(['Jak napisać uchwałę - poradnik', 'Tytuł, podstawa prawna, przepisy merytoryczne, przepisy końcowe.', 'Każdy przepis w osobnym paragrafie; jedno zdanie, jedna myśl.']) },
    { name: 'Wyniki ankiety.csv', content: Buffer.from('Pytanie;Odpowiedź;Liczba odpowiedzi\nNajwygodniejsza forma;formularz internetowy;512\nNajwygodniejsza forma;spotkanie w dzielnicy;377\nNajwygodniejsza forma;ankieta papierowa;360\nRazem ważnych ankiet;;1249\n', 'utf8') },
    { name: 'Sprawozdanie z przeprowadzonych konsultacji.rtf', content: rtf(['Sprawozdanie z przeprowadzonych konsultacji', 'W dniach 23 kwietnia – 25 maja 2010 r. zebrano 1249 ważnych ankiet w 20 radach dzielnic i przez internet.', 'Wnioski posłużyły do przygotowania projektu uchwały w sprawie zasad i trybu konsultacji.']) },
    // Word and LibreOffice files, so the demo shows (and the site sweep visits) their HTML versions.
    {
      name: 'Projekt uchwały w sprawie zasad i trybu konsultacji.docx',
      content: docx([
        'Projekt uchwały Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami',
        '## Rozdział 1. Przepisy ogólne',
        '§ 1. Uchwała określa zasady i tryb przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy.',
        '§ 2. Konsultacje przeprowadza się w sprawach ważnych dla miasta lub jego dzielnic.',
        '## Rozdział 2. Formy konsultacji',
        '§ 3. Konsultacje mogą mieć formę ankiety, otwartego spotkania z mieszkańcami, zbierania uwag na piśmie lub przez internet.',
        '§ 4. Konsultacje trwają nie krócej niż 21 dni; o ich wynikach informuje się w ciągu 30 dni od zakończenia.',
      ]),
    },
    {
      name: 'Regulamin spotkania z mieszkańcami.odt',
      content: odt([
        '## Przebieg spotkania',
        'Spotkanie prowadzi moderator: przedstawia cel konsultacji, udziela głosu i pilnuje czasu wypowiedzi.',
        'Każdy uczestnik może zabrać głos do 3 minut; uwagi zapisuje protokolant.',
        '## Po spotkaniu',
        'Protokół ze spotkania publikuje się na stronie konsultacji w ciągu 7 dni.',
      ]),
    },
    { name: 'Odpowiedzi na inne pytania.pdf', content: pdf(['Odpowiedzi na inne pytania', 'Czy konsultacje są wiążące? Nie, z wyjątkiem budżetu obywatelskiego.', 'Czy trzeba podać adres e-mail? Nie, udział jest możliwy bez niego.']) },
  ];
}

async function photos() {
  return [
    { name: 'Spotkanie z mieszkańcami.jpg', altText: 'Rysunek: sala spotkania, stół prowadzących i trzy rzędy czerwonych krzeseł', title: 'Spotkanie z mieszkańcami, maj 2010', content: await drawing(`<rect x="420" y="420" width="360" height="90" fill="#5a4632"/>${chairs}`, '#e8e2d6', '#c9b99a') },
    { name: 'Urząd Miasta.jpg', altText: 'Rysunek: trzypiętrowy budynek urzędu z oświetlonymi oknami, drzewa po obu stronach', title: 'Punkt konsultacyjny w Urzędzie Miasta', content: await drawing(`<rect x="340" y="180" width="520" height="370" fill="#d8cfc4"/><polygon points="320,180 600,90 880,180" fill="#8a3b2e"/>${windows}${trees}`) },
    { name: 'Spacer studyjny.jpg', altText: 'Rysunek: park z alejką prowadzącą między drzewami', title: 'Spacer studyjny', content: await drawing(`<polygon points="560,800 640,800 620,520 580,520" fill="#d9c8a0"/>${trees}`) },
  ];
}

/** Stores the demo files unless the 2010 consultation is missing or already has files. */
export async function seedDemoAttachments(db: Db, storage: FileStorage): Promise<number> {
  const consultation = await db.consultation.findUnique({ where: { slug: DEMO_CONSULTATION_SLUG }, select: { id: true } });
  if (!consultation || (await db.attachment.count({ where: { consultationId: consultation.id } })) > 0) return 0;
  const ctx = { db, storage };
  const acting = { userId: null, ip: undefined };
  // As multer would leave them: files in tmp/ under random names; the service takes them from there.
  const received = (content: Buffer, originalName: string) => {
    const file = path.join(storage.tmpDir, crypto.randomBytes(16).toString('hex'));
    fs.writeFileSync(file, content);
    return { path: file, originalName, size: content.length };
  };
  const docs = await addAttachments(ctx, acting, consultation.id, 'DOCUMENT', (await documents()).map((d) => received(d.content, d.name)), 'files');
  // The upload handler queues their HTML versions; the seed has no job queue, so it makes them at once.
  for (const doc of docs.filter((d) => hasHtmlVersion(d))) await makeDocumentHtml({ db, storage, now: new Date() }, doc.id);
  let count = docs.length;
  for (const photo of await photos()) {
    await addAttachments(ctx, acting, consultation.id, 'IMAGE', [received(photo.content, photo.name)], 'file', { altText: photo.altText, title: photo.title, description: '' });
    count += 1;
  }
  return count;
}
