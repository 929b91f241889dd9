// Every background job of the app, started in each process that serves requests (src/server.ts).
// A feature contributes its scheduled jobs and the composers of its e-mails.
import type { Deps } from '../deps.js';
import { mailSendJob } from '../features/mail/mail-send.job.js';
import { notificationComposers } from '../features/notifications/notification-emails.js';
import { staffComposers } from '../features/auth/staff-emails.js';
import { notificationJobs } from '../features/notifications/notifications.jobs.js';
import { commentComposers } from '../features/comments/comment-emails.js';
import { commentJobs } from '../features/comments/comments.jobs.js';
import { remarkComposers } from '../features/remarks/remark-emails.js';
import { surveyComposers } from '../features/surveys/survey-emails.js';
import { requestComposers } from '../features/requests/requests.emails.js';
import { requestJobs } from '../features/requests/requests.jobs.js';
import { formatRequestComposers } from '../features/format-requests/format-request-emails.js';
import { documentJobs } from '../features/documents/documents.jobs.js';
import { searchJobs } from '../features/search/search.jobs.js';
import { reportPdfJobs } from '../features/remarks/report-pdf.jobs.js';
import { personalDataComposers } from '../features/personal-data/personal-data.emails.js';
import { personalDataJobs } from '../features/personal-data/personal-data.jobs.js';
import { attachmentJobs } from '../features/attachments/attachments.jobs.js';
import type { JobDefinition } from './queue.js';

export function jobDefinitions(deps: Deps): JobDefinition<never>[] {
  const composers = { ...notificationComposers(deps), ...commentComposers(deps), ...remarkComposers(deps), ...surveyComposers(deps), ...requestComposers(deps), ...staffComposers(deps), ...formatRequestComposers(deps), ...personalDataComposers(deps) };
  return [mailSendJob({ pool: deps.pool, mailer: deps.mailer, baseUrl: deps.config.baseUrl }, composers), ...notificationJobs(deps), ...commentJobs(deps), ...requestJobs(deps), ...documentJobs(deps), ...searchJobs(deps), ...reportPdfJobs(deps), ...personalDataJobs(deps), ...attachmentJobs(deps)];
}

/** Starts this process's workers and schedules (pg-boss creates its schema first if needed), and the survey counts' fold. */
export async function startJobs(deps: Deps): Promise<void> {
  await deps.jobs.start(jobDefinitions(deps));
  deps.surveyTallies.start();
}
