import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { auditLogHandlers, auditUrls } from './audit-log.handlers.js';

export function auditLogRoutes(deps: Deps) {
  const h = auditLogHandlers(deps);
  const view = requirePermission('audit:view');
  const router = Router();
  router.get(auditUrls.list(), view, h.list);
  router.get(auditUrls.export(), view, h.exportLog);
  return router;
}
