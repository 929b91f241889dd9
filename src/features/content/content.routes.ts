import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { switchDisplay } from '../../http/display-preferences.js';
import { requirePermission } from '../../http/guards.js';
import { CONTENT_SLUGS, contentUrls } from './content-pages.js';
import { contentHandlers } from './content.handlers.js';
import { panelContentHandlers } from './panel-content.handlers.js';

export function contentRoutes(deps: Deps) {
  const h = contentHandlers(deps);
  const p = panelContentHandlers(deps);
  const edit = requirePermission('settings:edit');
  const router = Router();
  router.get(contentUrls.statement(), h.statement);
  for (const slug of CONTENT_SLUGS) router.get(contentUrls.page(slug), h.page(slug));
  // The comfort switches; their cookies are listed on the privacy page as strictly necessary.
  router.get('/wyglad/:name/:value', switchDisplay);
  router.get('/panel/strony', edit, p.list);
  router.get('/panel/strony/deklaracja-dostepnosci', edit, p.statementForm);
  router.post('/panel/strony/deklaracja-dostepnosci', edit, p.updateStatement);
  router.get('/panel/strony/:slug', edit, p.pageForm);
  router.post('/panel/strony/:slug', edit, p.updatePage);
  return router;
}
