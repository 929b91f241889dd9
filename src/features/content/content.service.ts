// The duty pages' content: the structured accessibility statement and the Markdown pages. Writes
// are administrators' (checked on the route), audit-logged in the same transaction; Markdown is
// rendered and sanitised once, on save. Reads never write: a missing row shows the defaults.
import type { Db } from '../../db/client.js';
import type { AccessibilityStatement } from '../../generated/prisma/client.js';
import type { Actor } from '../../http/permissions.js';
import { warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { audit } from '../audit/audit.service.js';
import { CONTENT_SLUGS, type ContentSlug } from './content-pages.js';
import { DEFAULT_PAGES, DEFAULT_STATEMENT } from './content.defaults.js';
import type { PageInput, StatementInput } from './content.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/** Whole pages start at h2 under the page's own h1. */
const PAGE_HEADING_SHIFT = 0;

const dayOf = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
/** A DATE column as YYYY-MM-DD, the form the statement prints and <time datetime> takes. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

type StatementRow = Omit<AccessibilityStatement, 'id'>;

function defaultStatement(now: Date): StatementRow {
  const today = dayOf(warsawParts(now).date);
  return {
    ...DEFAULT_STATEMENT,
    publishedOn: today,
    updatedOn: today,
    preparedOn: today,
    architectureHtml: renderMarkdown(DEFAULT_STATEMENT.architectureMd),
    mobileAppsHtml: renderMarkdown(DEFAULT_STATEMENT.mobileAppsMd),
    updatedAt: now,
  };
}

/** The statement as stored, or the defaults dated today when nothing is stored yet. */
export async function getStatement(db: Pick<Db, 'accessibilityStatement'>, now: Date): Promise<StatementRow & { stored: boolean }> {
  const row = await db.accessibilityStatement.findUnique({ where: { id: 1 } });
  return row ? { ...row, stored: true } : { ...defaultStatement(now), stored: false };
}

/** The edit form's values from the statement. */
export function statementFormValues(s: StatementRow) {
  return {
    ...s,
    publishedOn: isoDay(s.publishedOn),
    updatedOn: isoDay(s.updatedOn),
    preparedOn: isoDay(s.preparedOn),
  };
}

export async function updateStatement({ db, actor, ip, now }: Context, input: StatementInput): Promise<void> {
  const data = {
    ...input,
    publishedOn: dayOf(input.publishedOn),
    updatedOn: dayOf(input.updatedOn),
    preparedOn: dayOf(input.preparedOn),
    architectureHtml: renderMarkdown(input.architectureMd),
    mobileAppsHtml: renderMarkdown(input.mobileAppsMd),
  };
  await db.$transaction(async (tx) => {
    const before = statementFormValues(await getStatement(tx, now));
    const changed = (Object.keys(input) as (keyof StatementInput)[]).filter((key) => String(before[key]) !== String(input[key]));
    await tx.accessibilityStatement.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await audit(tx, { userId: actor.id, action: 'content.statement.update', entityType: 'accessibility_statement', entityId: 1, details: { changed }, ip });
  });
}

export function previewPage(bodyMd: string): string {
  return renderMarkdown(bodyMd, PAGE_HEADING_SHIFT);
}

/** A page as stored, or its default content when nothing is stored yet. */
export async function getPage(db: Db, slug: ContentSlug) {
  const row = await db.contentPage.findUnique({ where: { slug } });
  return row ?? { slug, bodyMd: DEFAULT_PAGES[slug], bodyHtml: previewPage(DEFAULT_PAGES[slug]), updatedAt: null };
}

export async function updatePage({ db, actor, ip }: Context, slug: ContentSlug, input: PageInput): Promise<void> {
  const data = { bodyMd: input.bodyMd, bodyHtml: previewPage(input.bodyMd) };
  await db.$transaction(async (tx) => {
    await tx.contentPage.upsert({ where: { slug }, create: { slug, ...data }, update: data });
    await audit(tx, { userId: actor.id, action: 'content.page.update', entityType: 'content_page', entityId: slug, details: { length: input.bodyMd.length }, ip });
  });
}

/** When each page and the statement were last saved (null: still the defaults). */
export async function lastUpdates(db: Db): Promise<{ statement: Date | null; pages: Record<ContentSlug, Date | null> }> {
  const [statement, pages] = await Promise.all([
    db.accessibilityStatement.findUnique({ where: { id: 1 }, select: { updatedAt: true } }),
    db.contentPage.findMany({ select: { slug: true, updatedAt: true } }),
  ]);
  const bySlug = new Map(pages.map((p) => [p.slug, p.updatedAt]));
  return { statement: statement?.updatedAt ?? null, pages: Object.fromEntries(CONTENT_SLUGS.map((slug) => [slug, bySlug.get(slug) ?? null])) as Record<ContentSlug, Date | null> };
}

/** Base seed: the default statement and pages where none are stored; an administrator's edits stay. */
export async function seedContent(db: Db, now = new Date()): Promise<void> {
  await db.accessibilityStatement.createMany({ data: [{ id: 1, ...defaultStatement(now) }], skipDuplicates: true });
  await db.contentPage.createMany({
    data: CONTENT_SLUGS.map((slug) => ({ slug, bodyMd: DEFAULT_PAGES[slug], bodyHtml: previewPage(DEFAULT_PAGES[slug]) })),
    skipDuplicates: true,
  });
}
