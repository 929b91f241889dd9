// Documents and gallery images of a consultation, a news article or an investment: stored, described, ordered, replaced and deleted.
// Rows change in one transaction; files move into place only after it commits; a request that fails
// leaves no row and no file. Every change is audit-logged with the acting user and IP address.
import type { Deps } from '../../deps.js';
import type { AttachmentKind } from '../../generated/prisma/enums.js';
import { NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';
import type { UploadedFile } from '../../http/uploads.js';
import { audit } from '../audit/audit.service.js';
import { isPublished } from '../consultations/consultation-status.js';
import { canManageConsultation } from '../consultations/consultations.policy.js';
import { attachmentUrls } from './attachment-urls.js';
import { publicDocument, type PublicDocument } from './public-documents.js';
import { DOCUMENT_TYPES, typeOfExtension } from './file-types.js';
import { thumbnailSize } from './images.js';
import { prepareFiles, titleFromName, type PreparedFile } from './incoming.js';

type Ctx = Pick<Deps, 'db' | 'storage'>;
type Tx = Parameters<Parameters<Deps['db']['$transaction']>[0]>[0];

/**
 * Whose file it is: a consultation's or a news article's (a CHECK in the migration allows exactly one).
 * A plain number is a consultation's id, the first owner.
 */
export type AttachmentOwner = { consultationId: number } | { newsId: number } | { investmentId: number } | { guideId: number };
type OwnerArg = number | AttachmentOwner;
const ownerOf = (owner: OwnerArg): AttachmentOwner => (typeof owner === 'number' ? { consultationId: owner } : owner);
const ownerOfRow = (row: { consultationId: number | null; newsId: number | null; investmentId: number | null; guideId: number | null }): AttachmentOwner =>
  row.newsId !== null
    ? { newsId: row.newsId }
    : row.investmentId !== null
      ? { investmentId: row.investmentId }
      : row.guideId !== null
        ? { guideId: row.guideId }
        : { consultationId: row.consultationId! };
/** For audit details: which record the file belongs to. */
const ownerDetails = (owner: AttachmentOwner) => ({ ...owner });

/** Who acts, for the audit log (null: the system, e.g. loading demo data). */
export interface Acting {
  userId: number | null;
  ip: string | undefined;
}

export interface AttachmentDetails {
  title: string;
  description: string;
  /** Gallery images only. */
  altText?: string | undefined;
}

// Serialises writes to one owner's list (positions) across requests and instances; one lock class per owner kind.
const LIST_LOCK = 31_337;
const NEWS_LIST_LOCK = 31_338;
const INVESTMENT_LIST_LOCK = 31_339;
const GUIDE_LIST_LOCK = 31_340;

const rowSelect = {
  id: true,
  kind: true,
  consultationId: true,
  newsId: true,
  investmentId: true,
  guideId: true,
  originalName: true,
  storedName: true,
  mimeType: true,
  extension: true,
  sizeBytes: true,
  title: true,
  description: true,
  altText: true,
  width: true,
  height: true,
  thumbnailName: true,
  position: true,
} as const;

export type AttachmentRow = Awaited<ReturnType<typeof findAttachment>>;

/** What pages show of a file: names, format, size, URLs. */
export function attachmentView(row: AttachmentRow) {
  return {
    id: row.id,
    /** What lists show: the title given, or the file name. */
    name: row.title || row.originalName,
    title: row.title,
    originalName: row.originalName,
    description: row.description,
    altText: row.altText,
    format: typeOfExtension(row.extension, DOCUMENT_TYPES)?.label ?? row.extension.toUpperCase(),
    sizeBytes: row.sizeBytes,
    width: row.width,
    height: row.height,
    downloadUrl: attachmentUrls.download(row),
    thumbnailUrl: row.thumbnailName ? attachmentUrls.thumbnail(row) : null,
    thumbnail: thumbnailSize(row.width, row.height),
  };
}
export type AttachmentView = ReturnType<typeof attachmentView>;

/** An owner's documents or gallery images in their order. */
export async function listAttachments(db: Deps['db'], owner: OwnerArg, kind: AttachmentKind): Promise<AttachmentView[]> {
  const rows = await db.attachment.findMany({ where: { ...ownerOf(owner), kind }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: rowSelect });
  return rows.map(attachmentView);
}

/** One file of an owner's list, or 404 (also for another owner's or the other list's file). */
export async function findAttachment(db: Deps['db'], owner: OwnerArg, kind: AttachmentKind, id: number) {
  const row = await db.attachment.findFirst({ where: { id, ...ownerOf(owner), kind }, select: rowSelect });
  if (!row) throw new NotFoundError();
  return row;
}

async function lockList(tx: Tx, owner: AttachmentOwner) {
  const [lock, id] =
    'newsId' in owner
      ? [NEWS_LIST_LOCK, owner.newsId]
      : 'investmentId' in owner
        ? [INVESTMENT_LIST_LOCK, owner.investmentId]
        : 'guideId' in owner
          ? [GUIDE_LIST_LOCK, owner.guideId]
          : [LIST_LOCK, owner.consultationId];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lock}::int, ${id}::int)`;
}

/**
 * Moves prepared files into place after the commit. Renames within one file system do not fail in
 * practice; if one does, `undo` reverts the database change and what was moved is removed again.
 */
async function moveIntoPlace(ctx: Ctx, files: readonly PreparedFile[], undo: () => Promise<unknown>) {
  const moved: string[] = [];
  try {
    for (const move of files.flatMap((f) => f.moves)) {
      await ctx.storage.put(move.from, move.to);
      moved.push(move.to);
    }
  } catch (error) {
    await undo().catch(() => undefined);
    await Promise.all(moved.map((name) => ctx.storage.remove(name)));
    throw error;
  }
}

/** Runs `work` and then deletes the received files and those generated on the way, whatever happened. */
async function consuming<T>(ctx: Ctx, uploads: readonly UploadedFile[], work: (generated: string[]) => Promise<T>): Promise<T> {
  const generated: string[] = [];
  try {
    return await work(generated);
  } finally {
    await ctx.storage.discard([...uploads.map((u) => u.path), ...generated]);
  }
}

const fileData = (file: PreparedFile) => {
  const { moves: _moves, ...data } = file;
  return data;
};

/**
 * Adds files to a consultation's documents or gallery, at the end of the list. Documents are titled
 * by their file names; a gallery image takes the details given (alternative text required).
 */
export async function addAttachments(ctx: Ctx, acting: Acting, ownerArg: OwnerArg, kind: AttachmentKind, uploads: readonly UploadedFile[], field: string, details?: AttachmentDetails) {
  const owner = ownerOf(ownerArg);
  return consuming(ctx, uploads, async (generated) => {
    const files = await prepareFiles(ctx.storage, uploads, kind, field, generated);
    const ids = await ctx.db.$transaction(async (tx) => {
      await lockList(tx, owner);
      const last = await tx.attachment.aggregate({ where: { ...owner, kind }, _max: { position: true } });
      let position = (last._max.position ?? -1) + 1;
      const created: number[] = [];
      for (const file of files) {
        const row = await tx.attachment.create({
          data: {
            ...fileData(file),
            kind,
            ...owner,
            title: details?.title ?? titleFromName(file.originalName),
            description: details?.description ?? '',
            altText: details?.altText ?? '',
            position: position++,
            uploadedById: acting.userId,
          },
          select: { id: true },
        });
        created.push(row.id);
        await audit(tx, { userId: acting.userId, action: 'attachment.upload', entityType: 'Attachment', entityId: row.id, ip: acting.ip, details: { ...ownerDetails(owner), kind, name: file.originalName, sizeBytes: file.sizeBytes } });
      }
      return created;
    });
    await moveIntoPlace(ctx, files, () => ctx.db.attachment.deleteMany({ where: { id: { in: ids } } }));
    return files.map((f, i) => ({ id: ids[i]!, originalName: f.originalName }));
  });
}

export async function updateDetails(ctx: Ctx, acting: Acting, row: AttachmentRow, details: AttachmentDetails) {
  const data = { title: details.title, description: details.description, ...(row.kind === 'IMAGE' ? { altText: details.altText ?? '' } : {}) };
  await ctx.db.$transaction(async (tx) => {
    await tx.attachment.update({ where: { id: row.id }, data });
    await audit(tx, { userId: acting.userId, action: 'attachment.update', entityType: 'Attachment', entityId: row.id, ip: acting.ip, details: { ...ownerDetails(ownerOfRow(row)), ...data } });
  });
}

/** Puts a new file in place of the old one: same row, same URL; the old file is removed after commit. */
export async function replaceFile(ctx: Ctx, acting: Acting, row: AttachmentRow, upload: UploadedFile, field: string) {
  return consuming(ctx, [upload], async (generated) => {
    const [file] = await prepareFiles(ctx.storage, [upload], row.kind, field, generated);
    const previous = { originalName: row.originalName, storedName: row.storedName, mimeType: row.mimeType, extension: row.extension, sizeBytes: row.sizeBytes, width: row.width, height: row.height, thumbnailName: row.thumbnailName };
    await ctx.db.$transaction(async (tx) => {
      await tx.attachment.update({ where: { id: row.id }, data: fileData(file!) });
      await audit(tx, { userId: acting.userId, action: 'attachment.replace', entityType: 'Attachment', entityId: row.id, ip: acting.ip, details: { ...ownerDetails(ownerOfRow(row)), from: row.originalName, to: file!.originalName, sizeBytes: file!.sizeBytes } });
    });
    await moveIntoPlace(ctx, [file!], () => ctx.db.attachment.update({ where: { id: row.id }, data: previous }));
    await removeStored(ctx, previous);
    return { originalName: file!.originalName };
  });
}

/** Moves a file one place up or down its list; at either end nothing changes (and false is returned). */
export async function moveAttachment(ctx: Ctx, acting: Acting, row: AttachmentRow, direction: 'up' | 'down'): Promise<boolean> {
  const owner = ownerOfRow(row);
  return ctx.db.$transaction(async (tx) => {
    await lockList(tx, owner);
    const order = await tx.attachment.findMany({ where: { ...owner, kind: row.kind }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, position: true } });
    const from = order.findIndex((a) => a.id === row.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= order.length) return false;
    [order[from], order[to]] = [order[to]!, order[from]!];
    // Positions become 0..n-1, which also repairs gaps left by deletions.
    for (const [position, item] of order.entries()) {
      if (item.position !== position) await tx.attachment.update({ where: { id: item.id }, data: { position } });
    }
    await audit(tx, { userId: acting.userId, action: 'attachment.move', entityType: 'Attachment', entityId: row.id, ip: acting.ip, details: { ...ownerDetails(owner), direction, position: to } });
    return true;
  });
}

export async function deleteAttachment(ctx: Ctx, acting: Acting, row: AttachmentRow) {
  await ctx.db.$transaction(async (tx) => {
    await tx.attachment.delete({ where: { id: row.id } });
    await audit(tx, { userId: acting.userId, action: 'attachment.delete', entityType: 'Attachment', entityId: row.id, ip: acting.ip, details: { ...ownerDetails(ownerOfRow(row)), kind: row.kind, name: row.originalName } });
  });
  await removeStored(ctx, row);
}

async function removeStored(ctx: Ctx, files: { storedName: string; thumbnailName: string | null }) {
  await ctx.storage.remove(files.storedName);
  if (files.thumbnailName) await ctx.storage.remove(files.thumbnailName);
}

/**
 * A file for download: anyone's once its consultation, news article or investment is published (publication time
 * reached); before that only staff who may manage the owner see it, everybody else gets a 404.
 */
export async function findDownload(db: Deps['db'], id: number, viewer: Actor | undefined, now: Date) {
  const row = await db.attachment.findUnique({
    where: { id },
    select: {
      kind: true, originalName: true, storedName: true, mimeType: true, thumbnailName: true,
      consultation: { select: { publishedAt: true, departmentId: true } },
      news: { select: { publishedAt: true, districtId: true } },
      investment: { select: { publishedAt: true, archivedAt: true, departmentId: true } },
      guideId: true,
    },
  });
  if (row?.guideId) {
    // Knowledge-base guides have no drafts: their files are public like the guides themselves.
    return { kind: row.kind, originalName: row.originalName, storedName: row.storedName, mimeType: row.mimeType, thumbnailName: row.thumbnailName, isPublic: true };
  }
  const owner = row?.consultation ?? row?.news ?? row?.investment;
  if (!row || !owner) throw new NotFoundError();
  // An archived investment is off the public site, and so are its files.
  const isPublic = isPublished(owner, now) && !row.investment?.archivedAt;
  const mayManage = row.consultation
    ? canManageConsultation(viewer, row.consultation)
    : row.news
      ? can(viewer, 'news:manage', { districtId: row.news.districtId })
      : can(viewer, 'investments:manage', { departmentId: row.investment!.departmentId });
  if (!isPublic && !mayManage) throw new NotFoundError();
  return { kind: row.kind, originalName: row.originalName, storedName: row.storedName, mimeType: row.mimeType, thumbnailName: row.thumbnailName, isPublic };
}

/** An owner's documents as public pages list them, in their order. */
export async function publicDocuments(db: Deps['db'], owner: AttachmentOwner, formatFileSize: (bytes: number) => string): Promise<PublicDocument[]> {
  const rows = await db.attachment.findMany({ where: { ...owner, kind: 'DOCUMENT' }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: rowSelect });
  return rows.map((a) => publicDocument(a, formatFileSize));
}
