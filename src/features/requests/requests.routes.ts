import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { panelRequestHandlers } from './panel-requests.handlers.js';
import { planHandlers } from './plan.handlers.js';
import { requestHandlers } from './requests.handlers.js';

/** Residents' pages. Mounted before the consultations' router, so /konsultacje/plan is not read as a slug. */
export function requestsRoutes(deps: Deps) {
  const h = requestHandlers(deps);
  const plan = planHandlers(deps);
  const router = Router();
  router.get('/konsultacje/plan', plan.page);
  router.get('/wnioski', h.list);
  router.get('/wnioski/nowy', h.newForm);
  router.post('/wnioski', h.create);
  router.get('/wnioski/poparcie/potwierdz', h.confirmPage);
  router.post('/wnioski/poparcie/potwierdz', h.confirm);
  router.get('/wnioski/:id', h.show);
  router.post('/wnioski/:id/poparcie', h.support);
  router.get('/wnioski/:id/poparcie/sprawdz-poczte', h.supportSent);
  return router;
}

/** The coordinating office's pages (requests:assess, plan:manage) and the councils' filing (requests:file). */
export function panelRequestsRoutes(deps: Deps) {
  const h = panelRequestHandlers(deps);
  const plan = planHandlers(deps);
  const assess = requirePermission('requests:assess');
  const file = requirePermission('requests:file');
  const managePlan = requirePermission('plan:manage');
  const router = Router();
  router.get('/panel/wnioski', assess, h.list);
  router.get('/panel/wnioski/nowy', file, h.newCouncilForm);
  router.post('/panel/wnioski', file, h.createCouncil);
  router.get('/panel/wnioski/:id', assess, h.show);
  router.post('/panel/wnioski/:id/ocena', assess, h.assess);
  router.post('/panel/wnioski/:id/listy-poparcia', assess, h.addPaperList);
  router.post('/panel/wnioski/:id/konsultacja', assess, h.convert);
  router.get('/panel/plan', managePlan, plan.panelList);
  router.get('/panel/plan/nowy', managePlan, plan.newForm);
  router.post('/panel/plan', managePlan, plan.create);
  router.get('/panel/plan/:id/edycja', managePlan, plan.editForm);
  router.post('/panel/plan/:id', managePlan, plan.update);
  router.post('/panel/plan/:id/usun', managePlan, plan.remove);
  router.post('/panel/plan/:id/konsultacja', managePlan, plan.start);
  return router;
}
