// The report as residents read it, shared by the page and the PDF: every text formatted and every
// private person shown as "osoba prywatna".
import { datesText, type Fmt } from '../consultations/consultations.view.js';
import { resultsArePublic, type SurveyListRow } from '../surveys/surveys.queries.js';
import { surveyUrls } from '../surveys/surveys.urls.js';
import type { resultsView } from '../surveys/surveys.view.js';
import type { PublicRemarkRow, ReportConsultation, ReportFigures } from './reports.service.js';
import { remarkUrls } from './remarks.urls.js';

export function remarkRowView(fmt: Fmt, r: PublicRemarkRow) {
  return {
    number: r.number,
    reference: r.reference,
    who: r.institution ?? fmt.t('remarks.privatePerson'),
    received: `${fmt.t(`remarks.channel.${r.channel}`)}${r.late ? `, ${fmt.t('remarks.late')}` : ''}`,
    part: r.part,
    content: r.content,
    proposal: r.proposal,
    justification: r.justification,
    position: fmt.t(r.position ? `remarks.position.${r.position}` : 'remarks.position.none'),
    answer: r.answer,
  };
}
export type RemarkRowView = ReturnType<typeof remarkRowView>;

/** The column headings of the table of remarks (page, PDF, CSV and XLSX alike). */
export function remarkColumns(fmt: Fmt): string[] {
  return ['lp', 'reference', 'who', 'received', 'part', 'content', 'proposal', 'justification', 'position', 'answer'].map((k) => fmt.t(`report.column.${k}`));
}

/** A survey's results as the surveys feature shapes them (surveys.view.ts resultsView). */
type SurveyResultsView = ReturnType<typeof resultsView>;

export function reportView(fmt: Fmt, c: ReportConsultation, figures: ReportFigures, rows: PublicRemarkRow[], surveys: SurveyListRow[] = [], now = new Date(), results: ReadonlyMap<number, SurveyResultsView> = new Map()) {
  const n = (value: number) => fmt.formatNumber(value);
  return {
    title: fmt.t('report.title', { title: c.title }),
    consultation: { title: c.title, href: remarkUrls.consultation(c) },
    publishedText: c.reportPublishedAt ? fmt.t('report.publishedOn', { date: fmt.formatDate(c.reportPublishedAt) }) : null,
    facts: [
      { label: fmt.t('report.fact.organiser'), value: c.department.name },
      ...(c.coordinator ? [{ label: fmt.t('report.fact.coordinator'), value: c.coordinator }] : []),
      { label: fmt.t('report.fact.dates'), value: datesText(fmt, c) },
      ...(c.legalBasis ? [{ label: fmt.t('report.fact.legalBasis'), value: c.legalBasis }] : []),
      { label: fmt.t('report.fact.forms'), value: c.forms.map((f) => fmt.t(`consultations.form.${f}`)).join(', ') || '—' },
      { label: fmt.t('report.fact.meetings'), value: n(c._count.meetings) },
    ],
    // Rendered from Markdown and sanitised when staff saved them (src/lib/markdown.ts).
    subjectHtml: c.subjectHtml,
    purposeHtml: c.purposeHtml,
    informedHtml: c.report?.informedHtml ?? '',
    conclusionsHtml: c.report?.conclusionsHtml ?? '',
    decisionHtml: c.report?.decisionHtml ?? '',
    figures: [
      { label: fmt.t('report.figure.remarks'), value: n(figures.remarks) },
      { label: fmt.t('report.figure.valid'), value: n(figures.valid) },
      { label: fmt.t('report.figure.late'), value: n(figures.late) },
      ...(['ONLINE', 'EMAIL', 'PAPER', 'MEETING'] as const).map((ch) => ({ label: fmt.t('report.figure.channel', { channel: fmt.t(`remarks.channel.${ch}`) }), value: n(figures.byChannel[ch]) })),
      { label: fmt.t('report.figure.institutions'), value: n(figures.institutions) },
      { label: fmt.t('report.figure.comments'), value: n(figures.comments) },
      { label: fmt.t('report.figure.surveyResponses'), value: n(figures.surveyResponses) },
    ],
    positions: (['ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED', 'EXPLANATION', 'OUT_OF_SCOPE'] as const).map((p) => ({ label: fmt.t(`remarks.position.${p}`), value: n(figures.byPosition[p]) })),
    surveys: surveys.map((s) => ({
      title: s.title,
      responses: fmt.t('report.survey.responses', { count: n(s._count.responses) }),
      responsesLine: fmt.t('report.survey.responsesLine', { count: n(s._count.responses) }),
      // Results are linked once the survey's own rules make them public.
      href: resultsArePublic(s, now) ? surveyUrls.results(s) : null,
      // Counts, percentages and means per question; null where the results are not public.
      results: results.get(s.id) ?? null,
    })),
    columns: remarkColumns(fmt),
    rows: rows.map((r) => remarkRowView(fmt, r)),
    downloads: [
      { href: remarkUrls.reportPdf(c), label: fmt.t('report.download.pdf'), format: 'PDF' },
      { href: remarkUrls.reportCsv(c), label: fmt.t('report.download.table'), format: 'CSV' },
      { href: remarkUrls.reportXlsx(c), label: fmt.t('report.download.table'), format: 'XLSX' },
    ],
  };
}
export type ReportView = ReturnType<typeof reportView>;
