// View models of surveys: the form (fields named as survey-answers.ts reads them) and the results
// (bar geometry for the server-rendered SVG charts and the rows of their data tables).
import type { Fmt } from '../consultations/consultations.view.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { fieldNames, LONG_TEXT_DEFAULT_MAX, OTHER_VALUE, SHORT_TEXT_MAX } from './survey-answers.js';
import type { Bar, QuestionResult, SurveyResults } from './survey-results.js';
import { phaseOf, type SurveyDefinition, type SurveyListRow } from './surveys.queries.js';
import { surveyUrls } from './surveys.urls.js';

type Values = Record<string, unknown>;
const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

export function listItemView(fmt: Fmt, s: SurveyListRow, now: Date) {
  const phase = phaseOf(s, now);
  return {
    title: s.title,
    href: surveyUrls.show(s),
    resultsHref: surveyUrls.results(s),
    isPoll: s.kind === 'POLL',
    department: s.department.name,
    phase,
    closes: fmt.formatDate(new Date(s.closesAt.getTime() - 1)),
    closesIso: fmt.isoDate(s.closesAt),
    responses: s._count.responses,
  };
}

/** Each question with its fields' names, the submitted values and, for conditional ones, the note. */
export function formQuestionsView(fmt: Fmt, survey: SurveyDefinition, values: Values) {
  const numberOf = new Map(survey.questions.map((q, i) => [q.id, i + 1]));
  return survey.questions.map((q, i) => {
    const name = fieldNames.question(q);
    const condition = q.showIfQuestionId && q.showIfOptionId ? survey.questions.find((c) => c.id === q.showIfQuestionId) : undefined;
    const conditionOption = condition?.options.find((o) => o.id === q.showIfOptionId);
    const scale = Array.from({ length: Math.max(0, (q.maxValue ?? 5) - (q.minValue ?? 1) + 1) }, (_, k) => (q.minValue ?? 1) + k);
    return {
      id: q.id,
      number: i + 1,
      name,
      type: q.type,
      text: q.text,
      hint: q.hint,
      required: q.required,
      selected: asArray(values[name]),
      value: asString(values[name]),
      other: q.allowOther ? { name: fieldNames.other(q), value: asString(values[fieldNames.other(q)]), optionValue: OTHER_VALUE } : null,
      options: q.options.map((o) => ({ id: o.id, value: String(o.id), label: o.label, rankName: fieldNames.rank(q, o), rowName: fieldNames.row(q, o), rank: asString(values[fieldNames.rank(q, o)]), rowValue: asString(values[fieldNames.row(q, o)]) })),
      places: q.options.map((_, k) => String(k + 1)),
      scale: scale.map(String),
      minLabel: q.minLabel,
      maxLabel: q.maxLabel,
      minValue: q.minValue,
      maxValue: q.maxValue,
      maxLength: q.type === 'SHORT_TEXT' ? SHORT_TEXT_MAX : q.type === 'LONG_TEXT' ? (q.maxLength ?? LONG_TEXT_DEFAULT_MAX) : null,
      choices: { min: q.minChoices, max: q.maxChoices },
      condition: condition && conditionOption ? { questionName: fieldNames.question(condition), optionValue: String(conditionOption.id), note: fmt.t('surveys.form.conditionNote', { number: numberOf.get(condition.id) ?? '', option: conditionOption.label }) } : null,
    };
  });
}
export type FormQuestionView = ReturnType<typeof formQuestionsView>[number];

export function surveyHeaderView(fmt: Fmt, survey: SurveyDefinition, now: Date) {
  return {
    id: survey.id,
    title: survey.title,
    isPoll: survey.kind === 'POLL',
    introHtml: survey.introHtml,
    department: survey.department.name,
    phase: phaseOf(survey, now),
    opens: fmt.formatDate(survey.opensAt),
    closes: fmt.formatDate(new Date(survey.closesAt.getTime() - 1)),
    closesIso: fmt.isoDate(survey.closesAt),
    consultation: survey.consultation ? { title: survey.consultation.title, href: consultationUrls.show(survey.consultation) } : null,
    participation: survey.participation,
    links: { form: surveyUrls.show(survey), results: surveyUrls.results(survey), emailLink: surveyUrls.emailLink(survey), list: surveyUrls.list() },
  };
}

// Chart geometry, in SVG user units: a label line above each bar, the value written after the bar, so
// neither colour nor length alone carries the number.
const CHART = { width: 640, barMax: 440, row: 46, barHeight: 18, top: 8 };

