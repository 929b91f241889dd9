// The security headers of every response (CSP, HSTS, frame and MIME-sniffing rules) depend on the
// configuration only, so helmet runs once at start and each response gets the headers it set by a plain
// loop: helmet's own per-request work was 6 % of the CPU of a page from the render cache (docs/decisions.md 53).
import type { Request, RequestHandler, Response } from 'express';

export function precomputedHeaders(middleware: RequestHandler): RequestHandler {
  const headers: [name: string, value: string][] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
    },
    // helmet removes X-Powered-By, which the app never sends (app.disable('x-powered-by')).
    removeHeader() {},
  };
  let finished = false;
  void middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    finished = true;
  });
  // A header computed per request (a CSP nonce, say) would make this wrong: refuse to start instead.
  if (!finished) throw new Error('The security headers middleware did not finish synchronously: its headers cannot be computed once.');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
