// Residents who follow a district's news hear about each article once, by e-mail read from a real
// SMTP server: published now by the councillor, or when its scheduled time arrives.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { withTransaction } from '../../src/db/transaction.js';
import { queueMail } from '../../src/features/mail/mail-deliveries.js';
import { runAnnouncementSweep, signUp, subscribeAndConfirm, useMailTestApp } from '../helpers/subscriptions.js';
import { createDistrict, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { linkTo, rawHeader, waitForIdleQueue } from '../helpers/mail.js';
import { createNews } from '../helpers/news-factories.js';

const { ctx, smtp } = await useMailTestApp();

const NOW = new Date('2026-11-24T10:00:00Z');

async function councillorOf(districtId: number) {
  const user = await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId });
  return loginAs(ctx.app, user.email);
}

describe('news of chosen districts by e-mail', () => {
  it('offers the news of each district on the sign-up form, ticked when coming from a district page', async () => {
    const district = await createDistrict(ctx.deps.db, { name: 'Tysiąclecie', slug: 'tysiaclecie' });
    const page = html((await request(ctx.app).get('/dzielnice/tysiaclecie').expect(200)).text);
    const link = page('a:contains("Dostawaj aktualności dzielnicy Tysiąclecie e-mailem")').attr('href');
    expect(link).toBe('/powiadomienia?dzielnica=tysiaclecie');
    const $ = html((await request(ctx.app).get(link!).expect(200)).text);
    expect($('fieldset:has(input[name="newsDistrictIds"]) legend').text().trim()).toBe('Aktualności rad dzielnic');
    expect($(`input[name="newsDistrictIds"][value="${district.id}"]`).attr('checked')).toBeDefined();
    expect($('input[name="zakres"][value="brak"]').attr('checked')).toBeDefined();
    // An unknown district in the link just opens the ordinary form.
    const plain = html((await request(ctx.app).get('/powiadomienia?dzielnica=nie-ma-takiej').expect(200)).text);
    expect(plain('input[name="newsDistrictIds"]:checked').length).toBe(0);
  });

  it('subscribe → confirm → the councillor publishes → exactly one e-mail with the article link and a working unsubscribe link; other districts stay quiet', async () => {
    const tysiaclecie = await createDistrict(ctx.deps.db, { name: 'Tysiąclecie' });
    const blesznoDistrict = await createDistrict(ctx.deps.db, { name: 'Błeszno' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'tysiaclecie@example.org', zakres: 'brak', newsDistrictIds: String(tysiaclecie.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'bleszno@example.org', zakres: 'brak', newsDistrictIds: String(blesznoDistrict.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'konsultacje@example.org', zakres: 'wybrane', districtIds: String(tysiaclecie.id) });
    // Signed up but never confirmed: hears nothing.
    await signUp(ctx.app, { email: 'niepotwierdzony@example.org', zakres: 'brak', newsDistrictIds: String(tysiaclecie.id) });
    await smtp.waitFor(1);
    smtp.clear();

    const article = await createNews(ctx.deps.db, { title: 'Dyżur radnych w grudniu', slug: 'dyzur-radnych-w-grudniu', lead: 'Zapraszamy we wtorki.', districtId: tysiaclecie.id, publishedAt: null });
    const agent = await councillorOf(tysiaclecie.id);
    const published = await submitForm(agent, `/panel/aktualnosci/${article.id}`, `/panel/aktualnosci/${article.id}/publikacja`, { when: 'teraz' });
    expect(published.status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps); // nothing new the second time

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['tysiaclecie@example.org']);
    expect(mail.parsed.subject).toBe('Aktualności: Dyżur radnych w grudniu');
    expect(mail.parsed.text).toContain('rada dzielnicy Tysiąclecie opublikowała aktualność');
    expect(mail.parsed.text).toContain('Zapraszamy we wtorki.');
    expect(mail.parsed.text).toContain('Przeczytaj całą aktualność: https://konsultacje.example.org/aktualnosci/dyzur-radnych-w-grudniu');
    expect(mail.parsed.html).toContain('href="https://konsultacje.example.org/aktualnosci/dyzur-radnych-w-grudniu"');
    expect(mail.parsed.text).toContain('Urząd Miasta Częstochowy');
    expect(rawHeader(mail, 'List-Unsubscribe')).toMatch(/^<https:\/\/konsultacje\.example\.org\/powiadomienia\/wypisz\?t=[\w-]{43}>$/);
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await ctx.deps.db.mailDelivery.count({ where: { dedupeKey: { startsWith: 'news:' } } })).toBe(1);

    // The article opens for anyone following the link.
    await request(ctx.app).get(linkTo(mail, '/aktualnosci/')).expect(200);
    // The unsubscribe link in that e-mail works: page with a button, then the address is gone.
    const unsubscribe = html((await request(ctx.app).get(linkTo(mail, '/powiadomienia/wypisz')).expect(200)).text);
    await request(ctx.app).post(unsubscribe('main form').attr('action')!).type('form').send({}).expect(303);
    expect(await ctx.deps.db.subscriber.findUnique({ where: { email: 'tysiaclecie@example.org' } })).toBeNull();
    // Only the unconfirmed sign-up still names the district.
    expect(await ctx.deps.db.subscriberNewsDistrict.count({ where: { districtId: tysiaclecie.id } })).toBe(1);
  });

  it('announces a scheduled article when its time comes, once, and not again after it is withdrawn and republished', async () => {
    const kiedrzyn = await createDistrict(ctx.deps.db, { name: 'Kiedrzyn' });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'kiedrzyn@example.org', zakres: 'brak', newsDistrictIds: String(kiedrzyn.id) });
    const article = await createNews(ctx.deps.db, { title: 'Prace na ul. Kiedrzyńskiej', districtId: kiedrzyn.id, publishedAt: null });
    const councillor = await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: kiedrzyn.id });
    let agent = await loginAs(ctx.app, councillor.email);
    const scheduled = await submitForm(agent, `/panel/aktualnosci/${article.id}`, `/panel/aktualnosci/${article.id}/publikacja`, { when: 'pozniej', publishDate: '2026-11-26', publishTime: '08:00' });
    expect(scheduled.status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(0);

    ctx.clock.set('2026-11-26T07:00:30Z'); // 8:00:30 in Warsaw
    await runAnnouncementSweep(ctx.deps);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => [m.to[0], m.parsed.subject])).toEqual([['kiedrzyn@example.org', 'Aktualności: Prace na ul. Kiedrzyńskiej']]);
    expect((await ctx.deps.db.news.findUniqueOrThrow({ where: { id: article.id } })).announcedAt).toEqual(new Date('2026-11-26T07:00:30Z'));

    // Withdrawn to a draft and published again: the residents heard about it already.
    agent = await loginAs(ctx.app, councillor.email); // two days later: a new panel session
    expect((await submitForm(agent, `/panel/aktualnosci/${article.id}`, `/panel/aktualnosci/${article.id}/wycofanie`, {})).status).toBe(303);
    expect((await submitForm(agent, `/panel/aktualnosci/${article.id}`, `/panel/aktualnosci/${article.id}/publikacja`, { when: 'teraz' })).status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received).toHaveLength(1);
    ctx.clock.set(NOW);
  });

  it('sends city-wide news to every follower of any district’s news, and nothing about a withdrawn article', async () => {
    const [a, b] = [await createDistrict(ctx.deps.db, { name: 'Raków' }), await createDistrict(ctx.deps.db, { name: 'Stradom' })];
    await subscribeAndConfirm(ctx.app, smtp, { email: 'rakow@example.org', zakres: 'brak', newsDistrictIds: String(a.id) });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'stradom@example.org', zakres: 'brak', newsDistrictIds: [String(a.id), String(b.id)] });
    await subscribeAndConfirm(ctx.app, smtp, { email: 'tylko-konsultacje@example.org', zakres: 'wszystkie' });
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const cityWide = await createNews(ctx.deps.db, { title: 'Budżet obywatelski 2027', districtId: null, publishedAt: null });
    expect((await submitForm(agent, `/panel/aktualnosci/${cityWide.id}`, `/panel/aktualnosci/${cityWide.id}/publikacja`, { when: 'teraz' })).status).toBe(303);
    await runAnnouncementSweep(ctx.deps);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['rakow@example.org', 'stradom@example.org']);
    expect(smtp.received[0]!.parsed.text).toContain('miasto Częstochowa opublikowało aktualność dla wszystkich dzielnic');

    // An e-mail queued for an article that was withdrawn before it went: the job sends nothing.
    smtp.clear();
    const withdrawn = await createNews(ctx.deps.db, { title: 'Pomyłka', districtId: a.id, publishedAt: null });
    const subscriber = await ctx.deps.db.subscriber.findUniqueOrThrow({ where: { email: 'rakow@example.org' } });
    await withTransaction(ctx.deps.pool, (client) => queueMail(client, ctx.deps.jobs, [{ dedupeKey: `news:${withdrawn.id}:${subscriber.id}`, kind: 'news', newsId: withdrawn.id, subscriberId: subscriber.id }]));
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
  });

  it('needs something to send: nothing chosen is a Polish message at the field, and an unknown district is refused', async () => {
    const district = await createDistrict(ctx.deps.db);
    const nothing = await signUp(ctx.app, { email: 'nic@example.org', zakres: 'brak' });
    expect(nothing.status).toBe(422);
    expect(fieldError(nothing.text, 'zakres')).toContain('Wybierz konsultacje lub aktualności dzielnic, o których chcesz dostawać powiadomienia');
    const unknown = await signUp(ctx.app, { email: 'nic@example.org', zakres: 'brak', newsDistrictIds: [String(district.id), '999999'] });
    expect(unknown.status).toBe(422);
    expect(fieldError(unknown.text, 'newsDistrictIds')).toContain('Nieprawidłowa wartość');
    expect(html(unknown.text)(`input[name="newsDistrictIds"][value="${district.id}"]`).attr('checked')).toBeDefined();
    expect(await ctx.deps.db.subscriber.count()).toBe(0);
    expect(await ctx.deps.db.mailDelivery.count()).toBe(0);
  });

  it('shows and changes the news choices on the settings page reached from a message', async () => {
    const [a, b] = [await createDistrict(ctx.deps.db, { name: 'Mirów' }), await createDistrict(ctx.deps.db, { name: 'Dźbów' })];
    const mail = await subscribeAndConfirm(ctx.app, smtp, { email: 'zmiana@example.org', zakres: 'brak', newsDistrictIds: String(a.id) });
    const $ = html((await request(ctx.app).get(linkTo(mail, '/powiadomienia/ustawienia')).expect(200)).text);
    expect($(`input[name="newsDistrictIds"][value="${a.id}"]`).attr('checked')).toBeDefined();
    const t = $('input[name="t"]').val() as string;
    await request(ctx.app).post('/powiadomienia/ustawienia').type('form').send({ t, zakres: 'brak', newsDistrictIds: [String(b.id)] }).expect(303);
    const subscriber = await ctx.deps.db.subscriber.findFirstOrThrow({ include: { newsDistricts: true } });
    expect(subscriber.newsDistricts.map((d) => d.districtId)).toEqual([b.id]);
    // Dropping everything is refused, so nobody is left subscribed to nothing.
    const none = await request(ctx.app).post('/powiadomienia/ustawienia').type('form').send({ t, zakres: 'brak' });
    expect(none.status).toBe(422);
    expect(fieldError(none.text, 'zakres')).toContain('Wybierz konsultacje lub aktualności dzielnic');
  });
});
