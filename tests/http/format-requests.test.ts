// "Poproś o dokument w innym formacie": the link next to every public document, the form (validation,
// honeypot, rate limit), the request stored for the owning staff, e-mails through a real SMTP server,
// and the panel list with its permissions.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { MAX_REQUESTS_PER_IP_PER_HOUR } from '../../src/features/format-requests/format-requests.handlers.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { clearJobs, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';
import { createNews } from '../helpers/news-factories.js';

const smtp = await startTestSmtp();
const ctx = useTestApp({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org' }, { jobOptions: TEST_JOB_OPTIONS });

beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-24T10:00:00Z');
  await clearJobs(ctx.deps.pool);
  smtp.clear();
});
// The panel tests queue e-mails without waiting for them: they go out before the SMTP server stops
// and the app's pool closes, or pg-boss would record the failure on a closed pool after the file ends.
afterAll(async () => {
  await waitForIdleQueue(ctx.deps.pool);
  await smtp.stop();
});

let stored = 0;
function addDocument(db: Db, owner: { consultationId?: number; newsId?: number }, data: { title?: string; kind?: 'DOCUMENT' | 'IMAGE' } = {}) {
  stored += 1;
  return db.attachment.create({
    data: { kind: data.kind ?? 'DOCUMENT', ...owner, altText: data.kind === 'IMAGE' ? 'Zdjęcie terenu' : '', originalName: 'projekt-planu.pdf', storedName: `test-${stored}-${Date.now()}.pdf`, mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 123_456, title: data.title ?? 'Projekt planu – tekst' },
  });
}

async function consultationWithDocument() {
  const department = await createDepartment(ctx.deps.db);
  const consultation = await createConsultation(ctx.deps.db, { departmentId: department.id, slug: 'plan-mirow', title: 'Plan miejscowy – Mirów' });
  const doc = await addDocument(ctx.deps.db, { consultationId: consultation.id });
  return { department, consultation, doc };
}

const VALID = { format: 'LARGE_PRINT', contact: 'email', email: 'Jan.Kowalski@Example.org', name: 'Jan Kowalski', notes: 'Czcionka co najmniej 18 pt.', rodo: 'tak' };

async function send(docId: number, fields: Record<string, string>, agent = request.agent(ctx.app)) {
  const path = `/dokumenty/${docId}/inny-format`;
  const token = await csrfToken(agent, path);
  return agent.post(path).type('form').send({ _csrf: token, ...fields });
}

