// The query of the public consultation list. A filter that cannot be read is ignored (the list shows
// more, never a 500). Route parameters use routeSlug / routeId (a malformed one is a 404).
import { z } from 'zod';
import { pageParam } from '../../http/pagination.js';
import { slugParam } from '../../http/params.js';
import { PUBLIC_PHASES, type PublicPhase } from './consultation-status.js';

const PHASES = Object.keys(PUBLIC_PHASES) as [PublicPhase, ...PublicPhase[]];

/** An optional filter: blank means "any"; a value that is not well formed is ignored. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), schema.optional()).catch(undefined);

/** Each filter as such; the page ignores a bad one, the JSON API (features/api) refuses it. */
export const consultationFilterFields = {
  status: z.enum(PHASES),
  wydzial: z.string().max(16),
  dzielnica: slugParam,
  temat: slugParam,
  rok: z.coerce.number().int().min(1990).max(2100),
  // A long text is cut rather than refused: the resident still gets results.
  q: z.string().transform((v) => v.slice(0, 100)),
};

export const listQuerySchema = z.object({
  status: optional(consultationFilterFields.status),
  wydzial: optional(consultationFilterFields.wydzial),
  dzielnica: optional(consultationFilterFields.dzielnica),
  temat: optional(consultationFilterFields.temat),
  rok: optional(consultationFilterFields.rok),
  q: optional(consultationFilterFields.q),
  strona: pageParam,
});
export type ListQuery = z.infer<typeof listQuerySchema>;
