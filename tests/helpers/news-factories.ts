// Factories of news and district events for tests (the general ones are in factories.ts).
import type { Db } from '../../src/db/client.js';
import type { DistrictEventKind } from '../../src/generated/prisma/enums.js';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { slugFrom } from '../../src/lib/slug.js';

let counter = 0;

export function createNews(db: Db, data: { title?: string; slug?: string; lead?: string; bodyMd?: string; districtId?: number | null; publishedAt?: Date | null; createdById?: number } = {}) {
  const title = data.title ?? `Aktualność ${++counter}`;
  const bodyMd = data.bodyMd ?? 'Treść aktualności.';
  return db.news.create({
    data: {
      slug: data.slug ?? `${slugFrom(title)}`,
      title,
      lead: data.lead ?? '',
      bodyMd,
      bodyHtml: renderMarkdown(bodyMd),
      districtId: data.districtId ?? null,
      publishedAt: data.publishedAt === undefined ? new Date('2026-11-20T10:00:00Z') : data.publishedAt,
      createdById: data.createdById ?? null,
    },
  });
}

export function createDistrictEvent(db: Db, data: { districtId: number; title?: string; kind?: DistrictEventKind; startsAt?: Date; endsAt?: Date | null; place?: string }) {
  return db.districtEvent.create({
    data: {
      districtId: data.districtId,
      kind: data.kind ?? 'MEETING',
      title: data.title ?? `Sesja rady ${++counter}`,
      startsAt: data.startsAt ?? new Date('2026-12-01T17:00:00Z'),
      endsAt: data.endsAt ?? null,
      place: data.place ?? 'Siedziba rady',
    },
  });
}
