// The query of the public investment list and its map: a filter that cannot be read is ignored.
import { z } from 'zod';
import { pageParam } from '../../http/pagination.js';
import { slugParam } from '../../http/params.js';
import { STATUS_PARAM_LIST } from './investment-status.js';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), schema.optional()).catch(undefined);

/** Each filter as such; the page ignores a bad one, the JSON API (features/api) refuses it. */
export const investmentFilterFields = {
  status: z.enum(STATUS_PARAM_LIST),
  dzielnica: slugParam,
  wydzial: z.string().max(16).regex(/^[\p{L}\d]+$/u),
  rok: z.coerce.number().int().min(1990).max(2100),
};

export const investmentListQuerySchema = z.object({
  status: optional(investmentFilterFields.status),
  dzielnica: optional(investmentFilterFields.dzielnica),
  wydzial: optional(investmentFilterFields.wydzial),
  rok: optional(investmentFilterFields.rok),
  strona: pageParam,
});
export type InvestmentListQuery = z.infer<typeof investmentListQuerySchema>;
