// Who may do what with a consultation's files: every panel route, GET and POST, for anonymous visitors,
// each role and another department's staff; and who may download a file of a draft.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/generated/prisma/enums.js';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';
import { csrfToken, html, loginAs, type Agent } from '../helpers/http.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

interface World {
  consultationId: number;
  departmentId: number;
  documentId: number;
  photoId: number;
}
let world: World;

beforeEach(async () => {
  const consultation = await createConsultation(ctx.deps.db);
  const admin = await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
  const agent = await loginAs(ctx.app, admin.email);
  const base = `/panel/konsultacje/${consultation.id}`;
  expect((await uploadFiles(agent, `${base}/dokumenty`, `${base}/dokumenty/pliki`, [{ name: 'a.pdf', content: pdf() }, { name: 'b.pdf', content: pdf() }])).status).toBe(303);
  expect((await uploadFiles(agent, `${base}/galeria`, `${base}/galeria/pliki`, [{ field: 'file', name: 'c.png', content: await image('png') }], { altText: 'Opis' })).status).toBe(303);
  const [documentId, , photoId] = (await ctx.deps.db.attachment.findMany({ orderBy: { id: 'asc' } })).map((a) => a.id);
  await ctx.deps.db.auditLog.deleteMany();
  world = { consultationId: consultation.id, departmentId: consultation.departmentId, documentId: documentId!, photoId: photoId! };
});

type Body = { kind: 'form'; fields: Record<string, string> } | { kind: 'upload'; field: string; fields?: Record<string, string> };
interface Route {
  method: 'GET' | 'POST';
  path: (w: World) => string;
  body?: Body;
}

function routesOf(section: 'dokumenty' | 'galeria'): Route[] {
  const id = (w: World) => (section === 'dokumenty' ? w.documentId : w.photoId);
  const base = (w: World) => `/panel/konsultacje/${w.consultationId}/${section}`;
  const fileField = section === 'dokumenty' ? 'files' : 'file';
  const details: Record<string, string> = section === 'dokumenty' ? { title: 'Nowa nazwa', description: '' } : { altText: 'Nowy opis', title: '', description: '' };
  return [
    { method: 'GET', path: base },
    { method: 'POST', path: (w) => `${base(w)}/pliki`, body: { kind: 'upload', field: fileField, fields: section === 'galeria' ? { altText: 'Opis' } : {} } },
    { method: 'GET', path: (w) => `${base(w)}/${id(w)}/edycja` },
    { method: 'POST', path: (w) => `${base(w)}/${id(w)}`, body: { kind: 'form', fields: details } },
    { method: 'POST', path: (w) => `${base(w)}/${id(w)}/pliki`, body: { kind: 'upload', field: 'file' } },
    { method: 'POST', path: (w) => `${base(w)}/${id(w)}/przesun`, body: { kind: 'form', fields: { direction: 'down' } } },
    { method: 'GET', path: (w) => `${base(w)}/${id(w)}/usun` },
    { method: 'POST', path: (w) => `${base(w)}/${id(w)}/usun`, body: { kind: 'form', fields: {} } },
  ];
}
const ROUTES = [...routesOf('dokumenty'), ...routesOf('galeria')];

async function send(agent: Agent, tokenPage: string, route: Route) {
  const path = route.path(world);
  if (route.method === 'GET') return agent.get(path);
  const token = await csrfToken(agent, tokenPage);
  const body = route.body!;
  if (body.kind === 'form') return agent.post(path).type('form').send({ _csrf: token, ...body.fields });
  const content = body.field === 'files' ? pdf() : await image('png');
  return uploadFiles(agent, tokenPage, path, [{ field: body.field, name: body.field === 'files' ? 'x.pdf' : 'x.png', content }], body.fields ?? {}, { token });
}

/** What the database and the disk hold; a refused request must change neither. */
async function snapshot() {
  return { rows: await ctx.deps.db.attachment.findMany({ orderBy: { id: 'asc' } }), files: listUploads(ctx.uploadsDir), audit: await ctx.deps.db.auditLog.count({ where: { action: { startsWith: 'attachment.' } } }) };
}

async function staff(role: Role, data: { departmentId?: number } = {}) {
  const user = await createUser(ctx.deps.db, { role, ...data });
  return loginAs(ctx.app, user.email);
}

