// The nightly sweep of the uploads' tmp/ (src/features/attachments/attachments.jobs.ts): files a killed
// process left there are removed, files younger than a request may live are kept, stored files untouched.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_JOBS } from '../../src/features/attachments/attachments.jobs.js';
import { TMP_ORPHAN_AGE_MS } from '../../src/features/attachments/storage.js';
import { jobDefinitions } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp();

function fileAged(dir: string, name: string, ageMs: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'x'.repeat(1024));
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(file, at, at);
  return file;
}

describe('the nightly sweep of unfinished uploads', () => {
  it('removes what no live request can own, and nothing else', async () => {
    const { storage } = ctx.deps;
    const orphan = fileAged(storage.tmpDir, 'killed-upload', TMP_ORPHAN_AGE_MS + 60_000);
    const live = fileAged(storage.tmpDir, 'upload-in-progress', 60_000);
    const stored = fileAged(storage.filesDir, 'a'.repeat(32) + '.pdf', 10 * TMP_ORPHAN_AGE_MS);

    const job = jobDefinitions(ctx.deps).find((j) => j.name === ATTACHMENT_JOBS.sweepTmp);
    expect(job?.cron).toBe('20 3 * * *');
    await job!.handler({} as never, { id: 'test', retryCount: 0 });

    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(stored)).toBe(true);
  });
});
