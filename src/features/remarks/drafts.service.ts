// The draft document (projekt) as numbered fragments: staff paste its Markdown in the panel and each
// save is a new version; remarks keep the version and fragment they were made on.
import mammoth from 'mammoth';
import type { Db } from '../../db/client.js';
import { FormError } from '../../http/errors.js';
import { typeOfExtension, inspectFile } from '../attachments/file-types.js';
import { audit } from '../audit/audit.service.js';
import { splitDraft } from './draft-fragments.js';
import { odtMessage, OdtError, readOdtFile } from '../../lib/odt.js';
import { blocksToDraftMarkdown } from '../../lib/text-blocks.js';

const fragmentSelect = { anchor: true, label: true, level: true, html: true } as const;

/** The newest version of a consultation's draft with its fragments, or null. */
export function currentDraft(db: Db, consultationId: number) {
  return db.consultationDraft.findFirst({
    where: { consultationId },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, title: true, sourceMd: true, createdAt: true, fragments: { select: fragmentSelect, orderBy: { position: 'asc' } } },
  });
}

export function draftVersion(db: Db, consultationId: number, version: number) {
  return db.consultationDraft.findUnique({
    where: { consultationId_version: { consultationId, version } },
    select: { id: true, version: true, title: true, sourceMd: true, createdAt: true, fragments: { select: fragmentSelect, orderBy: { position: 'asc' } } },
  });
}

/** All versions, newest first (for the list of earlier versions). */
export function draftVersions(db: Db, consultationId: number) {
  return db.consultationDraft.findMany({ where: { consultationId }, orderBy: { version: 'desc' }, select: { version: true, createdAt: true } });
}

/** Remarks per fragment of one version, counted in SQL. */
export async function remarkCountsByFragment(db: Db, draftId: number): Promise<Map<string, number>> {
  const rows = await db.remark.groupBy({ by: ['fragmentAnchor'], where: { draftId, fragmentAnchor: { not: null } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.fragmentAnchor!, r._count._all]));
}

/** Saves a new version of the draft, split into fragments, in one transaction. */
export async function publishDraft(
  ctx: { db: Db; actor: { id: number }; ip?: string | undefined; now: Date },
  consultationId: number,
  input: { draftTitle: string; draftSource: string },
): Promise<number> {
  const fragments = splitDraft(input.draftSource);
  return ctx.db.$transaction(async (tx) => {
    const last = await tx.consultationDraft.findFirst({ where: { consultationId }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const draft = await tx.consultationDraft.create({
      data: { consultationId, version, title: input.draftTitle, sourceMd: input.draftSource, createdAt: ctx.now, fragments: { create: fragments } },
    });
    await audit(tx, { userId: ctx.actor.id, action: 'draft.publish', entityType: 'ConsultationDraft', entityId: draft.id, details: { consultationId, version, fragments: fragments.length }, ip: ctx.ip });
    return version;
  });
}

/** Published comments per fragment anchor of a consultation (the discussion's fragment_anchor), counted in SQL. */
export async function commentCountsByFragment(db: Db, consultationId: number): Promise<Map<string, number>> {
  const rows = await db.comment.groupBy({ by: ['fragmentAnchor'], where: { consultationId, status: 'PUBLISHED', fragmentAnchor: { not: null } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.fragmentAnchor!, r._count._all]));
}

const DRAFT_FILES = [typeOfExtension('docx')!, typeOfExtension('odt')!];

/**
 * The text of an uploaded DOCX or ODT as the draft editor's starting point (staff check it before
 * publishing): paragraphs separated by a blank line. Word's automatic numbering is not text and is
 * lost (typed numbers "§ 1.", "1.", "1)" stay and make the fragments); an ODT's list numbering is
 * written out from its list styles, and its headings become "#" lines.
 */
export async function draftTextFromFile(file: { path: string; originalName: string; size: number }): Promise<string> {
  const inspection = await inspectFile(file.path, file.originalName, file.size, DRAFT_FILES);
  if (!inspection.ok) throw new FormError({ draftFile: ['drafts.validation.docx'] });
  let text: string;
  if (inspection.type.label === 'ODT') {
    try {
      text = blocksToDraftMarkdown(await readOdtFile(file.path));
    } catch (error) {
      if (error instanceof OdtError) throw new FormError({ draftFile: [odtMessage(error.problem)] });
      throw error;
    }
  } else text = (await mammoth.extractRawText({ path: file.path })).value;
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
