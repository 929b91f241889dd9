import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createDistrict, createMeeting, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';

const ctx = useTestApp();

const validForm = {
  title: 'Źródlana – przebudowa ulicy',
  summary: 'Jak ma wyglądać ulica Źródlana?',
  subjectMd: 'Projekt przebudowy **ulicy Źródlanej**.',
  purposeMd: 'Poznanie opinii mieszkańców.',
  legalBasis: 'Uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy',
  addressees: 'Mieszkańcy Częstochowy',
  forms: 'ONLINE_FORM',
  scope: 'miasto',
  startDate: '2026-12-10',
  endDate: '2027-01-10',
  coordinator: 'Biuro Inicjatyw Lokalnych',
  contactName: 'Anna Nowak',
  contactEmail: 'konsultacje@example.org',
  contactPhone: '34 370 00 00',
  contactPlace: 'pokój 10',
};

async function staffOf(code = 'MZDiT') {
  const department = await createDepartment(ctx.deps.db, { code, name: `Wydział ${code}` });
  const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  return { department, user, agent: await loginAs(ctx.app, user.email) };
}

async function create(agent: Agent, fields: Record<string, string> = {}) {
  return submitForm(agent, '/panel/konsultacje/nowa', '/panel/konsultacje', { ...validForm, ...fields });
}

