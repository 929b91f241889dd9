// Long surveys step by step, without JavaScript: the questions split where a question starts a step;
// the answers of the steps already passed travel in one hidden field, signed so that they come back
// as we sent them (the final submission is checked whole anyway). A question whose condition names a
// question of an earlier step is shown or left out by the answer given there, and a step left with no
// question is skipped; a condition within one step works as on the one-page form.
import crypto from 'node:crypto';
import type { FormValues } from '../../http/forms.js';
import { isShown } from './survey-answers.js';
import { hmac } from './survey-participation.js';
import type { QuestionDefinition, SurveyDefinition } from './surveys.queries.js';

type Fields = Record<string, string | string[]>;
type Questions = Pick<SurveyDefinition, 'questions'>;

/** The survey's steps (one when no question starts a step), each a list of questions in order. */
export function stepsOf(survey: Questions): QuestionDefinition[][] {
  const steps: QuestionDefinition[][] = [];
  for (const q of survey.questions) {
    if (steps.length === 0 || q.startsStep) steps.push([q]);
    else steps[steps.length - 1]!.push(q);
  }
  return steps;
}

/** The question id an HTML field name belongs to (q12, q12_inne, q12_o3, q12_w4), or null. */
const questionIdOf = (name: string) => {
  const match = /^q(\d+)(?:_|$)/.exec(name);
  return match ? Number(match[1]) : null;
};

/** The answer fields of the given questions, as strings or lists of strings (nothing else is kept). */
export function fieldsOf(questions: QuestionDefinition[], body: Record<string, unknown>): Fields {
  const ids = new Set(questions.map((q) => q.id));
  const fields: Fields = {};
  for (const [name, value] of Object.entries(body)) {
    const id = questionIdOf(name);
    if (id === null || !ids.has(id)) continue;
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) fields[name] = value as string[];
  }
  return fields;
}

const label = (surveyId: number, payload: string) => `survey-steps:${surveyId}:${payload}`;

/** The answers so far, for the hidden field: base64url JSON and its keyed signature. */
export function sealAnswers(secret: string, surveyId: number, fields: Fields): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${hmac(secret, label(surveyId, payload))}`;
}

/** The answers of the hidden field, or null when it is not one we signed for this survey. */
export function openAnswers(secret: string, surveyId: number, sealed: unknown): Fields | null {
  if (typeof sealed !== 'string' || sealed.length > 200_000) return null;
  const [payload = '', signature = ''] = sealed.split('.');
  const expected = hmac(secret, label(surveyId, payload));
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  try {
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Fields) : null;
  } catch {
    return null;
  }
}

/** Options chosen so far, by question: what conditions are checked against. */
function chosenOptions(survey: Questions, fields: FormValues): Map<number, Set<number>> {
  const chosen = new Map<number, Set<number>>();
  for (const q of survey.questions) {
    const raw = fields[`q${q.id}`];
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    chosen.set(q.id, new Set(q.options.filter((o) => values.includes(String(o.id))).map((o) => o.id)));
  }
  return chosen;
}

/**
 * The questions of step `index` to show: a question conditional on an earlier step's answer shows
 * only when that answer was given (`fromEarlierStep` marks it, its note is then moot). Conditions on
 * steps not yet passed (`passed`: how many steps are behind) count as met, so the number of steps
 * only shrinks once the answer that rules a step out is given.
 */
export function questionsOfStep(survey: Questions, index: number, fields: FormValues, passed = index) {
  const steps = stepsOf(survey);
  const stepOf = new Map(steps.flatMap((step, i) => step.map((q) => [q.id, i] as const)));
  const chosen = chosenOptions(survey, fields);
  return (steps[index] ?? [])
    .map((q) => ({ question: q, fromEarlierStep: q.showIfQuestionId !== null && (stepOf.get(q.showIfQuestionId) ?? index) < index }))
    .filter(({ question, fromEarlierStep }) => !fromEarlierStep || (stepOf.get(question.showIfQuestionId!) ?? 0) >= passed || isShown(question, chosen));
}

/** The steps that have something to show with the answers so far (`passed` steps behind), by index. */
export function visibleSteps(survey: Questions, fields: FormValues, passed: number): number[] {
  return stepsOf(survey).flatMap((_, i) => (questionsOfStep(survey, i, fields, passed).length > 0 ? [i] : []));
}
