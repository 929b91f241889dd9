// The README is the newcomer's first page: keep its promises in step with the code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const config = fs.readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README.md', () => {
  it('has a row in the configuration table for every environment variable src/config.ts reads', () => {
    const schema = config.slice(config.indexOf('const envSchema'), config.indexOf('.superRefine'));
    const variables = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(10);
    const documented = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
    expect(variables.filter((v) => !documented.has(v))).toEqual([]);
    expect([...documented].filter((v) => !variables.includes(v))).toEqual([]);
  });

  it('gives the two set-up commands, and every npm script it mentions exists', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    for (const [, script] of readme.matchAll(/npm run ([\w:-]+)/g)) expect(pkg.scripts, `npm run ${script}`).toHaveProperty([script!]);
  });

  it('links to the decisions record, which exists', () => {
    expect(readme).toContain('docs/decisions.md');
    expect(fs.existsSync(path.join(ROOT, 'docs/decisions.md'))).toBe(true);
  });
});