describe('panel routes of documents and the gallery', () => {
  it('send an anonymous visitor to the login page, GET and POST alike, changing nothing', async () => {
    const before = await snapshot();
    for (const route of ROUTES) {
      const res = await send(request.agent(ctx.app), '/logowanie', route);
      const label = `${route.method} ${route.path(world)}`;
      expect(res.status, label).toBe(303);
      expect(res.headers.location, label).toBe(route.method === 'GET' ? `/logowanie?next=${encodeURIComponent(route.path(world))}` : '/logowanie');
    }
    expect(await snapshot()).toEqual(before);
  });

  for (const role of ['MODERATOR', 'COUNCILLOR'] as const) {
    it(`refuse a ${role.toLowerCase()} with 403 on every route, changing nothing`, async () => {
      const agent = await staff(role);
      const before = await snapshot();
      for (const route of ROUTES) {
        const res = await send(agent, '/panel', route);
        expect(res.status, `${route.method} ${route.path(world)}`).toBe(403);
        expect(res.text).toContain('Nie masz uprawnień');
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuse staff of another department with 403 on every route, by URL as well as by form, deleting anything uploaded', async () => {
    const other = await createDepartment(ctx.deps.db);
    const agent = await staff('DEPARTMENT_STAFF', { departmentId: other.id });
    const before = await snapshot();
    for (const route of ROUTES) {
      const res = await send(agent, '/panel', route);
      expect(res.status, `${route.method} ${route.path(world)}`).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('let staff of the consultation’s own department and administrators through on every route', async () => {
    for (const agent of [await staff('DEPARTMENT_STAFF', { departmentId: world.departmentId }), await loginAs(ctx.app, 'admin@example.org')]) {
      for (const route of ROUTES) {
        const res = await send(agent, '/panel', route);
        const label = `${route.method} ${route.path(world)}`;
        if (route.method === 'GET') expect(res.status, label).toBe(200);
        else {
          expect(res.status, `${label}: ${html(res.text)('.error-summary').text()}`).toBe(303);
          expect(res.headers.location, label).toMatch(/^\/panel\/konsultacje\//);
        }
      }
      // The routes above deleted both files; put them back for the next user.
      const base = `/panel/konsultacje/${world.consultationId}`;
      await uploadFiles(agent, `${base}/dokumenty`, `${base}/dokumenty/pliki`, [{ name: 'a.pdf', content: pdf() }]);
      await uploadFiles(agent, `${base}/galeria`, `${base}/galeria/pliki`, [{ field: 'file', name: 'c.png', content: await image('png') }], { altText: 'Opis' });
      const rows = await ctx.deps.db.attachment.findMany({ orderBy: { id: 'asc' } });
      world.documentId = rows.find((r) => r.kind === 'DOCUMENT')!.id;
      world.photoId = rows.find((r) => r.kind === 'IMAGE')!.id;
    }
    expect(await ctx.deps.db.auditLog.count({ where: { action: { startsWith: 'attachment.' } } })).toBeGreaterThan(10);
  });

  it('answer 404 for a consultation that does not exist or a malformed id', async () => {
    const agent = await loginAs(ctx.app, 'admin@example.org');
    await agent.get('/panel/konsultacje/999999/dokumenty').expect(404);
    await agent.get('/panel/konsultacje/x1/galeria').expect(404);
  });
});

describe('downloads', () => {
  const fileUrl = () => `/pliki/${world.documentId}/a.pdf`;
  const thumbUrl = () => `/pliki/${world.photoId}/miniatura.webp`;
  const setPublished = (publishedAt: Date | null) => ctx.deps.db.consultation.update({ where: { id: world.consultationId }, data: { publishedAt } });

  it('serve a published consultation’s files to anyone', async () => {
    await download(request.agent(ctx.app), fileUrl()).expect(200);
    await download(request.agent(ctx.app), thumbUrl()).expect(200);
    await download(request.agent(ctx.app), `/pliki/${world.photoId}/c.png`).expect(200);
  });

  it('hide a draft’s files from the public, other departments and other roles with 404, but not from its own staff', async () => {
    await setPublished(null);
    for (const agent of [request.agent(ctx.app), await staff('DEPARTMENT_STAFF'), await staff('MODERATOR'), await staff('COUNCILLOR')]) {
      await download(agent, fileUrl()).expect(404);
      await download(agent, thumbUrl()).expect(404);
    }
    for (const agent of [await staff('DEPARTMENT_STAFF', { departmentId: world.departmentId }), await loginAs(ctx.app, 'admin@example.org')]) {
      const res = await download(agent, fileUrl()).expect(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      await download(agent, thumbUrl()).expect(200);
    }
  });

  it('hide the files of a consultation scheduled for later until its publication time (by the clock)', async () => {
    await setPublished(new Date('2026-11-25T08:00:00Z'));
    await download(request.agent(ctx.app), fileUrl()).expect(404);
    ctx.clock.set('2026-11-25T08:00:00Z');
    await download(request.agent(ctx.app), fileUrl()).expect(200);
    ctx.clock.set('2026-11-24T10:00:00Z');
  });

  it('answer 404 for malformed or unknown ids, a document’s thumbnail, and a file missing from disk', async () => {
    for (const id of ['abc', '0', '-3', '1e3', '07', '2147483648', '999999']) await request(ctx.app).get(`/pliki/${id}/a.pdf`).expect(404);
    await request(ctx.app).get(`/pliki/${world.documentId}/miniatura.webp`).expect(404);
    const row = await ctx.deps.db.attachment.findUniqueOrThrow({ where: { id: world.documentId } });
    await ctx.deps.storage.remove(row.storedName);
    const res = await request(ctx.app).get(fileUrl()).expect(404);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.text).toContain('Nie znaleziono strony');
  });
});
