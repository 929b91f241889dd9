import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { panelUsersHandlers } from './panel-users.handlers.js';

export function panelUsersRoutes(deps: Deps) {
  const h = panelUsersHandlers(deps);
  const manage = requirePermission('users:manage');
  const router = Router();
  router.get('/panel/uzytkownicy', manage, h.list);
  router.get('/panel/uzytkownicy/nowy', manage, h.newForm);
  router.post('/panel/uzytkownicy', manage, h.create);
  router.get('/panel/uzytkownicy/:id', manage, h.show);
  router.post('/panel/uzytkownicy/:id', manage, h.update);
  router.post('/panel/uzytkownicy/:id/dezaktywacja', manage, h.deactivate);
  router.post('/panel/uzytkownicy/:id/aktywacja', manage, h.reactivate);
  router.post('/panel/uzytkownicy/:id/link', manage, h.sendLink);
  return router;
}
