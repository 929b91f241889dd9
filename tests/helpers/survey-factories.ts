// Surveys for tests: a survey with the questions given (options by label), open around the test clock's
// 2026-11-24 unless told otherwise; and a form POST that sends repeated fields as a browser does.
import type { Db } from '../../src/db/client.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import { definitionById } from '../../src/features/surveys/surveys.queries.js';
import { createDepartment } from './factories.js';
import { csrfToken, type Agent } from './http.js';

const DAY = 86_400_000;

export type QuestionSpec = Omit<Prisma.SurveyQuestionUncheckedCreateInput, 'position' | 'surveyId' | 'id' | 'showIfQuestionId' | 'showIfOptionId'> & {
  options?: string[];
  /** Shown only when option `option` (index) of question `question` (index) is chosen. */
  showIf?: { question: number; option: number };
};

export async function createSurvey(
  db: Db,
  data: Partial<Omit<Prisma.SurveyUncheckedCreateInput, 'questions'>> & { questions?: QuestionSpec[] } = {},
) {
  const { questions = [], ...fields } = data;
  const departmentId = fields.departmentId ?? (await createDepartment(db)).id;
  const survey = await db.survey.create({
    data: {
      title: 'Ankieta testowa',
      opensAt: new Date(Date.parse('2026-11-24T10:00:00Z') - 5 * DAY),
      closesAt: new Date(Date.parse('2026-11-24T10:00:00Z') + 5 * DAY),
      participation: 'OPEN',
      resultsVisibility: 'LIVE',
      ...fields,
      departmentId,
    },
  });
  const created: { id: number; options: number[] }[] = [];
  for (const [i, spec] of questions.entries()) {
    const { options = [], showIf, ...q } = spec;
    const condition = showIf ? { showIfQuestionId: created[showIf.question]!.id, showIfOptionId: created[showIf.question]!.options[showIf.option]! } : {};
    const question = await db.surveyQuestion.create({ data: { ...q, ...condition, surveyId: survey.id, position: i + 1 }, select: { id: true } });
    const optionIds: number[] = [];
    for (const [k, label] of options.entries()) optionIds.push((await db.surveyOption.create({ data: { questionId: question.id, label, position: k + 1 }, select: { id: true } })).id);
    created.push({ id: question.id, options: optionIds });
  }
  return definitionById(db, survey.id);
}

/** POSTs fields like a browser form (repeated names for checkboxes), with the CSRF token of `formPage`. */
export async function postSurvey(agent: Agent, formPage: string, action: string, fields: [string, string][] | Record<string, string | string[]>) {
  const token = await csrfToken(agent, formPage);
  const body = new URLSearchParams([['_csrf', token]]);
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [k, v] of pairs) body.append(k, v);
  return agent.post(action).type('form').send(body.toString());
}
