// Uploaded files on disk: <root>/tmp/ for files being received or generated, <root>/files/ for stored
// ones. A file reaches files/ by a rename from tmp/ (atomic on one file system) after its database
// row commits, so a reader never sees half a file and a failed request leaves only tmp/ files to delete.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** No request may take longer than this to arrive (set as Node's requestTimeout by src/server.ts). */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;
/** A file in tmp/ untouched for twice as long belongs to no live request. */
export const TMP_ORPHAN_AGE_MS = 2 * REQUEST_TIMEOUT_MS;

/** Stored names are ours, never the uploader's: 32 hex digits and a short lower-case extension. */
const STORED_NAME = /^[0-9a-f]{32}\.[a-z0-9]{1,5}$/;

export class FileStorage {
  readonly tmpDir: string;
  readonly filesDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    this.filesDir = path.join(root, 'files');
    fs.mkdirSync(this.tmpDir, { recursive: true });
    fs.mkdirSync(this.filesDir, { recursive: true });
  }

  /** A fresh random name for a stored file with this extension. */
  static newStoredName(extension: string): string {
    return `${crypto.randomBytes(16).toString('hex')}.${extension.toLowerCase()}`;
  }

  /** A fresh path in tmp/ for a file the app generates (a re-encoded image, a thumbnail). */
  tmpPath(): string {
    return path.join(this.tmpDir, crypto.randomBytes(16).toString('hex'));
  }

  /** The absolute path of a stored file, for streaming it. */
  pathOf(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error(`not a stored file name: ${storedName}`);
    return path.join(this.filesDir, storedName);
  }

  /** Moves a file from tmp/ into place under its stored name. */
  async put(tmpPath: string, storedName: string): Promise<void> {
    if (path.dirname(path.resolve(tmpPath)) !== this.tmpDir) throw new Error(`not a file in ${this.tmpDir}: ${tmpPath}`);
    await fs.promises.rename(tmpPath, this.pathOf(storedName));
  }

  /** Removes a stored file; one already gone is not an error. */
  async remove(storedName: string): Promise<void> {
    await fs.promises.rm(this.pathOf(storedName), { force: true });
  }

  /**
   * Removes what a killed process left in tmp/ (a half-received upload, a half-made thumbnail):
   * files untouched for `olderThanMs`. Younger ones may belong to a request another instance
   * sharing this folder is serving now. Returns how many were removed.
   */
  async sweepTmp(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const entry of await fs.promises.readdir(this.tmpDir, { withFileTypes: true })) {
      const file = path.join(this.tmpDir, entry.name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat || now - stat.mtimeMs < olderThanMs) continue;
      await fs.promises.rm(file, { recursive: true, force: true });
      removed += 1;
    }
    return removed;
  }

  /** Removes files from tmp/ (incoming or generated); missing ones are skipped. */
  async discard(tmpPaths: readonly string[]): Promise<void> {
    const ours = tmpPaths.filter((p) => path.dirname(path.resolve(p)) === this.tmpDir);
    await Promise.all(ours.map((p) => fs.promises.rm(p, { force: true })));
  }
}
