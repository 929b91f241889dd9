// The e-mail of "Twoje dane": the single-use link, minted when the e-mail is composed.
import type { Clock } from '../../deps.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import type { MailJobData } from '../mail/mail-deliveries.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { personalDataUrls } from './personal-data.handlers.js';
import { LINK_MINUTES, mintLinkToken, PERSONAL_DATA_MAIL } from './personal-data.service.js';

const numberOf = (value: MailJobData[string] | undefined) => (typeof value === 'number' ? value : -1);

export function personalDataComposers({ db, config, clock }: { db: Db; config: Config; clock: Clock }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  const link: MailComposer = async (data) => {
    const minted = await mintLinkToken(db, numberOf(data.tokenId), clock.now());
    if (!minted) return null;
    const body = await render('personal-data-link', { url: new URL(personalDataUrls.open(minted.token), config.baseUrl).toString(), minutes: LINK_MINUTES });
    return { to: minted.email, subject: t('personalData.email.subject'), ...body };
  };
  return { [PERSONAL_DATA_MAIL]: link };
}
