// A submitted survey form checked against the survey's own definition: every answer's type, the option
// ids belonging to the question, min/max choices, lengths and ranges, required answers, and conditions.
// The result is either the answer rows to store or field errors keyed by the HTML names.
import type { FieldErrors } from '../../http/errors.js';
import { fieldMessage } from '../../http/forms.js';
import type { QuestionDefinition, SurveyDefinition } from './surveys.queries.js';

export interface AnswerRow {
  questionId: number;
  optionId: number | null;
  value: number | null;
  text: string | null;
}

export const OTHER_VALUE = 'inne';
export const SHORT_TEXT_MAX = 300;
export const LONG_TEXT_DEFAULT_MAX = 2000;
export const OTHER_TEXT_MAX = 300;

/** HTML names: the question's own field is also the id its errors link to. */
export const fieldNames = {
  question: (q: { id: number }) => `q${q.id}`,
  other: (q: { id: number }) => `q${q.id}_inne`,
  rank: (q: { id: number }, o: { id: number }) => `q${q.id}_o${o.id}`,
  row: (q: { id: number }, o: { id: number }) => `q${q.id}_w${o.id}`,
};

type Body = Record<string, unknown>;
type Outcome = { rows: AnswerRow[] } | { error: string } | { rows: []; empty: true };

const V = 'surveys.validation.';
const one = (raw: unknown): string | undefined | null => (raw === undefined ? undefined : typeof raw === 'string' ? raw.trim() : null); // null: not a single value
const many = (raw: unknown): string[] | null => (raw === undefined ? [] : typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((v) => typeof v === 'string') ? (raw as string[]) : null);
const INTEGER = /^-?\d{1,9}$/;

/** The question shows when it has no condition, or the chosen options of the earlier question include the one named. */
export function isShown(q: Pick<QuestionDefinition, 'showIfQuestionId' | 'showIfOptionId'>, chosen: Map<number, Set<number>>): boolean {
  if (q.showIfQuestionId === null || q.showIfOptionId === null) return true;
  return chosen.get(q.showIfQuestionId)?.has(q.showIfOptionId) ?? false;
}

