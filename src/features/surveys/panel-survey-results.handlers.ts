// Results for staff: every question (nothing hidden), filters by date, free-text answers a page at a
// time, and the streamed CSV / XLSX export of all responses (audit-logged: it is personal-ish data).
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../http/errors.js';
import { localeOf } from '../../http/locals.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { streamCopyCsv, streamXlsx, type TabularFormat } from '../../lib/tabular-export.js';
import { audit } from '../audit/audit.service.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { panelCrumbs } from './panel-surveys.handlers.js';
import { resultsQuerySchema } from './panel-surveys.schema.js';
import { exportColumns, responseRows, responsesCsvSelect } from './survey-export.js';
import { districtBreakdown, surveyResults, textAnswers, type ResultsFilter } from './survey-results.js';
import { findManageableSurvey } from './surveys.policy.js';
import { definitionById } from './surveys.queries.js';
import { panelSurveyUrls as urls } from './surveys.urls.js';
import { resultsView, surveyHeaderView } from './surveys.view.js';

const TEXT_PAGE_SIZE = 25;
const TEXT_TYPES = new Set(['SHORT_TEXT', 'LONG_TEXT']);

export function panelSurveyResultsHandlers(deps: Deps) {
  async function load(req: Request) {
    await findManageableSurvey(deps.db, req.user!, routeId(req.params.id));
    return definitionById(deps.db, routeId(req.params.id));
  }
  function filterOf(req: Request) {
    const query = resultsQuerySchema.parse(req.query);
    const filter: ResultsFilter = { from: query.od, to: query.do };
    return { query, filter, params: { od: query.od, do: query.do } };
  }

  const results: RequestHandler = async (req, res) => {
    const survey = await load(req);
    const { filter, params } = filterOf(req);
    const fmt = viewFormat(localeOf(req));
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    res.render('panel/surveys/results', {
      survey: surveyHeaderView(fmt, survey, deps.clock.now()),
      results: resultsView(fmt, await surveyResults(deps.db, survey, filter, { public: false })),
      byDistrict: survey.askDistrict ? await districtBreakdown(deps.db, survey, filter, fmt.t('panel.surveys.results.noDistrict')) : null,
      filters: { od: params.od ?? '', do: params.do ?? '', action: urls.results(survey) },
      exports: { csv: urls.export(survey, 'csv'), xlsx: urls.export(survey, 'xlsx') },
      textLink: (q: { id: number; type: string }) => (TEXT_TYPES.has(q.type) || survey.questions.find((x) => x.id === q.id)?.allowOther ? `${urls.texts(survey, q)}${qs ? `?${qs}` : ''}` : null),
      breadcrumbs: panelCrumbs({ label: survey.title, href: urls.show(survey) }, { key: 'surveys.results.title' }),
    });
  };

  const texts: RequestHandler = async (req, res) => {
    const survey = await load(req);
    const question = survey.questions.find((q) => q.id === routeId(req.params.qid));
    if (!question) throw new NotFoundError();
    const { query, filter, params } = filterOf(req);
    const { rows, total } = await textAnswers(deps.db, survey.id, question.id, filter, query.strona, TEXT_PAGE_SIZE);
    res.render('panel/surveys/texts', {
      survey,
      question,
      rows,
      pagination: pageLinks(urls.texts(survey, question), params, pageOf(rows, total, query.strona, TEXT_PAGE_SIZE)),
      backHref: urls.results(survey),
      breadcrumbs: panelCrumbs({ label: survey.title, href: urls.show(survey) }, { label: question.text }),
    });
  };

  const exportAs = (format: TabularFormat): RequestHandler => async (req, res) => {
    const survey = await load(req);
    const fmt = viewFormat(localeOf(req));
    await audit(deps.db, { userId: req.user!.id, action: 'survey.export', entityType: 'survey', entityId: survey.id, details: { format }, ip: req.ip });
    const other = fmt.t('surveys.form.other');
    const fileName = `ankieta-${survey.id}-odpowiedzi`;
    const columns = [fmt.t('panel.surveys.export.number'), fmt.t('panel.surveys.export.submittedAt'), ...exportColumns(survey, other).headers];
    // CSV straight from PostgreSQL's COPY (a million rows at the database's pace); XLSX row by row through exceljs.
    if (format === 'csv') await streamCopyCsv(res, deps.pool, { fileName, columns, select: responsesCsvSelect(survey, other) });
    else await streamXlsx(res, { fileName, columns, rows: responseRows(deps.pool, survey, other), sheetName: fmt.t('panel.surveys.export.sheet') });
  };

  return { results, texts, exportCsv: exportAs('csv'), exportXlsx: exportAs('xlsx') };
}
