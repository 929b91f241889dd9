// scripts/audit.mjs, the CI step for `npm audit --omit=dev`, run for real against a local HTTP server
// that stands in for the registry's advisory endpoint (tests never reach the internet): a high
// finding fails the build, a clean or moderate answer passes, an unreachable endpoint passes with a
// loud warning instead of breaking CI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

type Answer = { status: number; body?: unknown };
let server: http.Server | undefined;
// npm keeps advisory answers in its cache: a new folder for each run, so one test's answer never reaches another.
const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cache-'));
afterAll(() => fs.rmSync(cacheRoot, { recursive: true, force: true }));

async function registry(answer: Answer): Promise<string> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.includes('/security/advisories/bulk')) {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        return res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }
      // Packuments npm asks for to suggest fixes: none here.
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function audit(registryUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/audit.mjs'], { env: { ...process.env, npm_config_registry: registryUrl, npm_config_fetch_retries: '0', npm_config_audit: 'true', npm_config_cache: fs.mkdtempSync(path.join(cacheRoot, 'run-')) } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const advisory = (severity: string) => ({ ejs: [{ id: 1, url: 'https://example.invalid/advisory/1', title: 'Test advisory', severity, vulnerable_versions: '<999.0.0', cwe: [], cvss: { score: 8, vectorString: null } }] });

describe('npm audit in CI', () => {
  it('fails on a high vulnerability in a runtime dependency and names it', async () => {
    const { code, out } = await audit(await registry({ status: 200, body: advisory('high') }));
    expect(code).toBe(1);
    expect(out).toContain('1 high or critical vulnerabilities: ejs (high)');
  });

  it('passes when the registry reports nothing', async () => {
    const clean = await audit(await registry({ status: 200, body: {} }));
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.out).toContain('no high or critical vulnerabilities');
  });

  it('passes when the findings are below high', async () => {
    const moderate = await audit(await registry({ status: 200, body: advisory('moderate') }));
    expect(moderate).toMatchObject({ code: 0 });
    expect(moderate.out).toContain('no high or critical vulnerabilities');
  });

  it('passes with a loud warning when the audit endpoint refuses (the mirror answers POST with 405)', async () => {
    const { code, out } = await audit(await registry({ status: 405 }));
    expect(code).toBe(0);
    expect(out).toContain('npm audit DID NOT RUN');
    expect(out).toContain('405');
    expect(out).toContain('NOT checked');
  });
});
