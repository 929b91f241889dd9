// Text of uploaded documents for the search: PDF page by page (Mozilla's pdf.js, legacy build for
// Node), DOCX and ODT section by section, cut at their headings from the text blocks the shared
// readers make (src/lib/docx.ts, src/lib/odt.ts: hostile files refused there).
import fs from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readDocxFile } from '../../lib/docx.js';
import { readOdtFile } from '../../lib/odt.js';
import { blocksToPlainText, type TextBlock } from '../../lib/text-blocks.js';

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
  const ext = extension.toLowerCase();
  const parts = ext === 'pdf' ? await pdfPages(await fs.readFile(filePath)) : ext === 'docx' ? sectionsOf(await readDocxFile(filePath)) : ext === 'odt' ? sectionsOf(await readOdtFile(filePath)) : [];
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

/** Cuts a document's blocks into sections, one per heading (the text before the first one has none). */
export function sectionsOf(blocks: readonly TextBlock[]): TextPart[] {
  const sections: { section: string; blocks: TextBlock[] }[] = [{ section: '', blocks: [] }];
  for (const block of blocks) {
    if (block.kind === 'heading') sections.push({ section: squash(block.text).slice(0, 300), blocks: [block] });
    else sections[sections.length - 1]!.blocks.push(block);
  }
  return sections.map((s) => ({ section: s.section, text: blocksToPlainText(s.blocks) })).filter((s) => s.text.trim() !== '');
}
