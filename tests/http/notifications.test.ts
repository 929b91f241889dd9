// Residents' e-mail notifications end to end: the sign-up form, the confirmation e-mail read from a
// real SMTP server, the announcement when a consultation is published, the links in every message.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { runAnnouncementSweep, signUp, subscribeAndConfirm, useMailTestApp } from '../helpers/subscriptions.js';
import { createConsultation, createDepartment, createDistrict, createTopic, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { linkTo, rawHeader, waitForIdleQueue } from '../helpers/mail.js';
import { createNews } from '../helpers/news-factories.js';

const { ctx, smtp } = await useMailTestApp();

const NOW = new Date('2026-11-24T10:00:00Z');

async function publishThroughPanel(consultationId: number, departmentId: number) {
  const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId });
  const agent = await loginAs(ctx.app, staff.email);
  const res = await submitForm(agent, `/panel/konsultacje/${consultationId}`, `/panel/konsultacje/${consultationId}/publikacja`, { when: 'teraz' });
  expect(res.status).toBe(303);
}

describe('signing up for e-mail notifications', () => {
  it('shows the form with Polish labels, district and topic choices and a hidden honeypot', async () => {
    await createDistrict(ctx.deps.db, { name: 'Raków' });
    await createTopic(ctx.deps.db, { name: 'Transport' });
    const $ = html((await request(ctx.app).get('/powiadomienia').expect(200)).text);
    expect($('h1').text()).toBe('Powiadomienia e-mail');
    expect($('label[for="email"]').text()).toBe('Adres e-mail');
    expect($('input[name="districtIds"]').next('label').text()).toBe('Raków');
    expect($('input[name="topicIds"]').next('label').text()).toBe('Transport');
    expect($('.notifications-honeypot input[name="strona_www"]').length).toBe(1);
    expect($('footer a[href="/powiadomienia"]').text()).toBe('Powiadomienia e-mail');
  });

  it('sends a confirmation e-mail with a Polish subject, encoded, and an unsubscribe link; nothing else before it is confirmed', async () => {
    const res = await signUp(ctx.app, { email: 'Anna.Nowak@Example.org', zakres: 'wszystkie' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/powiadomienia/sprawdz-poczte');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['anna.nowak@example.org']);
    expect(mail!.parsed.subject).toBe('Potwierdź zapis na powiadomienia – Konsultacje Społeczne Częstochowy');
    // RFC 2047: the raw header is 7-bit, the Polish letters encoded.
    const rawSubject = mail!.raw.split(/\r?\n(?=\S)/).find((line) => line.startsWith('Subject:'))!;
    expect(rawSubject).toMatch(/^Subject: =\?UTF-8\?[QB]\?/);
    expect(rawSubject).not.toMatch(/[^\x20-\x7e\r\n\t]/);
    expect(mail!.parsed.text).toContain('Częstochowa');
    expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail!, 'List-Unsubscribe')).toMatch(/^<https:\/\/konsultacje\.example\.org\/powiadomienia\/wypisz\?t=/);
    expect(linkTo(mail!, '/powiadomienia/potwierdz')).toMatch(/^\/powiadomienia\/potwierdz\?t=[\w-]{43}$/);
    expect(mail!.parsed.html).toContain('Potwierdź zapis');

    // Not confirmed: a consultation published now is not announced to this address.
    const department = await createDepartment(ctx.deps.db);
    await createConsultation(ctx.deps.db, { departmentId: department.id, publishedAt: NOW, startsAt: new Date('2026-12-01T00:00:00Z') });
    smtp.clear();
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(0);
    // Only the address and the choices are stored; the tokens only as hashes.
    const subscriber = await ctx.deps.db.subscriber.findFirstOrThrow({ include: { tokens: true } });
    expect(subscriber).toMatchObject({ email: 'anna.nowak@example.org', newConsultations: 'ALL', confirmedAt: null });
    const token = new URL(linkTo(mail!, '/powiadomienia/potwierdz'), 'http://x').searchParams.get('t')!;
    expect(subscriber.tokens.map((t) => t.tokenHash)).not.toContain(token);
    expect(subscriber.tokens.every((t) => /^[0-9a-f]{64}$/.test(t.tokenHash))).toBe(true);
  });

  it('subscribe → confirm → a consultation in the chosen district is published → exactly one e-mail with its link and a working unsubscribe link', async () => {
    const [rakow, tysiaclecie] = [await createDistrict(ctx.deps.db, { name: 'Raków' }), await createDistrict(ctx.deps.db, { name: 'Tysiąclecie' })];
    await subscribeAndConfirm(ctx.app, smtp, { email: 'mieszkaniec@example.org', zakres: 'wybrane', districtIds: String(rakow.id) });
    expect((await ctx.deps.db.subscriber.findFirstOrThrow()).confirmedAt).toEqual(NOW);

    const department = await createDepartment(ctx.deps.db);
    const inRakow = await createConsultation(ctx.deps.db, { departmentId: department.id, title: 'Stadion przy ul. Limanowskiego', slug: 'stadion-limanowskiego', districtIds: [rakow.id], publishedAt: null });
    const elsewhere = await createConsultation(ctx.deps.db, { departmentId: department.id, districtIds: [tysiaclecie.id], publishedAt: null });
    await publishThroughPanel(inRakow.id, department.id);
    await publishThroughPanel(elsewhere.id, department.id);
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps); // a second sweep finds nothing new

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['mieszkaniec@example.org']);
    expect(mail.parsed.subject).toBe('Nowe konsultacje: Stadion przy ul. Limanowskiego');
    expect(mail.parsed.text).toContain('https://konsultacje.example.org/konsultacje/stadion-limanowskiego');
    expect(mail.parsed.text).toContain('Zasięg: Raków');

    const unsubscribeLink = linkTo(mail, '/powiadomienia/wypisz');
    const page = html((await request(ctx.app).get(unsubscribeLink).expect(200)).text);
    expect(page('h1').text()).toBe('Wypisz się z powiadomień');
    const res = await request(ctx.app).post(page('main form').attr('action')!).type('form').send({});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/powiadomienia/wypisano');
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
    expect(await ctx.deps.db.subscriberToken.count()).toBe(0);
  });

  it('accepts a mail client’s one-click unsubscribe (RFC 8058 POST to the List-Unsubscribe URL, no session, no CSRF token)', async () => {
    const mail = await subscribeAndConfirm(ctx.app, smtp, { email: 'jeden.klik@example.org', zakres: 'wszystkie' });
    const url = new URL(rawHeader(mail, 'List-Unsubscribe')!.slice(1, -1));
    const res = await request(ctx.app).post(url.pathname + url.search).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
  });

  it('announces a consultation whose scheduled publication time arrives, once, to subscribers of its topic', async () => {
    const topic = await createTopic(ctx.deps.db, { name: 'Zieleń' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'zielen@example.org', zakres: 'wybrane', topicIds: String(topic.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'inny-temat@example.org', zakres: 'wybrane', topicIds: String((await createTopic(ctx.deps.db)).id) });
    const scheduled = await createConsultation(ctx.deps.db, { title: 'Park Lisiniec', topicId: topic.id, publishedAt: new Date('2026-11-25T08:00:00Z') });
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(0);
    ctx.clock.set('2026-11-25T08:00:30Z');
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => [m.to[0], m.parsed.subject])).toEqual([['zielen@example.org', 'Nowe konsultacje: Park Lisiniec']]);
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: scheduled.id } })).announcedAt).toEqual(new Date('2026-11-25T08:00:30Z'));
    ctx.clock.set(NOW);
  });

  it('re-renders the form with Polish messages at the fields, keeps the values, and writes nothing', async () => {
    await createDistrict(ctx.deps.db);
    const res = await signUp(ctx.app, { email: 'to nie adres', zakres: 'wybrane' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('title').text()).toMatch(/^Błąd:/);
    expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail w poprawnym formacie');
    expect(fieldError(res.text, 'districtIds')).toContain('Wybierz co najmniej jedną dzielnicę lub temat');
    expect($('#email').val()).toBe('to nie adres');
    expect($('input[name="zakres"][value="wybrane"]').attr('checked')).toBeDefined();
    const missing = await signUp(ctx.app, { email: '' });
    expect(fieldError(missing.text, 'email')).toContain('Podaj adres e-mail');
    expect(fieldError(missing.text, 'zakres')).toContain('Wybierz, o jakich konsultacjach chcesz dostawać powiadomienia');
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
    expect(await ctx.deps.db.mailDelivery.count()).toBe(0);
  });

  it('refuses a district that does not exist at the field', async () => {
    await createDistrict(ctx.deps.db);
    const res = await signUp(ctx.app, { email: 'a@example.org', zakres: 'wybrane', districtIds: '999999' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'districtIds')).toContain('Nieprawidłowa wartość');
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
  });

  it('answers a filled honeypot like a success, and writes and sends nothing', async () => {
    const res = await signUp(ctx.app, { email: 'robot@example.org', zakres: 'wszystkie', strona_www: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/powiadomienia/sprawdz-poczte');
    await waitForIdleQueue(ctx.deps.pool);
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('gives the same answer for an address already subscribed, keeps its choices, and e-mails it a link to them instead', async () => {
    const district = await createDistrict(ctx.deps.db);
    await subscribeAndConfirm(ctx.app, smtp, { email: 'juz@example.org', zakres: 'wybrane', districtIds: String(district.id) });
    const again = await signUp(ctx.app, { email: 'juz@example.org', zakres: 'wszystkie' });
    const fresh = await signUp(ctx.app, { email: 'nowy@example.org', zakres: 'wszystkie' });
    expect([again.status, again.headers.location]).toEqual([fresh.status, fresh.headers.location]);
    const mails = await smtp.waitFor(2);
    const mine = mails.find((m) => m.to[0] === 'juz@example.org')!;
    expect(mine.parsed.subject).toBe('Jesteś już zapisany(-a) na powiadomienia – Konsultacje Społeczne Częstochowy');
    expect(linkTo(mine, '/powiadomienia/ustawienia')).toMatch(/^\/powiadomienia\/ustawienia\?t=/);
    expect(await ctx.deps.db.subscriber.findUniqueOrThrow({ where: { email: 'juz@example.org' } })).toMatchObject({ newConsultations: 'CHOSEN' });
  });

  it('limits sign-ups per IP address with a Polish message, and per address silently', async () => {
    for (let i = 0; i < 10; i++) expect((await signUp(ctx.app, { email: `osoba${i}@example.org`, zakres: 'wszystkie' })).status).toBe(303);
    const refused = await signUp(ctx.app, { email: 'jedenasta@example.org', zakres: 'wszystkie' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(fieldError(refused.text, 'email')).toMatch(/zbyt wiele razy\. Spróbuj ponownie za \d+ min\./);
    expect(await ctx.deps.db.subscriber.findUnique({ where: { email: 'jedenasta@example.org' } })).toBeNull();
    await ctx.deps.pool.query(`DELETE FROM rate_limit WHERE key LIKE 'subscribe_ip%'`);
    for (let i = 0; i < 5; i++) expect((await signUp(ctx.app, { email: 'ta.sama@example.org', zakres: 'wszystkie' })).status).toBe(303);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received.filter((m) => m.to[0] === 'ta.sama@example.org')).toHaveLength(3);
  });
});

describe('confirmation links', () => {
  it('refuse politely when reused, and when expired', async () => {
    await signUp(ctx.app, { email: 'raz@example.org', zakres: 'wszystkie' });
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, '/powiadomienia/potwierdz');
    const t = new URL(link, 'http://x').searchParams.get('t');
    await request(ctx.app).post('/powiadomienia/potwierdz').type('form').send({ t }).expect(303);
    const reused = await request(ctx.app).post('/powiadomienia/potwierdz').type('form').send({ t });
    expect(reused.status).toBe(410);
    expect(html(reused.text)('h1').text()).toBe('Ten link jest już nieaktualny');
    expect(html(reused.text)('main a[href="/powiadomienia"]').text()).toBe('Zapisz się na powiadomienia');
    expect((await request(ctx.app).get(link)).status).toBe(410);

    smtp.clear();
    await signUp(ctx.app, { email: 'pozno@example.org', zakres: 'wszystkie' });
    const [late] = await smtp.waitFor(1);
    const lateLink = linkTo(late!, '/powiadomienia/potwierdz');
    ctx.clock.set('2026-12-01T10:00:01Z'); // 7 days and a second later
    expect((await request(ctx.app).get(lateLink)).status).toBe(410);
    const expired = await request(ctx.app).post('/powiadomienia/potwierdz').type('form').send({ t: new URL(lateLink, 'http://x').searchParams.get('t') });
    expect(expired.status).toBe(410);
    expect(html(expired.text)('.lead').text()).toContain('Link wygasł albo został już użyty');
    expect((await ctx.deps.db.subscriber.findUniqueOrThrow({ where: { email: 'pozno@example.org' } })).confirmedAt).toBeNull();
    ctx.clock.set(NOW);
  });

  it('treat a malformed or unknown token as no longer working', async () => {
    for (const t of ['', 'x', 'a'.repeat(43)]) expect((await request(ctx.app).get(`/powiadomienia/potwierdz?t=${t}`)).status).toBe(410);
    expect((await request(ctx.app).get('/powiadomienia/ustawienia?t=abc')).status).toBe(410);
  });

  it('follow a consultation once confirmed when the sign-up came with its id', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Aleja NMP' });
    const form = html((await request(ctx.app).get(`/powiadomienia?konsultacja=${consultation.id}`).expect(200)).text);
    expect(form('.lead').text()).toContain('„Aleja NMP”');
    await subscribeAndConfirm(ctx.app, smtp, { email: 'obserwator@example.org', consultationId: String(consultation.id) });
    const subscriber = await ctx.deps.db.subscriber.findFirstOrThrow({ include: { consultations: true } });
    expect(subscriber).toMatchObject({ newConsultations: 'NONE', consultations: [{ consultationId: consultation.id }] });
  });
});

describe('followers of a consultation', () => {
  it('follow from the consultation page and hear once when its report is published; others stay quiet', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Park Lisiniec', slug: 'park-lisiniec', startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-11-01T00:00:00Z') });
    const page = html((await request(ctx.app).get('/konsultacje/park-lisiniec').expect(200)).text);
    const follow = page('a:contains("Powiadamiaj mnie e-mailem o spotkaniach, zmianach i raporcie")').attr('href');
    expect(follow).toBe(`/powiadomienia?konsultacja=${consultation.id}`);
    const form = html((await request(ctx.app).get(follow!).expect(200)).text);
    expect(form('.lead').text()).toContain('„Park Lisiniec” zaplanujemy spotkanie, gdy zostanie odwołana lub przełożona i gdy opublikujemy raport');
    await subscribeAndConfirm(ctx.app, smtp, { email: 'raport@example.org', consultationId: String(consultation.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'wszystko@example.org', zakres: 'wszystkie' });
    const other = await createConsultation(ctx.deps.db, { title: 'Inna' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'inna@example.org', consultationId: String(other.id) });
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(0);

    // The department publishes the report in the panel (the report feature).
    await ctx.deps.db.consultationReport.create({ data: { consultationId: consultation.id, decisionMd: 'Park zostanie zmodernizowany.' } });
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
    const agent = await loginAs(ctx.app, staff.email);
    const published = await submitForm(agent, `/panel/konsultacje/${consultation.id}/raport`, `/panel/konsultacje/${consultation.id}/raport/publikacja`, {});
    expect(published.status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => [m.to[0], m.parsed.subject])).toEqual([['raport@example.org', 'Raport z konsultacji: Park Lisiniec']]);
    const mail = smtp.received[0]!;
    expect(mail.parsed.text).toContain('Przeczytaj raport: https://konsultacje.example.org/konsultacje/park-lisiniec/raport');
    await request(ctx.app).get(linkTo(mail, '/konsultacje/park-lisiniec/raport')).expect(200);
    expect(rawHeader(mail, 'List-Unsubscribe')).toMatch(/^<https:\/\/konsultacje\.example\.org\/powiadomienia\/wypisz\?t=/);
  });

  it('hear once about a meeting added through the panel; other subscribers and past meetings stay quiet', async () => {
    const department = await createDepartment(ctx.deps.db);
    const consultation = await createConsultation(ctx.deps.db, { departmentId: department.id, title: 'Promenada Niemena', slug: 'promenada-niemena' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'obserwuje@example.org', consultationId: String(consultation.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'nie-obserwuje@example.org', zakres: 'wszystkie' });
    await runAnnouncementSweep(ctx.deps); // the consultation was public before: nothing to announce
    expect(smtp.received).toHaveLength(0);

    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    const meetingForm = `/panel/konsultacje/${consultation.id}/spotkania/nowe`;
    const added = await submitForm(agent, meetingForm, `/panel/konsultacje/${consultation.id}/spotkania`, { title: 'Spotkanie z mieszkańcami', date: '2026-12-03', startTime: '17:00', place: 'Sala sesyjna, ul. Śląska 11/13' });
    expect(added.status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['obserwuje@example.org']);
    expect(mail.parsed.subject).toBe('Nowe spotkanie: Promenada Niemena');
    expect(mail.parsed.text).toContain('Kiedy: 3 grudnia 2026, godz. 17:00');
    expect(mail.parsed.text).toContain('Gdzie: Sala sesyjna, ul. Śląska 11/13');
    expect(mail.parsed.text).toContain('https://konsultacje.example.org/konsultacje/promenada-niemena');
    expect(linkTo(mail, '/powiadomienia/wypisz')).toMatch(/t=/);
  });
});

