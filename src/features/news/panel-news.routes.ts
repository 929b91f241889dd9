import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { attachmentRoutesFor } from '../attachments/attachments.routes.js';
import { newsAttachmentHost } from './news-attachments.js';
import { panelNewsHandlers } from './panel-news.handlers.js';

export function panelNewsRoutes(deps: Deps) {
  const h = panelNewsHandlers(deps);
  const manage = requirePermission('news:manage');
  const router = Router();
  router.get('/panel/aktualnosci', manage, h.list);
  router.get('/panel/aktualnosci/nowa', manage, h.newForm);
  router.post('/panel/aktualnosci', manage, h.create);
  router.get('/panel/aktualnosci/:id', manage, h.show);
  router.get('/panel/aktualnosci/:id/edycja', manage, h.editForm);
  router.post('/panel/aktualnosci/:id', manage, h.update);
  router.post('/panel/aktualnosci/:id/publikacja', manage, h.publish);
  router.post('/panel/aktualnosci/:id/wycofanie', manage, h.unpublish);
  router.get('/panel/aktualnosci/:id/usun', manage, h.removeForm);
  router.post('/panel/aktualnosci/:id/usun', manage, h.remove);
  // Photos and documents: the shared attachments pages, with the news article as their owner.
  router.use(attachmentRoutesFor(deps, '/panel/aktualnosci/:id', manage, newsAttachmentHost(deps)));
  return router;
}
