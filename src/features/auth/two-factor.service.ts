// Two-factor login with an authenticator app (TOTP) and one-time recovery codes; administrators may
// require it for a role. The secret is confirmed by a first code before it is switched on; turning it
// off asks for the password again (re-authentication). Every change is audit-logged.
import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { FormError } from '../../http/errors.js';
import { hashToken } from '../../lib/link-tokens.js';
import { audit } from '../audit/audit.service.js';
import { findLoginCandidate } from '../users/users.service.js';
import { verifyPassword } from './passwords.js';
import { otpauthUrl, verifyTotp } from './totp.js';

export const RECOVERY_CODE_COUNT = 10;
type Ctx = Pick<Deps, 'db' | 'clock'>;

/** "k7m2-9xq4-p3tz": 60 bits, easy to type, no look-alike letters. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...crypto.randomBytes(12)].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`;
}
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

export async function qrSvg(secret: string, account: string, issuer: string): Promise<string> {
  // Drawn here, never by an outside service: the secret stays on the portal.
  return QRCode.toString(otpauthUrl(secret, account, issuer), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** Switches two-factor login on once the first code from the app matches; returns the recovery codes, shown once. */
export async function enableTwoFactor(ctx: Ctx, userId: number, secret: string, code: string, ip: string | undefined): Promise<string[]> {
  const step = verifyTotp(secret, code, ctx.clock.now(), null);
  if (step === null) throw new FormError({ code: ['security.twoFactor.codeWrong'] });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: secret, totpEnabledAt: ctx.clock.now(), totpLastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashToken(normaliseRecovery(c)) })) });
    await audit(tx, { userId, action: 'auth.2fa_enabled', entityType: 'User', entityId: userId, ip });
  });
  return codes;
}

export async function disableTwoFactor(ctx: Ctx, user: { id: number; email: string; role: Role }, password: string, ip: string | undefined): Promise<void> {
  const candidate = await findLoginCandidate(ctx.db, user.email);
  if (!(await verifyPassword(candidate?.passwordHash ?? null, password))) {
    await audit(ctx.db, { userId: user.id, action: 'auth.reauth_failed', entityType: 'User', entityId: user.id, details: { for: '2fa_off' }, ip });
    throw new FormError({ password: ['validation.password.currentWrong'] });
  }
  if (await twoFactorRequiredFor(ctx, user.role)) throw new FormError({ password: ['security.twoFactor.required'] });
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await audit(tx, { userId: user.id, action: 'auth.2fa_disabled', entityType: 'User', entityId: user.id, ip });
  });
}

/** The second step of a login: a code from the app (once per step) or an unused recovery code. */
export async function checkSecondFactor(ctx: Ctx, userId: number, input: string): Promise<'totp' | 'recovery' | null> {
  const user = await ctx.db.user.findFirst({ where: { id: userId, active: true }, select: { totpSecret: true, totpLastStep: true } });
  if (!user?.totpSecret) return null;
  const step = verifyTotp(user.totpSecret, input, ctx.clock.now(), user.totpLastStep);
  if (step !== null) {
    // Only if no other request used this step meanwhile.
    const { count } = await ctx.db.user.updateMany({ where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
    return count === 1 ? 'totp' : null;
  }
  const normalised = normaliseRecovery(input);
  if (normalised.length !== 12) return null;
  const { count } = await ctx.db.recoveryCode.updateMany({ where: { userId, codeHash: hashToken(normalised), usedAt: null }, data: { usedAt: ctx.clock.now() } });
  return count === 1 ? 'recovery' : null;
}

export async function twoFactorRequiredFor(ctx: Pick<Deps, 'db'>, role: Role): Promise<boolean> {
  const policy = await ctx.db.roleSecurityPolicy.findUnique({ where: { role } });
  return policy?.requireTwoFactor ?? false;
}

export async function rolePolicies(ctx: Pick<Deps, 'db'>): Promise<Record<Role, boolean>> {
  const rows = await ctx.db.roleSecurityPolicy.findMany();
  const result = { ADMIN: false, DEPARTMENT_STAFF: false, COUNCILLOR: false, MODERATOR: false } as Record<Role, boolean>;
  for (const row of rows) result[row.role] = row.requireTwoFactor;
  return result;
}

export async function setRolePolicies(ctx: Ctx & { actorId: number; ip: string | undefined }, required: readonly Role[]): Promise<void> {
  const before = await rolePolicies(ctx);
  await ctx.db.$transaction(async (tx) => {
    for (const role of Object.keys(before) as Role[]) {
      const requireTwoFactor = required.includes(role);
      await tx.roleSecurityPolicy.upsert({ where: { role }, create: { role, requireTwoFactor }, update: { requireTwoFactor } });
    }
    await audit(tx, { userId: ctx.actorId, action: 'settings.2fa_policy', details: { before, after: required }, ip: ctx.ip });
  });
}

export async function remainingRecoveryCodes(ctx: Pick<Deps, 'db'>, userId: number): Promise<number> {
  return ctx.db.recoveryCode.count({ where: { userId, usedAt: null } });
}
