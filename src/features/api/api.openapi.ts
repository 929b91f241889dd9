// The OpenAPI 3.1 description of the open-data API. Component schemas are generated from the zod
// schemas of api.resources.ts (zod 4's JSON Schema output is draft 2020-12, OpenAPI 3.1's dialect);
// paths and parameters are written here, next to the limits and enums they take from api.schema.ts.
import { z } from 'zod';
import {
  apiSchemas,
  CONSULTATION_PHASES,
  consultationDetailSchema,
  consultationSchema,
  departmentSchema,
  districtSchema,
  documentSchema,
  INVESTMENT_STATUSES,
  investmentDetailSchema,
  investmentSchema,
  listOf,
  meetingSchema,
  newsDetailSchema,
  newsSchema,
  oneOf,
  surveyResultsSchema,
  surveySchema,
} from './api.resources.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './api.schema.js';
import { API_BASE } from './api.urls.js';

// Envelopes are components too, so every response refers to one named schema.
const envelopes = {
  ConsultationList: listOf(consultationSchema),
  ConsultationResponse: oneOf(consultationDetailSchema),
  DocumentList: listOf(documentSchema),
  MeetingList: listOf(meetingSchema),
  NewsList: listOf(newsSchema),
  NewsResponse: oneOf(newsDetailSchema),
  InvestmentList: listOf(investmentSchema),
  InvestmentResponse: oneOf(investmentDetailSchema),
  SurveyList: listOf(surveySchema),
  SurveyResponse: oneOf(surveySchema),
  SurveyResultsResponse: oneOf(surveyResultsSchema),
  DistrictList: listOf(districtSchema),
  DepartmentList: listOf(departmentSchema),
};
for (const [id, schema] of Object.entries(envelopes)) if (!apiSchemas.has(schema)) apiSchemas.add(schema, { id });

type Param = { name: string; in: 'query' | 'path'; required?: boolean; description: string; schema: Record<string, unknown> };
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const q = (name: string, description: string, schema: Record<string, unknown>): Param => ({ name, in: 'query', description, schema });
const slugSchema = { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 160 };
const paging: Param[] = [
  q('page', 'page number, from 1; a page past the end answers the last page', { type: 'integer', minimum: 1, maximum: 10000, default: 1 }),
  q('limit', `items per page, at most ${MAX_LIMIT}`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
];
const byPath = (name: string, description: string, schema: Record<string, unknown> = slugSchema): Param => ({ name, in: 'path', required: true, description, schema });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ok = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });

function list(summary: string, tag: string, envelope: string, params: Param[]) {
  return { get: { summary, tags: [tag], operationId: `list${envelope.replace(/List$/, '')}`, parameters: [...paging, ...params], responses: { 200: ok(envelope, 'one page'), 400: errorResponse('a parameter is invalid or unknown') } } };
}
function one(summary: string, tag: string, operationId: string, envelope: string, params: Param[]) {
  return { get: { summary, tags: [tag], operationId, parameters: params, responses: { 200: ok(envelope, 'found'), 404: errorResponse('no such public record') } } };
}

/** Strips what each generated schema carries for standing alone ($schema, $id): here it is one of many. */
function components() {
  const generated = z.toJSONSchema(apiSchemas, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

const cache = new Map<string, unknown>();

/** The document, built once per process and address (it depends on nothing else). */
export function openApiDocument(baseUrl: string): unknown {
  const known = cache.get(baseUrl);
  if (known) return known;
  const document = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Konsultacje – open data API',
      version: '1.0.0',
      description:
        'Read-only public data of the consultation portal: consultations, their documents and meetings, news, districts, departments, investments and surveys with their public results. ' +
        'Only what the public pages show: never drafts, scheduled records before their time, hidden or personal data. Dates are ISO 8601 (UTC). Every response allows cross-origin reads (CORS).',
    },
    servers: [{ url: new URL(API_BASE, baseUrl).href }],
    tags: ['consultations', 'documents', 'meetings', 'news', 'districts', 'departments', 'investments', 'surveys'].map((name) => ({ name })),
    paths: {
      '/consultations': list('Public consultations, open first, then planned, then closed', 'consultations', 'ConsultationList', [
        q('phase', 'planned, open or closed', { type: 'string', enum: [...CONSULTATION_PHASES] }),
        q('department', 'department code', { type: 'string', maxLength: 16 }),
        q('district', 'district slug (city-wide consultations are included)', slugSchema),
        q('topic', 'topic slug', slugSchema),
        q('year', 'running at any time in that year', { type: 'integer', minimum: 1990, maximum: 2100 }),
        q('q', 'text in the title or summary, ignoring case and Polish diacritics', { type: 'string' }),
      ]),
      '/consultations/{slug}': one('One consultation with its documents and meetings', 'consultations', 'getConsultation', 'ConsultationResponse', [byPath('slug', 'the consultation slug')]),
      '/documents': list('Documents of public consultations, news and investments, newest first', 'documents', 'DocumentList', [
        q('consultation', 'only this consultation (slug)', slugSchema),
        q('news', 'only this news article (slug)', slugSchema),
        q('investment', 'only this investment (slug)', slugSchema),
      ]),
      '/meetings': list('Meetings of public consultations, by start', 'meetings', 'MeetingList', [
        q('consultation', 'only this consultation (slug)', slugSchema),
        q('from', 'starting on or after this day (Warsaw time)', { type: 'string', format: 'date' }),
        q('to', 'starting on or before this day (Warsaw time)', { type: 'string', format: 'date' }),
      ]),
      '/news': list('Published news, newest first', 'news', 'NewsList', [q('district', 'only this district (slug)', slugSchema)]),
      '/news/{slug}': one('One news article', 'news', 'getNews', 'NewsResponse', [byPath('slug', 'the article slug')]),
      '/districts': list('Districts in alphabetical order', 'districts', 'DistrictList', []),
      '/departments': list('Departments in alphabetical order', 'departments', 'DepartmentList', []),
      '/investments': list('Published investments, ongoing first', 'investments', 'InvestmentList', [
        q('status', 'investment status', { type: 'string', enum: [...INVESTMENT_STATUSES] }),
        q('district', 'district slug', slugSchema),
        q('department', 'department code', { type: 'string', maxLength: 16 }),
        q('year', 'running at any time in that year', { type: 'integer', minimum: 1990, maximum: 2100 }),
      ]),
      '/investments/{slug}': one('One investment with its timeline and documents', 'investments', 'getInvestment', 'InvestmentResponse', [byPath('slug', 'the investment slug')]),
      '/surveys': list('Surveys and polls that have opened, newest first', 'surveys', 'SurveyList', [
        q('phase', 'open or closed', { type: 'string', enum: ['open', 'closed'] }),
        q('kind', 'SURVEY or POLL', { type: 'string', enum: ['SURVEY', 'POLL'] }),
        q('consultation', 'only this consultation (slug)', slugSchema),
      ]),
      '/surveys/{id}': one('One survey', 'surveys', 'getSurvey', 'SurveyResponse', [byPath('id', 'the survey id', { type: 'integer', minimum: 1 })]),
      '/surveys/{id}/results': one(
        'Aggregated results, while the survey makes them public (404 otherwise)',
        'surveys',
        'getSurveyResults',
        'SurveyResultsResponse',
        [byPath('id', 'the survey id', { type: 'integer', minimum: 1 })],
      ),
    },
    components: { schemas: components() },
  };
  cache.set(baseUrl, document);
  return document;
}
