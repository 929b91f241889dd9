// The forms of "Twoje dane": the address to send the link to, and the confirmation of erasure.
import { z } from 'zod';
import { email } from '../../http/forms.js';

export const linkRequestSchema = z.object({
  email: email(),
  // The honeypot: people never see it, so anything in it came from a robot (checked in the handler).
  strona_www: z.string().optional(),
});

export const eraseSchema = z.object({
  confirm: z.literal('tak', { error: 'personalData.erase.required' }),
});
