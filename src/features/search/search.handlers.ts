// The search page: the query from the URL, one page of results with counts per kind.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { pageLinks } from '../../http/pagination.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { KIND_PARAMS, searchQuerySchema } from './search.schema.js';
import { searchSite } from './search.service.js';
import { searchPageView } from './search.view.js';

export function searchHandlers({ db, clock }: Deps) {
  const page: RequestHandler = async (req, res) => {
    const query = searchQuerySchema.parse(req.query);
    const result = await searchSite(db, clock.now(), { text: query.q, kind: query.rodzaj ? KIND_PARAMS[query.rodzaj] : undefined, page: query.strona });
    const fmt = viewFormat(localeOf(req));
    const view = searchPageView(fmt, query.q, query.rodzaj, result);
    res.render('search/index', {
      title: view.searched ? fmt.t('search.resultsTitle', { q: query.q }) : fmt.t('search.title'),
      breadcrumbs: [{ key: 'search.title' }],
      s: view,
      pagination: pageLinks('/szukaj', { q: query.q, rodzaj: query.rodzaj }, result.page),
    });
  };
  return { page };
}
