// The query of /szukaj: what is typed, a kind to show (by its Polish name in the URL) and the page.
// Anything unreadable is ignored rather than refused: a search page always answers.
import { z } from 'zod';
import type { SearchKind } from '../../generated/prisma/enums.js';
import { pageParam } from '../../http/pagination.js';

export const KIND_PARAMS = {
  konsultacje: 'CONSULTATION',
  aktualnosci: 'NEWS',
  inwestycje: 'INVESTMENT',
  ankiety: 'SURVEY',
  dokumenty: 'DOCUMENT',
} as const satisfies Record<string, SearchKind>;
export type KindParam = keyof typeof KIND_PARAMS;
export const KIND_PARAM_OF = Object.fromEntries(Object.entries(KIND_PARAMS).map(([param, kind]) => [kind, param])) as Record<SearchKind, KindParam>;

export const MAX_QUERY_LENGTH = 200;

export const searchQuerySchema = z.object({
  // A longer text is cut, not refused (pasted sentences); a repeated parameter takes the first.
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().catch('')).transform((v) => v.trim().slice(0, MAX_QUERY_LENGTH)),
  rodzaj: z.enum(Object.keys(KIND_PARAMS) as [KindParam, ...KindParam[]]).optional().catch(undefined),
  strona: pageParam,
});
