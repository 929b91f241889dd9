// The e-mails to a remark's author: the confirmation with the reference number, and the answer once
// the report is published. Composed when the job runs, from what the database says then.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import type { MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { REMARK_MAIL_KINDS } from './remarks.service.js';
import { remarkUrls } from './remarks.urls.js';

const numberOf = (value: MailJobData[string] | undefined) => (typeof value === 'number' ? value : -1);

export function remarkComposers({ db, config }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();
  const load = (id: number) =>
    db.remark.findUnique({
      where: { id },
      select: { reference: true, email: true, part: true, content: true, receivedAt: true, position: true, answer: true, consultation: { select: { slug: true, title: true, reportPublishedAt: true } } },
    });

  const confirmation: MailComposer = async (data) => {
    const r = await load(numberOf(data.remarkId));
    if (!r?.email) return null;
    const body = await render('remark-confirmation', { r, c: r.consultation, url: absolute(remarkUrls.consultation(r.consultation)) });
    return { to: r.email, subject: t('remarks.email.confirmation.subject', { reference: r.reference }), ...body };
  };

  const answer: MailComposer = async (data) => {
    const r = await load(numberOf(data.remarkId));
    // Only an answered remark of a published report (the e-mail may have been erased meanwhile).
    if (!r?.email || !r.position || !r.consultation.reportPublishedAt) return null;
    const body = await render('remark-answer', { r, c: r.consultation, url: absolute(remarkUrls.report(r.consultation)) });
    return { to: r.email, subject: t('remarks.email.answer.subject', { reference: r.reference }), ...body };
  };

  return { [REMARK_MAIL_KINDS.confirmation]: confirmation, [REMARK_MAIL_KINDS.answer]: answer };
}
