import { z } from 'zod';
import { email } from '../../http/forms.js';

export const loginSchema = z.object({
  email: email(),
  // Passwords are not trimmed: spaces may be part of them.
  password: z.string({ error: 'validation.password.required' }).min(1, 'validation.password.required').max(1024, 'validation.tooLong?max=1024'),
  next: z.string().max(500).optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const loginQuerySchema = z.object({ next: z.string().max(500).optional().catch(undefined) });

/** A six-digit code from the app, or a recovery code ("k7m2-9xq4-p3tz"). */
export const secondFactorSchema = z.object({
  code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'security.twoFactor.codeRequired' }).min(1, 'security.twoFactor.codeRequired').max(40, 'security.twoFactor.codeWrong')),
});
