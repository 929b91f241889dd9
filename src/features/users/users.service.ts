// Staff accounts: creation with role scope checks; lookups for login and the session.
import type { Db } from '../../db/client.js';
import type { Role } from '../../generated/prisma/enums.js';
import { FormError } from '../../http/errors.js';
import { hashPassword } from '../auth/passwords.js';

export const ROLES = ['ADMIN', 'DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'] as const satisfies readonly Role[];

export interface NewStaffUser {
  email: string;
  name: string;
  /** Omitted for an invitation: the person sets it through the e-mailed link. */
  password?: string | undefined;
  role: Role;
  departmentCode?: string | undefined;
  districtSlug?: string | undefined;
}

/** What the rest of the app knows about the signed-in user (never the hash). */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  departmentId: number | null;
  districtId: number | null;
  departmentName: string | null;
  districtName: string | null;
  coordinator: boolean;
}

type UserWriter = Pick<Db, 'user' | 'department' | 'district'>;

/** Creates a staff account; usable inside a transaction (pass the transaction client). */
export async function createStaffUser(db: UserWriter, input: NewStaffUser): Promise<{ id: number }> {
  const email = input.email.trim().toLowerCase();
  const department = input.departmentCode ? await db.department.findUnique({ where: { code: input.departmentCode } }) : null;
  const district = input.districtSlug ? await db.district.findUnique({ where: { slug: input.districtSlug } }) : null;
  if (input.role === 'DEPARTMENT_STAFF' && !department) throw new FormError({ departmentCode: ['validation.department.required'] });
  if (input.role === 'COUNCILLOR' && !district) throw new FormError({ districtSlug: ['validation.district.required'] });
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new FormError({ email: ['validation.email.taken'] });
  const created = db.user.create({
    data: {
      email,
      name: input.name.trim(),
      passwordHash: input.password === undefined ? null : await hashPassword(input.password),
      role: input.role,
      departmentId: input.role === 'DEPARTMENT_STAFF' ? (department?.id ?? null) : null,
      districtId: input.role === 'COUNCILLOR' ? (district?.id ?? null) : null,
    },
    select: { id: true },
  });
  // Two creations of one address at the same moment: the unique index decides, the form explains.
  return created.catch((error: unknown) => {
    if ((error as { code?: string }).code === 'P2002') throw new FormError({ email: ['validation.email.taken'] });
    throw error;
  });
}

const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  departmentId: true,
  districtId: true,
  department: { select: { name: true, coordinatesConsultations: true } },
  district: { select: { name: true } },
} as const;

/** Loads an active user for the session; null when missing or deactivated (which ends the session). */
export async function findSessionUser(db: Db, id: number): Promise<SessionUser | null> {
  const user = await db.user.findFirst({ where: { id, active: true }, select: sessionUserSelect });
  if (!user) return null;
  const { department, district, ...rest } = user;
  return { ...rest, departmentName: department?.name ?? null, districtName: district?.name ?? null, coordinator: department?.coordinatesConsultations ?? false };
}

export function findLoginCandidate(db: Db, email: string) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, passwordHash: true, active: true } });
}

/** Stamps the login time; returns the previous one. */
export async function recordLogin(db: Pick<Db, 'user'>, id: number, at: Date): Promise<Date | null> {
  const before = await db.user.findUniqueOrThrow({ where: { id }, select: { lastLoginAt: true } });
  await db.user.update({ where: { id }, data: { lastLoginAt: at } });
  return before.lastLoginAt;
}
