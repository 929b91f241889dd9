// The e-mails of a request for another format: the acknowledgement to the resident (with the
// statutory deadline) and the notice to each member of the owning staff. Composed when the job runs.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import type { MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { formatRequestUrls } from './format-requests.handlers.js';
import { FORMAT_REQUEST_MAIL } from './format-requests.service.js';

const numberOf = (value: MailJobData[string] | undefined) => (typeof value === 'number' ? value : -1);

export function formatRequestComposers({ db, config }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const absolute = (path: string) => new URL(path, config.baseUrl).toString();
  const load = (id: number) => db.formatRequest.findUnique({ where: { id }, select: { documentName: true, documentUrl: true, format: true, otherFormat: true, name: true, email: true, postalAddress: true, notes: true, dueAt: true } });
  const formatOf = (r: { format: string; otherFormat: string }) => (r.format === 'OTHER' ? r.otherFormat : t(`formatRequest.format.${r.format}` as Parameters<typeof t>[0]));

  const ack: MailComposer = async (data) => {
    const r = await load(numberOf(data.requestId));
    if (!r?.email) return null;
    const body = await render('format-request-ack', { r, format: formatOf(r), documentUrl: absolute(r.documentUrl) });
    return { to: r.email, subject: t('formatRequest.email.ack.subject'), ...body };
  };

  const staff: MailComposer = async (data) => {
    const [r, user] = await Promise.all([load(numberOf(data.requestId)), db.user.findUnique({ where: { id: numberOf(data.userId) }, select: { email: true, active: true } })]);
    if (!r || !user?.active) return null;
    const body = await render('format-request-staff', { r, format: formatOf(r), documentUrl: absolute(r.documentUrl), panelUrl: absolute(formatRequestUrls.panelList()) });
    return { to: user.email, subject: t('formatRequest.email.staff.subject', { document: r.documentName }), ...body };
  };

  return { [FORMAT_REQUEST_MAIL.ack]: ack, [FORMAT_REQUEST_MAIL.staff]: staff };
}
