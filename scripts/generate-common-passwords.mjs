// Writes resources/common-passwords.txt: the 49,233 most common passwords of the zxcvbn-ts project
// (@zxcvbn-ts/language-common, MIT, a development dependency), lower-cased, one a line, most common
// first. Run again after updating that package: `node scripts/generate-common-passwords.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const source = require.resolve('@zxcvbn-ts/language-common/package.json');
const passwords = JSON.parse(fs.readFileSync(path.join(path.dirname(source), 'src', 'passwords.json'), 'utf8'));
const seen = new Set();
for (const password of passwords) seen.add(String(password).toLowerCase());
const target = path.join(import.meta.dirname, '..', 'resources', 'common-passwords.txt');
fs.writeFileSync(target, [...seen].join('\n') + '\n');
console.log(`${seen.size} passwords written to ${path.relative(process.cwd(), target)}`);
