// Project folders, found from this file so they hold under tsx (src/) and a build (dist/src/).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(import.meta.dirname);
export const VIEWS_DIR = path.join(ROOT, 'views');
export const PUBLIC_DIR = path.join(ROOT, 'public');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
// Leaflet's dist folder, wherever npm put the package (served under /vendor/leaflet).
export const LEAFLET_DIR = path.dirname(createRequire(import.meta.url).resolve('leaflet'));
