// The e-mail of this feature, composed when its job runs: the link confirming a support.
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import type { MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { CONFIRMATION_DAYS } from '../notifications/subscriber-tokens.js';
import { mintSupportToken, SUPPORT_MAIL_KIND } from './request-supports.service.js';
import { requestUrls } from './requests.urls.js';

const numberOf = (value: MailJobData[string] | undefined) => (typeof value === 'number' ? value : -1);

export function requestComposers({ db, config }: { db: Db; config: Config }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();

  const confirmSupport: MailComposer = async (data) => {
    const support = await db.requestSupport.findUnique({ where: { id: numberOf(data.supportId) }, select: { id: true, name: true, email: true, confirmedAt: true, request: { select: { id: true, title: true } } } });
    if (!support?.email || support.confirmedAt) return null;
    const token = await mintSupportToken(db, support.id);
    if (!token) return null;
    const body = await render('request-support', { name: support.name, title: support.request.title, requestUrl: absolute(requestUrls.show(support.request)), confirmUrl: absolute(requestUrls.confirmSupport(token)), days: CONFIRMATION_DAYS });
    return { to: support.email, subject: t('requests.email.support.subject', { title: support.request.title }), ...body };
  };

  return { [SUPPORT_MAIL_KIND]: confirmSupport };
}
