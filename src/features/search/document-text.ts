// Text of uploaded documents for the search: PDF page by page (Mozilla's pdf.js, legacy build for
// Node), DOCX section by section (mammoth's HTML, cut at headings), ODT section by section (its
// content.xml, cut at headings). The ODT reading is a minimal one of our own: paragraphs and headings
// of content.xml, with spaces, tabs and line breaks; frames and notes are read as plain paragraphs.
import fs from 'node:fs/promises';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextPart {
  /** PDF page number (1-based). */
  page?: number;
  /** DOCX/ODT heading the text is under ('' before the first heading). */
  section?: string;
  text: string;
}

export const EXTRACTED_EXTENSIONS = ['pdf', 'docx', 'odt'] as const;
/** A part longer than this is cut into several with the same page or section (ts_headline and tsvector stay quick). */
const MAX_PART_CHARS = 20_000;
/** Beyond this much text a document is indexed only so far (a 500-page scan of tables says little more). */
const MAX_TOTAL_CHARS = 2_000_000;

// Control characters and the two the search uses to mark hits (search.terms.ts) become spaces.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const squash = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uE000\uE001]/g, ' ').replace(/\s+/g, ' ').trim();

export async function extractText(filePath: string, extension: string): Promise<TextPart[]> {
  const data = await fs.readFile(filePath);
  const ext = extension.toLowerCase();
  const parts = ext === 'pdf' ? await pdfPages(data) : ext === 'docx' ? await docxSections(data) : ext === 'odt' ? await odtSections(data) : [];
  return limit(parts);
}

function limit(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let total = 0;
  for (const part of parts) {
    const text = squash(part.text);
    for (let start = 0; start < text.length && total < MAX_TOTAL_CHARS; start += MAX_PART_CHARS) {
      const piece = text.slice(start, start + MAX_PART_CHARS);
      total += piece.length;
      out.push({ ...part, text: piece });
    }
  }
  return out;
}

async function pdfPages(data: Buffer): Promise<TextPart[]> {
  // No fonts are loaded or code evaluated: only the text layer is read.
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const parts: TextPart[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
      page.cleanup();
      if (text.trim() !== '') parts.push({ page: n, text });
    }
    return parts;
  } finally {
    await pdf.destroy();
  }
}

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[lower] ?? '';
  });
const stripTags = (markup: string) => decodeEntities(markup.replace(/<[^>]*>/g, ' '));

/** Cuts a sequence of headings and paragraphs into sections, one per heading. */
function sectionsOf(blocks: { heading: boolean; text: string }[]): TextPart[] {
  const sections: TextPart[] = [];
  let current: TextPart = { section: '', text: '' };
  for (const block of blocks) {
    if (block.heading) {
      if (current.text.trim() !== '') sections.push(current);
      current = { section: squash(block.text).slice(0, 300), text: block.text };
    } else {
      current.text += '\n' + block.text;
    }
  }
  if (current.text.trim() !== '') sections.push(current);
  return sections;
}

async function docxSections(data: Buffer): Promise<TextPart[]> {
  const { value } = await mammoth.convertToHtml({ buffer: data });
  const blocks = [...value.matchAll(/<(h[1-6]|p|li|td|th)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({ heading: m[1]!.startsWith('h'), text: stripTags(m[2]!) }));
  return sectionsOf(blocks);
}

async function odtSections(data: Buffer): Promise<TextPart[]> {
  const zip = await JSZip.loadAsync(data);
  const content = await zip.file('content.xml')?.async('string');
  if (!content) return [];
  const body = content
    .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_, n: string | undefined) => ' '.repeat(Math.min(Number(n ?? 1), 10)))
    .replace(/<text:(?:tab|line-break)\s*\/>/g, ' ');
  const blocks = [...body.matchAll(/<text:(h|p)\b[^>]*>([\s\S]*?)<\/text:\1>/g)].map((m) => ({ heading: m[1] === 'h', text: stripTags(m[2]!) }));
  return sectionsOf(blocks);
}
