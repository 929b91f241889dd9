// The duty pages residents read: the accessibility statement and the editable Markdown pages.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../http/errors.js';
import { CONTENT_PAGES, type ContentSlug } from './content-pages.js';
import { contentSlugParam } from './content.schema.js';
import { getPage, getStatement, isoDay } from './content.service.js';

export function slugOf(value: unknown): ContentSlug {
  const parsed = contentSlugParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

export function contentHandlers({ db, clock }: Deps) {
  const statement: RequestHandler = async (_req, res) => {
    const s = await getStatement(db, clock.now());
    res.render('content/statement', {
      s: {
        entityName: s.entityName,
        siteName: s.siteName,
        siteUrl: s.siteUrl,
        publishedOn: isoDay(s.publishedOn),
        updatedOn: isoDay(s.updatedOn),
        preparedOn: isoDay(s.preparedOn),
        status: s.status,
        nonAccessible: s.nonAccessible.split('\n').map((line) => line.trim()).filter(Boolean),
        assessment: s.assessment,
        auditor: s.auditor,
        contactName: s.contactName,
        contactEmail: s.contactEmail,
        contactPhone: s.contactPhone,
        phoneHref: `tel:${s.contactPhone.startsWith('+') ? '' : '+48'}${s.contactPhone.replace(/[^\d+]/g, '')}`,
        architectureHtml: s.architectureHtml,
        mobileAppsHtml: s.mobileAppsHtml,
      },
      breadcrumbs: [{ key: 'page.accessibility' }],
    });
  };

  /** A Markdown page; the slug is bound on the route line, one route per known page. */
  const page =
    (slug: ContentSlug): RequestHandler =>
    async (_req, res) => {
      const { bodyHtml, updatedAt } = await getPage(db, slug);
      const titleKey = CONTENT_PAGES[slug].titleKey;
      res.render('content/page', { titleKey, bodyHtml, updatedAt, breadcrumbs: [{ key: titleKey }] });
    };

  return { statement, page };
}
