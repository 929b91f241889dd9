// What a new password must be (ASVS 5.0 V6.2): at least 12 characters, at most 1024, not one of the
// common or breached passwords shipped in resources/common-passwords.txt (49,233 entries, see
// scripts/generate-common-passwords.mjs), not a common one with digits or signs added at the end,
// not a few characters repeated, and not built on the account's own e-mail address.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../../paths.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
export const COMMON_PASSWORDS_FILE = path.join(ROOT, 'resources', 'common-passwords.txt');

let common: Set<string> | undefined;
/** The shipped list, read once (about 0.4 MB). */
export function commonPasswords(): Set<string> {
  common ??= new Set(fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n').filter(Boolean));
  return common;
}

/** The message key of the first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string | undefined } = {}): string | null {
  const length = [...password].length;
  if (length === 0) return 'validation.password.required';
  if (length < PASSWORD_MIN_LENGTH) return 'validation.password.tooShort';
  if (length > PASSWORD_MAX_LENGTH) return `validation.tooLong?max=${PASSWORD_MAX_LENGTH}`;
  const lower = password.toLowerCase();
  const list = commonPasswords();
  // "Password1234!" is "password" with a suffix: guessing tools try exactly that.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (list.has(lower) || list.has(lower.trim()) || (stem.length > 0 && list.has(stem))) return 'validation.password.common';
  if (new Set(lower).size < 5) return 'validation.password.simple';
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'validation.password.containsEmail';
  return null;
}

/** The two fields of every "new password" form: password and its repetition. */
export function newPasswordSchema(context: () => { email?: string | undefined } = () => ({})) {
  return z
    .object({
      // Never trimmed: spaces may be part of a passphrase.
      password: z.string({ error: 'validation.password.required' }),
      passwordConfirm: z.string({ error: 'validation.password.confirmRequired' }),
    })
    .superRefine((data, ctx) => {
      const problem = passwordProblem(data.password, context());
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
      else if (data.passwordConfirm === '') ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'validation.password.confirmRequired' });
      else if (data.passwordConfirm !== data.password) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'validation.password.mismatch' });
    });
}