describe('creating a consultation', () => {
  it('saves a draft of the staff member’s own department with a Polish slug, invisible to the public, audit-logged', async () => {
    const { department, user, agent } = await staffOf();
    const other = await createDepartment(ctx.deps.db);
    // Mass assignment: another department and the fields of publication, state and report are not the form's.
    const res = await create(agent, { departmentId: String(other.id), publishedAt: '2026-11-01T10:00:00Z', state: 'CANCELLED', reportPublishedAt: '2026-11-01T10:00:00Z', archivedAt: '2026-11-01T10:00:00Z' });
    expect(res.status).toBe(303);
    const saved = await ctx.deps.db.consultation.findFirstOrThrow({ include: { districts: true } });
    expect(res.headers.location).toBe(`/panel/konsultacje/${saved.id}`);
    expect(saved).toMatchObject({ slug: 'zrodlana-przebudowa-ulicy', departmentId: department.id, publishedAt: null, state: 'ACTIVE', reportPublishedAt: null, archivedAt: null, cityWide: true, forms: ['ONLINE_FORM'] });
    expect(saved.subjectHtml).toBe('<p>Projekt przebudowy <strong>ulicy Źródlanej</strong>.</p>\n');
    expect(saved.startsAt.toISOString()).toBe('2026-12-09T23:00:00.000Z');
    expect(saved.endsAt.toISOString()).toBe('2027-01-10T22:59:59.999Z');
    expect(await ctx.deps.db.auditLog.findFirst({ where: { action: 'consultation.create', userId: user.id } })).toMatchObject({ entityId: String(saved.id) });
    const page = html((await agent.get(res.headers.location!).expect(200)).text);
    expect(page('h1').text()).toBe('Źródlana – przebudowa ulicy');
    expect(page('.tag').first().text()).toBe('Szkic');
    expect(page('.notice').text()).toContain('Zapisano szkic konsultacji');
  });

  it('re-renders the form with "Podaj tytuł" at the field, keeps the other values and writes nothing', async () => {
    const { agent } = await staffOf();
    const res = await create(agent, { title: '   ' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('.error-summary a[href="#title"]').text()).toBe('Podaj tytuł');
    expect(fieldError(res.text, 'title')).toContain('Podaj tytuł');
    expect($('#summary').text()).toBe('Jak ma wyglądać ulica Źródlana?');
    expect($('#startDate').val()).toBe('2026-12-10');
    expect(await ctx.deps.db.consultation.count()).toBe(0);
  });

  it('explains wrong dates and a missing district choice at their fields', async () => {
    const { agent } = await staffOf();
    const res = await create(agent, { endDate: '2026-12-01', scope: 'dzielnice', startDate: 'jutro' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'startDate')).toContain('Podaj datę w formacie RRRR-MM-DD');
    expect(fieldError(res.text, 'districtIds')).toContain('Wybierz co najmniej jedną dzielnicę');
    const later = await create(agent, { endDate: '2026-12-01' });
    expect(fieldError(later.text, 'endDate')).toContain('Data zakończenia nie może być wcześniejsza');
  });

  it('stores the chosen districts of a district-level consultation', async () => {
    const { agent } = await staffOf();
    const [a, b] = [await createDistrict(ctx.deps.db, { name: 'Raków' }), await createDistrict(ctx.deps.db, { name: 'Tysiąclecie' })];
    await create(agent, { scope: 'dzielnice', districtIds: [String(a.id), String(b.id)] } as unknown as Record<string, string>);
    const saved = await ctx.deps.db.consultation.findFirstOrThrow({ include: { districts: true } });
    expect(saved.cityWide).toBe(false);
    expect(saved.districts.map((d) => d.districtId).sort()).toEqual([a.id, b.id].sort());
  });

  it('keeps the slug when the title changes and makes a second one unique', async () => {
    const { agent } = await staffOf();
    await create(agent);
    await create(agent);
    const [first, second] = await ctx.deps.db.consultation.findMany({ orderBy: { id: 'asc' } });
    expect(second!.slug).toBe('zrodlana-przebudowa-ulicy-2');
    const res = await submitForm(agent, `/panel/konsultacje/${first!.id}/edycja`, `/panel/konsultacje/${first!.id}`, { ...validForm, title: 'Nowy tytuł' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.consultation.findUnique({ where: { id: first!.id } })).toMatchObject({ title: 'Nowy tytuł', slug: 'zrodlana-przebudowa-ulicy' });
  });

  it('lets an administrator choose the department', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const department = await createDepartment(ctx.deps.db);
    const agent = await loginAs(ctx.app, admin.email);
    const missing = await create(agent);
    expect(fieldError(missing.text, 'departmentId')).toContain('Wybierz wydział');
    expect((await create(agent, { departmentId: String(department.id) })).status).toBe(303);
    expect((await ctx.deps.db.consultation.findFirstOrThrow()).departmentId).toBe(department.id);
  });
});

describe('publishing and the course of a consultation', () => {
  it('publishes now at the clock’s time, or schedules for a later date', async () => {
    const { department, agent } = await staffOf();
    const draft = await createConsultation(ctx.deps.db, { departmentId: department.id, publishedAt: null });
    const page = `/panel/konsultacje/${draft.id}`;
    const past = await submitForm(agent, page, `${page}/publikacja`, { when: 'pozniej', publishDate: '2026-01-01', publishTime: '' });
    expect(past.status).toBe(422);
    expect(fieldError(past.text, 'publishDate')).toContain('musi być w przyszłości');
    expect((await submitForm(agent, page, `${page}/publikacja`, { when: 'pozniej', publishDate: '2026-12-01', publishTime: '08:00' })).status).toBe(303);
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: draft.id } })).publishedAt?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(html((await agent.get(page)).text)('.tag').first().text()).toBe('Zaplanowana publikacja');
    expect((await submitForm(agent, page, `${page}/wycofanie`, {})).status).toBe(303);
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: draft.id } })).publishedAt).toBeNull();
    expect((await submitForm(agent, page, `${page}/publikacja`, { when: 'teraz' })).status).toBe(303);
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: draft.id } })).publishedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    const withdraw = await submitForm(agent, page, `${page}/wycofanie`, {});
    expect(withdraw.status).toBe(409);
    expect(withdraw.text).toContain('jest już publiczna');
    expect(await ctx.deps.db.auditLog.count({ where: { entityType: 'Consultation', action: { in: ['consultation.publish', 'consultation.schedule', 'consultation.unpublish'] } } })).toBe(3);
  });

  it('requires an explanation to cancel or postpone, and shows it', async () => {
    const { department, agent } = await staffOf();
    const c = await createConsultation(ctx.deps.db, { departmentId: department.id });
    const page = `/panel/konsultacje/${c.id}`;
    const res = await submitForm(agent, page, `${page}/stan`, { state: 'CANCELLED', stateNote: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'stateNote')).toContain('Wyjaśnij mieszkańcom');
    expect((await submitForm(agent, page, `${page}/stan`, { state: 'CANCELLED', stateNote: 'Projekt wycofano.' })).status).toBe(303);
    expect(await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ state: 'CANCELLED', stateNote: 'Projekt wycofano.' });
    expect(html((await agent.get(page)).text)('.tag').first().text()).toBe('Odwołane');
  });

  it('archives only finished consultations, after which nothing can be changed', async () => {
    const { department, agent } = await staffOf();
    const open = await createConsultation(ctx.deps.db, { departmentId: department.id });
    expect((await submitForm(agent, `/panel/konsultacje/${open.id}`, `/panel/konsultacje/${open.id}/archiwizacja`, {})).status).toBe(409);
    const closed = await createConsultation(ctx.deps.db, { departmentId: department.id, startsAt: new Date('2026-01-01'), endsAt: new Date('2026-02-01') });
    const page = `/panel/konsultacje/${closed.id}`;
    expect((await submitForm(agent, page, `${page}/archiwizacja`, {})).status).toBe(303);
    const $ = html((await agent.get(page)).text);
    expect($('.notice').text()).toContain('jest w archiwum');
    expect($(`a[href="${page}/edycja"]`)).toHaveLength(0);
    const edit = await submitForm(agent, page, page, validForm);
    expect(edit.status).toBe(409);
  });

  it('warns when the consultation is shorter than usual or announced late', async () => {
    const { department, agent } = await staffOf();
    const c = await createConsultation(ctx.deps.db, { departmentId: department.id, startsAt: new Date('2026-11-25T00:00:00Z'), endsAt: new Date('2026-11-30T00:00:00Z'), publishedAt: new Date('2026-11-24T00:00:00Z') });
    const text = html((await agent.get(`/panel/konsultacje/${c.id}`)).text)('.notice--warning').text();
    expect(text).toContain('konsultacje trwają 6 dni, a zwykle co najmniej 14');
    expect(text).toContain('ogłoszenie ukaże się 1 dni przed rozpoczęciem');
  });
});

