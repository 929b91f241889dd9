import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, createPrisma, type Db } from '../../src/db/client.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-data.js';
import { verifyPassword } from '../../src/features/auth/passwords.js';
import { listUploads, makeUploadsDir, removeUploadsDir } from '../helpers/app.js';
import { DB_SEED, runCli } from '../helpers/cli.js';
import { createTestDatabase, truncateAll } from '../helpers/database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
let db: Db;
// The demo consultation's files go to UPLOADS_DIR: a folder of this file's own.
let uploadsDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  uploadsDir = makeUploadsDir();
  pool = createPool(database.url, 2);
  db = createPrisma(pool);
});

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
  await database?.drop();
  removeUploadsDir(uploadsDir);
});

const seed = (args: string[]) => runCli(DB_SEED, args, { env: { DATABASE_URL: database.url, UPLOADS_DIR: uploadsDir } });

/** Every row the seed may touch, so "changes nothing" can be compared exactly. */
async function snapshot() {
  return {
    departments: await db.department.findMany({ orderBy: { id: 'asc' } }),
    districts: await db.district.findMany({ orderBy: { id: 'asc' } }),
    users: await db.user.findMany({ orderBy: { id: 'asc' } }),
    audit: await db.auditLog.count(),
    attachments: await db.attachment.findMany({ orderBy: { id: 'asc' } }),
    migrations: (await pool.query('SELECT id, checksum, migration_name FROM "_prisma_migrations" ORDER BY migration_name')).rows,
  };
}

describe('npm run db:seed', () => {
  it('without --demo loads the 10 departments and 20 districts and creates no account', async () => {
    await truncateAll(pool);
    const result = await seed([]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Base data: 10 departments, 20 districts.');
    expect(await db.department.count()).toBe(10);
    expect(await db.district.count()).toBe(20);
    expect(await db.user.count()).toBe(0);
  });

  it('with --demo creates the seven demo accounts with their roles and scopes, and a second run changes nothing', async () => {
    await truncateAll(pool);
    const first = await seed(['--demo']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Demo accounts created');

    const users = await db.user.findMany({
      select: { email: true, role: true, passwordHash: true, department: { select: { code: true } }, district: { select: { slug: true } } },
      orderBy: { id: 'asc' },
    });
    expect(users.map((u) => ({ email: u.email, role: u.role, departmentCode: u.department?.code, districtSlug: u.district?.slug }))).toEqual(
      DEMO_USERS.map((d) => ({
        email: d.email,
        role: d.role,
        departmentCode: 'departmentCode' in d ? d.departmentCode : undefined,
        districtSlug: 'districtSlug' in d ? d.districtSlug : undefined,
      })),
    );
    expect(users).toHaveLength(7);
    for (const user of users) expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD), user.email).toBe(true);
    // The demo consultation's 9 documents (one DOCX, one ODT) and 3 photos (each with a thumbnail) are in UPLOADS_DIR.
    expect(await db.attachment.count({ where: { consultationId: { not: null } } })).toBe(12);
    // And the district news' photo (with its thumbnail) and PDF.
    expect(await db.attachment.count({ where: { newsId: { not: null } } })).toBe(2);
    expect(await db.news.count()).toBe(4);
    expect(await db.district.count({ where: { councilChair: '' } })).toBe(0);
    // Every demo file is on disk, with a thumbnail for each photo: no row without its file, no file without its row.
    const files = await db.attachment.count();
    const thumbnails = await db.attachment.count({ where: { thumbnailName: { not: null } } });
    expect(files).toBeGreaterThan(12);
    expect(listUploads(uploadsDir).filter((f) => f.startsWith('files/'))).toHaveLength(files + thumbnails);

    const before = await snapshot();
    const second = await seed(['--demo']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Demo accounts: already present, nothing changed.');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown option with the usage and exit code 1', async () => {
    const result = await seed(['--demo-data']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Unknown option '--demo-data'");
    expect(result.stderr).toContain('Usage: npm run db:seed');
  });

  it('names the variable when the configuration is wrong', async () => {
    const result = await runCli(DB_SEED, [], { env: { DATABASE_URL: 'mysql://localhost/x' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });
});
