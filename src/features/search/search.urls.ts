// Addresses of the search page (shareable: the query, the kind and the page are GET parameters).
import type { KindParam } from './search.schema.js';

export const searchUrls = {
  page: (query: { q?: string | undefined; rodzaj?: KindParam | undefined; strona?: number | undefined } = {}) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.rodzaj) params.set('rodzaj', query.rodzaj);
    if (query.strona && query.strona > 1) params.set('strona', String(query.strona));
    const qs = params.toString();
    return qs ? `/szukaj?${qs}` : '/szukaj';
  },
};
