// Every downloadable document residents may fetch (its consultation, news article or investment is
// public), a page at a time, for the open-data API. Gallery images and knowledge-base files are not listed.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { fetchPage } from '../../http/pagination.js';
import { publicWhere } from '../consultations/consultation-status.js';
import { publicInvestmentWhere } from '../investments/investments.queries.js';
import { publicNewsWhere } from '../news/news.queries.js';

export interface DocumentFilters {
  consultationSlug?: string | undefined;
  newsSlug?: string | undefined;
  investmentSlug?: string | undefined;
}

const documentSelect = {
  id: true,
  originalName: true,
  title: true,
  extension: true,
  sizeBytes: true,
  description: true,
  consultation: { select: { slug: true, title: true } },
  news: { select: { slug: true, title: true } },
  investment: { select: { slug: true, title: true } },
} satisfies Prisma.AttachmentSelect;
export type PublicDocumentRow = Prisma.AttachmentGetPayload<{ select: typeof documentSelect }>;

function documentsWhere(now: Date, f: DocumentFilters): Prisma.AttachmentWhereInput {
  const owners: Prisma.AttachmentWhereInput[] = [];
  const filtered = f.consultationSlug || f.newsSlug || f.investmentSlug;
  if (!filtered || f.consultationSlug) owners.push({ consultation: { AND: [publicWhere(now), f.consultationSlug ? { slug: f.consultationSlug } : {}] } });
  if (!filtered || f.newsSlug) owners.push({ news: { AND: [publicNewsWhere(now), f.newsSlug ? { slug: f.newsSlug } : {}] } });
  if (!filtered || f.investmentSlug) owners.push({ investment: { AND: [publicInvestmentWhere(now), f.investmentSlug ? { slug: f.investmentSlug } : {}] } });
  return { kind: 'DOCUMENT', OR: owners };
}

/** One page of public documents, newest first; a page past the end shows the last. */
export async function listPublicDocuments(db: Db, now: Date, filters: DocumentFilters, requestedPage: number, pageSize: number) {
  const where = documentsWhere(now, filters);
  return fetchPage(requestedPage, pageSize, () => db.attachment.count({ where }), (skip, take) => db.attachment.findMany({ where, orderBy: [{ id: 'desc' }], skip, take, select: documentSelect }));
}
