// Councillors write their district's news (administrators any, city-wide too): drafts, preview,
// publication now or at a date, withdrawal, deletion. Every write is checked, transactional and audit-logged.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { FormError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { warsawInstant } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { slugFrom } from '../../lib/slug.js';
import type { FileStorage } from '../attachments/storage.js';
import { audit } from '../audit/audit.service.js';
import { findManageableNews } from './news.policy.js';
import type { NewsInput, PublishInput } from './panel-news.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export type NewsStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';

export function newsStatusOf(n: { publishedAt: Date | null }, now: Date): NewsStatus {
  if (!n.publishedAt) return 'DRAFT';
  return n.publishedAt > now ? 'SCHEDULED' : 'PUBLISHED';
}

const ownWhere = (actor: Actor): Prisma.NewsWhereInput => (actor.role === 'ADMIN' ? {} : { districtId: actor.districtId ?? -1 });

export async function listForStaff({ db, actor, now }: Context, page: number, pageSize = 20) {
  const where = ownWhere(actor);
  const [rows, total] = await Promise.all([
    db.news.findMany({
      where,
      orderBy: [{ publishedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, publishedAt: true, district: { select: { name: true } } },
    }),
    db.news.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, status: newsStatusOf(r, now) })), total };
}

export async function getForPanel({ db, actor, now }: Context, id: number) {
  await findManageableNews(db, actor, id);
  const n = await db.news.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, slug: true, title: true, lead: true, bodyMd: true, bodyHtml: true, districtId: true, publishedAt: true,
      district: { select: { slug: true, name: true } },
      attachments: { select: { kind: true } },
    },
  });
  const documents = n.attachments.filter((a) => a.kind === 'DOCUMENT').length;
  return { ...n, status: newsStatusOf(n, now), counts: { documents, images: n.attachments.length - documents } };
}

export function formValues(n: Awaited<ReturnType<typeof getForPanel>>) {
  return { title: n.title, lead: n.lead, bodyMd: n.bodyMd, districtId: n.districtId ? String(n.districtId) : '' };
}

/** The districts an actor may post to: their own, or (administrators) all. */
export async function districtOptions(db: Db, actor: Actor) {
  const rows = await db.district.findMany({ where: actor.role === 'ADMIN' ? {} : { id: actor.districtId ?? -1 }, select: { id: true, name: true } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}

/** Councillors always post to their own district, whatever the form says; administrators choose. */
async function districtFor(db: Db, actor: Actor, input: NewsInput): Promise<number | null> {
  if (actor.role !== 'ADMIN') return actor.districtId;
  if (input.districtId === null) return null;
  if (!(await db.district.findUnique({ where: { id: input.districtId }, select: { id: true } }))) throw new FormError({ districtId: ['panel.news.validation.district'] });
  return input.districtId;
}

/** What the preview shows, rendered exactly as it will be saved. */
export function previewOf(input: NewsInput) {
  return { title: input.title, lead: input.lead, bodyHtml: renderMarkdown(input.bodyMd) };
}

const contentOf = (input: NewsInput) => ({ title: input.title, lead: input.lead, bodyMd: input.bodyMd, bodyHtml: renderMarkdown(input.bodyMd) });

/** A slug from the title, made unique with -2, -3 ...; it never changes afterwards. */
async function freeSlug(db: Pick<Db, 'news'>, title: string): Promise<string> {
  const base = slugFrom(title);
  const taken = new Set((await db.news.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((n) => n.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createNews(ctx: Context, input: NewsInput): Promise<{ id: number }> {
  const { db, actor, ip } = ctx;
  const districtId = await districtFor(db, actor, input);
  return db.$transaction(async (tx) => {
    const created = await tx.news.create({ data: { ...contentOf(input), slug: await freeSlug(tx, input.title), districtId, createdById: actor.id }, select: { id: true, slug: true } });
    await audit(tx, { userId: actor.id, action: 'news.create', entityType: 'News', entityId: created.id, details: { slug: created.slug, districtId }, ip });
    return { id: created.id };
  });
}

export async function updateNews(ctx: Context, id: number, input: NewsInput): Promise<void> {
  const { db, actor, ip } = ctx;
  const current = await findManageableNews(db, actor, id);
  const districtId = actor.role === 'ADMIN' ? await districtFor(db, actor, input) : current.districtId;
  await db.$transaction(async (tx) => {
    await tx.news.update({ where: { id }, data: { ...contentOf(input), districtId } });
    await audit(tx, { userId: actor.id, action: 'news.update', entityType: 'News', entityId: id, details: { districtId }, ip });
  });
}

export async function publishNews(ctx: Context, id: number, input: PublishInput): Promise<Date> {
  const { db, actor, ip, now } = ctx;
  await findManageableNews(db, actor, id);
  const at = input.when === 'teraz' ? now : warsawInstant(input.publishDate!, input.publishTime ?? '00:00');
  if (input.when === 'pozniej' && at <= now) throw new FormError({ publishDate: ['panel.news.validation.publishInPast'] });
  await db.$transaction(async (tx) => {
    await tx.news.update({ where: { id }, data: { publishedAt: at } });
    await audit(tx, { userId: actor.id, action: input.when === 'teraz' ? 'news.publish' : 'news.schedule', entityType: 'News', entityId: id, details: { publishedAt: at.toISOString() }, ip });
  });
  return at;
}

/** Back to a draft, also after publication: news may be withdrawn (a mistake, a cancelled event). */
export async function unpublishNews(ctx: Context, id: number): Promise<void> {
  const { db, actor, ip } = ctx;
  await findManageableNews(db, actor, id);
  await db.$transaction(async (tx) => {
    await tx.news.update({ where: { id }, data: { publishedAt: null } });
    await audit(tx, { userId: actor.id, action: 'news.unpublish', entityType: 'News', entityId: id, ip });
  });
}

/** Deletes the article and its attachments' rows (cascade), then their files after the commit. */
export async function deleteNews(ctx: Context & { storage: FileStorage }, id: number): Promise<{ title: string }> {
  const { db, actor, ip, storage } = ctx;
  const current = await findManageableNews(db, actor, id);
  const files = await db.attachment.findMany({ where: { newsId: id }, select: { storedName: true, thumbnailName: true } });
  await db.$transaction(async (tx) => {
    await tx.news.delete({ where: { id } });
    await audit(tx, { userId: actor.id, action: 'news.delete', entityType: 'News', entityId: id, details: { slug: current.slug, files: files.length }, ip });
  });
  for (const f of files) {
    await storage.remove(f.storedName);
    if (f.thumbnailName) await storage.remove(f.thumbnailName);
  }
  return { title: current.title };
}
