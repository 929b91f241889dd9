// Results computed in PostgreSQL. The pages read survey_tally, running counts per question, option,
// value and Warsaw day that triggers keep in the answers' own transaction (migration
// 20261202004000_survey_tallies), or without a date filter survey_tally_total, the same counts summed
// over the days (migration 20261203000000), so a page sums a few hundred counter rows instead of
// grouping every answer; with the deltas a submission appends until they are folded in (decision 52).
// recountResults groups the answers themselves: the same figures, used to check the counts. Node only
// shapes those few aggregate rows into per-question results (percentages, means, medians, rankings).
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../db/client.js';
import { warsawInstant } from '../../lib/dates.js';
import type { QuestionDefinition, SurveyDefinition } from './surveys.queries.js';

/** Public results hide any group smaller than this, so no one can be singled out. */
export const PUBLIC_MIN_GROUP = 5;

/** Whole days in Warsaw, both included ("YYYY-MM-DD"), as staff filter them. */
export interface ResultsFilter {
  from?: string | undefined;
  to?: string | undefined;
}

export interface Bar {
  label: string;
  count: number;
  /** Share of the question's respondents, 0–100. */
  percent: number;
}

export interface QuestionResult {
  question: QuestionDefinition;
  respondents: number;
  /** Publicly hidden: fewer respondents than PUBLIC_MIN_GROUP. */
  suppressed: boolean;
  bars: Bar[];
  /** SINGLE / MULTIPLE: answers written in "Inne, jakie?". */
  otherCount: number;
  /** SCALE / NUMBER: of the values given. */
  stats: { mean: number; median: number; min: number; max: number } | null;
  /** RANKING: options by mean position (1 = first); MATRIX: rows with their mean and distribution. */
  ranking: { label: string; meanPosition: number; firstPlaces: number }[];
  matrix: { label: string; mean: number | null; count: number; bars: Bar[] }[];
}

export interface SurveyResults {
  total: number;
  questions: QuestionResult[];
}

/** survey_tally's stand-ins for "no option", "respondents of the question" and "no value". */
const NO_OPTION = 0;
const RESPONDENTS = -1;
const NO_VALUE = -2147483648;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The responses of the survey within the filter's days (index on survey_id, submitted_at). */
function whereResponses(surveyId: number, filter: ResultsFilter): Prisma.Sql {
  const parts = [Prisma.sql`r.survey_id = ${surveyId}`];
  if (filter.from) parts.push(Prisma.sql`r.submitted_at >= ${warsawInstant(filter.from)}`);
  if (filter.to) parts.push(Prisma.sql`r.submitted_at < ${warsawInstant(nextDay(filter.to))}`);
  return Prisma.join(parts, ' AND ');
}

interface GroupRow {
  question_id: number;
  option_id: number | null;
  value: number | null;
  n: number;
}

