import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../src/http/errors.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { templateLocals } from '../../src/http/locals.js';
import { VIEWS_DIR } from '../../src/paths.js';
import { testConfig, useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { csrfToken, html, loginAs } from '../helpers/http.js';

const ctx = useTestApp();

describe('error pages', () => {
  it('shows "Nie znaleziono strony" in the frame with 404 for an unknown address', async () => {
    const res = await request(ctx.app).get('/nie-ma-takiej-strony').expect(404);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Nie znaleziono strony');
    expect($('nav.main-nav')).toHaveLength(1);
    expect($('footer')).toHaveLength(1);
  });

  it('answers 404, not 500, for a malformed percent-encoding in the address', async () => {
    const res = await request(ctx.app).get('/%E0%A4%A');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  // The real handler and templates, mounted behind routes that fail on purpose.
  function failingApp() {
    const app = express();
    app.set('views', [VIEWS_DIR]);
    app.set('view engine', 'ejs');
    app.use((req, _res, next) => {
      (req as { id?: string }).id = 'req-test-123';
      next();
    });
    app.use(templateLocals(testConfig()));
    app.get('/boom', () => {
      throw new Error('database exploded: secret detail');
    });
    app.get('/forbidden', () => {
      throw new ForbiddenError();
    });
    app.get('/conflict', () => {
      throw new ConflictError();
    });
    app.use(errorHandler(ctx.deps.logger, { showStack: false }));
    return app;
  }

  it('shows a generic 500 page with the request id and no internal detail', async () => {
    const res = await request(failingApp()).get('/boom').expect(500);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Przepraszamy, wystąpił błąd serwisu');
    expect($('main').text()).toContain('req-test-123');
    expect(res.text).not.toContain('secret detail');
    expect(res.text).not.toContain('at ');
  });

  it('renders 403 "Brak dostępu" and 409 in the frame', async () => {
    expect(html((await request(failingApp()).get('/forbidden').expect(403)).text)('h1').text()).toBe('Brak dostępu');
    expect(html((await request(failingApp()).get('/conflict').expect(409)).text)('h1').text()).toBe('Konflikt danych');
  });
});

describe('bad input', () => {
  it('refuses a form post without a CSRF token with 403 and a Polish page', async () => {
    const res = await request(ctx.app).post('/wyloguj').type('form').send({}).expect(403);
    expect(html(res.text)('main').text()).toContain('Sesja wygasła, wróć i spróbuj ponownie.');
  });

  it('refuses a forged CSRF token', async () => {
    const agent = request.agent(ctx.app);
    await csrfToken(agent, '/logowanie');
    const res = await agent.post('/logowanie').type('form').send({ _csrf: 'forged', email: 'a@example.org', password: 'x' });
    expect(res.status).toBe(403);
  });

  it('answers an oversized body with 413 and a Polish page, writing nothing', async () => {
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/logowanie');
    const res = await agent.post('/logowanie').type('form').send(`_csrf=${token}&email=a%40example.org&password=${'x'.repeat(200_000)}`);
    expect(res.status).toBe(413);
    expect(html(res.text)('h1').text()).toBe('Przesłane dane są za duże');
    expect(await ctx.deps.db.auditLog.count()).toBe(0);
  });

  it('answers a malformed body with 400 and a Polish page', async () => {
    const res = await request(ctx.app).post('/logowanie').set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r').send('email=a');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(html(res.text)('h1').text()).not.toBe('');
  });

  it('treats wrong types in form fields and the query string as invalid input, not a crash', async () => {
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/logowanie');
    const res = await agent.post('/logowanie').type('form').send(`_csrf=${token}&email=a%40example.org&email=b%40example.org&password[x]=1`);
    expect(res.status).toBe(422);
    const page = await request(ctx.app).get('/logowanie?next[a]=1&next=2').expect(200);
    expect(html(page.text)('input[name="next"]')).toHaveLength(0);
  });

  it('does not let a JSON body slip past the CSRF check', async () => {
    const user = await createUser(ctx.deps.db);
    const res = await request(ctx.app).post('/logowanie').send({ email: user.email, password: 'x' });
    expect(res.status).toBe(403);
  });

  it('keeps a logged-in user on their page when a form post fails CSRF', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    await agent.post('/wyloguj').type('form').send({ _csrf: 'wrong' }).expect(403);
    await agent.get('/panel').expect(200);
  });
});

describe('multipart requests', () => {
  it('refuses a multipart post to a route that is not an upload route, even one without fields', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    const res = await agent.post('/wyloguj').field('x', '1');
    expect(res.status).toBe(403);
    await agent.get('/panel').expect(200);
  });
});
