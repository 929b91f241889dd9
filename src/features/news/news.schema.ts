// The query of the public news list: a filter that cannot be read is ignored (the list shows more).
import { z } from 'zod';
import { pageParam } from '../../http/pagination.js';
import { slugParam } from '../../http/params.js';

export const newsListQuerySchema = z.object({
  dzielnica: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), slugParam.optional()).catch(undefined),
  strona: pageParam,
});
