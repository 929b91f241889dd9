import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { panelDistrictHandlers } from './panel-districts.handlers.js';

export function panelDistrictRoutes(deps: Deps) {
  const h = panelDistrictHandlers(deps);
  const edit = requirePermission('districtPage:edit');
  const router = Router();
  router.get('/panel/dzielnice', edit, h.choose);
  router.get('/panel/dzielnice/:id', edit, h.editForm);
  router.post('/panel/dzielnice/:id', edit, h.update);
  router.get('/panel/dzielnice/:id/wydarzenia', edit, h.events);
  router.get('/panel/dzielnice/:id/wydarzenia/nowe', edit, h.newEvent);
  router.post('/panel/dzielnice/:id/wydarzenia', edit, h.createEvent);
  router.get('/panel/dzielnice/:id/wydarzenia/:eventId/edycja', edit, h.editEvent);
  router.post('/panel/dzielnice/:id/wydarzenia/:eventId', edit, h.updateEvent);
  router.post('/panel/dzielnice/:id/wydarzenia/:eventId/usun', edit, h.removeEvent);
  return router;
}
