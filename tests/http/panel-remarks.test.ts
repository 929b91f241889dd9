// Remarks in the panel: one list across channels, staff entry of paper / e-mail / meeting remarks
// (late ones marked), answers, groups with one answer, the audit log and the permission matrix.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createRemark } from '../helpers/remark-factories.js';

const ctx = useTestApp();
beforeEach(() => ctx.clock.set('2026-11-24T10:00:00Z'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function setUp() {
  const { db } = ctx.deps;
  const department = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
  // Open from 14 November to 5 December 2026.
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id });
  const staff = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mzdit@example.org' });
  return { c, department, staff, agent: await loginAs(ctx.app, staff.email) };
}

const PAPER = { channel: 'PAPER', receivedOn: '2026-11-23', part: '§ 4', content: 'Pismo w sprawie parkingu.', authorKind: 'osoba', name: 'Jan Papierowy', email: 'jan.papierowy@example.org', resident: 'tak' };

describe('the list of remarks', () => {
  it('lists remarks from every channel in the order received, with counts, the late tag and each position', async () => {
    const { c, agent } = await setUp();
    await createRemark(ctx.deps.db, c.id, { channel: 'ONLINE', receivedAt: new Date('2026-11-20T10:00:00Z'), content: 'Online', position: 'ACCEPTED', answer: 'Tak.' });
    await createRemark(ctx.deps.db, c.id, { channel: 'PAPER', receivedAt: new Date('2026-11-18T10:00:00Z'), content: 'Papier' });
    await createRemark(ctx.deps.db, c.id, { channel: 'MEETING', receivedAt: new Date('2026-12-07T10:00:00Z'), late: true, content: 'Po terminie', authorKind: 'INSTITUTION', authorName: 'Rada Dzielnicy Raków' });
    const $ = html((await agent.get(`/panel/konsultacje/${c.id}/uwagi`).expect(200)).text);
    expect($('h1').text()).toBe('Uwagi');
    expect(squash($('.remarks-summary').text())).toBe('Liczba uwag ze wszystkich kanałów: 3, bez odpowiedzi: 2.');
    const rows = $('tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => squash($(td).text())).get().slice(2)]).get() as string[][];
    expect(rows).toEqual([
      ['18 listopada 2026, pismo (papier)', '§ 1', 'Papier', 'osoba prywatna', 'bez odpowiedzi'],
      ['20 listopada 2026, formularz online', '§ 1', 'Online', 'osoba prywatna', 'uwzględniona'],
      ['7 grudnia 2026, protokół ze spotkania po terminie', '§ 1', 'Po terminie', 'Rada Dzielnicy Raków', 'bez odpowiedzi'],
    ]);
    const panel = html((await agent.get(`/panel/konsultacje/${c.id}`).expect(200)).text);
    expect(panel(`a[href="/panel/konsultacje/${c.id}/uwagi"]`).text()).toBe('Uwagi (3)');
  });

  it('pages the list by 50', async () => {
    const { c, agent } = await setUp();
    await ctx.deps.db.remark.createMany({ data: Array.from({ length: 51 }, (_, i) => ({ consultationId: c.id, reference: `R/${i}`, channel: 'ONLINE' as const, receivedAt: new Date(Date.UTC(2026, 10, 15, 0, i)), content: `Uwaga ${i}`, authorKind: 'PERSON' as const })) });
    const first = html((await agent.get(`/panel/konsultacje/${c.id}/uwagi`).expect(200)).text);
    expect(first('tbody tr')).toHaveLength(50);
    const second = html((await agent.get(`/panel/konsultacje/${c.id}/uwagi?strona=2`).expect(200)).text);
    expect(second('tbody tr')).toHaveLength(1);
    expect(squash(second('tbody tr td').eq(4).text())).toBe('Uwaga 50');
  });
});

describe('entering a remark received outside the portal', () => {
  it('stores a paper remark with its date of receipt, a reference number, and an audit entry', async () => {
    const { c, agent, staff } = await setUp();
    const res = await submitForm(agent, `/panel/konsultacje/${c.id}/uwagi/nowa`, `/panel/konsultacje/${c.id}/uwagi`, PAPER);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/panel/konsultacje/${c.id}/uwagi`);
    const stored = await ctx.deps.db.remark.findFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'PAPER', late: false, part: '§ 4', authorName: 'Jan Papierowy', email: 'jan.papierowy@example.org', residentDeclared: true, enteredById: staff.id, reference: 'U/2026/000001' });
    const page = html((await agent.get(`/panel/konsultacje/${c.id}/uwagi`).expect(200)).text);
    expect(page('.notice--success').text().trim()).toBe('Uwaga została zapisana pod numerem U/2026/000001.');
    const entry = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'remark.enter' } });
    expect(entry).toMatchObject({ userId: staff.id, entityType: 'Remark', entityId: String(stored.id) });
  });

  it('marks a remark received after the last day as late, even a week after the end', async () => {
    ctx.clock.set('2026-12-12T10:00:00Z');
    const { c, agent } = await setUp();
    const onLastDay = await submitForm(agent, `/panel/konsultacje/${c.id}/uwagi/nowa`, `/panel/konsultacje/${c.id}/uwagi`, { ...PAPER, receivedOn: '2026-12-05' });
    expect(onLastDay.status).toBe(303);
    const after = await submitForm(agent, `/panel/konsultacje/${c.id}/uwagi/nowa`, `/panel/konsultacje/${c.id}/uwagi`, { ...PAPER, channel: 'EMAIL', receivedOn: '2026-12-06' });
    expect(after.status).toBe(303);
    const rows = await ctx.deps.db.remark.findMany({ orderBy: { id: 'asc' }, select: { late: true, channel: true } });
    expect(rows).toEqual([{ late: false, channel: 'PAPER' }, { late: true, channel: 'EMAIL' }]);
  });

  const BAD: [string, Record<string, string>, string, string][] = [
    ['no channel is chosen', { channel: '' }, 'channel', 'Wybierz, jak uwaga wpłynęła'],
    ['the channel is the online form', { channel: 'ONLINE' }, 'channel', 'Wybierz, jak uwaga wpłynęła'],
    ['the date of receipt is missing', { receivedOn: '' }, 'receivedOn', 'Podaj datę wpływu'],
    ['the date of receipt is not a date', { receivedOn: '2026-13-45' }, 'receivedOn', 'Podaj datę w formacie'],
    ['the date of receipt is in the future', { receivedOn: '2026-11-25' }, 'receivedOn', 'Data wpływu nie może być z przyszłości'],
    ['the content is blank', { content: '' }, 'content', 'Wpisz treść uwagi'],
    ['an institution is not named', { authorKind: 'instytucja', institution: '' }, 'institution', 'Podaj nazwę instytucji lub organizacji'],
  ];
  for (const [when, fields, field, message] of BAD) {
    it(`re-renders the entry form with "${message}" when ${when}, storing nothing`, async () => {
      const { c, agent } = await setUp();
      const res = await submitForm(agent, `/panel/konsultacje/${c.id}/uwagi/nowa`, `/panel/konsultacje/${c.id}/uwagi`, { ...PAPER, ...fields });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, field)).toContain(message);
      expect(await ctx.deps.db.remark.count()).toBe(0);
    });
  }

  it('refuses any change to an archived consultation (409)', async () => {
    const { c, agent } = await setUp();
    const remark = await createRemark(ctx.deps.db, c.id);
    const token = (await agent.get(`/panel/konsultacje/${c.id}/uwagi`).expect(200)).text;
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { archivedAt: new Date('2026-11-23T10:00:00Z') } });
    const csrf = html(token)('input[name="_csrf"]').first().val() as string;
    await agent.post(`/panel/konsultacje/${c.id}/uwagi`).type('form').send({ _csrf: csrf, ...PAPER }).expect(409);
    await agent.post(`/panel/konsultacje/${c.id}/uwagi/${remark.id}/odpowiedz`).type('form').send({ _csrf: csrf, position: 'ACCEPTED', answer: 'Tak' }).expect(409);
    expect(await ctx.deps.db.remark.count()).toBe(1);
  });
});

describe('answering remarks', () => {
  it('saves the position and its justification, shows them in the list and logs the change', async () => {
    const { c, agent, staff } = await setUp();
    const remark = await createRemark(ctx.deps.db, c.id, { content: 'Więcej zieleni.' });
    const url = `/panel/konsultacje/${c.id}/uwagi/${remark.id}`;
    const page = html((await agent.get(url).expect(200)).text);
    expect(page('input[name="position"]').map((_, i) => page(i).next('label').text()).get()).toEqual(['uwzględniona', 'częściowo uwzględniona', 'nieuwzględniona', 'wyjaśnienie', 'nie dotyczy przedmiotu konsultacji']);
    const res = await submitForm(agent, url, `${url}/odpowiedz`, { position: 'PARTLY_ACCEPTED', answer: 'Dodamy szpaler drzew po stronie północnej.' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.remark.findUniqueOrThrow({ where: { id: remark.id } })).toMatchObject({ position: 'PARTLY_ACCEPTED', answer: 'Dodamy szpaler drzew po stronie północnej.', answeredById: staff.id });
    const list = html((await agent.get(`/panel/konsultacje/${c.id}/uwagi`).expect(200)).text);
    expect(squash(list('tbody tr td').last().text())).toBe('częściowo uwzględniona');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'remark.answer', entityId: String(remark.id), userId: staff.id } })).toBe(1);
  });

  it('requires a position and a justification (422, nothing changed)', async () => {
    const { c, agent } = await setUp();
    const remark = await createRemark(ctx.deps.db, c.id);
    const url = `/panel/konsultacje/${c.id}/uwagi/${remark.id}`;
    const res = await submitForm(agent, url, `${url}/odpowiedz`, { position: 'MAYBE', answer: '  ' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'position')).toContain('Wybierz stanowisko');
    expect(fieldError(res.text, 'answer')).toContain('Wpisz uzasadnienie stanowiska');
    expect((await ctx.deps.db.remark.findUniqueOrThrow({ where: { id: remark.id } })).position).toBeNull();
  });

  it('is 404 for a remark of another consultation and for a malformed id', async () => {
    const { c, agent, department } = await setUp();
    const other = await createConsultation(ctx.deps.db, { departmentId: department.id });
    const remark = await createRemark(ctx.deps.db, other.id);
    await agent.get(`/panel/konsultacje/${c.id}/uwagi/${remark.id}`).expect(404);
    await agent.get(`/panel/konsultacje/${c.id}/uwagi/abc`).expect(404);
  });
});

describe('groups of similar remarks', () => {
  it('groups remarks, answers the whole group at once, and takes one out again', async () => {
    const { c, agent } = await setUp();
    const [a, b, d] = [await createRemark(ctx.deps.db, c.id, { content: 'Parking A' }), await createRemark(ctx.deps.db, c.id, { content: 'Parking B' }), await createRemark(ctx.deps.db, c.id, { content: 'Inne' })];
    const list = `/panel/konsultacje/${c.id}/uwagi`;
    const grouped = await submitForm(agent, list, `${list}/grupy`, { remarkIds: [String(a.id), String(b.id)] as unknown as string, groupTitle: 'Parkingi' });
    expect(grouped.status).toBe(303);
    const page = html((await agent.get(`${list}/${a.id}`).expect(200)).text);
    expect(page('#grupa').text()).toBe('Grupa „Parkingi”');
    expect(page('section[aria-labelledby="grupa"] li')).toHaveLength(2);

    const res = await submitForm(agent, `${list}/${a.id}`, `${list}/${a.id}/odpowiedz`, { position: 'REJECTED', answer: 'Brak miejsca na parking.' });
    expect(res.status).toBe(303);
    const after = html((await agent.get(list).expect(200)).text);
    expect(after('.notice--success').text().trim()).toBe('Odpowiedź została zapisana dla 2 uwag w grupie.');
    const positions = await ctx.deps.db.remark.findMany({ orderBy: { id: 'asc' }, select: { position: true, answer: true } });
    expect(positions).toEqual([
      { position: 'REJECTED', answer: 'Brak miejsca na parking.' },
      { position: 'REJECTED', answer: 'Brak miejsca na parking.' },
      { position: null, answer: '' },
    ]);
    expect(d.groupId).toBeNull();

    await submitForm(agent, `${list}/${a.id}`, `${list}/${a.id}/rozgrupuj`, {});
    // A group of one is dissolved.
    expect(await ctx.deps.db.remarkGroup.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: { in: ['remark.group', 'remark.ungroup'] } } })).toBe(2);
  });

  it('asks for two remarks and a name, and refuses remarks of another consultation', async () => {
    const { c, agent, department } = await setUp();
    const a = await createRemark(ctx.deps.db, c.id);
    const list = `/panel/konsultacje/${c.id}/uwagi`;
    const res = await submitForm(agent, list, `${list}/grupy`, { remarkIds: String(a.id), groupTitle: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'remarkIds')).toContain('Zaznacz co najmniej dwie uwagi');
    expect(fieldError(res.text, 'groupTitle')).toContain('Podaj nazwę grupy');
    const foreign = await createRemark(ctx.deps.db, (await createConsultation(ctx.deps.db, { departmentId: department.id })).id);
    const refused = await submitForm(agent, list, `${list}/grupy`, { remarkIds: [String(a.id), String(foreign.id)] as unknown as string, groupTitle: 'X' });
    expect(refused.status).toBe(404);
    expect(await ctx.deps.db.remarkGroup.count()).toBe(0);
  });
});

describe('who may work with remarks', () => {
  async function agents() {
    const { db } = ctx.deps;
    const base = await setUp();
    const otherDepartment = await createDepartment(db);
    const make = async (data: Parameters<typeof createUser>[1]) => loginAs(ctx.app, (await createUser(db, data)).email);
    return {
      ...base,
      admin: await make({ role: 'ADMIN' }),
      councillor: await make({ role: 'COUNCILLOR' }),
      moderator: await make({ role: 'MODERATOR' }),
      other: await make({ role: 'DEPARTMENT_STAFF', departmentId: otherDepartment.id }),
    };
  }

  it('lets the consultation department and administrators in; others get 403, anonymous visitors the login page', async () => {
    const { c, agent, admin, councillor, moderator, other } = await agents();
    const remark = await createRemark(ctx.deps.db, c.id);
    const pages = [`/panel/konsultacje/${c.id}/uwagi`, `/panel/konsultacje/${c.id}/uwagi/nowa`, `/panel/konsultacje/${c.id}/uwagi/${remark.id}`];
    for (const url of pages) {
      await agent.get(url).expect(200);
      await admin.get(url).expect(200);
      for (const refused of [councillor, moderator, other]) await refused.get(url).expect(403);
      const anonymous = await request(ctx.app).get(url).expect(303);
      expect(anonymous.headers.location).toBe(`/logowanie?next=${encodeURIComponent(url)}`);
    }
  });

  it('refuses every change from a councillor, a moderator, another department and an anonymous resident, and changes nothing', async () => {
    const { c, councillor, moderator, other } = await agents();
    const remark = await createRemark(ctx.deps.db, c.id);
    const second = await createRemark(ctx.deps.db, c.id);
    const posts: [string, Record<string, string | string[]>][] = [
      [`/panel/konsultacje/${c.id}/uwagi`, PAPER],
      [`/panel/konsultacje/${c.id}/uwagi/${remark.id}/odpowiedz`, { position: 'ACCEPTED', answer: 'Tak' }],
      [`/panel/konsultacje/${c.id}/uwagi/grupy`, { remarkIds: [String(remark.id), String(second.id)], groupTitle: 'G' }],
    ];
    const tokenOf = async (a: Agent) => html((await a.get('/panel').expect(200)).text)('input[name="_csrf"]').first().val() as string;
    for (const refused of [councillor, moderator, other]) {
      const token = await tokenOf(refused);
      for (const [url, body] of posts) await refused.post(url).type('form').send({ _csrf: token, ...body }).expect(403);
    }
    const resident = request.agent(ctx.app);
    const residentToken = html((await resident.get(`/konsultacje/${c.slug}/uwagi`).expect(200)).text)('input[name="_csrf"]').val() as string;
    for (const [url, body] of posts) {
      const res = await resident.post(url).type('form').send({ _csrf: residentToken, ...body });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/logowanie');
    }
    expect(await ctx.deps.db.remark.count()).toBe(2);
    expect(await ctx.deps.db.remark.count({ where: { position: { not: null } } })).toBe(0);
    expect(await ctx.deps.db.remarkGroup.count()).toBe(0);
  });

  it('lets an administrator answer a remark of any department', async () => {
    const { c, admin } = await agents();
    const remark = await createRemark(ctx.deps.db, c.id);
    const url = `/panel/konsultacje/${c.id}/uwagi/${remark.id}`;
    expect((await submitForm(admin, url, `${url}/odpowiedz`, { position: 'EXPLANATION', answer: 'Wyjaśniamy.' })).status).toBe(303);
  });
});
