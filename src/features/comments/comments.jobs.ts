// The nightly clean-up of comments whose confirmation link expired unused (Europe/Warsaw time).
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { deleteUnconfirmedComments } from './comments.service.js';

export const COMMENT_JOBS = { cleanup: 'comments-cleanup' } as const;

export function commentJobs({ db, clock, logger }: Deps): JobDefinition[] {
  return [
    {
      name: COMMENT_JOBS.cleanup,
      cron: '40 3 * * *',
      async handler() {
        logger.info({ comments: await deleteUnconfirmedComments(db, clock.now()) }, 'deleted unconfirmed comments');
      },
    },
  ];
}
