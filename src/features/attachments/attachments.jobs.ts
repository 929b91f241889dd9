// The nightly sweep of the uploads' tmp/ (Europe/Warsaw time): what a killed process left there (a
// half-received upload, a half-made thumbnail) is removed at start too, but a server may run for months.
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { TMP_ORPHAN_AGE_MS } from './storage.js';

export const ATTACHMENT_JOBS = { sweepTmp: 'uploads-tmp-sweep' } as const;

export function attachmentJobs({ storage, logger }: Deps): JobDefinition[] {
  return [
    {
      name: ATTACHMENT_JOBS.sweepTmp,
      cron: '20 3 * * *',
      async handler() {
        const removed = await storage.sweepTmp(TMP_ORPHAN_AGE_MS);
        if (removed > 0) logger.info({ removed }, 'removed unfinished uploads from tmp/');
      },
    },
  ];
}
