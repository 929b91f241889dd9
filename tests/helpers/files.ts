// Small but genuine files of every allowed type, made in code (no binary fixtures to keep in git):
// what file-type must recognise, and what sharp must be able to read.
import zlib from 'node:zlib';
import sharp from 'sharp';

/**
 * A ZIP archive, enough for the Office Open XML and ODF containers: entries stored, or deflated when
 * asked; `declaredSize` makes an entry lie about its inflated size (for hostile archives).
 */
export function zip(entries: { name: string; data: string | Buffer; deflate?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const crc = zlib.crc32(raw);
    const data = entry.deflate ? zlib.deflateRawSync(raw) : raw;
    const method = entry.deflate ? 8 : 0;
    const size = entry.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function openXml(folder: 'word' | 'xl' | 'ppt', main: string, contentType: string): Buffer {
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${folder}/${main}" ContentType="${contentType}"/></Types>`;
  return zip([
    { name: '[Content_Types].xml', data: types },
    { name: `${folder}/${main}`, data: '<?xml version="1.0" encoding="UTF-8"?><root>Harmonogram działań</root>' },
  ]);
}

function openDocument(mime: string): Buffer {
  return zip([
    { name: 'mimetype', data: mime },
    { name: 'content.xml', data: '<?xml version="1.0" encoding="UTF-8"?><office:document-content>Wyniki ankiety</office:document-content>' },
  ]);
}

/** The header of a Compound File (the container of .doc, .xls and .ppt) followed by empty sectors. */
function compoundFile(): Buffer {
  const file = Buffer.alloc(1536, 0xff);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.fill(0, 8, 512);
  return file;
}

export function pdf(text = 'Harmonogram konsultacji'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

export async function image(format: 'jpeg' | 'png' | 'webp', width = 640, height = 480): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 11, g: 79, b: 138 } } });
  return base.toFormat(format).toBuffer();
}

/** A JPEG as phones make them: EXIF with an author and a camera, and an orientation to apply (rotated 90°). */
export async function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Jan Kowalski', Make: 'Aparat', Model: 'Testowy 1', ImageDescription: 'Ulica Mstowska 12' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export interface Sample {
  name: string;
  content: Buffer;
  /** The Content-Type a download must carry. */
  contentType: string;
  format: string;
}

/** One file of each allowed type, named with Polish characters. */
export async function samplesOfEachType(): Promise<Sample[]> {
  return [
    { name: 'Harmonogram działań.pdf', content: pdf(), contentType: 'application/pdf', format: 'PDF' },
    { name: 'Ankieta – wersja papierowa.doc', content: compoundFile(), contentType: 'application/msword', format: 'DOC' },
    { name: 'Jak napisać uchwałę – poradnik.docx', content: openXml('word', 'document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', format: 'DOCX' },
    { name: 'Sprawozdanie z konsultacji.odt', content: openDocument('application/vnd.oasis.opendocument.text'), contentType: 'application/vnd.oasis.opendocument.text', format: 'ODT' },
    { name: 'Odpowiedzi na inne pytania.rtf', content: Buffer.from('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0 Odpowiedzi\\par}', 'latin1'), contentType: 'application/rtf', format: 'RTF' },
    { name: 'Wyniki ankiety 2010.xls', content: compoundFile(), contentType: 'application/vnd.ms-excel', format: 'XLS' },
    { name: 'Wyniki ankiety – dzielnice.xlsx', content: openXml('xl', 'workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', format: 'XLSX' },
    { name: 'Zestawienie uwag.ods', content: openDocument('application/vnd.oasis.opendocument.spreadsheet'), contentType: 'application/vnd.oasis.opendocument.spreadsheet', format: 'ODS' },
    { name: 'Liczba uwag – Błeszno, Dźbów.csv', content: Buffer.from('Lp.;Dzielnica;Liczba uwag\n1;Błeszno;12\n2;Dźbów;7\n', 'utf8'), contentType: 'text/csv; charset=utf-8', format: 'CSV' },
    { name: 'Prezentacja 2010.ppt', content: compoundFile(), contentType: 'application/vnd.ms-powerpoint', format: 'PPT' },
    { name: 'Prezentacja – spotkanie.pptx', content: openXml('ppt', 'presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'), contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', format: 'PPTX' },
    { name: 'Prezentacja wyników.odp', content: openDocument('application/vnd.oasis.opendocument.presentation'), contentType: 'application/vnd.oasis.opendocument.presentation', format: 'ODP' },
    { name: 'Mapa obszaru – Mirów.jpg', content: await image('jpeg'), contentType: 'image/jpeg', format: 'JPG' },
    { name: 'Plan zagospodarowania.png', content: await image('png'), contentType: 'image/png', format: 'PNG' },
    { name: 'Wizualizacja placu.webp', content: await image('webp'), contentType: 'image/webp', format: 'WebP' },
  ];
}

const ODF_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';

/**
 * An OpenDocument text (ODT) as LibreOffice writes one: the mimetype entry first, content.xml with
 * `body` (ODF XML inside office:text, written with the text:/table:/draw: prefixes) and the
 * automatic list styles `styles` (text:list-style elements), deflated like a real file.
 */
export function odt(body: string, styles = ''): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES} office:version="1.3"><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    { name: 'content.xml', data: content, deflate: true },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>', deflate: true },
  ]);
}

/** A list style as LibreOffice writes it: level 1 numbered "1." (or as given), level 2 "a)", level 3 bullets. */
export function odtListStyle(name: string, level1: { format?: string; prefix?: string; suffix?: string } = {}): string {
  const number = (level: number, format: string, prefix: string, suffix: string) =>
    `<text:list-level-style-number text:level="${level}" style:num-prefix="${prefix}" style:num-suffix="${suffix}" style:num-format="${format}"/>`;
  return `<text:list-style style:name="${name}">${number(1, level1.format ?? '1', level1.prefix ?? '', level1.suffix ?? '.')}${number(2, 'a', '', ')')}<text:list-level-style-bullet text:level="3" text:bullet-char="•"/></text:list-style>`;
}
