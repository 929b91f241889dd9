// Rows from the features' public queries turned into the API's resources (api.resources.ts): English
// names, ISO 8601 dates, absolute links, and only what the public pages show already.
import type { Page } from '../../http/pagination.js';
import { attachmentUrls } from '../attachments/attachment-urls.js';
import type { PublicDocumentRow } from '../attachments/public-document-list.js';
import { phaseOf as consultationPhaseOf, statusOf } from '../consultations/consultation-status.js';
import type { ConsultationDetail, ConsultationListRow, MeetingListRow } from '../consultations/consultations.queries.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { districtUrls } from '../districts/districts.urls.js';
import type { InvestmentDetail, InvestmentListRow } from '../investments/investments.queries.js';
import { investmentUrls } from '../investments/investments.urls.js';
import type { NewsDetail, NewsListRow } from '../news/news.queries.js';
import { newsUrls } from '../news/news.urls.js';
import type { SurveyResults } from '../surveys/survey-results.js';
import { phaseOf as surveyPhaseOf, resultsArePublic, type PublicSurveyRow } from '../surveys/surveys.queries.js';
import { surveyUrls } from '../surveys/surveys.urls.js';
import type {
  ConsultationDetailResource,
  ConsultationResource,
  DistrictResource,
  DocumentResource,
  InvestmentDetailResource,
  InvestmentResource,
  MeetingResource,
  NewsDetailResource,
  NewsResource,
  SurveyResource,
  SurveyResultsResource,
} from './api.resources.js';
import { apiPhaseOf } from './api.schema.js';
import { absoluteUrl, apiUrls } from './api.urls.js';

