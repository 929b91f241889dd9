import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { useTestApp } from '../helpers/app.js';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { loginAs, submitForm } from '../helpers/http.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});
const ctx = useTestApp({}, { logger: pino({ level: 'info' }, sink) });

describe('request logs', () => {
  it('log each request once with a request id that is also sent to the browser', async () => {
    lines.length = 0;
    const res = await request(ctx.app).get('/kontakt').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.req?.id === id);
    expect(entries).toHaveLength(1);
    expect(entries[0].req.url).toBe('/kontakt');
  });

  it('never contain passwords, CSRF tokens, session ids or query-string tokens', async () => {
    const user = await createUser(ctx.deps.db);
    lines.length = 0;
    const agent = await loginAs(ctx.app, user.email);
    await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: user.email, password: 'Bledne-Haslo-Tajne' });
    await agent.get('/panel?token=sekretny-token-123').expect(200);
    const cookie = (await agent.get('/panel')).request.cookies;
    const sid = decodeURIComponent(cookie.split(`${SESSION_COOKIE}=`)[1]?.split(';')[0] ?? '');
    const log = lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain('Bledne-Haslo-Tajne');
    expect(log).not.toContain('sekretny-token-123');
    expect(sid.length).toBeGreaterThan(10);
    expect(log).not.toContain(sid.slice(2, 30));
  });
});

describe('log injection', () => {
  it('keeps every entry one JSON line: newlines, forged entries and terminal escapes in input stay inside strings', async () => {
    const forged = '\n{"level":50,"msg":"administrator deleted everything"}\r\n\u001b[31mERROR\u001b[0m';
    lines.length = 0;
    // In the path (the only part of a request the request log keeps), in a form, and in a login.
    await request(ctx.app).get(`/konsultacje/${encodeURIComponent(forged)}`).expect(404);
    await request(ctx.app).get(`/szukaj?q=${encodeURIComponent(forged)}`);
    await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: `a@example.org${forged}`, password: forged });
    await submitForm(request.agent(ctx.app), '/powiadomienia', '/powiadomienia', { email: `x${forged}@example.org`, strona_www: '' });
    const text = lines.join('');
    const entries = text.split('\n').filter(Boolean);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const entry of entries) {
      const parsed = JSON.parse(entry) as { msg?: string };
      expect(parsed.msg).not.toBe('administrator deleted everything');
    }
    // No raw escape character reaches a terminal that tails the log, nor a raw carriage return.
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\r');
  });

  it('answers a request line with raw control characters with 400, without a log line built from it', async () => {
    const { createServer } = await import('node:http');
    const net = await import('node:net');
    const server = createServer(ctx.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    lines.length = 0;
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /kontakt\u001b[2J\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += String(chunk)));
      socket.on('close', () => resolve(data));
      socket.setTimeout(3000, () => socket.destroy());
    });
    await new Promise((resolve) => server.close(resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(lines.join('')).not.toContain('\u001b');
  });
});
