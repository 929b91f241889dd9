import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { attachmentRoutesFor } from '../attachments/attachments.routes.js';
import { investmentAttachmentHost } from './investment-attachments.js';
import { panelInvestmentHandlers } from './panel-investments.handlers.js';

export function panelInvestmentRoutes(deps: Deps) {
  const h = panelInvestmentHandlers(deps);
  const manage = requirePermission('investments:manage');
  const router = Router();
  router.get('/panel/inwestycje', manage, h.list);
  router.get('/panel/inwestycje/nowa', manage, h.newForm);
  router.post('/panel/inwestycje', manage, h.create);
  router.get('/panel/inwestycje/:id', manage, h.show);
  router.get('/panel/inwestycje/:id/edycja', manage, h.editForm);
  router.get('/panel/inwestycje/:id/podglad', manage, h.preview);
  router.post('/panel/inwestycje/:id', manage, h.update);
  router.post('/panel/inwestycje/:id/publikacja', manage, h.publish);
  router.post('/panel/inwestycje/:id/wycofanie', manage, h.unpublish);
  router.post('/panel/inwestycje/:id/archiwizacja', manage, h.archive);
  router.post('/panel/inwestycje/:id/przywrocenie', manage, h.restore);
  router.post('/panel/inwestycje/:id/postepy', manage, h.addUpdate);
  router.post('/panel/inwestycje/:id/postepy/:updateId/usun', manage, h.removeUpdate);
  // Documents and photos: the shared attachments pages, with the investment as their owner.
  router.use(attachmentRoutesFor(deps, '/panel/inwestycje/:id', manage, investmentAttachmentHost(deps)));
  return router;
}
