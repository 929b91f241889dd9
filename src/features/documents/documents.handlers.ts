// The HTML version of a document: the stored, escaped HTML, or a note that it is being made or could not be.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { routeId } from '../../http/params.js';
import { formatters } from '../../i18n/i18n.js';
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { documentHtmlPage } from './document-html.service.js';

export function documentHandlers(deps: Deps) {
  const html: RequestHandler = async (req, res) => {
    const page = await documentHtmlPage(deps.db, routeId(req.params.id), deps.clock.now());
    // Until it is made the page changes by itself: no caching of the note.
    if (page.state !== 'ready') res.set('Cache-Control', 'no-store');
    res.render('documents/html', {
      doc: page.doc,
      format: page.format,
      size: formatters(localeOf(req)).formatFileSize(page.sizeBytes),
      state: page.state,
      documentHtml: page.html,
      requestHref: attachmentUrls.formatRequest(page.doc),
    });
  };
  return { html };
}