describe('previewing a draft', () => {
  it('shows staff the public page of a draft with a preview banner, while the public gets 404', async () => {
    const { department, agent } = await staffOf();
    const draft = await createConsultation(ctx.deps.db, { departmentId: department.id, publishedAt: null, title: 'Szkic do podglądu' });
    await request(ctx.app).get(`/konsultacje/${draft.slug}`).expect(404);
    const page = html((await agent.get(`/panel/konsultacje/${draft.id}`).expect(200)).text);
    expect(page(`a[href="/panel/konsultacje/${draft.id}/podglad"]`).text()).toBe('Podgląd strony');
    const $ = html((await agent.get(`/panel/konsultacje/${draft.id}/podglad`).expect(200)).text);
    expect($('h1').text()).toBe('Szkic do podglądu');
    expect($('.notice--warning').text()).toContain('Konsultacja nie jest jeszcze publiczna');
    expect($(`.notice--warning a[href="/panel/konsultacje/${draft.id}"]`)).toHaveLength(1);
  });

  it('refuses the preview to staff of another department and to anonymous visitors', async () => {
    const draft = await createConsultation(ctx.deps.db, { publishedAt: null });
    expect((await request(ctx.app).get(`/panel/konsultacje/${draft.id}/podglad`)).status).toBe(303);
    const { agent } = await staffOf('MPUP');
    await agent.get(`/panel/konsultacje/${draft.id}/podglad`).expect(403);
  });
});

describe('meetings', () => {
  it('adds, edits and removes a meeting, with Polish errors for a missing place', async () => {
    const { department, agent } = await staffOf();
    const c = await createConsultation(ctx.deps.db, { departmentId: department.id });
    const base = `/panel/konsultacje/${c.id}/spotkania`;
    const missing = await submitForm(agent, `${base}/nowe`, base, { title: 'Spotkanie', date: '2026-11-28', startTime: '17:00', endTime: '16:00', place: '', onlineUrl: 'javascript:alert(1)' });
    expect(missing.status).toBe(422);
    expect(fieldError(missing.text, 'endTime')).toContain('musi być późniejsza');
    expect(fieldError(missing.text, 'onlineUrl')).toContain('https://');
    expect(await ctx.deps.db.meeting.count()).toBe(0);
    const ok = await submitForm(agent, `${base}/nowe`, base, { title: 'Spotkanie z mieszkańcami', date: '2026-11-28', startTime: '17:00', endTime: '19:00', place: 'Sala sesyjna', onlineUrl: '' });
    expect(ok.status).toBe(303);
    const meeting = await ctx.deps.db.meeting.findFirstOrThrow();
    expect(meeting.startsAt.toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect((await submitForm(agent, `${base}/${meeting.id}/edycja`, `${base}/${meeting.id}`, { title: 'Zmienione', date: '2026-11-29', startTime: '10:00', place: 'Sala 10' })).status).toBe(303);
    expect(await ctx.deps.db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({ title: 'Zmienione', endsAt: null });
    expect((await submitForm(agent, `/panel/konsultacje/${c.id}`, `${base}/${meeting.id}/usun`, {})).status).toBe(303);
    expect(await ctx.deps.db.meeting.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { entityType: 'Meeting' } })).toBe(3);
  });

  it('answers 404 for a meeting of another consultation', async () => {
    const { department, agent } = await staffOf();
    const mine = await createConsultation(ctx.deps.db, { departmentId: department.id });
    const theirs = await createConsultation(ctx.deps.db, { departmentId: department.id });
    const meeting = await createMeeting(ctx.deps.db, theirs.id);
    await agent.get(`/panel/konsultacje/${mine.id}/spotkania/${meeting.id}/edycja`).expect(404);
  });
});

