// A document's text as plain blocks (headings, paragraphs, lists, tables), read from an uploaded
// ODT or DOCX: the one shape the draft import, the HTML version and text search take. Only text is
// kept, so whatever a document carries (scripts, styles, links, images) cannot reach a page.

export type TextBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  /** `label` is the item's number as the document shows it ("§ 1.", "1)", "a)"), or "" for a bullet. */
  | { kind: 'list'; ordered: boolean; items: { label: string; blocks: TextBlock[] }[] }
  | { kind: 'table'; rows: { header: boolean; cells: string[] }[] };

/** Whitespace as a reader sees it: runs of spaces and tabs become one space, line ends kept. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** All the text, one block a line: what search indexes. */
export function blocksToPlainText(blocks: readonly TextBlock[]): string {
  const lines: string[] = [];
  const walk = (list: readonly TextBlock[]) => {
    for (const block of list) {
      if (block.kind === 'heading' || block.kind === 'paragraph') lines.push(block.text);
      else if (block.kind === 'table') for (const row of block.rows) lines.push(row.cells.join(' '));
      else
        for (const item of block.items) {
          const [first, ...rest] = item.blocks;
          if (first && (first.kind === 'paragraph' || first.kind === 'heading')) {
            lines.push(item.label ? `${item.label} ${first.text}` : first.text);
            walk(rest);
          } else walk(item.blocks);
        }
    }
  };
  walk(blocks);
  return lines.filter((line) => line !== '').join('\n');
}

const NUMBERED_LINE = /^\s*(§|ust\.|pkt|\d+[a-z]?[.)]|[a-z]\))/i;

/**
 * The draft editor's Markdown: paragraphs apart by a blank line, headings as "#" lines (unless they
 * are numbered like "§ 1.", which the draft numbers itself), list items with their number in front
 * ("1)", "a)") so the draft's §/ust./pkt numbering reads them as it reads typed numbers.
 */
export function blocksToDraftMarkdown(blocks: readonly TextBlock[]): string {
  const parts: string[] = [];
  const walk = (list: readonly TextBlock[]) => {
    for (const block of list) {
      if (block.kind === 'heading') parts.push(NUMBERED_LINE.test(block.text) ? block.text : `${'#'.repeat(Math.min(block.level, 6))} ${block.text.replace(/\n/g, ' ')}`);
      else if (block.kind === 'paragraph') parts.push(block.text);
      else if (block.kind === 'table') {
        const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
        const [head, ...body] = block.rows;
        if (!head) continue;
        parts.push([`| ${head.cells.map(cell).join(' | ')} |`, `|${head.cells.map(() => ' --- |').join('')}`, ...body.map((r) => `| ${r.cells.map(cell).join(' | ')} |`)].join('\n'));
      } else
        for (const item of block.items) {
          const [first, ...rest] = item.blocks;
          if (first && (first.kind === 'paragraph' || first.kind === 'heading')) {
            parts.push(`${item.label || '-'} ${first.text}`);
            walk(rest);
          } else walk(item.blocks);
        }
    }
  };
  walk(blocks);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

/** The highest (smallest) heading level anywhere in the blocks, list items included. */
function topHeadingLevel(blocks: readonly TextBlock[]): number | undefined {
  let top: number | undefined;
  for (const block of blocks) {
    const level = block.kind === 'heading' ? block.level : block.kind === 'list' ? topHeadingLevel(block.items.flatMap((i) => i.blocks)) : undefined;
    if (level !== undefined && (top === undefined || level < top)) top = level;
  }
  return top;
}

/**
 * Safe HTML of the blocks, every character of the document escaped: headings shifted by `shift`
 * and capped at h6, lists with the document's own numbers. By default the document's top heading
 * becomes h2 under the page's own h1, whatever level it has in the file (many start at "Heading 2"),
 * so the page's outline skips no level.
 */
export function blocksToHtml(blocks: readonly TextBlock[], shift = 2 - (topHeadingLevel(blocks) ?? 1)): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const level = Math.min(Math.max(block.level + shift, 2), 6);
      out.push(`<h${level}>${lines(block.text)}</h${level}>`);
    } else if (block.kind === 'paragraph') out.push(`<p>${lines(block.text)}</p>`);
    else if (block.kind === 'table') {
      const rows = block.rows.map((row) => `<tr>${row.cells.map((c) => (row.header ? `<th scope="col">${lines(c)}</th>` : `<td>${lines(c)}</td>`)).join('')}</tr>`);
      const head = block.rows.findIndex((r) => !r.header);
      const split = head === -1 ? rows.length : head;
      out.push(`<div class="table-wrap"><table class="table">${split > 0 ? `<thead>${rows.slice(0, split).join('')}</thead>` : ''}<tbody>${rows.slice(split).join('')}</tbody></table></div>`);
    } else {
      // The document's numbers are part of its text ("§ 3", "2)"), so they are written out, not left to CSS.
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item) => {
        const label = item.label ? `<span class="document-list__label">${escapeHtml(item.label)}</span> ` : '';
        const [first, ...rest] = item.blocks;
        if (first?.kind === 'paragraph') return `<li>${label}${lines(first.text)}${blocksToHtml(rest, shift)}</li>`;
        return `<li>${label}${blocksToHtml(item.blocks, shift)}</li>`;
      });
      out.push(`<${tag} class="document-list${block.ordered ? ' document-list--numbered' : ''}">${items.join('')}</${tag}>`);
    }
  }
  return out.join('\n');
}
