// Splits a draft document written in Markdown into numbered fragments (§, ust., pkt) with anchors
// that follow the numbering ("par-3-ust-2-pkt-1"), so the same part keeps its anchor in the next
// version and a remark can point at it. Headings ("Rozdział 1") and unnumbered paragraphs become
// fragments too, anchored by their order within the part they follow.
import { renderMarkdown } from '../../lib/markdown.js';

export interface DraftFragmentInput {
  position: number;
  anchor: string;
  label: string;
  /** 0 heading, 1 §, 2 ust., 3 pkt, 4 paragraph. */
  level: number;
  html: string;
}

const PARAGRAPH = /^\s*(?:\*\*)?§\s*(\d+[a-z]?)\.?(?:\*\*)?\s*(.*)$/i;
const SECTION = /^\s*(?:ust\.\s*)?(\d+[a-z]?)\.\s+(.*)$/i;
const POINT = /^\s*(?:pkt\s*)?(\d+[a-z]?)\)\s+(.*)$/i;
const LETTER = /^\s*([a-z])\)\s+(.*)$/;
const HEADING = /^\s*(#{1,6})\s+(.*)$/;

const slugPart = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Splits the source into blocks: blank lines end a block, and a numbered line starts a new one. */
function blocksOf(source: string): string[] {
  const blocks: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(current);
    current = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (HEADING.test(line) || PARAGRAPH.test(line) || SECTION.test(line) || POINT.test(line) || LETTER.test(line)) flush();
    current.push(line);
    if (HEADING.test(line)) flush();
  }
  flush();
  return blocks.map((lines) => lines.join('\n'));
}

export function splitDraft(source: string): DraftFragmentInput[] {
  const fragments: DraftFragmentInput[] = [];
  const used = new Set<string>();
  let par: string | null = null;
  let ust: string | null = null;
  let pkt: string | null = null;
  let headingCount = 0;
  let paragraphCount = 0;

  const base = () => [par ? `par-${slugPart(par)}` : '', ust ? `ust-${slugPart(ust)}` : '', pkt ? `pkt-${slugPart(pkt)}` : ''].filter(Boolean).join('-');
  const labelOf = () => [par ? `§ ${par}` : '', ust ? `ust. ${ust}` : '', pkt ? `pkt ${pkt}` : ''].filter(Boolean).join(' ');
  const add = (anchor: string, label: string, level: number, html: string) => {
    let unique = anchor;
    for (let n = 2; used.has(unique); n += 1) unique = `${anchor}-${n}`;
    used.add(unique);
    fragments.push({ position: fragments.length, anchor: unique.slice(0, 120), label: label.slice(0, 200), level, html });
  };

  for (const block of blocksOf(source)) {
    const [first = '', ...rest] = block.split('\n');
    const tail = rest.length > 0 ? `\n${rest.join('\n')}` : '';
    let match: RegExpExecArray | null;
    if ((match = HEADING.exec(first))) {
      headingCount += 1;
      // Headings shift by 1 so that "# Rozdział 1" is an h2 under the page's h1.
      add(`naglowek-${headingCount}`, match[2]!.trim(), 0, renderMarkdown(`${match[1]} ${match[2]}`, 0));
      continue;
    }
    if ((match = PARAGRAPH.exec(first))) {
      par = match[1]!;
      ust = null;
      pkt = null;
      paragraphCount = 0;
      add(base(), labelOf(), 1, renderMarkdown(`**§ ${par}.** ${match[2]}${tail}`.trim()));
      continue;
    }
    if ((match = SECTION.exec(first)) && par) {
      ust = match[1]!;
      pkt = null;
      add(base(), labelOf(), 2, renderMarkdown(`${ust}\\. ${match[2]}${tail}`));
      continue;
    }
    if ((match = POINT.exec(first))) {
      pkt = match[1]!;
      add(base() || `pkt-${slugPart(pkt)}`, labelOf(), 3, renderMarkdown(`${pkt}\\) ${match[2]}${tail}`));
      continue;
    }
    if ((match = LETTER.exec(first)) && pkt) {
      add(`${base()}-lit-${match[1]}`, `${labelOf()} lit. ${match[1]}`, 3, renderMarkdown(`${match[1]}\\) ${match[2]}${tail}`));
      continue;
    }
    paragraphCount += 1;
    const prefix = base();
    const label = labelOf();
    add(prefix ? `${prefix}-akapit-${paragraphCount}` : `akapit-${paragraphCount}`, label ? `${label}, akapit ${paragraphCount}` : `Akapit ${paragraphCount}`, 4, renderMarkdown(block));
  }
  return fragments;
}
