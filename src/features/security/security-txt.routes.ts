// /.well-known/security.txt (RFC 9116): where to report a vulnerability. Contact comes from SECURITY_CONTACT;
// Expires is a year after the request (the file is generated, so it never goes stale while the portal runs).
import { Router } from 'express';
import type { Deps } from '../../deps.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

export function securityTxt(config: Deps['config'], now: Date): string {
  const expires = new Date(Math.floor((now.getTime() + YEAR_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return [
    `Contact: ${config.securityContact}`,
    `Expires: ${expires}`,
    'Preferred-Languages: pl, en',
    `Canonical: ${new URL('/.well-known/security.txt', config.baseUrl).toString()}`,
    '',
  ].join('\n');
}

export function securityTxtRoutes(deps: Deps) {
  const router = Router();
  router.get('/.well-known/security.txt', (_req, res) => {
    res.type('text/plain; charset=utf-8').set('Cache-Control', 'public, max-age=86400').send(securityTxt(deps.config, deps.clock.now()));
  });
  return router;
}
