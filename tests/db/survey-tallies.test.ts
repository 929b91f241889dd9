// The running counts behind survey results (survey_tally) always equal a recount from the answers:
// after many submissions at once (one transaction each, through the real service), across several
// days with staff date filters, after a response is deleted, for the demo data; and an answer
// cannot be edited behind the counts' back.
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import type { AnswerRow } from '../../src/features/surveys/survey-answers.js';
import { recountResults, surveyResults } from '../../src/features/surveys/survey-results.js';
import { submitResponse } from '../../src/features/surveys/survey-responses.service.js';
import { foldSurveyTallies } from '../../src/features/surveys/survey-tally-fold.js';
import { definitionById, type SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';
import { newLinkToken } from '../../src/lib/link-tokens.js';
import { useTestApp } from '../helpers/app.js';
import { createSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

/** A deterministic spread of answers for response `i`, every question type included. */
function answersFor(survey: SurveyDefinition, i: number): AnswerRow[] {
  const [single, multiple, scale, number, ranking, matrix, text] = survey.questions;
  const row = (questionId: number, optionId: number | null, value: number | null, t: string | null = null): AnswerRow => ({ questionId, optionId, value, text: t });
  const rows: AnswerRow[] = [];
  rows.push(i % 7 === 0 ? row(single!.id, null, null, 'Inne') : row(single!.id, single!.options[i % 3]!.id, null));
  for (const [k, o] of multiple!.options.entries()) if ((i + k) % 2 === 0) rows.push(row(multiple!.id, o.id, null));
  rows.push(row(scale!.id, null, 1 + (i % 5)));
  if (i % 4 !== 0) rows.push(row(number!.id, null, (i * 37) % 120));
  const order = i % 2 === 0 ? [1, 2, 3] : [3, 1, 2];
  for (const [k, o] of ranking!.options.entries()) rows.push(row(ranking!.id, o.id, order[k]!));
  for (const [k, o] of matrix!.options.entries()) if ((i + k) % 3 !== 0) rows.push(row(matrix!.id, o.id, 1 + ((i + k) % 3)));
  if (i % 5 === 0) rows.push(row(text!.id, null, null, `Uwaga ${i}`));
  return rows;
}

async function testSurvey() {
  return createSurvey(ctx.deps.db, {
    opensAt: new Date('2026-11-01T00:00:00Z'),
    closesAt: new Date('2026-12-31T00:00:00Z'),
    questions: [
      { type: 'SINGLE', text: 'Jak często?', allowOther: true, options: ['Codziennie', 'Co tydzień', 'Rzadziej'] },
      { type: 'MULTIPLE', text: 'Co robisz?', options: ['Spacer', 'Sport', 'Rower'] },
      { type: 'SCALE', text: 'Ocena', minValue: 1, maxValue: 5 },
      { type: 'NUMBER', text: 'Wiek', minValue: 0, maxValue: 120 },
      { type: 'RANKING', text: 'Co najpierw?', options: ['Ławki', 'Lampy', 'Kosze'] },
      { type: 'MATRIX', text: 'Oceń', minValue: 1, maxValue: 3, options: ['Czystość', 'Cisza'] },
      { type: 'LONG_TEXT', text: 'Uwagi' },
    ],
  });
}

/** Every counter row and every delta not folded yet: what a failed submission must leave as it was. */
const countRows = async () => ({
  tally: await ctx.deps.db.surveyTally.findMany({ orderBy: [{ questionId: 'asc' }, { day: 'asc' }, { optionKey: 'asc' }, { valueKey: 'asc' }, { shard: 'asc' }] }),
  deltas: await ctx.deps.db.surveyTallyDelta.findMany({ orderBy: { id: 'asc' } }),
});

const submit = (survey: SurveyDefinition, now: string, i: number) => submitResponse({ db: ctx.deps.db, pool: ctx.deps.pool, now: new Date(now), secret: 'test' }, survey, answersFor(survey, i), { browserId: null, emailToken: null });

describe('survey tallies', () => {
  it('equal a recount after 120 simultaneous submissions over three days, filtered or not', async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    const survey = await testSurvey();
    // Three Warsaw days; 23:30 UTC on the 20th is already the 21st in Warsaw.
    const moments = ['2026-11-20T10:00:00Z', '2026-11-20T23:30:00Z', '2026-11-22T12:00:00Z'];
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => submit(survey, moments[i % 3]!, i)));
    expect(new Set(ids).size).toBe(120);

    const all = await surveyResults(ctx.deps.db, survey, {}, { public: false });
    expect(all.total).toBe(120);
    expect(all).toEqual(await recountResults(ctx.deps.db, survey, {}, { public: false }));
    // What a person reads: 120 answered the single choice; 18 wrote "Inne" (i = 0, 7, ... 119).
    expect(all.questions[0]!.respondents).toBe(120);
    expect(all.questions[0]!.otherCount).toBe(18);
    expect(all.questions[3]!.respondents).toBe(90);

    for (const filter of [{ from: '2026-11-21' }, { to: '2026-11-20' }, { from: '2026-11-21', to: '2026-11-21' }, { from: '2026-11-23' }]) {
      const counted = await surveyResults(ctx.deps.db, survey, filter, { public: true });
      expect(counted).toEqual(await recountResults(ctx.deps.db, survey, filter, { public: true }));
    }
    expect((await surveyResults(ctx.deps.db, survey, { from: '2026-11-21', to: '2026-11-21' })).total).toBe(40);
    expect((await surveyResults(ctx.deps.db, survey, { from: '2026-11-23' })).total).toBe(0);
  });

  it('stay exact while folds move the deltas into the counters during simultaneous submissions and a deletion', async () => {
    const survey = await testSurvey();
    const moments = ['2026-11-20T10:00:00Z', '2026-11-20T23:30:00Z', '2026-11-22T12:00:00Z'];
    // Two instances' folds running over and over while 150 submissions commit at once.
    let submitting = true;
    let moved = 0;
    const folder = async () => {
      while (submitting) moved += await foldSurveyTallies(ctx.deps.pool);
    };
    const folders = [folder(), folder()];
    const ids = await Promise.all(Array.from({ length: 150 }, (_, i) => submit(survey, moments[i % 3]!, i)));
    submitting = false;
    await Promise.all(folders);
    expect(new Set(ids).size).toBe(150);
    expect(moved).toBeGreaterThan(0);
    const exact = async () => {
      expect(await surveyResults(ctx.deps.db, survey, {}, { public: false })).toEqual(await recountResults(ctx.deps.db, survey, {}, { public: false }));
      for (const filter of [{ from: '2026-11-21' }, { to: '2026-11-20' }, { from: '2026-11-21', to: '2026-11-21' }]) {
        expect(await surveyResults(ctx.deps.db, survey, filter, { public: false })).toEqual(await recountResults(ctx.deps.db, survey, filter, { public: false }));
      }
    };
    await exact(); // some counts folded, some still deltas
    // A response deleted before its counts were folded: its minus waits among the deltas too.
    await submit(survey, moments[0]!, 150);
    const last = await ctx.deps.db.surveyResponse.findFirstOrThrow({ where: { surveyId: survey.id }, orderBy: { id: 'desc' } });
    await ctx.deps.db.surveyResponse.delete({ where: { id: last.id } });
    await exact();
    // Everything folded: no deltas left, and the counters alone give the same results.
    await foldSurveyTallies(ctx.deps.pool);
    expect(await ctx.deps.db.surveyTallyDelta.count()).toBe(0);
    await exact();
    expect((await surveyResults(ctx.deps.db, survey, {}, { public: false })).total).toBe(150);
  });

  it('follow a deleted response, and an answer cannot be edited behind them', async () => {
    const survey = await testSurvey();
    for (let i = 0; i < 6; i++) await submit(survey, '2026-11-24T10:00:00Z', i);
    const first = await ctx.deps.db.surveyResponse.findFirstOrThrow({ where: { surveyId: survey.id }, orderBy: { id: 'asc' } });
    await ctx.deps.db.surveyResponse.delete({ where: { id: first.id } });
    const counted = await surveyResults(ctx.deps.db, survey, {}, { public: false });
    expect(counted.total).toBe(5);
    expect(counted).toEqual(await recountResults(ctx.deps.db, survey, {}, { public: false }));

    await expect(ctx.deps.db.surveyAnswer.updateMany({ where: { questionId: survey.questions[2]!.id }, data: { value: 5 } })).rejects.toThrow(/never updated/);
    expect(await surveyResults(ctx.deps.db, survey, {}, { public: false })).toEqual(counted);
  });

  it('a failed submission leaves the counts as they were', async () => {
    const survey = await testSurvey();
    await submit(survey, '2026-11-24T10:00:00Z', 1);
    const before = await countRows();
    expect(before.deltas.length).toBeGreaterThan(0);
    // An option id of another question breaks the foreign key half-way through the answers.
    const bad = [...answersFor(survey, 2), { questionId: survey.questions[0]!.id, optionId: 999_999, value: null, text: null }];
    await expect(submitResponse({ db: ctx.deps.db, pool: ctx.deps.pool, now: new Date('2026-11-24T10:00:00Z'), secret: 'test' }, survey, bad, { browserId: null, emailToken: null })).rejects.toThrow();
    expect(await countRows()).toEqual(before);
    expect(await ctx.deps.db.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(1);
  });

  it('a failed submission with an e-mail link leaves the link unused and stores nothing', async () => {
    const survey = await createSurvey(ctx.deps.db, { participation: 'ONE_PER_EMAIL', questions: [{ type: 'SINGLE', text: 'Czy?', options: ['Tak', 'Nie'] }] });
    const { token, hash } = newLinkToken();
    await ctx.deps.db.surveyEmailToken.create({ data: { surveyId: survey.id, emailKey: 'k'.repeat(64), tokenHash: hash, expiresAt: new Date('2026-11-25T10:00:00Z') } });
    const at = { db: ctx.deps.db, pool: ctx.deps.pool, now: new Date('2026-11-24T10:00:00Z'), secret: 'test' };
    // The link is marked used first; the answers then break a foreign key: both are rolled back.
    const bad = [{ questionId: survey.questions[0]!.id, optionId: 999_999, value: null, text: null }];
    await expect(submitResponse(at, survey, bad, { browserId: null, emailToken: token })).rejects.toThrow();
    expect(await ctx.deps.db.surveyEmailToken.findFirstOrThrow({ where: { tokenHash: hash } })).toMatchObject({ usedAt: null });
    expect(await ctx.deps.db.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(0);
    expect(await countRows()).toEqual({ tally: [], deltas: [] });
    // The same link then works once.
    const good = [{ questionId: survey.questions[0]!.id, optionId: survey.questions[0]!.options[0]!.id, value: null, text: null }];
    await submitResponse(at, survey, good, { browserId: null, emailToken: token });
    await expect(submitResponse(at, survey, good, { browserId: null, emailToken: token })).rejects.toThrow('surveys.refused.linkUsed');
    expect(await ctx.deps.db.surveyResponse.count({ where: { surveyId: survey.id } })).toBe(1);
  });

  it('count the demo surveys generated in SQL', async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    await seedDemo(ctx.deps.db, ctx.clock.now());
    const surveys = await ctx.deps.db.survey.findMany({ select: { id: true } });
    expect(surveys.length).toBeGreaterThan(2);
    for (const { id } of surveys) {
      const survey = await definitionById(ctx.deps.db, id);
      expect(await surveyResults(ctx.deps.db, survey, {}, { public: true })).toEqual(await recountResults(ctx.deps.db, survey, {}, { public: true }));
    }
  });
});
