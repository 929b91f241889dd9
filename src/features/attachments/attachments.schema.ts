// Forms of the documents and gallery pages; field names equal the HTML names.
import { z } from 'zod';
import { optionalText, text } from '../../http/forms.js';

export const documentDetailsSchema = z.object({
  title: text('attachments.error.title', 300),
  description: optionalText(1000),
});

export const imageDetailsSchema = z.object({
  altText: text('attachments.error.altText', 300),
  title: optionalText(300),
  description: optionalText(1000),
});

export const moveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'validation.invalid' }) });
