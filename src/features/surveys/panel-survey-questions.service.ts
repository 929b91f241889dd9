// Questions of a survey in the builder: add, edit, move, remove. Once anyone has answered, questions
// and options can no longer be added, removed or changed in meaning (only the hint and the order), so
// the stored answers keep the meaning they were given; the panel offers "close and copy" instead.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import { audit } from '../audit/audit.service.js';
import type { PanelContext } from './panel-surveys.service.js';
import { hasOptions, type QuestionInput } from './panel-surveys.schema.js';
import { findManageableSurvey } from './surveys.policy.js';

type Tx = Prisma.TransactionClient;

async function questionOf(db: Db, surveyId: number, questionId: number) {
  const q = await db.surveyQuestion.findFirst({ where: { id: questionId, surveyId }, select: { id: true, position: true, type: true, text: true } });
  if (!q) throw new NotFoundError();
  return q;
}

/** The condition must name an option of an earlier single or multiple choice question of the same survey. */
async function conditionOf(db: Db, surveyId: number, input: QuestionInput, position: number) {
  if (!input.showIf) return { showIfQuestionId: null, showIfOptionId: null };
  const [questionId, optionId] = input.showIf.split(':').map(Number) as [number, number];
  const option = await db.surveyOption.findFirst({ where: { id: optionId, questionId, question: { surveyId, position: { lt: position }, type: { in: ['SINGLE', 'MULTIPLE'] } } }, select: { id: true } });
  if (!option) throw new FormError({ showIf: ['panel.surveys.validation.showIf'] });
  return { showIfQuestionId: questionId, showIfOptionId: optionId };
}

/** Only the settings that apply to the type are kept. */
function fieldsOf(input: QuestionInput) {
  const t = input.type;
  const choice = t === 'MULTIPLE';
  const bounded = t === 'SCALE' || t === 'MATRIX' || t === 'NUMBER';
  return {
    type: t,
    text: input.text,
    hint: input.hint,
    required: input.required,
    allowOther: (t === 'SINGLE' || t === 'MULTIPLE') && input.allowOther,
    startsStep: input.startsStep,
    minChoices: choice ? (input.minChoices ?? null) : null,
    maxChoices: choice ? (input.maxChoices ?? null) : null,
    maxLength: t === 'LONG_TEXT' ? (input.maxLength ?? null) : null,
    minValue: bounded ? (input.minValue ?? null) : null,
    maxValue: bounded ? (input.maxValue ?? null) : null,
    minLabel: t === 'SCALE' || t === 'MATRIX' ? input.minLabel : '',
    maxLabel: t === 'SCALE' || t === 'MATRIX' ? input.maxLabel : '',
  };
}

