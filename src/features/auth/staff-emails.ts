// Staff e-mails with a set-password link: the invitation and the password reset. The link's token is
// minted when the job composes the message (never kept in the job's data), so a retried job sends a
// working link and the database holds only its hash.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { translator } from '../../i18n/i18n.js';
import type { JobQueue, Queryable } from '../../jobs/queue.js';
import type pg from 'pg';
import crypto from 'node:crypto';
import { queueMail, type MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { mintStaffToken, TOKEN_LIFETIME_MINUTES } from './staff-tokens.js';

export const STAFF_MAIL_KINDS = { invite: 'staff-invite', reset: 'staff-reset' } as const;
export type StaffMailKind = (typeof STAFF_MAIL_KINDS)[keyof typeof STAFF_MAIL_KINDS];

/** The token travels in the query string, which the request log never records. */
export const setPasswordUrl = (token: string) => `/ustaw-haslo?t=${token}`;

/** Queues one staff e-mail, in the caller's transaction when given its client. */
export async function queueStaffMail(target: { pool: pg.Pool; jobs: JobQueue; client?: Queryable }, kind: StaffMailKind, userId: number): Promise<void> {
  const mail: MailJobData = { kind, dedupeKey: `${kind}:${userId}:${crypto.randomUUID()}`, userId };
  if (target.client) await queueMail(target.client, target.jobs, [mail]);
  else await withTransaction(target.pool, (client) => queueMail(client, target.jobs, [mail]));
}

export function staffComposers({ db, config, clock }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();
  const userOf = (data: MailJobData) =>
    db.user.findFirst({ where: { id: typeof data.userId === 'number' ? data.userId : -1, active: true }, select: { id: true, email: true, name: true, role: true, passwordHash: true } });

  const invite: MailComposer = async (data) => {
    const user = await userOf(data);
    // Accepted in the meantime (a password is set): the person signs in, or asks for a reset.
    if (!user || user.passwordHash) return null;
    const url = absolute(setPasswordUrl(await mintStaffToken(db, user.id, 'INVITE', clock.now())));
    const hours = TOKEN_LIFETIME_MINUTES.INVITE / 60;
    const body = await render('staff-invite', { name: user.name, role: t(`role.${user.role}`), url, hours, loginUrl: absolute('/logowanie'), resetUrl: absolute('/nie-pamietam-hasla') });
    return { to: user.email, subject: t('security.email.invite.subject', { site: config.siteName }), ...body };
  };

  const reset: MailComposer = async (data) => {
    const user = await userOf(data);
    if (!user) return null;
    const url = absolute(setPasswordUrl(await mintStaffToken(db, user.id, 'RESET', clock.now())));
    const body = await render('staff-reset', { name: user.name, url, minutes: TOKEN_LIFETIME_MINUTES.RESET });
    return { to: user.email, subject: t('security.email.reset.subject', { site: config.siteName }), ...body };
  };

  return { [STAFF_MAIL_KINDS.invite]: invite, [STAFF_MAIL_KINDS.reset]: reset };
}
