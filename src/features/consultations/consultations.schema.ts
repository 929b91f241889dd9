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

export const listQuerySchema = z.object({
  status: optional(z.enum(PHASES)),
  wydzial: optional(z.string().max(16)),
  dzielnica: optional(slugParam),
  temat: optional(slugParam),
  rok: optional(z.coerce.number().int().min(1990).max(2100)),
  // A long text is cut rather than refused: the resident still gets results.
  q: optional(z.string().transform((v) => v.slice(0, 100))),
  strona: pageParam,
});
export type ListQuery = z.infer<typeof listQuerySchema>;
