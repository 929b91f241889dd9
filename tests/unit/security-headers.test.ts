// The security headers are computed once from helmet (src/http/security-headers.ts): each response
// must carry exactly what helmet itself would set on it, in production and in development.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { precomputedHeaders } from '../../src/http/security-headers.js';

async function headersOf(app: express.Express): Promise<Record<string, string | string[] | undefined>> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/' }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}

function appWith(middleware: express.RequestHandler) {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => res.send('ok'));
  return app;
}

const securityHeaders = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive'].includes(name)));

describe('security headers computed once', () => {
  for (const production of [true, false]) {
    it(`are the headers helmet sets itself (${production ? 'production' : 'development'})`, async () => {
      const options = {
        contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], ...(production ? { upgradeInsecureRequests: [] } : {}) } },
        strictTransportSecurity: production,
      };
      const expected = securityHeaders(await headersOf(appWith(helmet(options))));
      const actual = securityHeaders(await headersOf(appWith(precomputedHeaders(helmet(options)))));
      expect(Object.keys(expected).length).toBeGreaterThan(8);
      expect(actual).toEqual(expected);
    });
  }

  it('refuses a middleware that would compute its headers per request', () => {
    const later: express.RequestHandler = (_req, res, next) => {
      setImmediate(() => {
        res.setHeader('Content-Security-Policy', `script-src 'nonce-${Math.random()}'`);
        next();
      });
    };
    expect(() => precomputedHeaders(later)).toThrow(/synchronously/);
  });
});
