// Forms of the panel's consultation editing; field names equal the HTML names.
import { z } from 'zod';
import { email, optionalText, text } from '../../http/forms.js';
import { ParticipationForm } from '../../generated/prisma/enums.js';

export const isoDate = (requiredKey: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: requiredKey }).min(1, requiredKey).regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date.format').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.date.format'),
  );

/** Checkbox groups arrive as a string (one ticked), an array (several) or nothing. */
export const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const optionalEmail = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email().optional());

export const consultationSchema = z
  .object({
    title: text('panel.consultations.validation.title', 300),
    summary: optionalText(600),
    subjectMd: text('panel.consultations.validation.subject', 20_000),
    purposeMd: text('panel.consultations.validation.purpose', 20_000),
    legalBasis: optionalText(1000),
    addressees: optionalText(1000),
    forms: list(z.enum(ParticipationForm, { error: 'validation.invalid' })),
    departmentId: z.coerce.number({ error: 'validation.department.required' }).int().positive('validation.department.required').optional(),
    topicId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'validation.invalid' }).int().positive().optional()),
    scope: z.enum(['miasto', 'dzielnice'], { error: 'panel.consultations.validation.scope' }),
    districtIds: list(z.coerce.number({ error: 'validation.invalid' }).int().positive()),
    startDate: isoDate('panel.consultations.validation.startDate'),
    endDate: isoDate('panel.consultations.validation.endDate'),
    coordinator: optionalText(200),
    contactName: optionalText(200),
    contactEmail: optionalEmail,
    contactPhone: optionalText(60),
    contactPlace: optionalText(300),
    // Discussion (comments): moderated after publication (default) or before it.
    commentsModeration: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['po', 'przed'], { error: 'validation.invalid' }).default('po')),
  })
  .superRefine((form, ctx) => {
    if (form.endDate < form.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'panel.consultations.validation.endBeforeStart' });
    if (form.scope === 'dzielnice' && form.districtIds.length === 0) ctx.addIssue({ code: 'custom', path: ['districtIds'], message: 'panel.consultations.validation.districts' });
  });
export type ConsultationInput = z.infer<typeof consultationSchema>;

export const publishSchema = z.object({
  when: z.enum(['teraz', 'pozniej'], { error: 'panel.consultations.validation.when' }),
  publishDate: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), isoDate('panel.consultations.validation.publishDate').optional()),
  publishTime: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().regex(/^\d{2}:\d{2}$/, 'validation.time.format').optional()),
}).superRefine((form, ctx) => {
  if (form.when === 'pozniej' && !form.publishDate) ctx.addIssue({ code: 'custom', path: ['publishDate'], message: 'panel.consultations.validation.publishDate' });
});
export type PublishInput = z.infer<typeof publishSchema>;

export const stateSchema = z
  .object({
    state: z.enum(['ACTIVE', 'CANCELLED', 'POSTPONED'], { error: 'panel.consultations.validation.state' }),
    stateNote: optionalText(1000),
  })
  .superRefine((form, ctx) => {
    if (form.state !== 'ACTIVE' && form.stateNote === '') ctx.addIssue({ code: 'custom', path: ['stateNote'], message: 'panel.consultations.validation.stateNote' });
  });
export type StateInput = z.infer<typeof stateSchema>;

export const listQuerySchema = z.object({ strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
