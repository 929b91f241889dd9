// Query strings of the open-data API. Filters are the pages' own (the same validators, English names);
// unlike the pages, which ignore what they cannot read, the API refuses it with a 400 naming the
// parameter, and refuses parameters it does not know, so a misspelt filter never looks like "no filter".
import { z } from 'zod';
import { strictPageParam } from '../../http/pagination.js';
import { slugParam } from '../../http/params.js';
import type { PublicPhase } from '../consultations/consultation-status.js';
import { consultationFilterFields } from '../consultations/consultations.schema.js';
import { investmentFilterFields } from '../investments/investments.schema.js';
import { CONSULTATION_PHASES, INVESTMENT_STATUSES } from './api.resources.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const paging = {
  page: strictPageParam.default(1),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
};

/** The API's English phase names and the pages' Polish ones (consultation-status.ts). */
const PHASE_OF: Record<(typeof CONSULTATION_PHASES)[number], PublicPhase> = { planned: 'planowane', open: 'trwajace', closed: 'zakonczone' };
export const apiPhaseOf = (phase: PublicPhase) => (Object.keys(PHASE_OF) as (keyof typeof PHASE_OF)[]).find((k) => PHASE_OF[k] === phase)!;

export const consultationsQuerySchema = z.strictObject({
  ...paging,
  phase: z
    .enum(CONSULTATION_PHASES)
    .transform((p) => PHASE_OF[p])
    .pipe(consultationFilterFields.status)
    .optional(),
  department: consultationFilterFields.wydzial.optional(),
  district: consultationFilterFields.dzielnica.optional(),
  topic: consultationFilterFields.temat.optional(),
  year: consultationFilterFields.rok.optional(),
  q: consultationFilterFields.q.optional(),
});

export const newsQuerySchema = z.strictObject({ ...paging, district: slugParam.optional() });

export const investmentsQuerySchema = z.strictObject({
  ...paging,
  status: z.enum(INVESTMENT_STATUSES).optional(),
  district: investmentFilterFields.dzielnica.optional(),
  department: investmentFilterFields.wydzial.optional(),
  year: investmentFilterFields.rok.optional(),
});

const isoDay = z.iso.date();

export const meetingsQuerySchema = z
  .strictObject({ ...paging, consultation: slugParam.optional(), from: isoDay.optional(), to: isoDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '"to" must not be before "from"' });

export const documentsQuerySchema = z.strictObject({ ...paging, consultation: slugParam.optional(), news: slugParam.optional(), investment: slugParam.optional() });

export const surveysQuerySchema = z.strictObject({ ...paging, phase: z.enum(['open', 'closed']).optional(), kind: z.enum(['SURVEY', 'POLL']).optional(), consultation: slugParam.optional() });

export const pagingQuerySchema = z.strictObject(paging);
