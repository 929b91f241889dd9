// The audit log viewer's filters, all GET parameters so a filtered view is a shareable link.
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'audit.validation.date').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'audit.validation.date');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export const auditFilterSchema = z.object({
  uzytkownik: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()).catch(undefined),
  akcja: z.preprocess(blankToUndefined, z.string().max(80).regex(/^[a-z_.:-]+$/).optional()).catch(undefined),
  // "User:12", or only a type ("News").
  obiekt: z.preprocess(blankToUndefined, z.string().max(80).regex(/^[A-Za-z]+(?::[\w-]{1,60})?$/, 'audit.validation.record').optional()),
  od: z.preprocess(blankToUndefined, day.optional()),
  do: z.preprocess(blankToUndefined, day.optional()),
  strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const exportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).catch('csv').default('csv') });
