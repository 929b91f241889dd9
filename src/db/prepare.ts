// Brings a database up to date at start-up: migrations, base data, and demo data when asked.
import type pg from 'pg';
import type { FileStorage } from '../features/attachments/storage.js';
import type { Db } from './client.js';
import { migrate } from './migrate.js';
import { isEmpty, seedBase, seedDemo } from './seed.js';

export async function prepareDatabase(pool: pg.Pool, db: Db, options: { demo: 'auto' | 'always' | 'never'; embedded: boolean; storage?: FileStorage }) {
  const applied = await migrate(pool);
  const fresh = await isEmpty(db);
  await seedBase(db);
  // Demo accounts only on a fresh embedded database (or when asked): never by surprise on a real one.
  const wantDemo = options.demo === 'always' || (options.demo === 'auto' && options.embedded && fresh);
  const demoUsers = wantDemo ? await seedDemo(db, new Date(), options.storage) : [];
  return { applied, demoUsers };
}
