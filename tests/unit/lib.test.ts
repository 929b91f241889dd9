import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { slugFrom } from '../../src/lib/slug.js';
import { pageLinks, pageOf } from '../../src/http/pagination.js';

describe('slugFrom', () => {
  it('transliterates Polish letters', () => {
    expect(slugFrom('Źródła żółć')).toBe('zrodla-zolc');
    expect(slugFrom('III Aleja – co dalej?')).toBe('iii-aleja-co-dalej');
    expect(slugFrom('Łódź, Częstochowa & Śląsk')).toBe('lodz-czestochowa-and-slask');
    expect(slugFrom('!!!')).toBe('bez-tytulu');
  });
});

describe('renderMarkdown', () => {
  it('never lets HTML or script through from the source', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.org)');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
  });

  it('keeps headings under the page structure', () => {
    expect(renderMarkdown('# Cel')).toContain('<h3>Cel</h3>');
  });
});

describe('pageLinks', () => {
  it('keeps filters in page links and marks gaps', () => {
    const links = pageLinks('/konsultacje', { status: 'trwajace', strona: '5', q: '' }, pageOf([], 200, 5, 20));
    expect(links.previous).toBe('/konsultacje?status=trwajace&strona=4');
    expect(links.next).toBe('/konsultacje?status=trwajace&strona=6');
    expect(links.items.map((i) => ('gap' in i ? '…' : i.number))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(links.items.find((i) => 'current' in i && i.current)).toMatchObject({ number: 5 });
  });
});

describe('Warsaw dates', async () => {
  const { warsawInstant, endOfWarsawDay, warsawParts, daysBetween } = await import('../../src/lib/dates.js');
  it('converts wall-clock dates in winter and summer', () => {
    expect(warsawInstant('2026-11-24', '18:30').toISOString()).toBe('2026-11-24T17:30:00.000Z');
    expect(warsawInstant('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(endOfWarsawDay('2026-11-30').toISOString()).toBe('2026-11-30T22:59:59.999Z');
  });
  it('gives form values back in Warsaw time and counts calendar days', () => {
    expect(warsawParts(new Date('2026-11-30T23:30:00Z'))).toEqual({ date: '2026-12-01', time: '00:30' });
    expect(daysBetween(warsawInstant('2026-11-10'), endOfWarsawDay('2026-11-30'))).toBe(20);
  });
});
