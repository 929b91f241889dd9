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
