// Per-route multipart uploads: multer streams each file to a random name in the uploads tmp/ folder,
// within limits (file size, count, fields, parts), then the CSRF token sent in the same body is checked.
// A refused upload (a limit, a broken body) becomes a field error the handler shows on the same form;
// whatever reached tmp/ is deleted whenever the request does not end with the files moved into place.
import fs from 'node:fs';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { formatters } from '../i18n/i18n.js';
import { collectYoungGarbage } from '../lib/young-garbage.js';
import { verifyCsrfAfterUpload } from './csrf.js';
import { FormError } from './errors.js';
import { fieldMessage } from './forms.js';

export interface UploadedFile {
  /** Where multer wrote it, in tmp/. */
  path: string;
  /** As the browser sent it (UTF-8); untrusted until cleaned. */
  originalName: string;
  size: number;
}

export interface UploaderOptions {
  tmpDir: string;
  maxFileBytes: number;
}

/** Text fields an upload form may carry besides its files (CSRF token, titles, descriptions). */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 8 * 1024;

/** Body bytes received between two collections of the dead chunk copies (decision 54). */
const COLLECT_EVERY_BYTES = 4 * 1024 * 1024;

const refusals = new WeakMap<Request, FormError>();

/** The files this request brought, or none. */
export function uploadedFiles(req: Request): UploadedFile[] {
  const files = (Array.isArray(req.files) ? req.files : []) as Partial<Express.Multer.File>[];
  // After a refused upload multer may leave entries for files it never finished writing: no path.
  return files.filter((f) => typeof f.path === 'string').map((f) => ({ path: f.path!, originalName: f.originalname ?? '', size: f.size ?? 0 }));
}

/** Throws the field error for an upload refused while it was received (too large, too many files, broken). */
export function throwIfUploadRefused(req: Request): void {
  const refusal = refusals.get(req);
  if (refusal) throw refusal;
}

/** Deletes this request's files from tmp/ (those already moved into place are gone from there). */
export async function discardUploads(req: Request): Promise<void> {
  await Promise.all(uploadedFiles(req).map((f) => fs.promises.rm(f.path, { force: true })));
}

/** For a feature router: deletes the request's incoming files before any error is rendered. */
export const discardUploadsOnError: ErrorRequestHandler = (error, req, _res, next) => {
  discardUploads(req).then(() => next(error), next);
};

function refusalFor(error: unknown, field: string, options: UploaderOptions & { maxCount: number }): FormError {
  const code = (error as { code?: string }).code;
  const name = (error as { filename?: string }).filename ?? '';
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return new FormError({ [field]: [fieldMessage('uploads.tooLarge', { name, max: formatters('pl').formatFileSize(options.maxFileBytes) })] }, 413);
    case 'LIMIT_FILE_COUNT':
      return new FormError({ [field]: [options.maxCount === 1 ? 'uploads.onlyOne' : fieldMessage('uploads.tooMany', { max: String(options.maxCount) })] }, 413);
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
    case 'LIMIT_FIELD_VALUE':
      return new FormError({ [field]: ['uploads.formTooLarge'] }, 413);
    default:
      // A body that ends early or is malformed, or a file sent under another field's name.
      return new FormError({ [field]: ['uploads.broken'] }, 400);
  }
}

export function createUploader(options: UploaderOptions) {
  const storage = multer.diskStorage({ destination: options.tmpDir });

  /**
   * Middleware for an upload route (its path ends in /pliki, see csrf.ts): up to `maxCount` files in
   * the form field `field`, then the CSRF check. Put the form's _csrf field before its file inputs so
   * the token is read even when a file is refused part-way.
   */
  function files(field: string, maxCount: number): RequestHandler[] {
    const parse = multer({
      storage,
      // Browsers send UTF-8 file names without saying so; busboy would read them as Latin-1.
      defParamCharset: 'utf8',
      limits: { fileSize: options.maxFileBytes, files: maxCount, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: maxCount + MAX_FIELDS },
    }).array(field, maxCount);

    const receive = (req: Request, res: Response, next: NextFunction) => {
      // A safety net for a client that goes away or a handler that forgets: nothing stays in tmp/.
      res.once('close', () => void discardUploads(req));
      parse(req, res, (error?: unknown) => {
        if (!error) return next();
        refusals.set(req, refusalFor(error, field, { ...options, maxCount }));
        // multer removes what it wrote before reporting a limit; make sure of it for any other error.
        discardUploads(req).then(() => {
          req.files = [];
          next();
        }, next);
      });
      // multer has piped a multipart body into its parser by now (readableFlowing is no longer null),
      // so this only watches the chunks go by: every 4 MB, the copies Node made of them are collected,
      // and a 100 MB upload holds a few megabytes of them instead of 20–35 (measured; decision 54).
      // A body nobody reads is left alone: a listener would start it flowing.
      if (req.readableFlowing === null) return;
      let uncollected = 0;
      req.on('data', (chunk: Buffer) => {
        uncollected += chunk.length;
        if (uncollected < COLLECT_EVERY_BYTES) return;
        uncollected = 0;
        collectYoungGarbage();
      });
    };

    const verifyCsrf = (req: Request, res: Response, next: NextFunction) => {
      verifyCsrfAfterUpload(req, res, (error?: unknown) => {
        if (!error) return next();
        discardUploads(req).then(() => next(error), next);
      });
    };

    return [receive, verifyCsrf];
  }

  return { files, file: (field: string) => files(field, 1) };
}

export type Uploader = ReturnType<typeof createUploader>;
