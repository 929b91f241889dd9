// The guide editor's form; field names equal the HTML names.
import { z } from 'zod';
import { GuideAudience } from '../../generated/prisma/enums.js';
import { optionalText, text } from '../../http/forms.js';

export const guideSchema = z.object({
  title: text('panel.knowledge.validation.title', 200),
  audience: z.enum(GuideAudience, { error: 'panel.knowledge.validation.audience' }),
  summary: optionalText(500),
  bodyMd: text('panel.content.validation.body', 50_000),
  /** Which button was pressed: preview re-renders the form, save writes. */
  action: z.enum(['zapisz', 'podglad']).catch('zapisz'),
});
export type GuideInput = z.infer<typeof guideSchema>;
