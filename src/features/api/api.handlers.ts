// The open-data API: parse the query (a bad one is a 400), call the feature's public query, map the
// rows to resources. Nothing here decides what is public: the features' queries do, as for the pages.
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../http/errors.js';
import { routeId, routeSlug } from '../../http/params.js';
import { endOfWarsawDay, warsawInstant } from '../../lib/dates.js';
import { listPublicDocuments } from '../attachments/public-document-list.js';
import { findPublicConsultation, listConsultations, listPublicMeetings } from '../consultations/consultations.queries.js';
import { listDistricts } from '../districts/districts.queries.js';
import { findPublicInvestment, listInvestments } from '../investments/investments.queries.js';
import { findPublicNews, listNews } from '../news/news.queries.js';
import { surveyResults } from '../surveys/survey-results.js';
import { findPublicSurvey, listPublicSurveys, resultsArePublic } from '../surveys/surveys.queries.js';
import { listDepartments, pageOfAll } from './api.queries.js';
import { consultationsQuerySchema, documentsQuerySchema, investmentsQuerySchema, meetingsQuerySchema, newsQuerySchema, pagingQuerySchema, surveysQuerySchema } from './api.schema.js';
import { apiUrls } from './api.urls.js';
import { apiView, listBody } from './api.view.js';

export function apiHandlers({ db, clock, config }: Deps) {
  const base = config.baseUrl;
  /** The query as given (validated already), for the links of the next and previous pages. */
  const rawQuery = (req: Request) => req.query as Record<string, string>;

  const consultations: RequestHandler = async (req, res) => {
    const q = consultationsQuerySchema.parse(req.query);
    const now = clock.now();
    const filters = { phase: q.phase, departmentCode: q.department, districtSlug: q.district, topicSlug: q.topic, year: q.year, text: q.q };
    const result = await listConsultations(db, now, filters, q.page, q.limit);
    res.json(listBody(base, apiUrls.consultations(), rawQuery(req), result, apiView(base, now).consultation));
  };

  const consultation: RequestHandler = async (req, res) => {
    const now = clock.now();
    res.json({ data: apiView(base, now).consultationDetail(await findPublicConsultation(db, routeSlug(req.params.slug), now)) });
  };

  const documents: RequestHandler = async (req, res) => {
    const q = documentsQuerySchema.parse(req.query);
    const now = clock.now();
    const result = await listPublicDocuments(db, now, { consultationSlug: q.consultation, newsSlug: q.news, investmentSlug: q.investment }, q.page, q.limit);
    res.json(listBody(base, apiUrls.documents(), rawQuery(req), result, apiView(base, now).document));
  };

  const meetings: RequestHandler = async (req, res) => {
    const q = meetingsQuerySchema.parse(req.query);
    const now = clock.now();
    // Days are Warsaw days, as the calendar shows them; "to" includes its whole day.
    const filters = { consultationSlug: q.consultation, from: q.from ? warsawInstant(q.from) : undefined, to: q.to ? endOfWarsawDay(q.to) : undefined };
    const result = await listPublicMeetings(db, now, filters, q.page, q.limit);
    res.json(listBody(base, apiUrls.meetings(), rawQuery(req), result, apiView(base, now).meeting));
  };

  const news: RequestHandler = async (req, res) => {
    const q = newsQuerySchema.parse(req.query);
    const now = clock.now();
    const result = await listNews(db, now, { districtSlug: q.district }, q.page, q.limit);
    res.json(listBody(base, apiUrls.news(), rawQuery(req), result, apiView(base, now).news));
  };

  const newsItem: RequestHandler = async (req, res) => {
    const now = clock.now();
    res.json({ data: apiView(base, now).newsDetail(await findPublicNews(db, routeSlug(req.params.slug), now)) });
  };

  const investments: RequestHandler = async (req, res) => {
    const q = investmentsQuerySchema.parse(req.query);
    const now = clock.now();
    const result = await listInvestments(db, now, { status: q.status, districtSlug: q.district, departmentCode: q.department, year: q.year }, q.page, q.limit);
    res.json(listBody(base, apiUrls.investments(), rawQuery(req), result, apiView(base, now).investment));
  };

  const investment: RequestHandler = async (req, res) => {
    const now = clock.now();
    res.json({ data: apiView(base, now).investmentDetail(await findPublicInvestment(db, routeSlug(req.params.slug), now)) });
  };

  const surveys: RequestHandler = async (req, res) => {
    const q = surveysQuerySchema.parse(req.query);
    const now = clock.now();
    const result = await listPublicSurveys(db, now, { phase: q.phase, kind: q.kind, consultationSlug: q.consultation }, q.page, q.limit);
    res.json(listBody(base, apiUrls.surveys(), rawQuery(req), result, apiView(base, now).survey));
  };

  const survey: RequestHandler = async (req, res) => {
    const now = clock.now();
    res.json({ data: apiView(base, now).survey(await findPublicSurvey(db, routeId(req.params.id), now)) });
  };

  /** Aggregated results, only while the survey's own setting makes them public (as on its page). */
  const results: RequestHandler = async (req, res) => {
    const now = clock.now();
    const found = await findPublicSurvey(db, routeId(req.params.id), now);
    if (!resultsArePublic(found, now)) throw new NotFoundError();
    res.json({ data: apiView(base, now).surveyResults(found, await surveyResults(db, found, {}, { public: true })) });
  };

  const districts: RequestHandler = async (req, res) => {
    const q = pagingQuerySchema.parse(req.query);
    const result = await pageOfAll(await listDistricts(db), q.page, q.limit);
    res.json(listBody(base, apiUrls.districts(), rawQuery(req), result, apiView(base, clock.now()).district));
  };

  const departments: RequestHandler = async (req, res) => {
    const q = pagingQuerySchema.parse(req.query);
    const result = await pageOfAll(await listDepartments(db), q.page, q.limit);
    res.json(listBody(base, apiUrls.departments(), rawQuery(req), result, (d) => d));
  };

  return { consultations, consultation, documents, meetings, news, newsItem, investments, investment, surveys, survey, results, districts, departments };
}

