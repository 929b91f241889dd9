// What public pages show of a downloadable document (views/components/documents.ejs). Kept apart from
// the service so the view modules of consultations, news and investments import no database code.
import { attachmentUrls } from './attachment-urls.js';

/** A document as public pages list it (views/components/documents.ejs): link, title, format and size, and where to ask for another format. */
export function publicDocument(a: { id: number; originalName: string; title: string; extension: string; sizeBytes: number; description: string }, formatFileSize: (bytes: number) => string) {
  return {
    id: a.id,
    href: attachmentUrls.download(a),
    title: a.title || a.originalName,
    format: a.extension.toUpperCase(),
    size: formatFileSize(a.sizeBytes),
    description: a.description,
    requestHref: attachmentUrls.formatRequest(a),
    /** DOCX and ODT files have an HTML version made from them (features/documents). */
    htmlHref: ['docx', 'odt'].includes(a.extension) ? attachmentUrls.html(a) : null,
  };
}
export type PublicDocument = ReturnType<typeof publicDocument>;
