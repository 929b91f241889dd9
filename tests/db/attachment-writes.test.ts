// A failed write leaves no row and no file: the database refusing the rows, or the disk refusing to
// move a file into place after the commit. Driven through the service with files as multer leaves them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAttachments, replaceFile, findAttachment } from '../../src/features/attachments/attachments.service.js';
import { FileStorage } from '../../src/features/attachments/storage.js';
import type { UploadedFile } from '../../src/http/uploads.js';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';

const ctx = useTestApp();

/** A file in tmp/ under a random name, as multer writes it. */
function received(storage: FileStorage, originalName: string, content: Buffer): UploadedFile {
  const file = path.join(storage.tmpDir, crypto.randomBytes(16).toString('hex'));
  fs.writeFileSync(file, content);
  return { path: file, originalName, size: content.length };
}

/** Storage whose n-th move into place fails, as a full or broken disk would. */
class FailingStorage extends FileStorage {
  moves = 0;
  constructor(
    root: string,
    private readonly failAt: number,
  ) {
    super(root);
  }
  override async put(tmpPath: string, storedName: string) {
    this.moves += 1;
    if (this.moves === this.failAt) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return super.put(tmpPath, storedName);
  }
}

async function actor() {
  const user = await createUser(ctx.deps.db, { role: 'ADMIN' });
  return { userId: user.id, ip: '192.0.2.10' };
}

describe('a write that fails', () => {
  it('leaves nothing when the database refuses the rows (the consultation is gone)', async () => {
    const acting = await actor();
    const storage = ctx.deps.storage;
    const files = [received(storage, 'a.pdf', pdf()), received(storage, 'b.pdf', pdf())];
    await expect(addAttachments({ db: ctx.deps.db, storage }, acting, 999_999, 'DOCUMENT', files, 'files')).rejects.toThrow();
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('removes the rows again and every moved file when a later file cannot be moved into place', async () => {
    const acting = await actor();
    const consultation = await createConsultation(ctx.deps.db);
    const storage = new FailingStorage(ctx.uploadsDir, 3);
    const files = ['a.pdf', 'b.pdf', 'c.pdf'].map((name) => received(storage, name, pdf(name)));
    await expect(addAttachments({ db: ctx.deps.db, storage }, acting, consultation.id, 'DOCUMENT', files, 'files')).rejects.toThrow('ENOSPC');
    expect(storage.moves).toBe(3);
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('removes a photo whose thumbnail cannot be moved into place, with its row', async () => {
    const acting = await actor();
    const consultation = await createConsultation(ctx.deps.db);
    const storage = new FailingStorage(ctx.uploadsDir, 2);
    const file = received(storage, 'plac.jpg', await image('jpeg'));
    await expect(addAttachments({ db: ctx.deps.db, storage }, acting, consultation.id, 'IMAGE', [file], 'file', { altText: 'Plac', title: '', description: '' })).rejects.toThrow('ENOSPC');
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('puts the previous file back in the row, and keeps it on disk, when a replacement cannot be moved into place', async () => {
    const acting = await actor();
    const consultation = await createConsultation(ctx.deps.db);
    await addAttachments({ db: ctx.deps.db, storage: ctx.deps.storage }, acting, consultation.id, 'DOCUMENT', [received(ctx.deps.storage, 'stary.pdf', pdf('stary'))], 'files');
    const before = await ctx.deps.db.attachment.findFirstOrThrow();
    const row = await findAttachment(ctx.deps.db, consultation.id, 'DOCUMENT', before.id);
    const storage = new FailingStorage(ctx.uploadsDir, 1);
    await expect(replaceFile({ db: ctx.deps.db, storage }, acting, row, received(storage, 'nowy.pdf', pdf('nowy')), 'file')).rejects.toThrow('ENOSPC');
    expect(await ctx.deps.db.attachment.findFirstOrThrow()).toEqual(before);
    expect(listUploads(ctx.uploadsDir)).toEqual([`files/${before.storedName}`]);
  });
});
