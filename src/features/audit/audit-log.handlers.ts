// The audit log viewer for administrators: filters, pages of 50, CSV/XLSX export of the filtered log.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { parseForm } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import { translator } from '../../i18n/i18n.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { keysetPages, streamTabular } from '../../lib/tabular-export.js';
import { audit } from './audit.service.js';
import { auditBatch, auditPage, AUDIT_PAGE_SIZE, filterOptions } from './audit-log.queries.js';
import { auditFilterSchema, exportQuerySchema, type AuditFilter } from './audit-log.schema.js';

export const auditUrls = { list: () => '/panel/dziennik', export: () => '/panel/dziennik/eksport' };

const queryOf = (filter: AuditFilter) => ({
  uzytkownik: filter.uzytkownik ? String(filter.uzytkownik) : undefined,
  akcja: filter.akcja,
  obiekt: filter.obiekt,
  od: filter.od,
  do: filter.do,
});

const detailsText = (details: unknown) => (details === null || details === undefined ? '' : JSON.stringify(details));

export function auditLogHandlers(deps: Deps) {
  const list: RequestHandler = async (req, res) => {
    const parsed = parseForm(auditFilterSchema, req.query);
    const options = await filterOptions(deps.db);
    const view = { ...options, urls: auditUrls, breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'audit.title' }] };
    if (!parsed.ok) {
      return res.status(400).render('panel/audit/list', { ...view, values: parsed.values, errors: parsed.errors, rows: [], pagination: null, exportQuery: '' });
    }
    const filter = parsed.data;
    const { rows, total } = await auditPage(deps.db, filter);
    const query = queryOf(filter);
    const exportQuery = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]))).toString();
    res.render('panel/audit/list', {
      ...view,
      values: query,
      errors: {},
      rows: rows.map((row) => ({ ...row, detailsText: detailsText(row.details) })),
      pagination: pageLinks(auditUrls.list(), query, pageOf(rows, total, filter.strona, AUDIT_PAGE_SIZE)),
      exportQuery,
    });
  };

  const exportLog: RequestHandler = async (req, res) => {
    const parsed = parseForm(auditFilterSchema, req.query);
    const filter = parsed.ok ? parsed.data : auditFilterSchema.parse({});
    const { format } = exportQuerySchema.parse(req.query);
    // Who took a copy of the log, and of what, is itself in the log.
    await audit(deps.db, { userId: req.user!.id, action: 'audit.export', details: { format, filter: queryOf(filter) }, ip: req.ip });
    const rows = keysetPages((after: bigint | null) => auditBatch(deps.db, filter, after), (row) => row.id);
    const t = translator(localeOf(req));
    await streamTabular(res, format, {
      fileName: t('audit.export.file'),
      sheetName: t('audit.export.sheet'),
      // One message for the header row: its columns follow the row built below, in this order.
      columns: t('audit.export.columns').split(','),
      rows: (async function* () {
        for await (const r of rows) yield [String(r.id), r.createdAt, r.user?.name ?? '', r.user?.email ?? '', r.action, r.entityType ?? '', r.entityId ?? '', r.ip ?? '', detailsText(r.details)];
      })(),
    });
  };

  return { list, exportLog };
}