describe('who may do what', () => {
  async function routesFor(consultationId: number, meetingId: number) {
    const c = `/panel/konsultacje/${consultationId}`;
    return {
      get: [c, `${c}/edycja`, `${c}/spotkania/nowe`, `${c}/spotkania/${meetingId}/edycja`],
      post: [c, `${c}/publikacja`, `${c}/wycofanie`, `${c}/stan`, `${c}/archiwizacja`, `${c}/spotkania`, `${c}/spotkania/${meetingId}`, `${c}/spotkania/${meetingId}/usun`],
    };
  }

  it('sends anonymous visitors to the login page', async () => {
    const c = await createConsultation(ctx.deps.db);
    const m = await createMeeting(ctx.deps.db, c.id);
    const routes = await routesFor(c.id, m.id);
    for (const path of ['/panel/konsultacje', '/panel/konsultacje/nowa', ...routes.get]) {
      const res = await request(ctx.app).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toMatch(/^\/logowanie/);
    }
  });

  it('refuses councillors and moderators everywhere with 403', async () => {
    const c = await createConsultation(ctx.deps.db);
    const m = await createMeeting(ctx.deps.db, c.id);
    const routes = await routesFor(c.id, m.id);
    for (const role of ['COUNCILLOR', 'MODERATOR'] as const) {
      const user = await createUser(ctx.deps.db, { role });
      const agent = await loginAs(ctx.app, user.email);
      for (const path of ['/panel/konsultacje', '/panel/konsultacje/nowa', ...routes.get]) expect((await agent.get(path)).status, `${role} GET ${path}`).toBe(403);
      for (const path of ['/panel/konsultacje', ...routes.post]) expect((await submitForm(agent, '/panel', path, validForm)).status, `${role} POST ${path}`).toBe(403);
    }
  });

  it('refuses staff of another department on every route, by URL and by form, and changes nothing', async () => {
    const owner = await createDepartment(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { departmentId: owner.id, publishedAt: null });
    const m = await createMeeting(ctx.deps.db, c.id);
    const routes = await routesFor(c.id, m.id);
    const { agent } = await staffOf('MPUP');
    for (const path of routes.get) expect((await agent.get(path)).status, `GET ${path}`).toBe(403);
    for (const path of routes.post) {
      const res = await submitForm(agent, '/panel/konsultacje', path, { ...validForm, when: 'teraz', state: 'CANCELLED', stateNote: 'x', date: '2026-11-28', startTime: '10:00', place: 'x' });
      expect(res.status, `POST ${path}`).toBe(403);
    }
    expect(await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ title: c.title, publishedAt: null, state: 'ACTIVE' });
    expect(await ctx.deps.db.meeting.count()).toBe(1);
    expect(await ctx.deps.db.auditLog.count({ where: { entityType: { in: ['Consultation', 'Meeting'] } } })).toBe(0);
    const list = html((await agent.get('/panel/konsultacje')).text);
    expect(list('main').text()).not.toContain(c.title);
  });

  it('lets an administrator manage any department’s consultation', async () => {
    const c = await createConsultation(ctx.deps.db, { publishedAt: null });
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    await agent.get(`/panel/konsultacje/${c.id}`).expect(200);
    expect((await submitForm(agent, `/panel/konsultacje/${c.id}`, `/panel/konsultacje/${c.id}/publikacja`, { when: 'teraz' })).status).toBe(303);
  });

  it('answers 404 for a missing or malformed id', async () => {
    const { agent } = await staffOf();
    await agent.get('/panel/konsultacje/999999').expect(404);
    await agent.get('/panel/konsultacje/abc').expect(404);
    await agent.get('/panel/konsultacje/1e3').expect(404);
  });
});

describe('an archived consultation’s files', () => {
  it('can be listed but not changed', async () => {
    const { department, agent } = await staffOf();
    const c = await createConsultation(ctx.deps.db, { departmentId: department.id, startsAt: new Date('2026-01-01'), endsAt: new Date('2026-02-01') });
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { archivedAt: new Date('2026-03-01') } });
    await agent.get(`/panel/konsultacje/${c.id}/dokumenty`).expect(200);
    const token = (await agent.get(`/panel/konsultacje/${c.id}/dokumenty`)).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const res = await agent.post(`/panel/konsultacje/${c.id}/dokumenty/pliki`).field('_csrf', token).attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), 'x.pdf');
    expect(res.status).toBe(409);
    expect(await ctx.deps.db.attachment.count()).toBe(0);
  });
});
