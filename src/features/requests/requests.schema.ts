// Forms and queries of requests for consultations and of the annual plan; field names equal the HTML names.
import { z } from 'zod';
import { ParticipationForm } from '../../generated/prisma/enums.js';
import { email, optionalText, text } from '../../http/forms.js';
import { isoDate, list } from '../consultations/panel-consultations.schema.js';

/** A ticked checkbox sends "tak"; anything else is a missing declaration. */
const ticked = (key: string) => z.literal('tak', { error: key });

const requestContent = {
  title: text('requests.validation.title', 300),
  justification: text('requests.validation.justification', 10_000),
  scope: text('requests.validation.scope', 5000),
  forms: list(z.enum(ParticipationForm, { error: 'validation.invalid' })),
};

export const residentRequestSchema = z.object({
  ...requestContent,
  contactName: text('requests.validation.contactName', 200),
  contactEmail: email(),
  contactPhone: optionalText(60).pipe(z.string().regex(/^(\+?[\d ()-]{6,})?$/, 'requests.validation.contactPhone')),
  declaration: ticked('requests.validation.declaration'),
  rodo: ticked('requests.validation.rodo'),
});
export type ResidentRequestInput = z.infer<typeof residentRequestSchema>;

export const councilRequestSchema = z.object({
  ...requestContent,
  /** Administrators choose the district; a councillor's own district is used whatever this says. */
  districtId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'requests.validation.district' }).int().positive('requests.validation.district').optional()),
});
export type CouncilRequestInput = z.infer<typeof councilRequestSchema>;

export const supportSchema = z.object({
  name: text('requests.validation.supporterName', 200),
  email: email(),
  declaration: ticked('requests.validation.declaration'),
  rodo: ticked('requests.validation.rodo'),
});
export type SupportInput = z.infer<typeof supportSchema>;

export const assessSchema = z
  .object({
    state: z.enum(['UNDER_REVIEW', 'ACCEPTED', 'REJECTED'], { error: 'requests.validation.state' }),
    answer: optionalText(10_000),
  })
  .superRefine((form, ctx) => {
    if (form.state !== 'UNDER_REVIEW' && form.answer === '') ctx.addIssue({ code: 'custom', path: ['answer'], message: 'requests.validation.answer' });
  });
export type AssessInput = z.infer<typeof assessSchema>;

export const paperListSchema = z.object({
  signatures: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'requests.validation.signatures' }).regex(/^[1-9]\d{0,5}$/, 'requests.validation.signatures').transform(Number),
  ),
  receivedOn: isoDate('requests.validation.receivedOn'),
  note: optionalText(300),
});
export type PaperListInput = z.infer<typeof paperListSchema>;

export const departmentChoiceSchema = z.object({
  departmentId: z.coerce.number({ error: 'validation.department.required' }).int().positive('validation.department.required'),
});

export const REQUEST_STATE_SLUGS = { zlozony: 'SUBMITTED', 'w-ocenie': 'UNDER_REVIEW', przyjety: 'ACCEPTED', odrzucony: 'REJECTED' } as const;
export type RequestStateSlug = keyof typeof REQUEST_STATE_SLUGS;

export const requestListQuerySchema = z.object({
  strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  stan: z.enum(Object.keys(REQUEST_STATE_SLUGS) as [RequestStateSlug, ...RequestStateSlug[]]).optional().catch(undefined),
});

/** A year from the query string; anything else falls back to the given (current) year. */
export const yearQuerySchema = (fallback: number) => z.object({ rok: z.coerce.number().int().min(2000).max(2100).catch(fallback).default(fallback) });

export const planItemSchema = z.object({
  title: text('plan.validation.title', 300),
  description: optionalText(2000),
  departmentId: z.coerce.number({ error: 'validation.department.required' }).int().positive('validation.department.required'),
  year: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'plan.validation.year' }).regex(/^20\d\d$/, 'plan.validation.year').transform(Number)),
  month: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'plan.validation.month' }).regex(/^([1-9]|1[0-2])$/, 'plan.validation.month').transform(Number)),
});
export type PlanItemInput = z.infer<typeof planItemSchema>;