describe('asking for a document in another format', () => {
  it('links the form from next to each document, and the form names the document and the 7-day deadline', async () => {
    const { doc } = await consultationWithDocument();
    const page = html((await request(ctx.app).get('/konsultacje/plan-mirow').expect(200)).text);
    const link = page('.document__request a');
    expect(link.attr('href')).toBe(`/dokumenty/${doc.id}/inny-format`);
    expect(link.text()).toBe('Poproś o dokument w innym formacie: Projekt planu – tekst');
    const $ = html((await request(ctx.app).get(`/dokumenty/${doc.id}/inny-format`).expect(200)).text);
    expect($('h1').text()).toBe('Poproś o dokument w innym formacie');
    expect($('main').text()).toContain('Projekt planu – tekst');
    expect($('main').text()).toContain('nie później niż w ciągu 7 dni');
    expect($('main').text()).toContain('2 miesięcy');
    expect($('input[name=format]').map((_, el) => $(el).attr('value')).get()).toEqual(['LARGE_PRINT', 'AUDIO', 'EASY_TO_READ', 'ACCESSIBLE_PDF', 'ACCESSIBLE_DOCX', 'OTHER']);
  });

  it('stores the request for the owning department, acknowledges it to the resident and tells each of the department’s staff, once', async () => {
    const { department, doc } = await consultationWithDocument();
    const staff = await Promise.all([createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mpu1@example.org' }), createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mpu2@example.org' })]);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', email: 'inny-wydzial@example.org' });
    await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });

    const res = await send(doc.id, VALID);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/dokumenty/${doc.id}/inny-format/wyslano?email=1`);
    const sent = html((await request(ctx.app).get(res.headers.location!).expect(200)).text);
    expect(sent('h1').text()).toBe('Prośba wysłana');
    expect(sent('main').text()).toContain('wysłaliśmy potwierdzenie');

    const row = await ctx.deps.db.formatRequest.findFirstOrThrow();
    expect(row).toMatchObject({ attachmentId: doc.id, documentName: 'Projekt planu – tekst', format: 'LARGE_PRINT', email: 'jan.kowalski@example.org', postalAddress: null, departmentId: department.id, districtId: null, handledAt: null });
    expect(row.dueAt.toISOString()).toBe('2026-12-01T10:00:00.000Z');

    const mails = await smtp.waitFor(3);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(3);
    const ack = mails.find((m) => m.to[0] === 'jan.kowalski@example.org')!;
    expect(ack.parsed.subject).toBe('Otrzymaliśmy Twoją prośbę o dokument w innym formacie');
    expect(ack.parsed.text).toContain('„Projekt planu – tekst” w formie: Duży druk');
    expect(ack.parsed.text).toContain('nie później niż w ciągu 7 dni');
    const toStaff = mails.filter((m) => m.to[0] !== 'jan.kowalski@example.org');
    expect(toStaff.map((m) => m.to[0]).sort()).toEqual(staff.map((s) => s.email).sort());
    expect(toStaff[0]!.parsed.subject).toBe('Prośba o dokument w innym formacie: Projekt planu – tekst');
    expect(toStaff[0]!.parsed.text).toContain('Termin odpowiedzi: 1 grudnia 2026');
    expect(toStaff[0]!.parsed.text).toContain('Czcionka co najmniej 18 pt.');
    expect(toStaff[0]!.parsed.text).toContain('https://konsultacje.example.org/panel/prosby-o-format');
  });

  it('takes a postal address instead of e-mail, and then sends only the staff notice', async () => {
    const { department, doc } = await consultationWithDocument();
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mpu@example.org' });
    const res = await send(doc.id, { format: 'OTHER', otherFormat: 'Alfabet Braille’a', contact: 'poczta', email: 'ignored@example.org', postalAddress: 'Jan Kowalski\nul. Śląska 1\n42-200 Częstochowa', rodo: 'tak' });
    expect(res.headers.location).toBe(`/dokumenty/${doc.id}/inny-format/wyslano`);
    const row = await ctx.deps.db.formatRequest.findFirstOrThrow();
    expect(row).toMatchObject({ format: 'OTHER', otherFormat: 'Alfabet Braille’a', email: null, postalAddress: 'Jan Kowalski\nul. Śląska 1\n42-200 Częstochowa' });
    const [mail] = await smtp.waitFor(1);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(1);
    expect(mail!.to).toEqual(['mpu@example.org']);
    expect(mail!.parsed.text).toContain('w formie: Alfabet Braille’a');
    expect(mail!.parsed.text).toContain('ul. Śląska 1');
  });

  it('sends a request about a district’s news to that district’s councillors', async () => {
    const district = await createDistrict(ctx.deps.db);
    const news = await createNews(ctx.deps.db, { districtId: district.id, publishedAt: new Date('2026-11-20T10:00:00Z') });
    const doc = await addDocument(ctx.deps.db, { newsId: news.id });
    await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: district.id, email: 'radny@example.org' });
    await createUser(ctx.deps.db, { role: 'COUNCILLOR', email: 'radny-gdzie-indziej@example.org' });
    expect((await send(doc.id, { ...VALID, format: 'AUDIO', contact: 'poczta', postalAddress: 'ul. Polna 2, 42-200 Częstochowa' })).status).toBe(303);
    expect((await ctx.deps.db.formatRequest.findFirstOrThrow()).districtId).toBe(district.id);
    const [mail] = await smtp.waitFor(1);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['radny@example.org']);
    expect(mail!.parsed.text).toContain('Nagranie audio');
  });

  it('refuses an incomplete form with messages at the fields (422), storing and sending nothing', async () => {
    const { doc } = await consultationWithDocument();
    let res = await send(doc.id, { contact: 'email', email: 'jan@example.org', rodo: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'format')).toContain('Wybierz formę dokumentu');
    expect(fieldError(res.text, 'rodo')).toContain('Potwierdź');
    res = await send(doc.id, { ...VALID, email: 'nie-adres' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toContain('adres e-mail');
    res = await send(doc.id, { ...VALID, format: 'OTHER', otherFormat: ' ' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'otherFormat')).toContain('Napisz, w jakiej formie');
    res = await send(doc.id, { ...VALID, contact: 'poczta', postalAddress: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'postalAddress')).toContain('Podaj adres pocztowy');
    expect(html(res.text)('#name').val()).toBe('Jan Kowalski');
    expect(await ctx.deps.db.formatRequest.count()).toBe(0);
    expect(await ctx.deps.db.mailDelivery.count()).toBe(0);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const { doc } = await consultationWithDocument();
    const res = await send(doc.id, { ...VALID, strona_www: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.formatRequest.count()).toBe(0);
    expect(await ctx.deps.db.mailDelivery.count()).toBe(0);
  });

  it(`takes at most ${MAX_REQUESTS_PER_IP_PER_HOUR} requests an hour from one address, then says when to try again (429)`, async () => {
    const { doc } = await consultationWithDocument();
    const agent = request.agent(ctx.app);
    for (let i = 0; i < MAX_REQUESTS_PER_IP_PER_HOUR; i++) expect((await send(doc.id, { ...VALID, contact: 'poczta', postalAddress: 'ul. Polna 2' }, agent)).status).toBe(303);
    const res = await send(doc.id, { ...VALID, contact: 'poczta', postalAddress: 'ul. Polna 2' }, agent);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(fieldError(res.text, 'format')).toMatch(/Spróbuj ponownie za \d+ min/);
    expect(await ctx.deps.db.formatRequest.count()).toBe(MAX_REQUESTS_PER_IP_PER_HOUR);
  });

  it('is 404 for a draft’s document, a photo and an unknown id', async () => {
    const draft = await createConsultation(ctx.deps.db, { publishedAt: null });
    const hidden = await addDocument(ctx.deps.db, { consultationId: draft.id });
    const { consultation, doc } = await consultationWithDocument();
    const photo = await addDocument(ctx.deps.db, { consultationId: consultation.id }, { kind: 'IMAGE' });
    for (const id of [hidden.id, photo.id, 999_999]) {
      await request(ctx.app).get(`/dokumenty/${id}/inny-format`).expect(404);
    }
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, `/dokumenty/${doc.id}/inny-format`);
    expect((await agent.post(`/dokumenty/${hidden.id}/inny-format`).type('form').send({ _csrf: token, ...VALID })).status).toBe(404);
    expect(await ctx.deps.db.formatRequest.count()).toBe(0);
  });
});

describe('requests in the panel', () => {
  async function twoRequests() {
    const a = await consultationWithDocument();
    const other = await createDepartment(ctx.deps.db);
    const c2 = await createConsultation(ctx.deps.db, { departmentId: other.id, slug: 'inna' });
    const d2 = await addDocument(ctx.deps.db, { consultationId: c2.id }, { title: 'Dokument innego wydziału' });
    await send(a.doc.id, VALID);
    await send(d2.id, { ...VALID, email: 'ewa@example.org' });
    return { department: a.department, other };
  }

  it('shows the department’s staff their requests only, and lets them mark one handled (audit-logged)', async () => {
    const { department } = await twoRequests();
    const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, user.email);
    const $ = html((await agent.get('/panel/prosby-o-format').expect(200)).text);
    expect($('.request__title').map((_, el) => $(el).text()).get()).toEqual(['Projekt planu – tekst']);
    expect($('main').text()).toContain('jan.kowalski@example.org');
    const action = $('.request form').attr('action')!;
    const res = await submitForm(agent, '/panel/prosby-o-format', action, {});
    expect(res.status).toBe(303);
    const row = await ctx.deps.db.formatRequest.findFirstOrThrow({ where: { departmentId: department.id } });
    expect(row.handledById).toBe(user.id);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'formatRequest.handled', userId: user.id } })).toBe(1);
    expect((await submitForm(agent, '/panel/prosby-o-format', action, {})).status).toBe(409);
  });

  it('lets an administrator see every request', async () => {
    await twoRequests();
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const $ = html((await (await loginAs(ctx.app, admin.email)).get('/panel/prosby-o-format').expect(200)).text);
    expect($('.request')).toHaveLength(2);
  });

  it('does not let another department’s staff mark a request handled (403), nor a moderator see the list', async () => {
    const { other, department } = await twoRequests();
    const stranger = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: other.id });
    const agent = await loginAs(ctx.app, stranger.email);
    const mine = await ctx.deps.db.formatRequest.findFirstOrThrow({ where: { departmentId: department.id } });
    expect((await submitForm(agent, '/panel/prosby-o-format', `/panel/prosby-o-format/${mine.id}/zalatwiona`, {})).status).toBe(403);
    expect((await ctx.deps.db.formatRequest.findUniqueOrThrow({ where: { id: mine.id } })).handledAt).toBeNull();
    for (const role of ['MODERATOR'] as Role[]) {
      const u = await createUser(ctx.deps.db, { role });
      expect((await (await loginAs(ctx.app, u.email)).get('/panel/prosby-o-format')).status).toBe(403);
    }
    const anonymous = await request(ctx.app).get('/panel/prosby-o-format');
    expect(anonymous.status).toBe(303);
  });
});
