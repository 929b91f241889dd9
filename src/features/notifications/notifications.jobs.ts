// The scheduled work of notifications (Europe/Warsaw time): the announcement sweep every minute (new
// consultations, new meetings, reports, cancellations and postponements of followed ones, district news going public),
// staff digests each morning, and the nightly clean-up of unconfirmed sign-ups and old ledger rows.
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../jobs/queue.js';
import { pruneDeliveries } from '../mail/mail-deliveries.js';
import { announceMeetings, announceNews, announcePublished, announceReports, announceStateChanges } from './announcements.service.js';
import { queueDigests } from './digests.service.js';
import { deleteUnconfirmed } from './subscriptions.service.js';

export const NOTIFICATION_JOBS = { announce: 'notifications-announce', digest: 'notifications-digest', cleanup: 'notifications-cleanup' } as const;
/** The ledger keeps a key this long; by then nothing can queue that e-mail again. */
const DELIVERY_KEEP_DAYS = 90;

export function notificationJobs(deps: Deps): JobDefinition[] {
  const { db, pool, jobs, clock, logger } = deps;
  return [
    {
      name: NOTIFICATION_JOBS.announce,
      cron: '* * * * *',
      async handler() {
        const now = clock.now();
        const published = await announcePublished({ pool, jobs, now });
        if (published.consultations > 0) logger.info(published, 'announced newly public consultations');
        const meetings = await announceMeetings({ pool, jobs, now });
        if (meetings.meetings > 0) logger.info(meetings, 'announced new meetings to followers');
        const news = await announceNews({ pool, jobs, now });
        if (news.news > 0) logger.info(news, 'announced district news to subscribers');
        const reports = await announceReports({ pool, jobs, now });
        if (reports.reports > 0) logger.info(reports, 'announced published reports to followers');
        const states = await announceStateChanges({ pool, jobs, now });
        if (states.changes > 0) logger.info(states, 'announced cancellations and postponements to followers');
      },
    },
    {
      name: NOTIFICATION_JOBS.digest,
      cron: '0 7 * * *',
      async handler() {
        logger.info({ emails: await queueDigests({ db, pool, jobs, now: clock.now() }) }, 'queued staff digests');
      },
    },
    {
      name: NOTIFICATION_JOBS.cleanup,
      cron: '30 3 * * *',
      async handler() {
        const now = clock.now();
        const subscribers = await deleteUnconfirmed(db, now);
        const deliveries = await pruneDeliveries(pool, new Date(now.getTime() - DELIVERY_KEEP_DAYS * 86_400_000));
        logger.info({ subscribers, deliveries }, 'deleted unconfirmed sign-ups and old delivery records');
      },
    },
  ];
}
