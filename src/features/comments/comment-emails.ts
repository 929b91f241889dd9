// The confirmation e-mail of a comment, composed when its job runs: a fresh link token is minted then
// (only its hash is stored), so no secret ever sits in the job queue.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import { newLinkToken } from '../../lib/link-tokens.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { COMMENT_MAIL_KIND, CONFIRMATION_HOURS } from './comments.service.js';
import { commentUrls } from './comments.urls.js';

export function commentComposers({ db, config, clock }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();

  const confirm: MailComposer = async (data) => {
    const id = typeof data.commentId === 'number' ? data.commentId : -1;
    const comment = await db.comment.findUnique({ where: { id }, select: { id: true, status: true, email: true, body: true, consultation: { select: { slug: true, title: true } } } });
    if (!comment || comment.status !== 'UNCONFIRMED' || !comment.email) return null;
    const now = clock.now();
    const { token, hash } = newLinkToken();
    await db.comment.update({ where: { id }, data: { confirmTokenHash: hash, confirmExpiresAt: new Date(now.getTime() + CONFIRMATION_HOURS * 3_600_000) } });
    const body = await render('comment-confirm', {
      title: comment.consultation.title,
      text: comment.body,
      confirmUrl: absolute(commentUrls.confirm(token)),
      consultationUrl: absolute(consultationUrls.show(comment.consultation)),
      hours: CONFIRMATION_HOURS,
    });
    return { to: comment.email, subject: t('comments.email.subject', { title: comment.consultation.title }), ...body };
  };

  return { [COMMENT_MAIL_KIND]: confirm };
}
