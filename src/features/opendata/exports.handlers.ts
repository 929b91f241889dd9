// CSV downloads of the public lists, with the same filters as the pages (read by the pages' own schemas)
// but every matching row: streamed from keyset batches, so memory stays flat however long the list.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { slugParam } from '../../http/params.js';
import { streamCsv, type Cell } from '../../lib/tabular-export.js';
import { statusOf } from '../consultations/consultation-status.js';
import { consultationsForExport, meetingsForExport } from '../consultations/consultations.queries.js';
import { listQuerySchema } from '../consultations/consultations.schema.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { viewFormat, type Fmt } from '../consultations/consultations.view.js';
import { STATUS_PARAMS } from '../investments/investment-status.js';
import { investmentsForExport } from '../investments/investments.queries.js';
import { investmentListQuerySchema } from '../investments/investments.schema.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { newsForExport } from '../news/news.queries.js';
import { newsListQuerySchema } from '../news/news.schema.js';
import { newsUrls } from '../news/news.urls.js';

const meetingsQuerySchema = z.object({ konsultacja: slugParam.optional().catch(undefined) });

export function exportHandlers({ db, clock, config }: Deps) {
  const fmtOf = (req: Request) => viewFormat(localeOf(req));
  const abs = (path: string) => new URL(path, config.baseUrl).href;
  const columns = (fmt: Fmt, keys: string[]) => keys.map((k) => fmt.t(`opendata.csv.col.${k}`));
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

  const consultations: RequestHandler = async (req, res) => {
    const q = listQuerySchema.parse(req.query);
    const now = clock.now();
    const fmt = fmtOf(req);
    const rows = consultationsForExport(db, now, { phase: q.status, departmentCode: q.wydzial, districtSlug: q.dzielnica, topicSlug: q.temat, year: q.rok, text: q.q });
    await streamCsv(res, {
      fileName: fmt.t('opendata.csv.file.consultations'),
      columns: columns(fmt, ['id', 'title', 'summary', 'status', 'start', 'end', 'department', 'districts', 'url']),
      rows: mapRows(rows, (c): Cell[] => [
        c.id,
        c.title,
        c.summary,
        fmt.t(`consultations.status.${statusOf(c, now)}`),
        c.startsAt,
        c.endsAt,
        c.department.name,
        c.cityWide ? fmt.t('consultations.cityWide') : c.districts.map((d) => d.district.name).join(', '),
        abs(consultationUrls.show(c)),
      ]),
    });
  };

  const news: RequestHandler = async (req, res) => {
    const q = newsListQuerySchema.parse(req.query);
    const fmt = fmtOf(req);
    await streamCsv(res, {
      fileName: fmt.t('opendata.csv.file.news'),
      columns: columns(fmt, ['id', 'title', 'lead', 'published', 'district', 'url']),
      rows: mapRows(newsForExport(db, clock.now(), { districtSlug: q.dzielnica }), (n): Cell[] => [n.id, n.title, n.lead, n.publishedAt, n.district?.name ?? fmt.t('news.cityWide'), abs(newsUrls.show(n))]),
    });
  };

  const investments: RequestHandler = async (req, res) => {
    const q = investmentListQuerySchema.parse(req.query);
    const fmt = fmtOf(req);
    const rows = investmentsForExport(db, clock.now(), { status: q.status ? STATUS_PARAMS[q.status] : undefined, districtSlug: q.dzielnica, departmentCode: q.wydzial, year: q.rok });
    const złoty = (grosze: bigint | null) => (grosze === null ? null : Number(grosze) / 100);
    await streamCsv(res, {
      fileName: fmt.t('opendata.csv.file.investments'),
      columns: columns(fmt, ['id', 'title', 'summary', 'status', 'department', 'districts', 'budget', 'euFunding', 'plannedStart', 'plannedEnd', 'address', 'latitude', 'longitude', 'url']),
      rows: mapRows(rows, (i): Cell[] => [
        i.id,
        i.title,
        i.summary,
        fmt.t(`investments.status.${i.status}`),
        i.department.name,
        i.districts.map((d) => d.district.name).join(', '),
        złoty(i.budgetGrosze),
        złoty(i.euFundingGrosze),
        day(i.plannedStart),
        day(i.plannedEnd),
        i.address,
        i.latitude,
        i.longitude,
        abs(investmentUrls.show(i)),
      ]),
    });
  };

  const meetings: RequestHandler = async (req, res) => {
    const q = meetingsQuerySchema.parse(req.query);
    const fmt = fmtOf(req);
    await streamCsv(res, {
      fileName: fmt.t('opendata.csv.file.meetings'),
      columns: columns(fmt, ['id', 'title', 'start', 'end', 'place', 'online', 'consultation', 'url']),
      rows: mapRows(meetingsForExport(db, clock.now(), { consultationSlug: q.konsultacja }), (m): Cell[] => [m.id, m.title, m.startsAt, m.endsAt, m.place, m.onlineUrl, m.consultation.title, abs(consultationUrls.show(m.consultation))]),
    });
  };

  return { consultations, news, investments, meetings };
}

async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => Cell[]): AsyncGenerator<Cell[]> {
  for await (const row of rows) yield map(row);
}
