// A redirect leaves only once the session row is saved. A browser follows a 303 as soon as its headers
// arrive; were they sent before the save (express-session's own order), the next page would read the old
// session: still signed out after a login, the thank-you message missing. The session row is held locked
// here, so the save waits, and the redirect must wait with it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { useTestApp } from '../helpers/app.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { csrfFrom, html } from '../helpers/http.js';

const ctx = useTestApp();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = await new Promise<http.Server>((resolve) => {
    const listening = ctx.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Posts a form and resolves when the response's headers arrive (as a browser sees them). */
function postForm(path: string, cookie: string, fields: Record<string, string>): Promise<http.IncomingMessage> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

describe('a redirect after a form', () => {
  it('is sent only after the session holding its message is saved, so the next page shows the message', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id);
    const path = `/konsultacje/aleja/dyskusja/${comment.id}/zglos`;
    // A signed-in person (a visitor reading a form has no session row yet: decision 49).
    await createUser(ctx.deps.db, { email: 'sesja@example.org' });
    const loginForm = await request(server).get('/logowanie');
    const visitorCookie = loginForm.headers['set-cookie']![0]!.split(';')[0]!;
    const login = await request(server).post('/logowanie').set('Cookie', visitorCookie).type('form').send({ _csrf: csrfFrom(loginForm.text), email: 'sesja@example.org', password: TEST_PASSWORD });
    expect(login.status).toBe(303);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
    const form = await request(server).get(path).set('Cookie', cookie);
    const sid = decodeURIComponent(cookie.slice(`${SESSION_COOKIE}=`.length)).slice(2).split('.')[0]!;

    const lock = await ctx.deps.pool.connect();
    let answered = false;
    try {
      await lock.query('BEGIN');
      expect((await lock.query('SELECT 1 FROM session WHERE sid = $1 FOR UPDATE', [sid])).rowCount).toBe(1);
      const response = postForm(path, cookie, { _csrf: csrfFrom(form.text), reason: 'Nie na temat' }).then((res) => {
        answered = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(answered, 'the redirect left before the session was saved').toBe(false);
      await lock.query('COMMIT');
      const res = await response;
      res.resume();
      expect(res.statusCode).toBe(303);
    } finally {
      if (!answered) await lock.query('ROLLBACK').catch(() => undefined);
      lock.release();
    }

    const next = await request(server).get('/konsultacje/aleja/dyskusja').set('cookie', cookie);
    expect(html(next.text)('main [role="status"]').text()).toContain('Moderator sprawdzi zgłoszony komentarz');
  });
});
