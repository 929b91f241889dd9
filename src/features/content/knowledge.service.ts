// The knowledge base's guides: editable Markdown pages like the duty pages (the same rendering,
// sanitising and preview, content.service.ts), kept as a list administrators grow. Writes are
// administrators' (checked on the route) and audit-logged in the same transaction.
import type { Db } from '../../db/client.js';
import type { GuideAudience } from '../../generated/prisma/enums.js';
import { NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { slugFrom } from '../../lib/slug.js';
import { audit } from '../audit/audit.service.js';
import { previewPage } from './content.service.js';
import { DEFAULT_GUIDES } from './knowledge.defaults.js';
import type { GuideInput } from './knowledge.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
}

export const GUIDE_AUDIENCES: readonly GuideAudience[] = ['RESIDENTS', 'STAFF'];

const listSelect = { id: true, slug: true, title: true, summary: true, audience: true, updatedAt: true } as const;

/** Every guide, residents' first, each audience in the administrators' order. */
export function listGuides(db: Db) {
  return db.knowledgeGuide.findMany({ select: listSelect, orderBy: [{ audience: 'asc' }, { position: 'asc' }, { id: 'asc' }] });
}

export async function guideBySlug(db: Db, slug: string) {
  const guide = await db.knowledgeGuide.findUnique({ where: { slug } });
  if (!guide) throw new NotFoundError();
  return guide;
}

export async function guideById(db: Db, id: number) {
  const guide = await db.knowledgeGuide.findUnique({ where: { id } });
  if (!guide) throw new NotFoundError();
  return guide;
}

/** A free address from the title: the title's slug, or with -2, -3 ... when taken. */
async function freeSlug(db: Pick<Db, 'knowledgeGuide'>, title: string): Promise<string> {
  const base = slugFrom(title, 110) || 'poradnik';
  const taken = new Set((await db.knowledgeGuide.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((g) => g.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** The Markdown rendered and sanitised exactly as saving would, for the editor's preview. */
export const previewGuide = previewPage;

const fields = (input: GuideInput) => ({ title: input.title, summary: input.summary, audience: input.audience, bodyMd: input.bodyMd, bodyHtml: previewPage(input.bodyMd) });

/** A new guide at the end of its audience's list; its address comes from the title and stays. */
export async function createGuide({ db, actor, ip }: Context, input: GuideInput) {
  return db.$transaction(async (tx) => {
    const last = await tx.knowledgeGuide.aggregate({ where: { audience: input.audience }, _max: { position: true } });
    const guide = await tx.knowledgeGuide.create({ data: { ...fields(input), slug: await freeSlug(tx, input.title), position: (last._max.position ?? -1) + 1 }, select: { id: true, slug: true, title: true } });
    await audit(tx, { userId: actor.id, action: 'knowledge.guide.create', entityType: 'knowledge_guide', entityId: guide.id, details: { title: input.title, audience: input.audience }, ip });
    return guide;
  });
}

export async function updateGuide({ db, actor, ip }: Context, id: number, input: GuideInput) {
  await db.$transaction(async (tx) => {
    const before = await tx.knowledgeGuide.findUnique({ where: { id }, select: { title: true, summary: true, audience: true, bodyMd: true } });
    if (!before) throw new NotFoundError();
    const changed = (['title', 'summary', 'audience', 'bodyMd'] as const).filter((key) => before[key] !== input[key]);
    await tx.knowledgeGuide.update({ where: { id }, data: fields(input) });
    await audit(tx, { userId: actor.id, action: 'knowledge.guide.update', entityType: 'knowledge_guide', entityId: id, details: { changed }, ip });
  });
}

/** Base seed: the first guides where their address is free; an administrator's edits stay. */
export async function seedGuides(db: Db): Promise<void> {
  await db.knowledgeGuide.createMany({
    data: DEFAULT_GUIDES.map((g, position) => ({ ...g, bodyHtml: previewPage(g.bodyMd), position })),
    skipDuplicates: true,
  });
}