describe('followers of a consultation, when it is postponed or cancelled', () => {
  it('hear once about each change made in the panel, with the city’s explanation; a return to normal and other subscribers stay quiet', async () => {
    const department = await createDepartment(ctx.deps.db);
    const consultation = await createConsultation(ctx.deps.db, { departmentId: department.id, title: 'Aleja NMP', slug: 'aleja-nmp' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'obserwator@example.org', consultationId: String(consultation.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'wszystkie@example.org', zakres: 'wszystkie' });
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    const setState = (fields: Record<string, string>) => submitForm(agent, `/panel/konsultacje/${consultation.id}`, `/panel/konsultacje/${consultation.id}/stan`, fields);

    expect((await setState({ state: 'POSTPONED', stateNote: 'Czekamy na decyzję Rady Miasta.' })).status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => [m.to[0], m.parsed.subject])).toEqual([['obserwator@example.org', 'Konsultacje przełożone: Aleja NMP']]);
    expect(smtp.received[0]!.parsed.text).toContain('Wyjaśnienie urzędu: Czekamy na decyzję Rady Miasta.');
    expect(smtp.received[0]!.parsed.text).toContain('https://konsultacje.example.org/konsultacje/aleja-nmp');
    expect(linkTo(smtp.received[0]!, '/powiadomienia/wypisz')).toMatch(/t=/);

    smtp.clear();
    expect((await setState({ state: 'ACTIVE', stateNote: '' })).status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(0);

    ctx.clock.set('2026-11-24T10:05:00Z');
    expect((await setState({ state: 'CANCELLED', stateNote: 'Inwestycja nie będzie realizowana.' })).status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => [m.to[0], m.parsed.subject])).toEqual([['obserwator@example.org', 'Konsultacje odwołane: Aleja NMP']]);
    ctx.clock.set(NOW);
  });
});

