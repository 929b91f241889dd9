// The "Ankieta" section of a consultation's page: its surveys and polls, each with the way in
// (the form while open, the results once they are public).
import type { Db } from '../../db/client.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { consultationSurveys, resultsArePublic } from './surveys.queries.js';
import { listItemView } from './surveys.view.js';

export async function consultationSurveySection(db: Db, fmt: Fmt, consultationId: number, now: Date) {
  const surveys = await consultationSurveys(db, consultationId, now);
  return surveys.map((s) => ({ ...listItemView(fmt, s, now), resultsPublic: resultsArePublic(s, now) }));
}
