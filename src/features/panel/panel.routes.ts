import { Router } from 'express';
import { requirePermission } from '../../http/guards.js';
import { dashboard } from './panel.handlers.js';

export function panelRoutes() {
  const router = Router();
  router.get('/panel', requirePermission('panel:view'), dashboard);
  return router;
}
