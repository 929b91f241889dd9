// The "another format" form: field names equal the HTML names. The contact is an e-mail address or a
// postal address, whichever the resident chose; the other is ignored. Every rule is checked in one
// pass (superRefine runs only when the fields parse), so a resident sees all the mistakes at once.
import { z } from 'zod';
import { AlternativeFormat } from '../../generated/prisma/enums.js';
import { email, optionalText } from '../../http/forms.js';

export const formatRequestSchema = z
  .object({
    format: z.enum(AlternativeFormat).optional().catch(undefined),
    otherFormat: optionalText(300),
    contact: z.enum(['email', 'poczta']).optional().catch(undefined),
    email: z.string().optional(),
    postalAddress: optionalText(500),
    name: optionalText(200),
    notes: optionalText(2000),
    rodo: z.preprocess((v) => v === 'tak', z.boolean()),
    // The honeypot: people never see it, so anything in it came from a robot (checked in the handler).
    strona_www: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    if (!form.format) ctx.addIssue({ code: 'custom', path: ['format'], message: 'formatRequest.validation.format' });
    if (!form.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: 'formatRequest.validation.contact' });
    if (form.format === 'OTHER' && form.otherFormat === '') ctx.addIssue({ code: 'custom', path: ['otherFormat'], message: 'formatRequest.validation.otherFormat' });
    if (form.contact === 'email') {
      const parsed = email().safeParse(form.email);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['email'], message: parsed.error.issues[0]!.message });
    }
    if (form.contact === 'poczta' && form.postalAddress === '') ctx.addIssue({ code: 'custom', path: ['postalAddress'], message: 'formatRequest.validation.postalAddress' });
    if (!form.rodo) ctx.addIssue({ code: 'custom', path: ['rodo'], message: 'formatRequest.validation.rodo' });
  })
  .transform((form) => ({
    format: form.format!,
    otherFormat: form.format === 'OTHER' ? form.otherFormat : '',
    email: form.contact === 'email' ? email().parse(form.email) : null,
    postalAddress: form.contact === 'poczta' ? form.postalAddress : null,
    name: form.name,
    notes: form.notes,
  }));
export type FormatRequestInput = z.infer<typeof formatRequestSchema>;
