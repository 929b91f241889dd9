import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { createUploader, discardUploadsOnError } from '../../http/uploads.js';
import { attachmentHandlers, SECTIONS } from './attachments.handlers.js';
import { downloadHandlers } from './downloads.handlers.js';

export function attachmentRoutes(deps: Deps) {
  const uploader = createUploader({ tmpDir: deps.storage.tmpDir, maxFileBytes: deps.config.uploads.maxFileBytes });
  const manage = requirePermission('consultations:manage');
  const d = downloadHandlers(deps);
  const router = Router();
  router.get('/pliki/:id/miniatura.webp', d.thumbnail);
  router.get('/pliki/:id/:name', d.download);
  for (const section of Object.values(SECTIONS)) {
    const h = attachmentHandlers(deps, section);
    const base = `/panel/konsultacje/:id/${section.path}`;
    router.get(base, manage, h.list);
    router.post(`${base}/pliki`, manage, uploader.files(section.fileField, section.maxFiles), h.upload);
    router.get(`${base}/:fileId/edycja`, manage, h.editForm);
    router.post(`${base}/:fileId`, manage, h.update);
    router.post(`${base}/:fileId/pliki`, manage, uploader.file('file'), h.replace);
    router.post(`${base}/:fileId/przesun`, manage, h.move);
    router.get(`${base}/:fileId/usun`, manage, h.removeForm);
    router.post(`${base}/:fileId/usun`, manage, h.remove);
  }
  // Files received by a route above are deleted before any error page is shown.
  router.use(discardUploadsOnError);
  return router;
}
