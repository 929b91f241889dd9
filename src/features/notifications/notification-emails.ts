// The e-mails of this feature, composed when their job runs from what the database says then.
// Every message to a resident carries a fresh link token (manage and unsubscribe) and the
// List-Unsubscribe headers (RFC 8058 one-click), so any message leads back to the subscription.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import { moderationUrls } from '../comments/comments.urls.js';
import { panelUrls } from '../consultations/panel-consultations.urls.js';
import { publicNewsWhere } from '../news/news.queries.js';
import { newsUrls } from '../news/news.urls.js';
import { panelRemarkUrls, remarkUrls } from '../remarks/remarks.urls.js';
import type { MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { digestFor } from './digests.service.js';
import { notificationUrls } from './notifications.urls.js';
import { CONFIRMATION_DAYS, mintToken } from './subscriber-tokens.js';
import { MAIL_KINDS } from './subscriptions.service.js';

const numberOf = (value: MailJobData[string] | undefined) => (typeof value === 'number' ? value : null);

export function notificationComposers({ db, config, clock }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();

  /** A new token for this message's links to the subscription. */
  async function residentLinks(subscriberId: number) {
    const token = await mintToken(db, subscriberId, 'MANAGE', clock.now());
    return { manage: absolute(notificationUrls.manage(token)), unsubscribe: absolute(notificationUrls.unsubscribe(token)), signUp: absolute(notificationUrls.signUp()) };
  }
  const residentHeaders = (links: { unsubscribe: string }) => ({ 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

  function publicConsultation(id: number | null) {
    if (id === null) return null;
    return db.consultation.findFirst({
      where: { id, publishedAt: { not: null, lte: clock.now() }, state: { not: 'CANCELLED' } },
      select: {
        id: true,
        slug: true,
        title: true,
        summary: true,
        startsAt: true,
        endsAt: true,
        cityWide: true,
        department: { select: { name: true } },
        districts: { select: { district: { select: { name: true } } }, orderBy: { district: { name: 'asc' } } },
      },
    });
  }

  const confirm: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    if (!subscriber) return null;
    const consultation = await publicConsultation(numberOf(data.consultationId));
    if (subscriber.confirmedAt && !consultation) return null;
    const token = await mintToken(db, subscriber.id, 'CONFIRM', clock.now(), consultation?.id ?? null);
    const links = await residentLinks(subscriber.id);
    const body = await render('confirm', { confirmUrl: absolute(notificationUrls.confirm(token)), days: CONFIRMATION_DAYS, consultation, confirmed: Boolean(subscriber.confirmedAt), links });
    return { to: subscriber.email, subject: t('notifications.email.confirm.subject', { site: config.siteName }), ...body, headers: residentHeaders(links) };
  };

  const alreadySubscribed: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    if (!subscriber?.confirmedAt) return null;
    const links = await residentLinks(subscriber.id);
    const body = await render('already-subscribed', { links });
    return { to: subscriber.email, subject: t('notifications.email.already.subject', { site: config.siteName }), ...body, headers: residentHeaders(links) };
  };

  const announce: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    const consultation = await publicConsultation(numberOf(data.consultationId));
    if (!subscriber?.confirmedAt || !consultation) return null;
    const links = await residentLinks(subscriber.id);
    const body = await render('announce', { c: consultation, url: absolute(panelUrls.public(consultation)), links });
    return { to: subscriber.email, subject: t('notifications.email.announce.subject', { title: consultation.title }), ...body, headers: residentHeaders(links) };
  };

  const meeting: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    const found = await db.meeting.findUnique({ where: { id: numberOf(data.meetingId) ?? -1 }, select: { title: true, startsAt: true, endsAt: true, place: true, onlineUrl: true, consultationId: true } });
    const consultation = await publicConsultation(found?.consultationId ?? null);
    // Only while the resident still follows the consultation.
    const following = subscriber && consultation && (await db.subscriberConsultation.count({ where: { subscriberId: subscriber.id, consultationId: consultation.id } })) > 0;
    if (!subscriber?.confirmedAt || !found || !consultation || !following) return null;
    const links = await residentLinks(subscriber.id);
    const body = await render('meeting', { m: found, c: consultation, url: absolute(panelUrls.public(consultation)), links });
    return { to: subscriber.email, subject: t('notifications.email.meeting.subject', { title: consultation.title }), ...body, headers: residentHeaders(links) };
  };

  const report: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    const consultation = await publicConsultation(numberOf(data.consultationId));
    const published = consultation && (await db.consultation.count({ where: { id: consultation.id, reportPublishedAt: { not: null, lte: clock.now() } } })) > 0;
    // Only while the resident still follows the consultation and the report is still published.
    const following = subscriber && consultation && (await db.subscriberConsultation.count({ where: { subscriberId: subscriber.id, consultationId: consultation.id } })) > 0;
    if (!subscriber?.confirmedAt || !consultation || !published || !following) return null;
    const links = await residentLinks(subscriber.id);
    const body = await render('report', { c: consultation, url: absolute(remarkUrls.report(consultation)), links });
    return { to: subscriber.email, subject: t('notifications.email.report.subject', { title: consultation.title }), ...body, headers: residentHeaders(links) };
  };

  const stateChange: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    const id = numberOf(data.consultationId) ?? -1;
    // Still in the state the e-mail is about (not set back in the meantime), public, and followed.
    const found = await db.consultation.findFirst({
      where: { id, state: data.state === 'POSTPONED' ? 'POSTPONED' : 'CANCELLED', publishedAt: { not: null, lte: clock.now() } },
      select: { slug: true, title: true, state: true, stateNote: true },
    });
    const following = subscriber && found && (await db.subscriberConsultation.count({ where: { subscriberId: subscriber.id, consultationId: id } })) > 0;
    if (!subscriber?.confirmedAt || !found || !following) return null;
    const links = await residentLinks(subscriber.id);
    const kind = found.state === 'POSTPONED' ? 'postponed' : 'cancelled';
    const body = await render('state', { c: found, kind, url: absolute(panelUrls.public(found)), links });
    return { to: subscriber.email, subject: t(`notifications.email.state.${kind}.subject`, { title: found.title }), ...body, headers: residentHeaders(links) };
  };

  const news: MailComposer = async (data) => {
    const subscriber = await db.subscriber.findUnique({ where: { id: numberOf(data.subscriberId) ?? -1 }, select: { id: true, email: true, confirmedAt: true } });
    // Still public (not withdrawn to a draft in the meantime), and still wanted by the subscriber.
    const article = await db.news.findFirst({
      where: { AND: [{ id: numberOf(data.newsId) ?? -1 }, publicNewsWhere(clock.now())] },
      select: { slug: true, title: true, lead: true, publishedAt: true, districtId: true, district: { select: { name: true } } },
    });
    if (!subscriber?.confirmedAt || !article) return null;
    const wanted = await db.subscriberNewsDistrict.count({ where: { subscriberId: subscriber.id, ...(article.districtId === null ? {} : { districtId: article.districtId }) } });
    if (wanted === 0) return null;
    const links = await residentLinks(subscriber.id);
    const body = await render('news', { n: article, url: absolute(newsUrls.show(article)), links });
    return { to: subscriber.email, subject: t('notifications.email.news.subject', { title: article.title }), ...body, headers: residentHeaders(links) };
  };

  const digest: MailComposer = async (data) => {
    const found = await digestFor(db, numberOf(data.userId) ?? -1, clock.now());
    if (!found) return null;
    const link = (c: { id: number }) => absolute(panelUrls.show(c));
    const department = found.department?.name ?? null;
    const body = await render('digest', {
      name: found.user.name,
      department,
      ending: found.ending.map((c) => ({ ...c, url: link(c) })),
      awaiting: found.awaiting.map((c) => ({ ...c, url: link(c) })),
      remarks: found.remarks.map((c) => ({ ...c, url: absolute(panelRemarkUrls.list(c)) })),
      moderation: found.moderation,
      moderationUrl: absolute(moderationUrls.queue()),
      settingsUrl: absolute(notificationUrls.staffSettings()),
    });
    const subject = department ? t('notifications.email.digest.subject', { department }) : t('notifications.email.digest.moderationSubject', { site: config.siteName });
    return { to: found.user.email, subject, ...body };
  };

  return { [MAIL_KINDS.confirm]: confirm, [MAIL_KINDS.alreadySubscribed]: alreadySubscribed, [MAIL_KINDS.announce]: announce, [MAIL_KINDS.meeting]: meeting, [MAIL_KINDS.news]: news, [MAIL_KINDS.report]: report, [MAIL_KINDS.state]: stateChange, [MAIL_KINDS.digest]: digest };
}
