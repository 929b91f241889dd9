// Reads the text of an OpenDocument text file (ODT: a ZIP with content.xml) as headings, paragraphs,
// lists and tables. Lists get the numbers the document shows ("1)", "a)", "§ 1."), computed from its
// list styles, because in ODT as in Word automatic numbering is not part of the text. Hostile files
// are refused before they cost much: entries are inflated only up to a declared size within a limit,
// and XML with a DOCTYPE (entity expansion) is refused.
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { tidyText, type TextBlock } from './text-blocks.js';

export type OdtProblem =
  /** Not a ZIP, or a ZIP of something else (a spreadsheet, a presentation). */
  | 'notOdt'
  /** A ZIP without content.xml. */
  | 'noContent'
  /** content.xml (or styles.xml) declares more than MAX_XML_BYTES. */
  | 'tooLarge'
  /** Broken compression or XML. */
  | 'damaged';

export class OdtError extends Error {
  constructor(readonly problem: OdtProblem, detail?: string) {
    super(`ODT: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'OdtError';
  }
}

/** The message catalogue's key for a problem (in attachments.messages.ts, shared by every ODT upload). */
export const odtMessage = (problem: OdtProblem) => `odt.${problem}` as const;

/** A 300-page resolution's content.xml is about 5 MB; past this the file is refused, not read. */
export const MAX_XML_BYTES = 16 * 1024 * 1024;

const NS = {
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
};

/** Reads an ODT file from disk. Throws OdtError. */
export async function readOdtFile(path: string): Promise<TextBlock[]> {
  return readOdt(await fs.promises.readFile(path));
}

/** Reads an ODT held in memory. Throws OdtError. */
export function readOdt(data: Uint8Array): TextBlock[] {
  const entries = unzipEntries(data);
  const mimetype = entries.mimetype ? Buffer.from(entries.mimetype).toString('latin1').trim() : null;
  if (mimetype !== null && !mimetype.startsWith('application/vnd.oasis.opendocument.text')) throw new OdtError('notOdt', mimetype);
  const content = entries['content.xml'];
  if (!content) throw new OdtError('noContent');
  const styles = new Map<string, ListStyle>();
  if (entries['styles.xml']) parseXml(entries['styles.xml'], listStyleReader(styles));
  const reader = new ContentReader(styles);
  parseXml(content, reader);
  return reader.blocks;
}

function unzipEntries(data: Uint8Array): Record<string, Uint8Array> {
  if (data.length < 22) throw new OdtError('notOdt');
  let tooLarge = false;
  try {
    const entries = unzipSync(data, {
      filter: (file) => {
        if (!['mimetype', 'content.xml', 'styles.xml'].includes(file.name)) return false;
        // The declared size bounds what is inflated (fflate does not grow the buffer past it), so a
        // small file that claims little but inflates to gigabytes is cut short and fails as XML.
        if (file.originalSize > MAX_XML_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
    if (tooLarge) throw new OdtError('tooLarge');
    return entries;
  } catch (error) {
    if (error instanceof OdtError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new OdtError(/invalid zip|unexpected EOF/i.test(message) ? 'notOdt' : 'damaged', message);
  }
}

interface XmlHandler {
  open(node: SaxesTagNS): void;
  close(node: SaxesTagNS): void;
  text?(text: string): void;
}

function parseXml(bytes: Uint8Array, handler: XmlHandler): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('doctype', () => {
    throw new OdtError('damaged', 'DOCTYPE');
  });
  parser.on('opentag', (node) => handler.open(node));
  parser.on('closetag', (node) => handler.close(node));
  if (handler.text) parser.on('text', handler.text.bind(handler));
  try {
    parser.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')).close();
  } catch (error) {
    if (error instanceof OdtError) throw error;
    throw new OdtError('damaged', error instanceof Error ? error.message : String(error));
  }
}

const attr = (node: SaxesTagNS, ns: string, local: string): string | undefined => {
  for (const a of Object.values(node.attributes)) if (a.uri === ns && a.local === local) return a.value;
  return undefined;
};
const is = (node: SaxesTagNS, ns: string, local: string) => node.uri === ns && node.local === local;

interface LevelStyle {
  numbered: boolean;
  /** "1", "a", "A", "i", "I"; "" shows no number. */
  format: string;
  prefix: string;
  suffix: string;
  start: number;
}
type ListStyle = Map<number, LevelStyle>;

/** Collects text:list-style definitions (in styles.xml and in content.xml's automatic styles). */
function listStyleReader(styles: Map<string, ListStyle>): XmlHandler {
  let current: ListStyle | null = null;
  return {
    open(node) {
      if (is(node, NS.text, 'list-style')) {
        current = new Map();
        styles.set(attr(node, NS.style, 'name') ?? '', current);
      } else if (current && node.uri === NS.text && (node.local === 'list-level-style-number' || node.local === 'list-level-style-bullet' || node.local === 'list-level-style-image')) {
        const level = Number(attr(node, NS.text, 'level') ?? '1');
        const numbered = node.local === 'list-level-style-number';
        current.set(level, {
          numbered,
          format: numbered ? (attr(node, NS.style, 'num-format') ?? '1') : '',
          prefix: attr(node, NS.style, 'num-prefix') ?? '',
          suffix: attr(node, NS.style, 'num-suffix') ?? '',
          start: Number(attr(node, NS.text, 'start-value') ?? '1') || 1,
        });
      }
    },
    close(node) {
      if (is(node, NS.text, 'list-style')) current = null;
    },
  };
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, digits] of table) for (; n >= value; n -= value) out += digits;
  return out;
}

function letters(n: number): string {
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + ((n - 1) % 26)) + out;
  return out;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case '1': return String(n);
    case 'a': return letters(n);
    case 'A': return letters(n).toUpperCase();
    case 'i': return roman(n);
    case 'I': return roman(n).toUpperCase();
    default: return '';
  }
}

/** Elements whose content is not the document's running text: notes, comments, frames, deleted changes, indexes. */
const SKIPPED = new Set([
  `${NS.text} note`, `${NS.office} annotation`, `${NS.text} tracked-changes`, `${NS.text} sequence-decls`,
  `${NS.text} table-of-content`, `${NS.text} alphabetical-index`, `${NS.text} illustration-index`, `${NS.text} bibliography`,
  `${NS.office} forms`, `${NS.office} font-face-decls`, `${NS.office} scripts`,
]);

type ListFrame = { kind: 'list'; style: string; level: number; block: Extract<TextBlock, { kind: 'list' }> };
type ItemFrame = { kind: 'item'; list: ListFrame; header: boolean; startValue: number | null; numbered: boolean; blocks: TextBlock[] };

class ContentReader implements XmlHandler {
  readonly blocks: TextBlock[] = [];
  private inBody = false;
  private skipDepth = 0;
  private frames: (ListFrame | ItemFrame)[] = [];
  /** Running numbers per list style and level, carried across lists that continue the numbering. */
  private counters = new Map<string, number>();
  private paragraph: { heading: number | null; text: string; depth: number } | null = null;
  private depth = 0;
  private table: { rows: { header: boolean; cells: string[] }[]; header: boolean; cell: string[] | null; nested: number } | null = null;
  private inStyles = false;
  private labels = new WeakMap<ItemFrame, string>();
  private automaticStyles: XmlHandler;

  constructor(private readonly styles: Map<string, ListStyle>) {
    this.automaticStyles = listStyleReader(styles);
  }

  open(node: SaxesTagNS): void {
    this.depth += 1;
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    if (is(node, NS.office, 'automatic-styles') || is(node, NS.office, 'styles')) {
      this.inStyles = true;
      return;
    }
    if (this.inStyles) return this.automaticStyles.open(node);
    if (is(node, NS.office, 'text')) this.inBody = true;
    if (!this.inBody) return;
    if (SKIPPED.has(`${node.uri} ${node.local}`) || node.uri === NS.draw) {
      this.skipDepth = 1;
      return;
    }
    if (node.uri === NS.text) this.openText(node);
    else if (node.uri === NS.table) this.openTable(node);
  }

  private openText(node: SaxesTagNS): void {
    const p = this.paragraph;
    if (p) {
      // Inline content: spaces, tabs and line breaks are elements in ODT.
      if (node.local === 's') p.text += ' '.repeat(Math.min(Number(attr(node, NS.text, 'c') ?? '1') || 1, 100));
      else if (node.local === 'tab') p.text += ' ';
      else if (node.local === 'line-break') p.text += '\n';
      return;
    }
    switch (node.local) {
      case 'p':
      case 'h':
        this.paragraph = { heading: node.local === 'h' ? Number(attr(node, NS.text, 'outline-level') ?? '1') || 1 : null, text: '', depth: this.depth };
        return;
      case 'list': {
        const parent = this.currentList();
        const style = attr(node, NS.text, 'style-name') ?? parent?.style ?? '';
        const level = (parent?.level ?? 0) + 1;
        if (level === 1 && attr(node, NS.text, 'continue-numbering') !== 'true' && !attr(node, NS.text, 'continue-list')) {
          for (const key of [...this.counters.keys()]) if (key.startsWith(`${style}|`)) this.counters.delete(key);
        }
        const levelStyle = this.styles.get(style)?.get(level);
        const frame: ListFrame = { kind: 'list', style, level, block: { kind: 'list', ordered: Boolean(levelStyle?.numbered && levelStyle.format), items: [] } };
        this.frames.push(frame);
        return;
      }
      case 'list-item':
      case 'list-header': {
        const list = this.currentList();
        if (!list) return;
        const start = attr(node, NS.text, 'start-value');
        this.frames.push({ kind: 'item', list, header: node.local === 'list-header', startValue: start ? Number(start) || null : null, numbered: false, blocks: [] });
        return;
      }
    }
  }

  private openTable(node: SaxesTagNS): void {
    const t = this.table;
    if (!t) {
      if (node.local === 'table') this.table = { rows: [], header: false, cell: null, nested: 0 };
      return;
    }
    // A table inside a cell is read as that cell's paragraphs.
    if (node.local === 'table') t.nested += 1;
    if (t.nested > 0) return;
    if (node.local === 'table-header-rows') t.header = true;
    else if (node.local === 'table-row') t.rows.push({ header: t.header, cells: [] });
    else if (node.local === 'table-cell' || node.local === 'covered-table-cell') t.cell = [];
  }

  text(text: string): void {
    if (this.skipDepth === 0 && this.paragraph) this.paragraph.text += text.replace(/[\r\n\t]+/g, ' ');
  }

  close(node: SaxesTagNS): void {
    this.depth -= 1;
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    if (is(node, NS.office, 'automatic-styles') || is(node, NS.office, 'styles')) {
      this.inStyles = false;
      return;
    }
    if (this.inStyles) return this.automaticStyles.close(node);
    if (is(node, NS.office, 'text')) this.inBody = false;
    if (!this.inBody) return;
    const p = this.paragraph;
    if (p && this.depth + 1 === p.depth) {
      this.paragraph = null;
      this.endParagraph(p.heading, tidyText(p.text));
      return;
    }
    if (node.uri === NS.text && node.local === 'list') {
      const frame = this.frames.pop();
      if (frame?.kind === 'list' && frame.block.items.length > 0) this.emit(frame.block);
    } else if (node.uri === NS.text && (node.local === 'list-item' || node.local === 'list-header')) {
      const item = this.frames.pop();
      if (item?.kind === 'item' && item.blocks.length > 0) {
        const label = item.numbered ? (this.labels.get(item) ?? '') : '';
        item.list.block.items.push({ label, blocks: item.blocks });
      }
    } else if (node.uri === NS.table) this.closeTable(node);
  }

  private closeTable(node: SaxesTagNS): void {
    const t = this.table;
    if (!t) return;
    if (t.nested > 0) {
      if (node.local === 'table') t.nested -= 1;
      return;
    }
    if (node.local === 'table-header-rows') t.header = false;
    else if ((node.local === 'table-cell' || node.local === 'covered-table-cell') && t.cell) {
      if (node.local === 'table-cell') t.rows.at(-1)?.cells.push(t.cell.join('\n'));
      t.cell = null;
    } else if (node.local === 'table') {
      this.table = null;
      const rows = t.rows.filter((r) => r.cells.some((c) => c !== ''));
      if (rows.length > 0) this.emit({ kind: 'table', rows });
    }
  }

  private endParagraph(heading: number | null, text: string): void {
    if (this.table?.cell) {
      if (text) this.table.cell.push(text);
      return;
    }
    const item = this.frames.at(-1);
    if (item?.kind === 'item' && item.blocks.length === 0 && !item.header) this.number(item);
    if (!text) return;
    this.emit(heading === null ? { kind: 'paragraph', text } : { kind: 'heading', level: heading, text });
  }

  /** The item's number, taken when its first paragraph starts (an item holding only a nested list has none). */
  private number(item: ItemFrame): void {
    const { style, level } = item.list;
    const levelStyle = this.styles.get(style)?.get(level);
    if (!levelStyle?.numbered || !levelStyle.format) return;
    const key = `${style}|${level}`;
    const value = item.startValue ?? (this.counters.has(key) ? this.counters.get(key)! + 1 : levelStyle.start);
    this.counters.set(key, value);
    for (const k of [...this.counters.keys()]) if (k.startsWith(`${style}|`) && Number(k.slice(style.length + 1)) > level) this.counters.delete(k);
    item.numbered = true;
    this.labels.set(item, `${levelStyle.prefix}${formatNumber(value, levelStyle.format)}${levelStyle.suffix}`);
  }

  private currentList(): ListFrame | undefined {
    for (let i = this.frames.length - 1; i >= 0; i -= 1) {
      const f = this.frames[i]!;
      if (f.kind === 'list') return f;
    }
    return undefined;
  }

  private emit(block: TextBlock): void {
    const item = this.frames.at(-1);
    if (item?.kind === 'item') item.blocks.push(block);
    else if (item?.kind === 'list') item.block.items.push({ label: '', blocks: [block] });
    else this.blocks.push(block);
  }
}
