// Public downloads: a file streams only from a published consultation (or to staff who may manage
// a draft), with its real type, never sniffed or rendered as a page, under its original name.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { NotFoundError } from '../../http/errors.js';
import { routeId } from '../../http/params.js';
import { sendStored } from '../../http/send-file.js';
import { findDownload } from './attachments.service.js';

const common = (isPublic: boolean) => ({
  'X-Content-Type-Options': 'nosniff',
  // Opened directly, a file runs no script and reaches nothing, whatever it contains.
  'Content-Security-Policy': 'sandbox',
  // A replaced file keeps its URL: caches check back after a few minutes. Drafts are never cached.
  'Cache-Control': isPublic ? 'public, max-age=300' : 'private, no-store',
});

export function downloadHandlers(deps: Deps) {
  const download: RequestHandler = async (req, res) => {
    const file = await findDownload(deps.db, routeId(req.params.id), req.user, deps.clock.now());
    // Only gallery images, checked and re-encoded on upload, are shown in the browser; documents download.
    const disposition = file.kind === 'IMAGE' ? 'inline' : 'attachment';
    await sendStored(res, deps.storage.pathOf(file.storedName), {
      ...common(file.isPublic),
      'Content-Type': file.mimeType.startsWith('text/') ? `${file.mimeType}; charset=utf-8` : file.mimeType,
      'Content-Disposition': contentDisposition(disposition, file.originalName),
    });
  };

  const thumbnail: RequestHandler = async (req, res) => {
    const file = await findDownload(deps.db, routeId(req.params.id), req.user, deps.clock.now());
    if (!file.thumbnailName) throw new NotFoundError();
    await sendStored(res, deps.storage.pathOf(file.thumbnailName), {
      ...common(file.isPublic),
      'Content-Type': 'image/webp',
      'Content-Disposition': contentDisposition('inline', 'miniatura.webp'),
    });
  };

  return { download, thumbnail };
}
