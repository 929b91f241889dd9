import { z } from 'zod';
import { email } from '../../http/forms.js';
import { newPasswordSchema } from './password-policy.js';

export const forgotSchema = z.object({ email: email() });

/** Changing one's password asks for the current one first (re-authentication). */
export const changePasswordSchema = (context: () => { email: string }) =>
  z.intersection(z.object({ currentPassword: z.string({ error: 'validation.password.currentRequired' }).min(1, 'validation.password.currentRequired').max(1024) }), newPasswordSchema(context));

export const sessionKeySchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
