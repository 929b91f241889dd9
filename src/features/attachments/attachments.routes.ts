import { Router, type RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { createUploader, discardUploadsOnError } from '../../http/uploads.js';
import { attachmentHandlers, consultationAttachmentHost, SECTIONS, type AttachmentHost } from './attachments.handlers.js';
import { downloadHandlers } from './downloads.handlers.js';

/**
 * The documents and gallery pages of one kind of owner under `base` (e.g. '/panel/aktualnosci/:id'),
 * each behind `guard`; the host loads and authorises the record itself.
 */
export function attachmentRoutesFor<R extends { id: number; title: string }>(deps: Deps, base: string, guard: RequestHandler, host: AttachmentHost<R>) {
  const uploader = createUploader({ tmpDir: deps.storage.tmpDir, maxFileBytes: deps.config.uploads.maxFileBytes });
  const router = Router();
  for (const section of Object.values(SECTIONS)) {
    const h = attachmentHandlers(deps, section, host);
    const path = `${base}/${section.path}`;
    router.get(path, guard, h.list);
    router.post(`${path}/pliki`, guard, uploader.files(section.fileField, section.maxFiles), h.upload);
    router.get(`${path}/:fileId/edycja`, guard, h.editForm);
    router.post(`${path}/:fileId`, guard, h.update);
    router.post(`${path}/:fileId/pliki`, guard, uploader.file('file'), h.replace);
    router.post(`${path}/:fileId/przesun`, guard, h.move);
    router.get(`${path}/:fileId/usun`, guard, h.removeForm);
    router.post(`${path}/:fileId/usun`, guard, h.remove);
  }
  // Files received by a route above are deleted before any error page is shown.
  router.use(discardUploadsOnError);
  return router;
}

export function attachmentRoutes(deps: Deps) {
  const d = downloadHandlers(deps);
  const router = Router();
  router.get('/pliki/:id/miniatura.webp', d.thumbnail);
  router.get('/pliki/:id/:name', d.download);
  router.use(attachmentRoutesFor(deps, '/panel/konsultacje/:id', requirePermission('consultations:manage'), consultationAttachmentHost(deps)));
  return router;
}