type Owner = DocumentResource['owner'];
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const dayOrNull = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const złoty = (grosze: bigint | null) => (grosze === null ? null : Number(grosze) / 100);
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Every mapper of one request, with the portal's address for absolute links. */
export function apiView(baseUrl: string, now: Date) {
  const abs = (path: string) => absoluteUrl(baseUrl, path);
  const districtRefs = (rows: { district: { slug: string; name: string } }[]) => rows.map((d) => ({ slug: d.district.slug, name: d.district.name }));
  const consultationRef = (c: { slug: string; title: string }) => ({ slug: c.slug, title: c.title, url: abs(consultationUrls.show(c)) });

  const document = (a: Omit<PublicDocumentRow, 'consultation' | 'news' | 'investment'>, owner: Owner): DocumentResource => ({
    id: a.id,
    title: a.title || a.originalName,
    fileName: a.originalName,
    format: a.extension.toUpperCase(),
    sizeBytes: a.sizeBytes,
    description: a.description,
    downloadUrl: abs(attachmentUrls.download(a)),
    owner,
  });
  const ownerOf = (a: PublicDocumentRow): Owner => {
    if (a.consultation) return { type: 'consultation', ...consultationRef(a.consultation) };
    if (a.news) return { type: 'news', slug: a.news.slug, title: a.news.title, url: abs(newsUrls.show(a.news)) };
    return { type: 'investment', slug: a.investment!.slug, title: a.investment!.title, url: abs(investmentUrls.show(a.investment!)) };
  };

  const meeting = (m: Omit<MeetingListRow, 'consultation'>, c: { slug: string; title: string }): MeetingResource => ({
    id: m.id,
    title: m.title,
    startsAt: iso(m.startsAt),
    endsAt: isoOrNull(m.endsAt),
    place: m.place,
    onlineUrl: m.onlineUrl || null,
    description: m.description,
    consultation: consultationRef(c),
    calendarUrl: abs(consultationUrls.meetingCalendar(c, m)),
  });

  const consultation = (c: ConsultationListRow): ConsultationResource => {
    const status = statusOf(c, now);
    if (status === 'DRAFT' || status === 'SCHEDULED') throw new Error('a consultation that is not public reached the API');
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status,
      phase: apiPhaseOf(consultationPhaseOf(status)!),
      startsAt: iso(c.startsAt),
      endsAt: iso(c.endsAt),
      publishedAt: iso(c.publishedAt!),
      reportPublishedAt: isoOrNull(c.reportPublishedAt),
      cityWide: c.cityWide,
      department: { code: c.department.code, name: c.department.name },
      districts: districtRefs(c.districts),
      url: abs(consultationUrls.show(c)),
    };
  };

  const consultationDetail = (c: ConsultationDetail): ConsultationDetailResource => {
    const owner: Owner = { type: 'consultation', ...consultationRef(c) };
    return {
      ...consultation(c),
      topic: c.topic,
      subjectHtml: c.subjectHtml,
      purposeHtml: c.purposeHtml,
      legalBasis: c.legalBasis,
      addressees: c.addressees,
      participationForms: c.forms,
      stateNote: c.stateNote,
      updatedAt: iso(c.updatedAt),
      documents: c.attachments.filter((a) => a.kind === 'DOCUMENT').map((a) => document(a, owner)),
      meetings: c.meetings.map((m) => meeting(m, c)),
    };
  };

  const news = (n: NewsListRow): NewsResource => ({
    id: n.id,
    slug: n.slug,
    title: n.title,
    lead: n.lead,
    publishedAt: iso(n.publishedAt!),
    district: n.district ? { slug: n.district.slug, name: n.district.name } : null,
    url: abs(newsUrls.show(n)),
  });

  const newsDetail = (n: NewsDetail): NewsDetailResource => {
    const owner: Owner = { type: 'news', slug: n.slug, title: n.title, url: abs(newsUrls.show(n)) };
    return { ...news(n), bodyHtml: n.bodyHtml, updatedAt: iso(n.updatedAt), documents: n.attachments.filter((a) => a.kind === 'DOCUMENT').map((a) => document(a, owner)) };
  };

  const investment = (i: InvestmentListRow): InvestmentResource => ({
    id: i.id,
    slug: i.slug,
    title: i.title,
    summary: i.summary,
    status: i.status,
    department: { code: i.department.code, name: i.department.name },
    districts: districtRefs(i.districts),
    budgetPln: złoty(i.budgetGrosze),
    euFundingPln: złoty(i.euFundingGrosze),
    fundingSources: lines(i.fundingSources),
    plannedStart: dayOrNull(i.plannedStart),
    plannedEnd: dayOrNull(i.plannedEnd),
    actualStart: dayOrNull(i.actualStart),
    actualEnd: dayOrNull(i.actualEnd),
    address: i.address,
    location: i.latitude !== null && i.longitude !== null ? { latitude: i.latitude, longitude: i.longitude } : null,
    url: abs(investmentUrls.show(i)),
  });

  const investmentDetail = (i: InvestmentDetail): InvestmentDetailResource => {
    const owner: Owner = { type: 'investment', slug: i.slug, title: i.title, url: abs(investmentUrls.show(i)) };
    // A linked consultation that is still a draft is not named.
    const linked = i.consultation && i.consultation.publishedAt && i.consultation.publishedAt <= now ? consultationRef(i.consultation) : null;
    return {
      ...investment(i),
      descriptionHtml: i.descriptionHtml,
      updatedAt: iso(i.updatedAt),
      consultation: linked,
      updates: i.updates.map((u) => ({ date: u.date.toISOString().slice(0, 10), title: u.title, bodyHtml: u.bodyHtml })),
      documents: i.attachments.filter((a) => a.kind === 'DOCUMENT').map((a) => document(a, owner)),
    };
  };

  const survey = (s: PublicSurveyRow): SurveyResource => {
    const open = resultsArePublic(s, now);
    return {
      id: s.id,
      kind: s.kind,
      title: s.title,
      opensAt: iso(s.opensAt),
      closesAt: iso(s.closesAt),
      phase: surveyPhaseOf(s, now) === 'open' ? 'open' : 'closed',
      resultsVisibility: s.resultsVisibility,
      resultsPublic: open,
      department: { code: s.department.code, name: s.department.name },
      consultation: s.consultation ? consultationRef(s.consultation) : null,
      url: abs(surveyUrls.show(s)),
      resultsUrl: open ? abs(apiUrls.surveyResults(s)) : null,
    };
  };

  /** Aggregates only; a group smaller than the public minimum keeps its respondents' number and nothing else. */
  const surveyResults = (s: PublicSurveyRow, r: SurveyResults): SurveyResultsResource => ({
    survey: survey(s),
    responses: r.total,
    questions: r.questions.map((q) => {
      const hide = q.suppressed;
      const counts = (bars: { label: string; count: number; percent: number }[]) => (hide ? [] : bars.map((b) => ({ label: b.label, count: b.count, percent: b.percent })));
      return {
        id: q.question.id,
        position: q.question.position,
        type: q.question.type,
        text: q.question.text,
        respondents: q.respondents,
        suppressed: hide,
        counts: counts(q.bars),
        otherCount: hide || !q.question.allowOther ? null : q.otherCount,
        stats: hide ? null : q.stats,
        ranking: hide ? [] : q.ranking,
        matrix: hide ? [] : q.matrix.map((m) => ({ label: m.label, mean: m.mean, count: m.count, counts: counts(m.bars) })),
      };
    }),
  });

  const district = (d: { slug: string; name: string; councilSeat: string }): DistrictResource => ({
    slug: d.slug,
    name: d.name,
    councilSeat: d.councilSeat,
    url: abs(districtUrls.show(d)),
    feeds: { rss: abs(newsUrls.rss(d)), atom: abs(newsUrls.atom(d)) },
  });

  return { consultation, consultationDetail, document: (a: PublicDocumentRow) => document(a, ownerOf(a)), meeting: (m: MeetingListRow) => meeting(m, m.consultation), news, newsDetail, investment, investmentDetail, survey, surveyResults, district };
}

/** The list envelope: the page's items, its numbers, and links that keep the query's filters. */
export function listBody<Row, Item>(baseUrl: string, path: string, query: Record<string, unknown>, result: Page<Row>, map: (row: Row) => Item) {
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && key !== 'page') params.set(key, String(value));
    params.set('page', String(page));
    return absoluteUrl(baseUrl, `${path}?${params.toString()}`);
  };
  return {
    data: result.items.map(map),
    meta: { page: result.page, limit: result.pageSize, total: result.total, pageCount: result.pageCount },
    links: {
      self: link(result.page),
      first: link(1),
      last: link(result.pageCount),
      prev: result.page > 1 ? link(result.page - 1) : null,
      next: result.page < result.pageCount ? link(result.page + 1) : null,
    },
  };
}
