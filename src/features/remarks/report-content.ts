// The report's whole content for the page and the PDF: figures, the table of remarks, and each survey's
// results through the surveys feature's own results query (only where the survey's rules make them public).
import type { Db } from '../../db/client.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { surveyResults } from '../surveys/survey-results.js';
import { consultationSurveys, definitionById, resultsArePublic } from '../surveys/surveys.queries.js';
import { resultsView } from '../surveys/surveys.view.js';
import { collectRows, publicRemarkRows, reportFigures, type ReportConsultation } from './reports.service.js';
import { reportView } from './reports.view.js';

export async function reportContent(db: Db, fmt: Fmt, c: ReportConsultation, now: Date) {
  const [figures, rows, surveys] = await Promise.all([reportFigures(db, c.id), collectRows(publicRemarkRows(db, c.id)), consultationSurveys(db, c.id, now)]);
  // A consultation has a handful of surveys: two aggregate queries each, not one per answer.
  const results = new Map(
    await Promise.all(
      surveys.filter((s) => resultsArePublic(s, now)).map(async (s) => [s.id, resultsView(fmt, await surveyResults(db, await definitionById(db, s.id)))] as const),
    ),
  );
  return reportView(fmt, c, figures, rows, surveys, now, results);
}
