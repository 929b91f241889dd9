import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { formatters, translator } from '../../src/i18n/i18n.js';
import { pl } from '../../src/i18n/pl.js';
import { VIEWS_DIR } from '../../src/paths.js';

function viewFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : e.name.endsWith('.ejs') ? [path.join(dir, e.name)] : []));
}

describe('message catalogue', () => {
  it('has an English text for every Polish key and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(pl).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });

  it('knows every literal key the templates ask for', () => {
    const missing: string[] = [];
    for (const file of viewFiles(VIEWS_DIR)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'\s*[,)]/g)) {
        if (!(match[1]! in pl)) missing.push(`${path.relative(VIEWS_DIR, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('fills parameters', () => {
    expect(translator('pl')('panel.greeting', { name: 'Anna' })).toBe('Dzień dobry, Anna');
    expect(translator('en')('panel.greeting', { name: 'Anna' })).toBe('Hello, Anna');
  });

  it('formats dates and numbers the Polish way', () => {
    const f = formatters('pl');
    expect(f.formatDate(new Date('2026-11-24T10:00:00Z'))).toBe('24 listopada 2026');
    expect(f.formatNumber(1871)).toBe('1871');
    // Polish groups thousands with a no-break space.
    expect(f.formatNumber(12600000)).toBe('12\u00a0600\u00a0000');
    expect(formatters('en').formatDate(new Date('2026-11-24T10:00:00Z'))).toBe('24 November 2026');
  });
});
