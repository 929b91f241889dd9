// Streams a stored file with the given headers; the headers are set only once the file is found, so a
// missing file gets a normal 404 page.
import type { Response } from 'express';

export function sendStored(res: Response, path: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    res.sendFile(path, { headers, cacheControl: false, dotfiles: 'deny' }, (error?: Error) => {
      // A visitor who goes away mid-download is not an error of ours.
      if (error && !res.headersSent) reject(error);
      else resolve();
    });
  });
}
