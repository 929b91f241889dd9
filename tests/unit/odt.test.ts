import { describe, expect, it } from 'vitest';
import { MAX_XML_BYTES, OdtError, readOdt } from '../../src/lib/odt.js';
import { blocksToDraftMarkdown, blocksToHtml, blocksToPlainText } from '../../src/lib/text-blocks.js';
import { odt, odtListStyle, pdf, zip } from '../helpers/files.js';

const RESOLUTION = [
  '<text:h text:outline-level="1">Rozdział 1. Przepisy ogólne</text:h>',
  '<text:p>Rada Miasta <text:span>Częstochowy</text:span> uchwala,<text:s text:c="3"/>co następuje:</text:p>',
  '<text:list text:style-name="L1">',
  '<text:list-item><text:p>Uchwała określa zasady konsultacji.</text:p></text:list-item>',
  '<text:list-item><text:p>Konsultacje przeprowadza się w formie:</text:p>',
  '<text:list><text:list-item><text:p>ankiety,</text:p></text:list-item><text:list-item><text:p>spotkania.</text:p></text:list-item></text:list>',
  '</text:list-item>',
  '</text:list>',
  '<text:p>Przypis<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Tekst przypisu</text:p></text:note-body></text:note> i ramka<draw:frame><draw:text-box><text:p>W ramce</text:p></draw:text-box></draw:frame>.</text:p>',
  '<text:list text:style-name="L2"><text:list-item><text:p>Wykonanie uchwały powierza się Prezydentowi Miasta.</text:p></text:list-item></text:list>',
  '<text:list text:style-name="L2" text:continue-numbering="true"><text:list-item><text:p>Uchwała wchodzi w życie po 14 dniach.</text:p></text:list-item></text:list>',
  '<table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Dzielnica</text:p></table:table-cell><table:table-cell><text:p>Uwagi</text:p></table:table-cell></table:table-row></table:table-header-rows>',
  '<table:table-row><table:table-cell><text:p>Raków</text:p></table:table-cell><table:table-cell><text:p>12</text:p></table:table-cell></table:table-row></table:table>',
].join('');
const STYLES = odtListStyle('L1', { prefix: '§ ', suffix: '.' }) + odtListStyle('L2', { suffix: ')' });

describe('reading an ODT', () => {
  it('yields headings, paragraphs, numbered and nested lists and tables, leaving out notes and frames', () => {
    const blocks = readOdt(odt(RESOLUTION, STYLES));
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Rozdział 1. Przepisy ogólne' });
    expect(blocks[1]).toEqual({ kind: 'paragraph', text: 'Rada Miasta Częstochowy uchwala, co następuje:' });
    expect(blocksToPlainText(blocks).split('\n')).toEqual([
      'Rozdział 1. Przepisy ogólne',
      'Rada Miasta Częstochowy uchwala, co następuje:',
      '§ 1. Uchwała określa zasady konsultacji.',
      '§ 2. Konsultacje przeprowadza się w formie:',
      'a) ankiety,',
      'b) spotkania.',
      'Przypis i ramka.',
      '1) Wykonanie uchwały powierza się Prezydentowi Miasta.',
      '2) Uchwała wchodzi w życie po 14 dniach.',
      'Dzielnica Uwagi',
      'Raków 12',
    ]);
  });

  it('gives the draft editor Markdown whose numbers the draft splits into §, ust. and pkt as with typed numbers', () => {
    const markdown = blocksToDraftMarkdown(readOdt(odt(RESOLUTION, STYLES)));
    expect(markdown).toContain('# Rozdział 1. Przepisy ogólne\n\n');
    expect(markdown).toContain('§ 2. Konsultacje przeprowadza się w formie:\n\na) ankiety,\n\nb) spotkania.');
    expect(markdown).toContain('| Dzielnica | Uwagi |\n| --- | --- |\n| Raków | 12 |');
  });

  it('renders escaped HTML with the headings kept one level under the page title', () => {
    const html = blocksToHtml(readOdt(odt('<text:h text:outline-level="1">Tytuł &lt;script&gt;alert(1)&lt;/script&gt;</text:h><text:p>A &amp; B <text:a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink">link</text:a></text:p>')));
    expect(html).toBe('<h2>Tytuł &lt;script&gt;alert(1)&lt;/script&gt;</h2>\n<p>A &amp; B link</p>');
  });

  it('puts the document\'s top heading at h2 whatever its level in the file, so the page skips no heading level', () => {
    const html = blocksToHtml(readOdt(odt('<text:h text:outline-level="2">Przebieg</text:h><text:p>Tekst</text:p><text:h text:outline-level="3">Głos</text:h>')));
    expect(html).toBe('<h2>Przebieg</h2>\n<p>Tekst</p>\n<h3>Głos</h3>');
  });

  it('refuses what is not an ODT with a reason for the message at the field', () => {
    const problem = (data: Buffer) => {
      try {
        readOdt(data);
        return 'read';
      } catch (error) {
        return error instanceof OdtError ? error.problem : String(error);
      }
    };
    expect(problem(pdf())).toBe('notOdt');
    expect(problem(Buffer.from('To nie jest plik ZIP'))).toBe('notOdt');
    expect(problem(zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', data: '<x/>' }]))).toBe('notOdt');
    expect(problem(zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'styles.xml', data: '<x/>' }]))).toBe('noContent');
    expect(problem(zip([{ name: 'content.xml', data: '<office:document-content><text:p>bez przestrzeni nazw' }]))).toBe('damaged');
    // Billion laughs: entities are never expanded, a DOCTYPE is refused.
    expect(problem(zip([{ name: 'content.xml', data: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>' }]))).toBe('damaged');
  });

  it('refuses a ZIP bomb: a content.xml that declares more than the limit is not inflated, one that lies is cut short', () => {
    const huge = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>${' '.repeat(MAX_XML_BYTES + 1024)}</text:p></office:text></office:body></office:document-content>`;
    const bomb = zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: huge, deflate: true }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => readOdt(bomb)).toThrow(expect.objectContaining({ problem: 'tooLarge' }));
    const liar = zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: huge, deflate: true, declaredSize: 1000 }]);
    expect(() => readOdt(liar)).toThrow(expect.objectContaining({ problem: 'damaged' }));
  });
});