function chartOf(bars: { label: string; value: number; text: string }[], scaleMax?: number) {
  const max = scaleMax ?? Math.max(1, ...bars.map((b) => b.value));
  return {
    width: CHART.width,
    height: CHART.top + bars.length * CHART.row,
    bars: bars.map((b, i) => ({
      label: b.label,
      text: b.text,
      labelY: CHART.top + i * CHART.row + 14,
      barY: CHART.top + i * CHART.row + 20,
      barHeight: CHART.barHeight,
      barWidth: Math.max(b.value > 0 ? 2 : 0, Math.round((CHART.barMax * b.value) / max)),
      textX: Math.max(b.value > 0 ? 2 : 0, Math.round((CHART.barMax * b.value) / max)) + 8,
      textY: CHART.top + i * CHART.row + 34,
    })),
  };
}

const pct = (fmt: Fmt, percent: number) => `${fmt.formatNumber(Math.round(percent * 10) / 10)}%`;
const decimal = (fmt: Fmt, value: number) => fmt.formatNumber(Math.round(value * 100) / 100);
const countBars = (fmt: Fmt, bars: Bar[]) => bars.map((b) => ({ label: b.label, value: b.count, text: `${fmt.formatNumber(b.count)} (${pct(fmt, b.percent)})` }));

export function resultsView(fmt: Fmt, results: SurveyResults) {
  return {
    total: results.total,
    questions: results.questions.map((r, i) => questionResultView(fmt, r, i + 1)),
  };
}

function questionResultView(fmt: Fmt, r: QuestionResult, number: number) {
  const q = r.question;
  const base = { id: q.id, number, text: q.text, type: q.type, respondents: r.respondents, suppressed: r.suppressed, isMultiple: q.type === 'MULTIPLE' };
  const stats = r.stats ? { mean: decimal(fmt, r.stats.mean), median: decimal(fmt, r.stats.median), min: fmt.formatNumber(r.stats.min), max: fmt.formatNumber(r.stats.max) } : null;
  switch (q.type) {
    case 'SINGLE':
    case 'MULTIPLE':
    case 'NUMBER':
    case 'SCALE': {
      const bars = [...r.bars];
      if (q.allowOther) bars.push({ label: fmt.t('surveys.form.other'), count: r.otherCount, percent: r.respondents > 0 ? (100 * r.otherCount) / r.respondents : 0 });
      const labelled = q.type === 'SCALE' ? bars.map((b, k) => ({ ...b, label: k === 0 && q.minLabel ? `${b.label} – ${q.minLabel}` : k === bars.length - 1 && q.maxLabel ? `${b.label} – ${q.maxLabel}` : b.label })) : bars;
      return { ...base, stats, chart: chartOf(countBars(fmt, labelled)), table: { head: [fmt.t('surveys.results.answer'), fmt.t('surveys.results.count'), fmt.t('surveys.results.percent')], rows: labelled.map((b) => [b.label, fmt.formatNumber(b.count), pct(fmt, b.percent)]) } };
    }
    case 'RANKING': {
      const n = q.options.length;
      return {
        ...base,
        stats: null,
        chart: chartOf(r.ranking.map((o, k) => ({ label: `${k + 1}. ${o.label}`, value: o.meanPosition > 0 ? n + 1 - o.meanPosition : 0, text: fmt.t('surveys.results.meanPositionShort', { value: decimal(fmt, o.meanPosition) }) })), n),
        table: { head: [fmt.t('surveys.results.place'), fmt.t('surveys.results.answer'), fmt.t('surveys.results.meanPosition'), fmt.t('surveys.results.firstPlaces')], rows: r.ranking.map((o, k) => [String(k + 1), o.label, decimal(fmt, o.meanPosition), fmt.formatNumber(o.firstPlaces)]) },
      };
    }
    case 'MATRIX':
      return {
        ...base,
        stats: null,
        chart: chartOf(r.matrix.map((row) => ({ label: row.label, value: row.mean ?? 0, text: row.mean === null ? '–' : fmt.t('surveys.results.meanShort', { value: decimal(fmt, row.mean) }) })), q.maxValue ?? 5),
        table: {
          head: [fmt.t('surveys.results.row'), ...(r.matrix[0]?.bars.map((b) => b.label) ?? []), fmt.t('surveys.results.mean')],
          rows: r.matrix.map((row) => [row.label, ...row.bars.map((b) => `${fmt.formatNumber(b.count)} (${pct(fmt, b.percent)})`), row.mean === null ? '–' : decimal(fmt, row.mean)]),
        },
      };
    default:
      return { ...base, stats, chart: null, table: null };
  }
}
export type QuestionResultView = ReturnType<typeof questionResultView>;
