// Staff administration: the list, invitations, role and scope changes, deactivation. Every change is
// audit-logged; a change of role or scope and a deactivation end the person's sessions at once.
import type { Deps } from '../../deps.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { FormError, NotFoundError } from '../../http/errors.js';
import { skipFor } from '../../http/pagination.js';
import { audit } from '../audit/audit.service.js';
import { queueStaffMail, STAFF_MAIL_KINDS } from '../auth/staff-emails.js';
import { endUserSessions } from '../auth/user-sessions.js';
import { createStaffUser } from './users.service.js';
import type { InviteInput, UserInput } from './panel-users.schema.js';

export const USERS_PAGE_SIZE = 25;

type Ctx = Pick<Deps, 'db' | 'pool' | 'jobs'> & { actor: { id: number }; ip: string | undefined; now: Date };

const listSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastLoginAt: true,
  passwordHash: true,
  totpEnabledAt: true,
  department: { select: { code: true, name: true } },
  district: { select: { name: true } },
} as const;

/** Never the hash itself: only whether the invitation is still open. */
function present<T extends { passwordHash: string | null }>(row: T) {
  const { passwordHash, ...rest } = row;
  return { ...rest, pending: passwordHash === null };
}

export async function listUsers(db: Deps['db'], query: { strona: number; q: string; status: string }) {
  const where: Prisma.UserWhereInput = {
    ...(query.q ? { OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { email: { contains: query.q.toLowerCase() } }] } : {}),
    ...(query.status === 'aktywne' ? { active: true, passwordHash: { not: null } } : {}),
    ...(query.status === 'nieaktywne' ? { active: false } : {}),
    ...(query.status === 'zaproszone' ? { active: true, passwordHash: null } : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, select: listSelect, orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }], skip: skipFor(query.strona, USERS_PAGE_SIZE), take: USERS_PAGE_SIZE }),
    db.user.count({ where }),
  ]);
  return { rows: rows.map(present), total };
}

export async function getUser(db: Deps['db'], id: number) {
  const user = await db.user.findUnique({ where: { id }, select: { ...listSelect, departmentId: true, districtId: true, createdAt: true, passwordChangedAt: true } });
  if (!user) throw new NotFoundError();
  return present(user);
}

export async function scopeOptions(db: Deps['db']) {
  const [departments, districts] = await Promise.all([
    db.department.findMany({ select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } }),
    db.district.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { departments, districts };
}

/** The ids of the form as codes and slugs for createStaffUser; an unknown id is a field error. */
async function scopeOf(db: Deps['db'], input: UserInput) {
  const department = input.role === 'DEPARTMENT_STAFF' && input.departmentId ? await db.department.findUnique({ where: { id: input.departmentId }, select: { id: true, code: true } }) : null;
  const district = input.role === 'COUNCILLOR' && input.districtId ? await db.district.findUnique({ where: { id: input.districtId }, select: { id: true, slug: true } }) : null;
  if (input.role === 'DEPARTMENT_STAFF' && !department) throw new FormError({ departmentId: ['validation.department.required'] });
  if (input.role === 'COUNCILLOR' && !district) throw new FormError({ districtId: ['validation.district.required'] });
  return { department, district };
}

/** Creates the account without a password and e-mails the set-password link. */
export async function inviteUser(ctx: Ctx, input: InviteInput): Promise<{ id: number }> {
  const { department, district } = await scopeOf(ctx.db, input);
  const created = await ctx.db.$transaction(async (tx) => {
    const user = await createStaffUser(tx, { email: input.email, name: input.name, role: input.role, departmentCode: department?.code, districtSlug: district?.slug });
    await audit(tx, { userId: ctx.actor.id, action: 'user.invite', entityType: 'User', entityId: user.id, details: { email: input.email, role: input.role, departmentId: department?.id ?? null, districtId: district?.id ?? null }, ip: ctx.ip });
    return user;
  });
  try {
    await queueStaffMail(ctx, STAFF_MAIL_KINDS.invite, created.id);
  } catch (error) {
    // No account without its invitation: the administrator simply tries again.
    await ctx.db.$transaction([ctx.db.auditLog.deleteMany({ where: { action: 'user.invite', entityId: String(created.id) } }), ctx.db.user.delete({ where: { id: created.id } })]);
    throw error;
  }
  return created;
}

/** Refuses changes that would leave no active administrator, or lock the acting administrator out. */
async function guardAdmins(ctx: Ctx, target: { id: number; role: string; active: boolean }, next: { role: string; active: boolean }) {
  const losesAdmin = target.role === 'ADMIN' && target.active && (next.role !== 'ADMIN' || !next.active);
  if (!losesAdmin) return;
  if (target.id === ctx.actor.id) throw new FormError({ _form: ['users.validation.notSelf'] });
  const admins = await ctx.db.user.count({ where: { role: 'ADMIN', active: true } });
  if (admins <= 1) throw new FormError({ _form: ['users.validation.lastAdmin'] });
}

export async function updateUser(ctx: Ctx, id: number, input: UserInput): Promise<{ endedSessions: number }> {
  const before = await getUser(ctx.db, id);
  await guardAdmins(ctx, before, { role: input.role, active: before.active });
  const { department, district } = await scopeOf(ctx.db, input);
  const after = { name: input.name, role: input.role, departmentId: department?.id ?? null, districtId: district?.id ?? null };
  const privilegeChanged = before.role !== after.role || before.departmentId !== after.departmentId || before.districtId !== after.districtId;
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: after });
    await audit(tx, {
      userId: ctx.actor.id,
      action: 'user.update',
      entityType: 'User',
      entityId: id,
      details: { before: { name: before.name, role: before.role, departmentId: before.departmentId, districtId: before.districtId }, after },
      ip: ctx.ip,
    });
  });
  // New rights start with a new login (a new session id); the old sessions end now.
  return { endedSessions: privilegeChanged ? await endUserSessions(ctx.pool, id, null) : 0 };
}

export async function setActive(ctx: Ctx, id: number, active: boolean): Promise<{ name: string }> {
  const before = await getUser(ctx.db, id);
  await guardAdmins(ctx, before, { role: before.role, active });
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { active } });
    // Links sent before a deactivation must not work after a reactivation.
    if (!active) await tx.staffToken.updateMany({ where: { userId: id, usedAt: null }, data: { usedAt: ctx.now } });
    await audit(tx, { userId: ctx.actor.id, action: active ? 'user.reactivate' : 'user.deactivate', entityType: 'User', entityId: id, ip: ctx.ip });
  });
  if (!active) await endUserSessions(ctx.pool, id, null);
  return { name: before.name };
}

/** Sends the invitation again (no password yet) or a password-reset link (an active account). */
export async function sendLink(ctx: Ctx, id: number): Promise<'invite' | 'reset'> {
  const user = await getUser(ctx.db, id);
  if (!user.active) throw new FormError({ _form: ['users.validation.inactive'] });
  const kind = user.pending ? STAFF_MAIL_KINDS.invite : STAFF_MAIL_KINDS.reset;
  await queueStaffMail(ctx, kind, id);
  await audit(ctx.db, { userId: ctx.actor.id, action: user.pending ? 'user.invite_resent' : 'user.reset_sent', entityType: 'User', entityId: id, ip: ctx.ip });
  return user.pending ? 'invite' : 'reset';
}
