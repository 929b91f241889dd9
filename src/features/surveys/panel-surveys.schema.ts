// Forms of the survey builder; field names equal the HTML names.
import { z } from 'zod';
import { optionalText, text } from '../../http/forms.js';
import { SurveyParticipation, SurveyQuestionType, SurveyResultsVisibility } from '../../generated/prisma/enums.js';
import { isoDate } from '../consultations/panel-consultations.schema.js';
import { OTHER_TEXT_MAX } from './survey-answers.js';

const P = 'panel.surveys.validation.';
const checkbox = z.preprocess((v) => v === 'tak' || v === 'on' || v === 'true', z.boolean());
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number({ error: 'validation.invalid' }).int().positive('validation.invalid').optional());
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), z.coerce.number({ error: `${P}integer` }).int(`${P}integer`).min(min, `${P}integer`).max(max, `${P}integer`).optional());

export const surveySchema = z
  .object({
    kind: z.enum(['SURVEY', 'POLL'], { error: 'validation.invalid' }).catch('SURVEY'),
    title: text(`${P}title`, 300),
    introMd: optionalText(10_000),
    thankYou: optionalText(2000),
    departmentId: optionalId,
    consultationId: optionalId,
    openDate: isoDate(`${P}openDate`),
    closeDate: isoDate(`${P}closeDate`),
    participation: z.enum(SurveyParticipation, { error: `${P}participation` }),
    resultsVisibility: z.enum(SurveyResultsVisibility, { error: `${P}resultsVisibility` }),
    onHomePage: checkbox,
    districtId: optionalId,
    askDistrict: checkbox,
  })
  .superRefine((form, ctx) => {
    if (form.closeDate < form.openDate) ctx.addIssue({ code: 'custom', path: ['closeDate'], message: `${P}closeBeforeOpen` });
  });
export type SurveyInput = z.infer<typeof surveySchema>;

const CHOICE_TYPES = ['SINGLE', 'MULTIPLE', 'RANKING', 'MATRIX'] as const;
export const hasOptions = (type: string) => (CHOICE_TYPES as readonly string[]).includes(type);

export const questionSchema = z
  .object({
    type: z.enum(SurveyQuestionType, { error: `${P}type` }),
    text: text(`${P}questionText`, 500),
    hint: optionalText(1000),
    required: checkbox,
    allowOther: checkbox,
    startsStep: checkbox,
    // One option (or matrix row) a line; blank lines are dropped.
    options: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : []),
      z.array(z.string().max(OTHER_TEXT_MAX, `${P}optionTooLong`)).max(30, `${P}tooManyOptions`),
    ),
    minChoices: optionalInt(0, 30),
    maxChoices: optionalInt(1, 30),
    maxLength: optionalInt(1, 10_000),
    minValue: optionalInt(-1_000_000_000, 1_000_000_000),
    maxValue: optionalInt(-1_000_000_000, 1_000_000_000),
    minLabel: optionalText(100),
    maxLabel: optionalText(100),
    // "questionId:optionId" of an earlier question, or empty.
    showIf: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^\d{1,10}:\d{1,10}$/, 'validation.invalid').optional()),
  })
  .superRefine((form, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (hasOptions(form.type) && form.options.length < (form.type === 'MATRIX' ? 1 : 2)) issue('options', form.type === 'MATRIX' ? `${P}rows` : `${P}options`);
    if (form.type === 'MULTIPLE' && form.maxChoices !== undefined && form.maxChoices > form.options.length + (form.allowOther ? 1 : 0)) issue('maxChoices', `${P}maxChoicesOptions`);
    if (form.type === 'MULTIPLE' && form.minChoices !== undefined && form.maxChoices !== undefined && form.minChoices > form.maxChoices) issue('maxChoices', `${P}minAboveMax`);
    if (form.type === 'SCALE' || form.type === 'MATRIX') {
      if (form.minValue === undefined) issue('minValue', `${P}scaleBounds`);
      else if (form.maxValue === undefined) issue('maxValue', `${P}scaleBounds`);
      else if (form.maxValue <= form.minValue || form.maxValue - form.minValue > 10) issue('maxValue', `${P}scaleBounds`);
    }
    if (form.type === 'NUMBER' && form.minValue !== undefined && form.maxValue !== undefined && form.minValue > form.maxValue) issue('maxValue', `${P}minAboveMax`);
  });
export type QuestionInput = z.infer<typeof questionSchema>;

export const moveSchema = z.object({ kierunek: z.enum(['gora', 'dol'], { error: 'validation.invalid' }) });

export const resultsQuerySchema = z.object({
  od: z.preprocess((v) => (v === '' ? undefined : v), isoDate('validation.date.format').optional()).catch(undefined),
  do: z.preprocess((v) => (v === '' ? undefined : v), isoDate('validation.date.format').optional()).catch(undefined),
  strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
