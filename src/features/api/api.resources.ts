// What the open-data API answers, as zod schemas: the handlers' output types come from them, and the
// OpenAPI document's component schemas are generated from them (api.openapi.ts), so the two cannot
// disagree. Objects are strict: a field that is not listed here (an e-mail, an author) fails validation.
import { z } from 'zod';

/** Named schemas become components of the OpenAPI document. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const instant = z.iso.datetime().describe('ISO 8601 date and time in UTC');
const day = z.iso.date().describe('ISO 8601 calendar date');
const url = z.url().describe('absolute URL');

export const departmentSchema = z
  .object({ code: z.string().describe('short code of the department, e.g. MZDiT'), name: z.string() })
  .register(apiSchemas, { id: 'Department', description: 'A department of the city office.' });

export const districtRefSchema = z.object({ slug: z.string(), name: z.string() }).register(apiSchemas, { id: 'DistrictRef' });

export const districtSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    councilSeat: z.string().describe('address of the district council'),
    url,
    feeds: z.object({ rss: url, atom: url }).describe("the district's news feeds"),
  })
  .register(apiSchemas, { id: 'District', description: 'A district (dzielnica) with its council.' });

export const topicSchema = z.object({ slug: z.string(), name: z.string() }).register(apiSchemas, { id: 'Topic' });

export const CONSULTATION_STATUSES = ['PLANNED', 'OPEN', 'CLOSED_PENDING_REPORT', 'CLOSED', 'CANCELLED', 'POSTPONED'] as const;
export const CONSULTATION_PHASES = ['planned', 'open', 'closed'] as const;

export const consultationRefSchema = z.object({ slug: z.string(), title: z.string(), url }).register(apiSchemas, { id: 'ConsultationRef' });

export const documentSchema = z
  .object({
    id: z.int(),
    title: z.string(),
    fileName: z.string(),
    format: z.string().describe('file extension in capitals, e.g. PDF'),
    sizeBytes: z.int(),
    description: z.string(),
    downloadUrl: url,
    owner: z.object({ type: z.enum(['consultation', 'news', 'investment']), slug: z.string(), title: z.string(), url }),
  })
  .register(apiSchemas, { id: 'Document', description: 'A downloadable document of a public consultation, news article or investment.' });

export const meetingSchema = z
  .object({
    id: z.int(),
    title: z.string(),
    startsAt: instant,
    endsAt: instant.nullable(),
    place: z.string(),
    onlineUrl: url.nullable(),
    description: z.string(),
    consultation: consultationRefSchema,
    calendarUrl: url.describe('the meeting as an iCalendar file'),
  })
  .register(apiSchemas, { id: 'Meeting', description: 'A meeting of a public consultation.' });

export const consultationSchema = z
  .object({
    id: z.int(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    phase: z.enum(CONSULTATION_PHASES).describe('the group the list filters by: cancelled ones count as closed, postponed ones as planned'),
    startsAt: instant,
    endsAt: instant,
    publishedAt: instant,
    reportPublishedAt: instant.nullable(),
    cityWide: z.boolean(),
    department: departmentSchema,
    districts: z.array(districtRefSchema),
    url,
  })
  .register(apiSchemas, { id: 'Consultation', description: 'A public consultation as lists show it.' });

export const consultationDetailSchema = consultationSchema
  .extend({
    topic: topicSchema.nullable(),
    subjectHtml: z.string().describe('sanitised HTML'),
    purposeHtml: z.string().describe('sanitised HTML'),
    legalBasis: z.string(),
    addressees: z.string(),
    participationForms: z.array(z.string()),
    stateNote: z.string(),
    updatedAt: instant,
    documents: z.array(documentSchema),
    meetings: z.array(meetingSchema),
  })
  .register(apiSchemas, { id: 'ConsultationDetail', description: 'One public consultation with its documents and meetings.' });

export const newsSchema = z
  .object({ id: z.int(), slug: z.string(), title: z.string(), lead: z.string(), publishedAt: instant, district: districtRefSchema.nullable().describe('null: news of the whole city'), url })
  .register(apiSchemas, { id: 'News', description: 'A published news article.' });

export const newsDetailSchema = newsSchema
  .extend({ bodyHtml: z.string().describe('sanitised HTML'), updatedAt: instant, documents: z.array(documentSchema) })
  .register(apiSchemas, { id: 'NewsDetail' });

export const INVESTMENT_STATUSES = ['IN_PROGRESS', 'PREPARATION', 'PLANNED', 'SUSPENDED', 'COMPLETED'] as const;

export const investmentSchema = z
  .object({
    id: z.int(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(INVESTMENT_STATUSES),
    department: departmentSchema,
    districts: z.array(districtRefSchema),
    budgetPln: z.number().nullable().describe('in złoty; null: not known yet'),
    euFundingPln: z.number().nullable(),
    fundingSources: z.array(z.string()),
    plannedStart: day.nullable(),
    plannedEnd: day.nullable(),
    actualStart: day.nullable(),
    actualEnd: day.nullable(),
    address: z.string(),
    location: z.object({ latitude: z.number(), longitude: z.number() }).nullable().describe('WGS 84 degrees'),
    url,
  })
  .register(apiSchemas, { id: 'Investment', description: 'A published municipal investment.' });

export const investmentDetailSchema = investmentSchema
  .extend({
    descriptionHtml: z.string().describe('sanitised HTML'),
    updatedAt: instant,
    consultation: consultationRefSchema.nullable(),
    updates: z.array(z.object({ date: day, title: z.string(), bodyHtml: z.string() })),
    documents: z.array(documentSchema),
  })
  .register(apiSchemas, { id: 'InvestmentDetail' });

export const surveySchema = z
  .object({
    id: z.int(),
    kind: z.enum(['SURVEY', 'POLL']),
    title: z.string(),
    opensAt: instant,
    closesAt: instant,
    phase: z.enum(['open', 'closed']),
    resultsVisibility: z.enum(['LIVE', 'AFTER_CLOSE', 'STAFF_ONLY']),
    resultsPublic: z.boolean().describe('whether /surveys/{id}/results answers now'),
    department: departmentSchema,
    consultation: consultationRefSchema.nullable(),
    url,
    resultsUrl: url.nullable(),
  })
  .register(apiSchemas, { id: 'Survey', description: 'A survey or poll that has opened.' });

const countSchema = z.object({ label: z.string(), count: z.int(), percent: z.number().describe('share of the question respondents, 0–100') });

export const surveyResultsSchema = z
  .object({
    survey: surveySchema,
    responses: z.int(),
    questions: z.array(
      z.object({
        id: z.int(),
        position: z.int(),
        type: z.enum(['SINGLE', 'MULTIPLE', 'SHORT_TEXT', 'LONG_TEXT', 'SCALE', 'NUMBER', 'RANKING', 'MATRIX']),
        text: z.string(),
        respondents: z.int(),
        suppressed: z.boolean().describe('fewer than 5 respondents: no counts are given, so no one can be singled out'),
        counts: z.array(countSchema).describe('choices, scale points or number ranges; texts are never published'),
        otherCount: z.int().nullable().describe('answers written in "other"'),
        stats: z.object({ mean: z.number(), median: z.number(), min: z.number(), max: z.number() }).nullable(),
        ranking: z.array(z.object({ label: z.string(), meanPosition: z.number(), firstPlaces: z.int() })),
        matrix: z.array(z.object({ label: z.string(), mean: z.number().nullable(), count: z.int(), counts: z.array(countSchema) })),
      }),
    ),
  })
  .register(apiSchemas, { id: 'SurveyResults', description: 'Aggregated public results of a survey (never single answers).' });

const pageLinkSchema = z.object({ self: url, first: url, last: url, prev: url.nullable(), next: url.nullable() });
export const pageMetaSchema = z
  .object({ page: z.int(), limit: z.int(), total: z.int(), pageCount: z.int() })
  .register(apiSchemas, { id: 'PageMeta', description: 'A page past the end answers the last page.' });
export const pageLinksSchema = pageLinkSchema.register(apiSchemas, { id: 'PageLinks' });

/** The envelope of every list. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: pageMetaSchema, links: pageLinksSchema });
export const oneOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

export const errorSchema = z
  .object({
    error: z.object({
      status: z.int(),
      message: z.string(),
      details: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
    }),
  })
  .register(apiSchemas, { id: 'Error' });

export type ConsultationResource = z.infer<typeof consultationSchema>;
export type ConsultationDetailResource = z.infer<typeof consultationDetailSchema>;
export type DocumentResource = z.infer<typeof documentSchema>;
export type MeetingResource = z.infer<typeof meetingSchema>;
export type NewsResource = z.infer<typeof newsSchema>;
export type NewsDetailResource = z.infer<typeof newsDetailSchema>;
export type InvestmentResource = z.infer<typeof investmentSchema>;
export type InvestmentDetailResource = z.infer<typeof investmentDetailSchema>;
export type SurveyResource = z.infer<typeof surveySchema>;
export type SurveyResultsResource = z.infer<typeof surveyResultsSchema>;
export type DistrictResource = z.infer<typeof districtSchema>;
export type DepartmentResource = z.infer<typeof departmentSchema>;