async function totalResponses(db: Db, surveyId: number, filter: ResultsFilter): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM survey_response r WHERE ${whereResponses(surveyId, filter)}`;
  return rows[0]?.n ?? 0;
}

/** Results from the running counts: one sum over the question's counter rows within the days. */
export async function surveyResults(db: Db, survey: Pick<SurveyDefinition, 'id' | 'questions'>, filter: ResultsFilter = {}, options: { public: boolean } = { public: true }): Promise<SurveyResults> {
  const ids = survey.questions.map((q) => q.id);
  const days = [Prisma.sql`t.question_id = ANY(${ids}::int[])`];
  if (filter.from) days.push(Prisma.sql`t.day >= ${filter.from}::date`);
  if (filter.to) days.push(Prisma.sql`t.day <= ${filter.to}::date`);
  // Without a date filter, the totals over all days (survey_tally_total): hundreds of rows, not one per day.
  // Plus the counts of the last moments not folded into them yet (survey_tally_delta, decision 52), in the
  // same statement: a fold moves rows from one to the other in one transaction, so the sum stays exact.
  const tally = filter.from || filter.to
    ? Prisma.sql`(SELECT question_id, day, option_key, value_key, n FROM survey_tally UNION ALL SELECT question_id, day, option_key, value_key, n FROM survey_tally_delta)`
    : Prisma.sql`(SELECT question_id, option_key, value_key, n FROM survey_tally_total UNION ALL SELECT question_id, option_key, value_key, n FROM survey_tally_delta)`;
  const [counts, total] = await Promise.all([
    ids.length === 0
      ? []
      : db.$queryRaw<{ question_id: number; option_key: number; value_key: number; n: number }[]>`
          SELECT t.question_id, t.option_key, t.value_key, sum(t.n)::int AS n FROM ${tally} t WHERE ${Prisma.join(days, ' AND ')}
           GROUP BY 1, 2, 3 HAVING sum(t.n) > 0`,
    totalResponses(db, survey.id, filter),
  ]);
  const groups: GroupRow[] = [];
  const respondents = new Map<number, number>();
  for (const c of counts) {
    if (c.option_key === RESPONDENTS) respondents.set(c.question_id, c.n);
    else groups.push({ question_id: c.question_id, option_id: c.option_key === NO_OPTION ? null : c.option_key, value: c.value_key === NO_VALUE ? null : c.value_key, n: c.n });
  }
  return shape(survey, groups, respondents, total, options.public);
}

/** The same results grouped from the answers themselves (what the counts must always equal). */
export async function recountResults(db: Db, survey: Pick<SurveyDefinition, 'id' | 'questions'>, filter: ResultsFilter = {}, options: { public: boolean } = { public: true }): Promise<SurveyResults> {
  const ids = survey.questions.map((q) => q.id);
  const answers = Prisma.sql`survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE ${whereResponses(survey.id, filter)} AND a.question_id = ANY(${ids}::int[])`;
  const [groups, respondents, total] = await Promise.all([
    ids.length === 0 ? [] : db.$queryRaw<GroupRow[]>`SELECT a.question_id, a.option_id, a.value, count(*)::int AS n FROM ${answers} GROUP BY a.question_id, a.option_id, a.value`,
    ids.length === 0 ? [] : db.$queryRaw<{ question_id: number; n: number }[]>`SELECT a.question_id, count(DISTINCT a.response_id)::int AS n FROM ${answers} GROUP BY a.question_id`,
    totalResponses(db, survey.id, filter),
  ]);
  return shape(survey, groups, new Map(respondents.map((r) => [r.question_id, r.n])), total, options.public);
}

function shape(survey: Pick<SurveyDefinition, 'questions'>, groups: GroupRow[], respondents: Map<number, number>, total: number, isPublic: boolean): SurveyResults {
  const byQuestion = new Map<number, GroupRow[]>();
  for (const row of groups) (byQuestion.get(row.question_id) ?? byQuestion.set(row.question_id, []).get(row.question_id)!).push(row);
  return {
    total,
    questions: survey.questions.map((q) => questionResult(q, byQuestion.get(q.id) ?? [], respondents.get(q.id) ?? 0, isPublic)),
  };
}

const percentOf = (count: number, base: number) => (base > 0 ? (100 * count) / base : 0);

/** Mean, median, min and max of a distribution given as value -> count. */
export function distributionStats(distribution: { value: number; n: number }[]): QuestionResult['stats'] {
  const sorted = distribution.filter((d) => d.n > 0).sort((a, b) => a.value - b.value);
  const count = sorted.reduce((sum, d) => sum + d.n, 0);
  if (count === 0) return null;
  const mean = sorted.reduce((sum, d) => sum + d.value * d.n, 0) / count;
  const valueAt = (index: number) => {
    let seen = 0;
    for (const d of sorted) {
      seen += d.n;
      if (index < seen) return d.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const median = count % 2 === 1 ? valueAt((count - 1) / 2) : (valueAt(count / 2 - 1) + valueAt(count / 2)) / 2;
  return { mean, median, min: sorted[0]!.value, max: sorted[sorted.length - 1]!.value };
}

function scalePoints(q: QuestionDefinition): number[] {
  const min = q.minValue ?? 1;
  const max = q.maxValue ?? 5;
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

/** A number question's distribution: each value when there are few, else ten equal ranges. */
export function numberBins(rows: { value: number | null; n: number }[], respondents: number, maxBins = 10): Bar[] {
  const values = rows.filter((r) => r.value !== null).sort((a, b) => a.value! - b.value!);
  if (values.length === 0) return [];
  if (values.length <= maxBins) return values.map((r) => ({ label: String(r.value), count: r.n, percent: percentOf(r.n, respondents) }));
  const min = values[0]!.value!;
  const width = Math.ceil((values[values.length - 1]!.value! - min + 1) / maxBins);
  return Array.from({ length: maxBins }, (_, i) => {
    const from = min + i * width;
    const count = values.filter((r) => r.value! >= from && r.value! < from + width).reduce((sum, r) => sum + r.n, 0);
    return { label: `${from}–${from + width - 1}`, count, percent: percentOf(count, respondents) };
  }).filter((bin, i, all) => bin.count > 0 || all.slice(i).some((b) => b.count > 0));
}

function questionResult(q: QuestionDefinition, rows: GroupRow[], respondents: number, isPublic: boolean): QuestionResult {
  const result: QuestionResult = { question: q, respondents, suppressed: isPublic && respondents > 0 && respondents < PUBLIC_MIN_GROUP, bars: [], otherCount: 0, stats: null, ranking: [], matrix: [] };
  const counts = new Map(rows.map((r) => [`${r.option_id}:${r.value}`, r.n]));
  const count = (optionId: number | null, value: number | null = null) => counts.get(`${optionId}:${value}`) ?? 0;
  switch (q.type) {
    case 'SINGLE':
    case 'MULTIPLE':
      result.bars = q.options.map((o) => ({ label: o.label, count: count(o.id), percent: percentOf(count(o.id), respondents) }));
      result.otherCount = count(null);
      break;
    case 'SCALE':
      result.bars = scalePoints(q).map((v) => ({ label: String(v), count: count(null, v), percent: percentOf(count(null, v), respondents) }));
      result.stats = distributionStats(rows.map((r) => ({ value: r.value ?? 0, n: r.n })));
      break;
    case 'NUMBER':
      result.stats = distributionStats(rows.map((r) => ({ value: r.value ?? 0, n: r.n })));
      result.bars = numberBins(rows, respondents);
      break;
    case 'RANKING':
      result.ranking = q.options
        .map((o) => {
          const places = rows.filter((r) => r.option_id === o.id && r.value !== null);
          const n = places.reduce((sum, r) => sum + r.n, 0);
          return { label: o.label, meanPosition: n > 0 ? places.reduce((sum, r) => sum + r.value! * r.n, 0) / n : 0, firstPlaces: count(o.id, 1) };
        })
        .sort((a, b) => a.meanPosition - b.meanPosition);
      break;
    case 'MATRIX':
      result.matrix = q.options.map((o) => {
        const distribution = scalePoints(q).map((v) => ({ value: v, n: count(o.id, v) }));
        const n = distribution.reduce((sum, d) => sum + d.n, 0);
        return { label: o.label, count: n, mean: distributionStats(distribution)?.mean ?? null, bars: distribution.map((d) => ({ label: String(d.value), count: d.n, percent: percentOf(d.n, n) })) };
      });
      break;
    default:
      break; // texts: the number of respondents; the answers themselves are listed for staff only
  }
  return result;
}

/** Free-text answers of one question (texts, or "Inne, jakie?"), newest first, a page at a time. */
export async function textAnswers(db: Db, surveyId: number, questionId: number, filter: ResultsFilter, page: number, pageSize: number) {
  const where = Prisma.sql`${whereResponses(surveyId, filter)} AND a.question_id = ${questionId} AND a.text IS NOT NULL`;
  const [rows, total] = await Promise.all([
    db.$queryRaw<{ text: string; submitted_at: Date }[]>`
      SELECT a.text, r.submitted_at FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
       WHERE ${where} ORDER BY r.submitted_at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE ${where}`,
  ]);
  return { rows: rows.map((r) => ({ text: r.text, submittedAt: r.submitted_at })), total: total[0]?.n ?? 0 };
}

/**
 * Staff's breakdown by the district respondents named (surveys that ask): responses per district and,
 * for each single-choice question, its options' counts per district. Two GROUP BYs over the survey's
 * responses (index on survey and district) and their answers (index on question and option).
 */
export async function districtBreakdown(db: Db, survey: Pick<SurveyDefinition, 'id' | 'questions'>, filter: ResultsFilter, notGiven: string) {
  const where = whereResponses(survey.id, filter);
  const singles = survey.questions.filter((q) => q.type === 'SINGLE');
  const [responses, answers, districts] = await Promise.all([
    db.$queryRaw<{ district_id: number | null; n: number }[]>`SELECT r.district_id, count(*)::int AS n FROM survey_response r WHERE ${where} GROUP BY 1`,
    singles.length === 0
      ? []
      : db.$queryRaw<{ district_id: number | null; question_id: number; option_id: number; n: number }[]>`
          SELECT r.district_id, a.question_id, a.option_id, count(*)::int AS n FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
           WHERE ${where} AND a.question_id = ANY(${singles.map((q) => q.id)}::int[]) AND a.option_id IS NOT NULL GROUP BY 1, 2, 3`,
    db.district.findMany({ select: { id: true, name: true } }),
  ]);
  const name = new Map(districts.map((d) => [d.id, d.name]));
  // Districts with responses in Polish order, "not given" last.
  const rows = responses
    .map((r) => ({ districtId: r.district_id, label: r.district_id === null ? notGiven : (name.get(r.district_id) ?? notGiven), responses: r.n }))
    .sort((a, b) => (a.districtId === null ? 1 : b.districtId === null ? -1 : a.label.localeCompare(b.label, 'pl')));
  const count = new Map(answers.map((a) => [`${a.district_id}:${a.question_id}:${a.option_id}`, a.n]));
  return {
    rows,
    questions: singles.map((q) => ({
      text: q.text,
      options: q.options.map((o) => o.label),
      rows: rows.map((r) => ({ label: r.label, counts: q.options.map((o) => count.get(`${r.districtId}:${q.id}:${o.id}`) ?? 0) })),
    })),
  };
}