describe('the settings page reached from a message', () => {
  it('shows the choices and saves new ones', async () => {
    const [a, b] = [await createDistrict(ctx.deps.db, { name: 'Błeszno' }), await createDistrict(ctx.deps.db, { name: 'Dźbów' })];
    const mail = await subscribeAndConfirm(ctx.app, smtp, { email: 'zmiana@example.org', zakres: 'wybrane', districtIds: String(a.id) });
    const link = linkTo(mail, '/powiadomienia/ustawienia');
    const $ = html((await request(ctx.app).get(link).expect(200)).text);
    expect($('.lead').text()).toBe('Powiadomienia dla adresu zmiana@example.org.');
    expect($(`input[name="districtIds"][value="${a.id}"]`).attr('checked')).toBeDefined();
    const t = $('input[name="t"]').val() as string;
    const bad = await request(ctx.app).post('/powiadomienia/ustawienia').type('form').send({ t, zakres: 'wybrane' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'districtIds')).toContain('Wybierz co najmniej jedną dzielnicę lub temat');
    const saved = await request(ctx.app).post('/powiadomienia/ustawienia').type('form').send({ t, zakres: 'wybrane', districtIds: [String(b.id)] });
    expect(saved.status).toBe(303);
    const subscriber = await ctx.deps.db.subscriber.findFirstOrThrow({ include: { districts: true } });
    expect(subscriber.districts.map((d) => d.districtId)).toEqual([b.id]);
  });
});

