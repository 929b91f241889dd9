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
