// The nightly retention sweep of personal data (decision 40).
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { applyRetention } from './personal-data.service.js';

export const PERSONAL_DATA_JOBS = { retention: 'personal-data-retention' } as const;

export function personalDataJobs({ db, clock, logger, config }: Deps): JobDefinition[] {
  return [
    {
      name: PERSONAL_DATA_JOBS.retention,
      cron: '50 3 * * *',
      async handler() {
        logger.info(await applyRetention(db, clock.now(), config.personalDataRetentionMonths), 'deleted personal data past its retention');
      },
    },
  ];
}
