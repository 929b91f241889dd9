// Test data builders: each test creates exactly what it needs.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { hashPassword } from '../../src/features/auth/passwords.js';

export const TEST_PASSWORD = 'Poprawne-Haslo-2026';
let hashed: Promise<string> | undefined;
const uid = () => crypto.randomBytes(4).toString('hex');

export function createDepartment(db: Db, data: Partial<{ code: string; name: string }> = {}) {
  const code = data.code ?? `D${uid()}`;
  return db.department.create({ data: { code, name: data.name ?? `Wydział ${code}` } });
}

export function createDistrict(db: Db, data: Partial<{ slug: string; name: string }> = {}) {
  const slug = data.slug ?? `dzielnica-${uid()}`;
  return db.district.create({ data: { slug, name: data.name ?? `Dzielnica ${slug}` } });
}

export async function createUser(
  db: Db,
  data: Partial<{ email: string; name: string; role: Role; departmentId: number; districtId: number; active: boolean; password: string }> = {},
) {
  const role = data.role ?? 'ADMIN';
  const departmentId = data.departmentId ?? (role === 'DEPARTMENT_STAFF' ? (await createDepartment(db)).id : null);
  const districtId = data.districtId ?? (role === 'COUNCILLOR' ? (await createDistrict(db)).id : null);
  // Hashing is slow by design: share one hash of the default password across tests.
  const passwordHash = data.password ? await hashPassword(data.password) : await (hashed ??= hashPassword(TEST_PASSWORD));
  return db.user.create({
    data: {
      email: data.email ?? `user-${uid()}@example.org`,
      name: data.name ?? 'Anna Nowak',
      role,
      departmentId,
      districtId,
      active: data.active ?? true,
      passwordHash,
    },
  });
}
