// Background work of documents: one job per uploaded DOCX/ODT, and a schedule that makes any
// HTML version still missing (a job lost before it was queued, a file replaced meanwhile).
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { DOCUMENT_JOBS, makeDocumentHtml, missingHtmlVersions } from './document-html.service.js';

export function documentJobs({ db, storage, clock, logger }: Deps): JobDefinition[] {
  const ctx = () => ({ db, storage, now: clock.now() });
  return [
    {
      name: DOCUMENT_JOBS.html,
      async handler(data) {
        const { attachmentId } = data as { attachmentId: number };
        logger.info({ attachmentId, result: await makeDocumentHtml(ctx(), attachmentId) }, 'document HTML version');
      },
    },
    {
      name: DOCUMENT_JOBS.sweep,
      cron: '*/10 * * * *',
      async handler() {
        for (const id of await missingHtmlVersions(db)) await makeDocumentHtml(ctx(), id);
      },
    },
  ];
}
