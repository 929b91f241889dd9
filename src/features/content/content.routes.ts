import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { switchDisplay } from '../../http/display-preferences.js';
import { requirePermission } from '../../http/guards.js';
import { CONTENT_SLUGS, contentUrls } from './content-pages.js';
import { attachmentRoutesFor } from '../attachments/attachments.routes.js';
import { contentHandlers } from './content.handlers.js';
import { guideAttachmentHost, knowledgeHandlers } from './knowledge.handlers.js';
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

  // The knowledge base: guides are editable pages too, with files through the shared attachments pages.
  const k = knowledgeHandlers(deps);
  router.get('/baza-wiedzy', k.list);
  router.get('/baza-wiedzy/:slug', k.guide);
  router.get('/panel/baza-wiedzy', edit, k.panelList);
  router.get('/panel/baza-wiedzy/nowy', edit, k.newForm);
  router.post('/panel/baza-wiedzy', edit, k.create);
  router.get('/panel/baza-wiedzy/:id', edit, k.editForm);
  router.post('/panel/baza-wiedzy/:id', edit, k.update);
  router.use(attachmentRoutesFor(deps, '/panel/baza-wiedzy/:id', edit, guideAttachmentHost(deps)));
  return router;
}
