// Reads the text of a Word document (DOCX) as the same plain blocks as an ODT (text-blocks.ts):
// mammoth turns Word's styles into headings, lists and tables, and only the text of its HTML is
// kept, so links, images and any markup in the document never reach a page.
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { tidyText, type TextBlock } from './text-blocks.js';
import { MAX_XML_BYTES } from './odt.js';

export class DocxError extends Error {
  constructor(readonly problem: 'tooLarge' | 'damaged', detail?: string) {
    super(`DOCX: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'DocxError';
  }
}

/** Reads a DOCX from disk. Throws DocxError. */
export async function readDocxFile(path: string): Promise<TextBlock[]> {
  const data = await fs.promises.readFile(path);
  // mammoth inflates every part: refuse a package whose parts declare more than the ODT limit.
  let declared = 0;
  try {
    unzipSync(data, { filter: (file) => ((declared += file.originalSize), false) });
  } catch (error) {
    throw new DocxError('damaged', error instanceof Error ? error.message : String(error));
  }
  if (declared > MAX_XML_BYTES * 2) throw new DocxError('tooLarge');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data }, { ignoreEmptyParagraphs: true })).value;
  } catch (error) {
    throw new DocxError('damaged', error instanceof Error ? error.message : String(error));
  }
  return blocksFromHtml(html);
}

type Item = { label: string; blocks: TextBlock[]; text: string };
type List = Extract<TextBlock, { kind: 'list' }>;

/** mammoth's HTML (h1-h6, p, ul/ol/li, table, br, inline tags) as text blocks. */
export function blocksFromHtml(html: string): TextBlock[] {
  const root: TextBlock[] = [];
  const lists: { list: List; items: Item[] }[] = [];
  let paragraph: { heading: number | null; text: string } | null = null;
  let table: { rows: { header: boolean; cells: string[] }[]; cell: string | null; header: boolean } | null = null;

  const currentItem = () => lists.at(-1)?.items.at(-1);
  const emit = (block: TextBlock) => {
    const item = currentItem();
    if (item) item.blocks.push(block);
    else root.push(block);
  };
  const flushItemText = (item: Item | undefined) => {
    if (item && tidyText(item.text)) item.blocks.push({ kind: 'paragraph', text: tidyText(item.text) });
    if (item) item.text = '';
  };

  const parser = new Parser(
    {
      onopentag(name) {
        const heading = /^h([1-6])$/.exec(name);
        if (table && (name === 'td' || name === 'th')) table.cell = '';
        else if (table && name === 'tr') table.rows.push({ header: table.header, cells: [] });
        else if (name === 'table' && !table) table = { rows: [], cell: null, header: false };
        else if (table && name === 'thead') table.header = true;
        else if (table) {
          if (name === 'br' && table.cell !== null) table.cell += '\n';
        } else if (name === 'br') {
          if (paragraph) paragraph.text += '\n';
          else if (currentItem()) currentItem()!.text += '\n';
        } else if (heading || name === 'p') paragraph = { heading: heading ? Number(heading[1]) : null, text: '' };
        else if (name === 'ul' || name === 'ol') {
          flushItemText(currentItem());
          lists.push({ list: { kind: 'list', ordered: name === 'ol', items: [] }, items: [] });
        } else if (name === 'li' && lists.length > 0) {
          const top = lists.at(-1)!;
          top.items.push({ label: top.list.ordered ? `${top.items.length + 1}.` : '', blocks: [], text: '' });
        }
      },
      ontext(text) {
        if (table) {
          if (table.cell !== null) table.cell += text;
        } else if (paragraph) paragraph.text += text;
        else if (currentItem()) currentItem()!.text += text;
      },
      onclosetag(name) {
        if (table) {
          if ((name === 'td' || name === 'th') && table.cell !== null) {
            table.rows.at(-1)?.cells.push(tidyText(table.cell));
            table.cell = null;
          } else if (name === 'thead') table.header = false;
          else if (name === 'table') {
            const rows = table.rows.filter((r) => r.cells.some((c) => c !== ''));
            table = null;
            if (rows.length > 0) emit({ kind: 'table', rows });
          } else if (name === 'p' && table.cell) table.cell += '\n';
          return;
        }
        if (paragraph && (name === 'p' || /^h[1-6]$/.test(name))) {
          const text = tidyText(paragraph.text);
          const heading = paragraph.heading;
          paragraph = null;
          if (text) emit(heading === null ? { kind: 'paragraph', text } : { kind: 'heading', level: heading, text });
        } else if (name === 'li') flushItemText(currentItem());
        else if (name === 'ul' || name === 'ol') {
          const done = lists.pop();
          if (!done) return;
          done.list.items.push(...done.items.filter((i) => i.blocks.length > 0).map((i) => ({ label: i.label, blocks: i.blocks })));
          if (done.list.items.length > 0) emit(done.list);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return root;
}