describe('every message to a resident', () => {
  it('has a plain-text and an HTML part, names the city, and carries working settings and unsubscribe links and the List-Unsubscribe headers', async () => {
    const district = await createDistrict(ctx.deps.db, { name: 'Raków' });
    const followed = await createConsultation(ctx.deps.db, { title: 'Obserwowana', endsAt: new Date('2026-11-20T00:00:00Z') });
    const confirm = await subscribeAndConfirm(ctx.app, smtp, { email: 'kazda@example.org', zakres: 'wszystkie', newsDistrictIds: String(district.id), consultationId: String(followed.id) });
    await signUp(ctx.app, { email: 'kazda@example.org', zakres: 'wszystkie' });
    const [already] = await smtp.waitFor(1);
    smtp.clear();
    await createConsultation(ctx.deps.db, { title: 'Nowa', publishedAt: NOW });
    await ctx.deps.db.meeting.create({ data: { consultationId: followed.id, title: 'Spotkanie', startsAt: new Date('2026-12-02T17:00:00Z'), place: 'Ratusz' } });
    await createNews(ctx.deps.db, { title: 'Wieści z Rakowa', districtId: district.id, publishedAt: NOW });
    await ctx.deps.db.consultation.update({ where: { id: followed.id }, data: { reportPublishedAt: NOW } });
    await runAnnouncementSweep(ctx.deps);

    const mails = [confirm, already!, ...smtp.received];
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual([
      'Aktualności: Wieści z Rakowa',
      'Jesteś już zapisany(-a) na powiadomienia – Konsultacje Społeczne Częstochowy',
      'Nowe konsultacje: Nowa',
      'Nowe spotkanie: Obserwowana',
      'Potwierdź zapis na powiadomienia – Konsultacje Społeczne Częstochowy',
      'Raport z konsultacji: Obserwowana',
    ]);
    for (const mail of mails) {
      const what = mail.parsed.subject;
      expect(mail.parsed.text, what).toContain('Częstochowa');
      expect(mail.parsed.html, what).toContain('Urząd Miasta Częstochowy');
      const unsubscribe = linkTo(mail, '/powiadomienia/wypisz');
      expect(rawHeader(mail, 'List-Unsubscribe'), what).toBe(`<https://konsultacje.example.org${unsubscribe}>`);
      expect(rawHeader(mail, 'List-Unsubscribe-Post'), what).toBe('List-Unsubscribe=One-Click');
      expect(mail.parsed.html, what).toContain(`href="https://konsultacje.example.org${unsubscribe.replace(/&/g, '&amp;')}"`);
      // Each link opens its page (with the button) while the subscription exists.
      await request(ctx.app).get(unsubscribe).expect(200);
      await request(ctx.app).get(linkTo(mail, '/powiadomienia/ustawienia')).expect(200);
    }
    // Any one of them unsubscribes; then every other link says it no longer works.
    await request(ctx.app).post(linkTo(mails[3]!, '/powiadomienia/wypisz')).type('form').send({}).expect(303);
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
    await request(ctx.app).get(linkTo(mails[0]!, '/powiadomienia/wypisz')).expect(410);
  });
});