export function parseAnswers(survey: Pick<SurveyDefinition, 'questions'>, body: Body): { ok: true; rows: AnswerRow[] } | { ok: false; errors: FieldErrors } {
  const rows: AnswerRow[] = [];
  const errors: FieldErrors = {};
  const chosen = new Map<number, Set<number>>();
  for (const q of survey.questions) {
    if (!isShown(q, chosen)) continue; // answers to a hidden question are ignored, never required
    const outcome = parseQuestion(q, body);
    if ('error' in outcome) {
      errors[fieldNames.question(q)] = [outcome.error];
      continue;
    }
    if ('empty' in outcome && q.required) {
      errors[fieldNames.question(q)] = [requiredMessage(q)];
      continue;
    }
    rows.push(...outcome.rows);
    chosen.set(q.id, new Set(outcome.rows.map((r) => r.optionId).filter((id): id is number => id !== null)));
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function requiredMessage(q: QuestionDefinition): string {
  switch (q.type) {
    case 'SINGLE':
    case 'SCALE':
      return `${V}chooseOne`;
    case 'MULTIPLE':
      return `${V}chooseAny`;
    case 'RANKING':
      return `${V}rankAll`;
    case 'MATRIX':
      return `${V}matrixAll`;
    case 'NUMBER':
      return `${V}numberRequired`;
    default:
      return `${V}textRequired`;
  }
}

const empty: Outcome = { rows: [], empty: true };

function parseQuestion(q: QuestionDefinition, body: Body): Outcome {
  switch (q.type) {
    case 'SINGLE':
      return parseSingle(q, body);
    case 'MULTIPLE':
      return parseMultiple(q, body);
    case 'SHORT_TEXT':
    case 'LONG_TEXT':
      return parseText(q, body);
    case 'SCALE':
    case 'NUMBER':
      return parseNumber(q, body);
    case 'RANKING':
      return parseRanking(q, body);
    case 'MATRIX':
      return parseMatrix(q, body);
  }
}

function otherAnswer(q: QuestionDefinition, body: Body): Outcome {
  const text = one(body[fieldNames.other(q)]);
  if (!text) return { error: `${V}otherText` };
  if (text.length > OTHER_TEXT_MAX) return { error: fieldMessage(`${V}otherTooLong`, { max: String(OTHER_TEXT_MAX) }) };
  return { rows: [{ questionId: q.id, optionId: null, value: null, text }] };
}

function optionRow(q: QuestionDefinition, value: string): AnswerRow | null {
  const option = q.options.find((o) => String(o.id) === value);
  return option ? { questionId: q.id, optionId: option.id, value: null, text: null } : null;
}

function parseSingle(q: QuestionDefinition, body: Body): Outcome {
  const value = one(body[fieldNames.question(q)]);
  if (value === null) return { error: `${V}invalidOption` };
  if (!value) return empty;
  if (value === OTHER_VALUE && q.allowOther) return otherAnswer(q, body);
  const row = optionRow(q, value);
  return row ? { rows: [row] } : { error: `${V}invalidOption` };
}

function parseMultiple(q: QuestionDefinition, body: Body): Outcome {
  const values = many(body[fieldNames.question(q)]);
  if (values === null) return { error: `${V}invalidOption` };
  const unique = [...new Set(values.filter((v) => v !== ''))];
  if (unique.length === 0) return empty;
  const rows: AnswerRow[] = [];
  for (const value of unique) {
    if (value === OTHER_VALUE && q.allowOther) {
      const other = otherAnswer(q, body);
      if ('error' in other) return other;
      rows.push(...other.rows);
      continue;
    }
    const row = optionRow(q, value);
    if (!row) return { error: `${V}invalidOption` };
    rows.push(row);
  }
  if (q.minChoices !== null && rows.length < q.minChoices) return { error: fieldMessage(`${V}minChoices`, { min: String(q.minChoices) }) };
  if (q.maxChoices !== null && rows.length > q.maxChoices) return { error: fieldMessage(`${V}maxChoices`, { max: String(q.maxChoices) }) };
  return { rows };
}

function parseText(q: QuestionDefinition, body: Body): Outcome {
  const text = one(body[fieldNames.question(q)]);
  if (text === null) return { error: `${V}invalidText` };
  if (!text) return empty;
  const max = q.type === 'SHORT_TEXT' ? SHORT_TEXT_MAX : (q.maxLength ?? LONG_TEXT_DEFAULT_MAX);
  if (text.length > max) return { error: fieldMessage('validation.tooLong', { max: String(max) }) };
  return { rows: [{ questionId: q.id, optionId: null, value: null, text }] };
}

/** The message for a number outside the question's range, naming the bounds that exist. */
function rangeMessage(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return fieldMessage(`${V}range`, { min: String(min), max: String(max) });
  if (min !== null) return fieldMessage(`${V}atLeast`, { min: String(min) });
  return fieldMessage(`${V}atMost`, { max: String(max) });
}

function integerIn(raw: string, min: number | null, max: number | null): number | { error: string } {
  if (!INTEGER.test(raw)) return { error: `${V}wholeNumber` };
  const value = Number(raw);
  if ((min !== null && value < min) || (max !== null && value > max)) return { error: rangeMessage(min, max) };
  return value;
}

function parseNumber(q: QuestionDefinition, body: Body): Outcome {
  const raw = one(body[fieldNames.question(q)]);
  if (raw === null) return { error: `${V}wholeNumber` };
  if (!raw) return empty;
  const value = integerIn(raw.replace(/\s/g, ''), q.minValue, q.maxValue);
  if (typeof value !== 'number') return q.type === 'SCALE' ? { error: rangeMessage(q.minValue, q.maxValue) } : value;
  return { rows: [{ questionId: q.id, optionId: null, value, text: null }] };
}

/** Every option gets a different place from 1 to n; all or nothing. */
function parseRanking(q: QuestionDefinition, body: Body): Outcome {
  const places = q.options.map((o) => one(body[fieldNames.rank(q, o)]));
  if (places.some((p) => p === null)) return { error: fieldMessage(`${V}rankDistinct`, { count: String(q.options.length) }) };
  if (places.every((p) => !p)) return empty;
  if (places.some((p) => !p)) return { error: `${V}rankAll` };
  const rows: AnswerRow[] = [];
  const seen = new Set<number>();
  for (const [i, option] of q.options.entries()) {
    const place = integerIn(places[i]!, 1, q.options.length);
    if (typeof place !== 'number' || seen.has(place)) return { error: fieldMessage(`${V}rankDistinct`, { count: String(q.options.length) }) };
    seen.add(place);
    rows.push({ questionId: q.id, optionId: option.id, value: place, text: null });
  }
  return { rows };
}

/** One scale point for each row; a required matrix needs every row. */
function parseMatrix(q: QuestionDefinition, body: Body): Outcome {
  const rows: AnswerRow[] = [];
  let missing = 0;
  for (const option of q.options) {
    const raw = one(body[fieldNames.row(q, option)]);
    if (raw === null) return { error: rangeMessage(q.minValue, q.maxValue) };
    if (!raw) {
      missing += 1;
      continue;
    }
    const value = integerIn(raw, q.minValue, q.maxValue);
    if (typeof value !== 'number') return { error: rangeMessage(q.minValue, q.maxValue) };
    rows.push({ questionId: q.id, optionId: option.id, value, text: null });
  }
  if (rows.length === 0) return empty;
  if (missing > 0 && q.required) return { error: `${V}matrixAll` };
  return { rows };
}
