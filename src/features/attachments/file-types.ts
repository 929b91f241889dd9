// What may be uploaded, decided by the file's content (magic bytes, via file-type) and its extension,
// which must agree: a program or a web page renamed to .pdf is refused, and so is a PDF renamed .docx.
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { fileTypeFromFile } from 'file-type';

export interface FileType {
  /** Shown to people: "PDF", "DOCX", "JPG". */
  label: string;
  /** Sent as Content-Type when the file is downloaded. */
  mime: string;
  /** Accepted extensions, lower case; the first is the usual one. */
  extensions: readonly string[];
  /**
   * What file-type must detect in the content: its `ext`, "cfb" for the old Office formats (one
   * container format for .doc, .xls and .ppt, told apart by the extension), or "text" for CSV,
   * which has no signature: valid UTF-8 without NUL bytes that does not start like markup.
   */
  content: string;
  image: boolean;
}

const type = (label: string, mime: string, extensions: string[], content: string, image = false): FileType => ({ label, mime, extensions, content, image });

export const DOCUMENT_TYPES: readonly FileType[] = [
  type('PDF', 'application/pdf', ['pdf'], 'pdf'),
  type('DOC', 'application/msword', ['doc'], 'cfb'),
  type('DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx'], 'docx'),
  type('ODT', 'application/vnd.oasis.opendocument.text', ['odt'], 'odt'),
  type('RTF', 'application/rtf', ['rtf'], 'rtf'),
  type('XLS', 'application/vnd.ms-excel', ['xls'], 'cfb'),
  type('XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx'], 'xlsx'),
  type('ODS', 'application/vnd.oasis.opendocument.spreadsheet', ['ods'], 'ods'),
  type('CSV', 'text/csv', ['csv'], 'text'),
  type('PPT', 'application/vnd.ms-powerpoint', ['ppt'], 'cfb'),
  type('PPTX', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ['pptx'], 'pptx'),
  type('ODP', 'application/vnd.oasis.opendocument.presentation', ['odp'], 'odp'),
  type('JPG', 'image/jpeg', ['jpg', 'jpeg'], 'jpg', true),
  type('PNG', 'image/png', ['png'], 'png', true),
  type('WebP', 'image/webp', ['webp'], 'webp', true),
];

export const IMAGE_TYPES: readonly FileType[] = DOCUMENT_TYPES.filter((t) => t.image);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function typeOfExtension(extension: string, allowed: readonly FileType[] = DOCUMENT_TYPES): FileType | undefined {
  return allowed.find((t) => t.extensions.includes(extension.toLowerCase()));
}

/** The `accept` attribute of a file input for these types. */
export function acceptAttribute(allowed: readonly FileType[]): string {
  return allowed.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');
}

export function typeLabels(allowed: readonly FileType[]): string {
  return allowed.map((t) => t.label).join(', ');
}

const MAX_NAME_LENGTH = 200;
/** The thumbnail's URL is /pliki/:id/miniatura.webp: a file of that name would be shadowed by it. */
const THUMBNAIL_NAME = 'miniatura.webp';

/**
 * The uploader's file name, kept for display and download: without any folder part, control or
 * invisible formatting characters (which can disguise an extension), leading dots, or runs of spaces,
 * and at most 200 characters with the extension kept.
 */
export function cleanFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '');
  name = name.replace(/\s+/g, ' ').replace(/^[\s.]+/, '').trim();
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    const extension = extensionOf(name);
    const keep = extension && extension.length < 10 ? MAX_NAME_LENGTH - extension.length - 1 : MAX_NAME_LENGTH;
    name = chars.slice(0, keep).join('').trimEnd() + (keep < MAX_NAME_LENGTH ? `.${extension}` : '');
  }
  if (name.toLowerCase() === THUMBNAIL_NAME) name = 'miniatura-1.webp';
  return name || 'plik';
}

export type Inspection =
  | { ok: true; type: FileType; extension: string }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'extension' }
  /** The extension is allowed but the content is not what it promises (or, for text, not UTF-8). */
  | { ok: false; reason: 'content'; expected: FileType }
  | { ok: false; reason: 'encoding'; expected: FileType };

/** Checks a received file against the allowed types: not empty, allowed extension, content that matches it. */
export async function inspectFile(path: string, name: string, size: number, allowed: readonly FileType[]): Promise<Inspection> {
  if (size === 0) return { ok: false, reason: 'empty' };
  const extension = extensionOf(name);
  const expected = typeOfExtension(extension, allowed);
  if (!expected) return { ok: false, reason: 'extension' };
  const detected = await fileTypeFromFile(path);
  if (expected.content === 'text') {
    const problem = detected ? 'content' : await textProblem(path);
    return problem ? { ok: false, reason: problem, expected } : { ok: true, type: expected, extension };
  }
  return detected?.ext === expected.content ? { ok: true, type: expected, extension } : { ok: false, reason: 'content', expected };
}

/** Bytes read at a time by the text check, into one buffer reused to the end of the file. */
const TEXT_CHUNK = 64 * 1024;

/**
 * Plain text must be valid UTF-8 throughout with no NUL bytes, and must not start like HTML or XML (a web
 * page renamed .csv). Checked on the bytes, through one reused buffer: decoding a 100 MB CSV into
 * strings and reading it in fresh buffers made 200–300 MB of garbage, which held 20–50 MB of memory
 * until the garbage collector came round (docs/decisions.md 54).
 */
async function textProblem(path: string): Promise<'encoding' | 'content' | null> {
  const file = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(TEXT_CHUNK);
    // A character cut by the end of a read: its first bytes, completed by the next read.
    const pending = Buffer.alloc(4);
    let pendingLength = 0;
    let first = true;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, TEXT_CHUNK, null);
      if (bytesRead === 0) break;
      let bytes = buffer.subarray(0, bytesRead);
      if (bytes.includes(0)) return 'content';
      if (first && bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<')) return 'content';
      first = false;
      if (pendingLength > 0) {
        const need = sequenceLength(pending[0]!) - pendingLength;
        if (bytes.length < need) {
          bytes.copy(pending, pendingLength);
          pendingLength += bytes.length;
          continue;
        }
        bytes.copy(pending, pendingLength, 0, need);
        if (!isUtf8(pending.subarray(0, pendingLength + need))) return 'encoding';
        bytes = bytes.subarray(need);
        pendingLength = 0;
      }
      const whole = completeLength(bytes);
      if (!isUtf8(bytes.subarray(0, whole))) return 'encoding';
      bytes.copy(pending, 0, whole);
      pendingLength = bytes.length - whole;
    }
    return pendingLength > 0 ? 'encoding' : null;
  } finally {
    await file.close();
  }
}

/** How many bytes the UTF-8 sequence led by this byte has (1 for a byte that cannot lead one: isUtf8 refuses it). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
}

/** The length of `bytes` without a multi-byte character its end cuts short (at most 3 bytes shorter). */
function completeLength(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i -= 1) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    return sequenceLength(byte) > bytes.length - i ? i : bytes.length;
  }
  return bytes.length;
}
