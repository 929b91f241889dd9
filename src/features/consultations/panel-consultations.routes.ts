import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { consultationHandlers } from './consultations.handlers.js';
import { panelConsultationHandlers } from './panel-consultations.handlers.js';
import { panelMeetingHandlers } from './panel-meetings.handlers.js';

export function panelConsultationRoutes(deps: Deps) {
  const h = panelConsultationHandlers(deps);
  const m = panelMeetingHandlers(deps);
  const publicPages = consultationHandlers(deps);
  const manage = requirePermission('consultations:manage');
  const router = Router();
  router.get('/panel/konsultacje', manage, h.list);
  router.get('/panel/konsultacje/nowa', manage, h.newForm);
  router.post('/panel/konsultacje', manage, h.create);
  router.get('/panel/konsultacje/:id', manage, h.show);
  router.get('/panel/konsultacje/:id/edycja', manage, h.editForm);
  router.get('/panel/konsultacje/:id/podglad', manage, publicPages.preview);
  router.post('/panel/konsultacje/:id', manage, h.update);
  router.post('/panel/konsultacje/:id/publikacja', manage, h.publish);
  router.post('/panel/konsultacje/:id/wycofanie', manage, h.unpublish);
  router.post('/panel/konsultacje/:id/stan', manage, h.setState);
  router.post('/panel/konsultacje/:id/archiwizacja', manage, h.archive);
  router.get('/panel/konsultacje/:id/spotkania/nowe', manage, m.newForm);
  router.post('/panel/konsultacje/:id/spotkania', manage, m.create);
  router.get('/panel/konsultacje/:id/spotkania/:meetingId/edycja', manage, m.editForm);
  router.post('/panel/konsultacje/:id/spotkania/:meetingId', manage, m.update);
  router.post('/panel/konsultacje/:id/spotkania/:meetingId/usun', manage, m.remove);
  return router;
}
