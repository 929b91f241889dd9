// The nightly clean-up of supports never confirmed (their address goes with them).
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { deleteUnconfirmedSupports } from './request-supports.service.js';

export const REQUEST_JOBS = { cleanup: 'requests-cleanup' } as const;

export function requestJobs({ db, clock, logger }: Deps): JobDefinition[] {
  return [
    {
      name: REQUEST_JOBS.cleanup,
      cron: '40 3 * * *',
      async handler() {
        logger.info({ supports: await deleteUnconfirmedSupports(db, clock.now()) }, 'deleted unconfirmed supports of requests');
      },
    },
  ];
}
