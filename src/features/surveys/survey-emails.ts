// The e-mail with a one-time link to a survey ("one per verified e-mail"), composed when its job runs:
// the token is minted then and the address forgotten in the same statement (survey-responses.service).
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { translator } from '../../i18n/i18n.js';
import type { MailComposer } from '../mail/mail-send.job.js';
import { emailRenderer } from '../mail/mail-templates.js';
import { EMAIL_LINK_HOURS, SURVEY_LINK_MAIL, takeLinkForSending } from './survey-responses.service.js';
import { surveyUrls } from './surveys.urls.js';

export function surveyComposers({ db, pool, config }: { db: Db; pool: pg.Pool; config: Config }): Record<string, MailComposer> {
  const render = emailRenderer(config);
  const t = translator('pl');
  return {
    [SURVEY_LINK_MAIL]: async (data) => {
      const taken = typeof data.tokenId === 'number' ? await takeLinkForSending(pool, data.tokenId) : null;
      if (!taken) return null;
      const survey = await db.survey.findUnique({ where: { id: taken.surveyId }, select: { id: true, title: true } });
      if (!survey) return null;
      const link = new URL(surveyUrls.fromEmail(survey, taken.token), config.baseUrl).toString();
      const body = await render('survey-link', { title: survey.title, link, hours: EMAIL_LINK_HOURS });
      return { to: taken.email, subject: t('surveys.email.subject', { title: survey.title }), ...body };
    },
  };
}
