// The job that sends one queued e-mail: composes it from current data (a subscriber who left in the
// meantime gets nothing), sends it, and records it as sent. A job retried after a failure, or a copy
// of it, finds the e-mail sent and stops.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { JobDefinition } from '../../jobs/queue.js';
import { MAIL_SEND_JOB, markSent, wasSent, type MailJobData } from './mail-deliveries.js';
import type { MailMessage, Mailer } from './mailer.js';

/** Builds the message of one kind of e-mail, or null when there is nothing to send any more. */
export type MailComposer = (data: MailJobData) => Promise<Omit<MailMessage, 'messageId'> | null>;

export function mailSendJob(deps: { pool: pg.Pool; mailer: Mailer; baseUrl: string }, composers: Record<string, MailComposer>): JobDefinition<MailJobData> {
  const host = new URL(deps.baseUrl).hostname;
  return {
    name: MAIL_SEND_JOB,
    async handler(data) {
      if (await wasSent(deps.pool, data.dedupeKey)) return;
      const compose = composers[data.kind];
      if (!compose) throw new Error(`No composer for e-mails of kind "${data.kind}"`);
      const message = await compose(data);
      if (!message) return;
      // The same Message-ID on every attempt lets a receiving server drop a copy.
      const messageId = `<${crypto.createHash('sha256').update(data.dedupeKey).digest('hex').slice(0, 32)}@${host}>`;
      await deps.mailer.send({ ...message, messageId });
      await markSent(deps.pool, data.dedupeKey);
    },
  };
}
