// The quick poll on the home page: the newest open poll marked for it, as the poll partial needs it.
import type { Db } from '../../db/client.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { homePagePoll, resultsArePublic } from './surveys.queries.js';
import { surveyUrls } from './surveys.urls.js';
import { formQuestionsView } from './surveys.view.js';

export async function homePollView(db: Db, fmt: Fmt, now: Date) {
  const poll = await homePagePoll(db, now);
  const question = poll ? formQuestionsView(fmt, poll, {})[0] : undefined;
  if (!poll || !question) return null;
  return { action: surveyUrls.submit(poll), question, resultsHref: resultsArePublic(poll, now) ? surveyUrls.results(poll) : null };
}