/** Keeps option ids where the position stays (conditions point at them), adds and drops the rest. */
async function replaceOptions(tx: Tx, questionId: number, labels: string[]) {
  const existing = await tx.surveyOption.findMany({ where: { questionId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
  for (const [i, label] of labels.entries()) {
    const current = existing[i];
    if (current) await tx.surveyOption.update({ where: { id: current.id }, data: { label, position: i + 1 } });
    else await tx.surveyOption.create({ data: { questionId, label, position: i + 1 } });
  }
  const surplus = existing.slice(labels.length).map((o) => o.id);
  if (surplus.length > 0) await tx.surveyOption.deleteMany({ where: { id: { in: surplus } } });
}

export async function addQuestion({ db, actor, ip }: PanelContext, surveyId: number, input: QuestionInput) {
  const survey = await findManageableSurvey(db, actor, surveyId);
  if (survey.locked) throw new ConflictError('panel.surveys.locked.body');
  const count = await db.surveyQuestion.count({ where: { surveyId } });
  if (survey.kind === 'POLL' && (count > 0 || input.type !== 'SINGLE')) throw new FormError({ type: ['panel.surveys.validation.pollOneQuestion'] });
  const position = count + 1;
  const condition = await conditionOf(db, surveyId, input, position);
  return db.$transaction(async (tx) => {
    const q = await tx.surveyQuestion.create({ data: { ...fieldsOf(input), ...condition, surveyId, position }, select: { id: true } });
    if (hasOptions(input.type)) await replaceOptions(tx, q.id, input.options);
    await audit(tx, { userId: actor.id, action: 'survey.question.create', entityType: 'survey', entityId: surveyId, details: { questionId: q.id, text: input.text }, ip });
    return q;
  });
}

export async function updateQuestion({ db, actor, ip }: PanelContext, surveyId: number, questionId: number, input: QuestionInput) {
  const survey = await findManageableSurvey(db, actor, surveyId);
  const q = await questionOf(db, surveyId, questionId);
  if (survey.locked) throw new ConflictError('panel.surveys.locked.body');
  if (input.type !== q.type) throw new FormError({ type: ['panel.surveys.validation.typeFixed'] });
  const condition = await conditionOf(db, surveyId, input, q.position);
  await db.$transaction(async (tx) => {
    await tx.surveyQuestion.update({ where: { id: questionId }, data: { ...fieldsOf(input), ...condition } });
    if (hasOptions(input.type)) await replaceOptions(tx, questionId, input.options);
    await audit(tx, { userId: actor.id, action: 'survey.question.update', entityType: 'survey', entityId: surveyId, details: { questionId, text: input.text }, ip });
  });
}

/** The one change a question with answers still takes: its hint, which does not change their meaning. */
export async function updateHint({ db, actor, ip }: PanelContext, surveyId: number, questionId: number, hint: string) {
  await findManageableSurvey(db, actor, surveyId);
  await questionOf(db, surveyId, questionId);
  await db.$transaction(async (tx) => {
    await tx.surveyQuestion.update({ where: { id: questionId }, data: { hint } });
    await audit(tx, { userId: actor.id, action: 'survey.question.update', entityType: 'survey', entityId: surveyId, details: { questionId, hintOnly: true }, ip });
  });
}

/** Swaps places with the neighbour; a question never moves above the one its condition names. */
export async function moveQuestion({ db, actor, ip }: PanelContext, surveyId: number, questionId: number, direction: 'gora' | 'dol') {
  await findManageableSurvey(db, actor, surveyId);
  const questions = await db.surveyQuestion.findMany({ where: { surveyId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, showIfQuestionId: true } });
  const index = questions.findIndex((q) => q.id === questionId);
  if (index < 0) throw new NotFoundError();
  const other = direction === 'gora' ? index - 1 : index + 1;
  if (other < 0 || other >= questions.length) return;
  const [first, second] = direction === 'gora' ? [questions[other]!, questions[index]!] : [questions[index]!, questions[other]!];
  if (second.showIfQuestionId === first.id) throw new ConflictError('panel.surveys.moveCondition');
  [questions[index], questions[other]] = [questions[other]!, questions[index]!];
  await db.$transaction(async (tx) => {
    for (const [i, q] of questions.entries()) await tx.surveyQuestion.update({ where: { id: q.id }, data: { position: i + 1 } });
    await audit(tx, { userId: actor.id, action: 'survey.question.move', entityType: 'survey', entityId: surveyId, details: { questionId, direction }, ip });
  });
}

export async function removeQuestion({ db, actor, ip }: PanelContext, surveyId: number, questionId: number) {
  const survey = await findManageableSurvey(db, actor, surveyId);
  const q = await questionOf(db, surveyId, questionId);
  if (survey.locked) throw new ConflictError('panel.surveys.locked.body');
  await db.$transaction(async (tx) => {
    await tx.surveyQuestion.delete({ where: { id: questionId } });
    const rest = await tx.surveyQuestion.findMany({ where: { surveyId }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
    for (const [i, r] of rest.entries()) await tx.surveyQuestion.update({ where: { id: r.id }, data: { position: i + 1 } });
    await audit(tx, { userId: actor.id, action: 'survey.question.remove', entityType: 'survey', entityId: surveyId, details: { questionId, text: q.text }, ip });
  });
}
