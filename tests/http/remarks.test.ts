// The public remarks form: what a resident sees, every kind of bad input (422 at the field, nothing
// stored), closed and unpublished consultations, the honeypot, the rate limit and CSRF.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html } from '../helpers/http.js';
import { createDraft } from '../helpers/remark-factories.js';

const ctx = useTestApp();
beforeEach(() => ctx.clock.set('2026-11-24T10:00:00Z'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const VALID = {
  part: '§ 2 ust. 1',
  content: 'Proszę dodać warsztaty jako formę konsultacji.',
  proposal: '3) warsztatów,',
  justification: 'Warsztaty pozwalają wypracować rozwiązania razem.',
  authorKind: 'osoba',
  name: 'Zofia Testowa',
  email: '',
  resident: 'tak',
  rodo: 'tak',
};

async function submit(slug: string, fields: Record<string, string>) {
  const agent = request.agent(ctx.app);
  const token = await csrfToken(agent, `/konsultacje/${slug}/uwagi`);
  const res = await agent.post(`/konsultacje/${slug}/uwagi`).type('form').send({ _csrf: token, ...fields });
  return { res, agent };
}

const remarkCount = () => ctx.deps.db.remark.count();

describe('the remarks form', () => {
  it('shows the fields with Polish labels, the RODO notice with the privacy policy link, and a hidden honeypot', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja', title: 'III Aleja' });
    const $ = html((await request(ctx.app).get('/konsultacje/aleja/uwagi').expect(200)).text);
    expect($('h1').text()).toBe('Zgłoś uwagę');
    expect($('label[for="part"]').text()).toBe('Część dokumentu, której dotyczy uwaga');
    expect($('label[for="content"]').text()).toBe('Treść uwagi');
    expect($('label[for="proposal"]').text()).toBe('Proponowane brzmienie (nieobowiązkowe)');
    expect($('label[for="justification"]').text()).toBe('Uzasadnienie (nieobowiązkowe)');
    expect($('input[name="authorKind"]').map((_, i) => $(i).next('label').text()).get()).toEqual(['jako osoba prywatna', 'w imieniu instytucji, organizacji lub rady dzielnicy']);
    expect($('label[for="resident"]').text()).toBe('Oświadczam, że jestem mieszkańcem/mieszkanką Częstochowy');
    expect($('label[for="rodo"]').text()).toBe('Zapoznałem/am się z klauzulą informacyjną');
    expect($('a[href="/polityka-prywatnosci"]').first().text()).toBe('Pełna klauzula informacyjna w polityce prywatności');
    expect($('.notifications-honeypot input[name="strona_www"]')).toHaveLength(1);
    expect($('select[name="fragment"]')).toHaveLength(0);
  });

  it('links to the form from the consultation page while it is open', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const $ = html((await request(ctx.app).get('/konsultacje/aleja').expect(200)).text);
    const section = $('section[aria-labelledby="uwagi"]');
    expect(section.find('a.button').attr('href')).toBe('/konsultacje/aleja/uwagi');
    expect(squash(section.find('p').first().text())).toBe('Masz uwagi do projektu? Zgłoś je przez formularz do 5 grudnia 2026.');
  });

  it('accepts a remark, gives its reference number on the consultation page and stores it as an online remark', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const { res, agent } = await submit('aleja', VALID);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konsultacje/aleja#uwagi');
    const page = html((await agent.get('/konsultacje/aleja').expect(200)).text);
    expect(page('.notice--success').text().trim()).toBe('Dziękujemy. Twoja uwaga została przyjęta i ma numer U/2026/000001.');
    const stored = await ctx.deps.db.remark.findFirstOrThrow();
    expect(stored).toMatchObject({
      consultationId: c.id,
      reference: 'U/2026/000001',
      channel: 'ONLINE',
      late: false,
      part: '§ 2 ust. 1',
      content: VALID.content,
      proposal: VALID.proposal,
      justification: VALID.justification,
      authorKind: 'PERSON',
      authorName: 'Zofia Testowa',
      email: null,
      residentDeclared: true,
      position: null,
    });
    expect(stored.receivedAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('accepts a remark on behalf of an institution without the residency declaration', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const { res } = await submit('aleja', { ...VALID, authorKind: 'instytucja', institution: 'Rada Dzielnicy Tysiąclecie', name: '', resident: '' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.remark.findFirstOrThrow()).toMatchObject({ authorKind: 'INSTITUTION', authorName: 'Rada Dzielnicy Tysiąclecie', residentDeclared: false });
  });

  const BAD: [string, Record<string, string>, string, string][] = [
    ['the content is blank', { content: '   ' }, 'content', 'Wpisz treść uwagi'],
    ['the content is longer than 5000 characters', { content: 'a'.repeat(5001) }, 'content', 'Tekst jest za długi (najwięcej 5000 znaków)'],
    ['the proposed wording is too long', { proposal: 'b'.repeat(5001) }, 'proposal', 'Tekst jest za długi (najwięcej 5000 znaków)'],
    ['the justification is too long', { justification: 'c'.repeat(5001) }, 'justification', 'Tekst jest za długi (najwięcej 5000 znaków)'],
    ['no part of the document is named', { part: '' }, 'part', 'Napisz, której części dokumentu dotyczy uwaga'],
    ['the part is longer than 300 characters', { part: 'x'.repeat(301) }, 'part', 'Tekst jest za długi (najwięcej 300 znaków)'],
    ['an institution is not named', { authorKind: 'instytucja', institution: '' }, 'institution', 'Podaj nazwę instytucji lub organizacji'],
    ['who submits is not chosen', { authorKind: '' }, 'authorKind', 'Wybierz, czy zgłaszasz uwagę jako osoba prywatna, czy w imieniu instytucji'],
    ['who submits is a made-up value', { authorKind: 'firma' }, 'authorKind', 'Wybierz, czy zgłaszasz uwagę jako osoba prywatna, czy w imieniu instytucji'],
    ['a private person does not declare residency', { resident: '' }, 'resident', 'Potwierdź, że jesteś mieszkańcem lub mieszkanką Częstochowy'],
    ['the RODO notice is not confirmed', { rodo: '' }, 'rodo', 'Potwierdź, że zapoznałeś/aś się z klauzulą informacyjną'],
    ['the e-mail address is malformed', { email: 'anna@@example' }, 'email', 'Podaj adres e-mail w poprawnym formacie'],
    ['the name is longer than 200 characters', { name: 'N'.repeat(201) }, 'name', 'Tekst jest za długi (najwięcej 200 znaków)'],
    ['a fragment is named but the consultation has no draft', { fragment: 'par-1' }, 'part', 'Nieprawidłowa wartość'],
  ];
  for (const [when, fields, field, message] of BAD) {
    it(`re-renders the form with "${message}" at the field when ${when}, keeping the text and storing nothing`, async () => {
      await createConsultation(ctx.deps.db, { slug: 'aleja' });
      const { res } = await submit('aleja', { ...VALID, ...fields });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, field)).toContain(message);
      const $ = html(res.text);
      expect($('.error-summary a').first().attr('href')).toBe(`#${field}`);
      if (field !== 'content') expect($('#content').text()).toBe(VALID.content);
      expect(await remarkCount()).toBe(0);
    });
  }

  it('refuses an empty body with a message at every required field', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const { res } = await submit('aleja', {});
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('.error-summary a').map((_, a) => $(a).attr('href')).get()).toEqual(expect.arrayContaining(['#content', '#authorKind', '#rodo']));
    expect(await remarkCount()).toBe(0);
  });

  it('thanks a robot that filled the honeypot but stores nothing', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const { res } = await submit('aleja', { ...VALID, strona_www: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(await remarkCount()).toBe(0);
  });

  it('refuses a POST without the CSRF token (403)', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    await request(ctx.app).post('/konsultacje/aleja/uwagi').type('form').send(VALID).expect(403);
    expect(await remarkCount()).toBe(0);
  });

  it('says the form is closed before the start and after the end, and refuses a late remark (409) on the form', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/konsultacje/aleja/uwagi');
    ctx.clock.set(new Date(c.endsAt.getTime() + 1000));
    const page = html((await agent.get('/konsultacje/aleja/uwagi').expect(200)).text);
    expect(page('.notice--warning').text().trim()).toBe('Te konsultacje nie przyjmują teraz uwag: formularz jest czynny tylko w czasie ich trwania.');
    expect(page('form textarea')).toHaveLength(0);
    const res = await agent.post('/konsultacje/aleja/uwagi').type('form').send({ _csrf: token, ...VALID });
    expect(res.status).toBe(409);
    expect(html(res.text)('.notice--warning').text()).toContain('nie przyjmują teraz uwag');
    expect(await remarkCount()).toBe(0);
    const onPage = html((await agent.get('/konsultacje/aleja').expect(200)).text)('section[aria-labelledby="uwagi"]');
    expect(onPage.find('a.button')).toHaveLength(0);
    expect(squash(onPage.text())).toContain('Zbieranie uwag zakończyło się.');

    ctx.clock.set(new Date(c.startsAt.getTime() - 1000));
    expect(html((await request(ctx.app).get('/konsultacje/aleja/uwagi').expect(200)).text)('form textarea')).toHaveLength(0);
  });

  it('is 404 for a consultation that is not published, and for a malformed address', async () => {
    await createConsultation(ctx.deps.db, { slug: 'szkic', publishedAt: null });
    await request(ctx.app).get('/konsultacje/szkic/uwagi').expect(404);
    await request(ctx.app).get('/konsultacje/Zła..nazwa/uwagi').expect(404);
  });

  it('offers the fragments of the current draft, preselects the one in the link and stores the version and anchor', async () => {
    const admin = await createUser(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    await createDraft(ctx.deps.db, c.id, admin.id);
    const $ = html((await request(ctx.app).get('/konsultacje/aleja/uwagi?fragment=par-2-ust-1-pkt-2').expect(200)).text);
    expect($('#fragment option[selected]').text()).toBe('§ 2 ust. 1 pkt 2');
    expect($('#fragment option').first().text()).toBe('Inna część lub cały dokument');
    const { res } = await submit('aleja', { ...VALID, part: '', fragment: 'par-2-ust-1-pkt-2' });
    expect(res.status).toBe(303);
    const stored = await ctx.deps.db.remark.findFirstOrThrow({ include: { draft: true } });
    expect(stored).toMatchObject({ fragmentAnchor: 'par-2-ust-1-pkt-2', part: '§ 2 ust. 1 pkt 2' });
    expect(stored.draft!.version).toBe(1);

    const tampered = await submit('aleja', { ...VALID, fragment: 'par-99' });
    expect(tampered.res.status).toBe(422);
    expect(fieldError(tampered.res.text, 'fragment')).toContain('Nieprawidłowa wartość');
    expect(await remarkCount()).toBe(1);
  });
});

describe('the rate limit', () => {
  it('refuses the 21st remark from one address within an hour with a message (429) and stores no more', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/konsultacje/aleja/uwagi');
    for (let i = 0; i < 20; i += 1) await agent.post('/konsultacje/aleja/uwagi').type('form').send({ _csrf: token, ...VALID }).expect(303);
    const res = await agent.post('/konsultacje/aleja/uwagi').type('form').send({ _csrf: token, ...VALID });
    expect(res.status).toBe(429);
    expect(fieldError(res.text, 'content')).toContain('Z tego adresu wysłano w ostatniej godzinie zbyt wiele uwag');
    expect(res.headers['retry-after']).toBeDefined();
    expect(await remarkCount()).toBe(20);
  });
});
