// The quick poll on the home page or a district's page: the newest open poll placed there, as the poll
// partial needs it (both pages show it with the same partial).
import type { Db } from '../../db/client.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { placedPoll, resultsArePublic } from './surveys.queries.js';
import { surveyUrls } from './surveys.urls.js';
import { formQuestionsView } from './surveys.view.js';

export async function pollView(db: Db, fmt: Fmt, now: Date, place: 'home' | { districtId: number } = 'home') {
  const poll = await placedPoll(db, now, place);
  const question = poll ? formQuestionsView(fmt, poll, {})[0] : undefined;
  if (!poll || !question) return null;
  return { action: surveyUrls.submit(poll), question, resultsHref: resultsArePublic(poll, now) ? surveyUrls.results(poll) : null };
}

export const homePollView = (db: Db, fmt: Fmt, now: Date) => pollView(db, fmt, now, 'home');
