// Mass assignment through residents' forms: fields the form does not offer (the staff's answer and
// position, the channel, the status, "official", another consultation, an author account) are
// ignored; what is stored is what a resident may set. Staff forms: panel-consultations.test.ts
// (department, publication, state), staff-accounts.test.ts (role), panel-surveys / panel-investments
// (department).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { csrfToken } from '../helpers/http.js';

const ctx = useTestApp();

async function post(path: string, fields: Record<string, string>) {
  const agent = request.agent(ctx.app);
  const token = await csrfToken(agent, '/powiadomienia');
  return agent.post(path).type('form').send({ _csrf: token, ...fields });
}

describe('fields a resident may not set', () => {
  it('a remark keeps no staff answer, position, channel, date, reference or other consultation sent with it', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const other = await createConsultation(ctx.deps.db, { slug: 'inna' });
    const res = await post('/konsultacje/aleja/uwagi', {
      part: '§ 1', content: 'Proszę o warsztaty.', authorKind: 'osoba', name: 'Zofia Testowa', email: '', resident: 'tak', rodo: 'tak',
      // Not on the form:
      position: 'ACCEPTED', answer: 'Przyjęto w całości.', answeredAt: '2026-11-20T10:00:00Z', channel: 'PAPER', late: 'true',
      reference: 'U/2026/999999', receivedAt: '2020-01-01T00:00:00Z', consultationId: String(other.id), groupId: '1', draftId: '1', userId: '1',
    });
    expect(res.status).toBe(303);
    const stored = await ctx.deps.db.remark.findFirstOrThrow();
    expect(stored).toMatchObject({ consultationId: c.id, position: null, answer: '', answeredAt: null, channel: 'ONLINE', late: false, reference: 'U/2026/000001' });
    expect(stored.receivedAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(await ctx.deps.db.remark.count({ where: { consultationId: other.id } })).toBe(0);
  });

  it('a comment is not published, official or tied to a staff account by fields sent with it', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const staff = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const res = await post('/konsultacje/aleja/dyskusja', {
      name: 'Anna Nowak', email: 'anna.nowak@example.net', body: 'Więcej ławek.', rodo: 'tak',
      // Not on the form:
      status: 'PUBLISHED', official: 'true', userId: String(staff.id), publishedAt: '2026-11-20T10:00:00Z', consultationId: '999', authorName: 'Urząd Miasta',
    });
    expect(res.status).toBe(303);
    const stored = await ctx.deps.db.comment.findFirstOrThrow();
    expect(stored).toMatchObject({ consultationId: c.id, status: 'UNCONFIRMED', official: false, userId: null, publishedAt: null, authorName: 'Anna N.' });
  });
});
