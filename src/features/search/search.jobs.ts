// The scheduled work of search: every minute, the text of newly uploaded or replaced documents is read.
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { extractPendingDocuments } from './document-extraction.service.js';

export const SEARCH_JOBS = { extract: 'search-extract-documents' } as const;

export function searchJobs({ db, storage, logger }: Deps): JobDefinition[] {
  return [
    {
      name: SEARCH_JOBS.extract,
      cron: '* * * * *',
      async handler() {
        const documents = await extractPendingDocuments({ db, storage, logger });
        if (documents > 0) logger.info({ documents }, 'read the text of documents for the search');
      },
    },
  ];
}
