// Credential checks and login bookkeeping; the same timing whether or not the e-mail exists.
import type { Db } from '../../db/client.js';
import { audit } from '../audit/audit.service.js';
import { findLoginCandidate, recordLogin } from '../users/users.service.js';
import { verifyAgainstDummy, verifyPassword } from './passwords.js';

export async function verifyCredentials(db: Db, email: string, password: string): Promise<{ id: number } | null> {
  const candidate = await findLoginCandidate(db, email);
  // An invited person without a password yet costs the same time as an unknown address.
  if (!candidate?.passwordHash) {
    await verifyAgainstDummy(password);
    return null;
  }
  const valid = await verifyPassword(candidate.passwordHash, password);
  return valid && candidate.active ? { id: candidate.id } : null;
}

/** Records the login; returns the time of the one before it (shown on the dashboard). */
export async function recordSuccessfulLogin(db: Db, userId: number, ip: string | undefined, now: Date): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const previous = await recordLogin(tx, userId, now);
    await audit(tx, { userId, action: 'auth.login', entityType: 'User', entityId: userId, ip });
    return previous;
  });
}

export async function recordFailedLogin(db: Db, email: string, ip: string | undefined, step: 'password' | 'second_factor' = 'password') {
  // The e-mail typed is kept (it may be a typo of a real account); never the password or code.
  await audit(db, { userId: null, action: 'auth.login_failed', details: step === 'password' ? { email } : { email, step }, ip });
}

export async function recordLogout(db: Db, userId: number, ip: string | undefined) {
  await audit(db, { userId, action: 'auth.logout', entityType: 'User', entityId: userId, ip });
}
