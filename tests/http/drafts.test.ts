// The draft page: staff paste Markdown in the panel; residents read it as numbered fragments with
// stable anchors, counts of remarks and comments, and plain links to the remarks form; a new
// version keeps the remarks made on the earlier one.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { listUploads, useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { odt, odtListStyle, pdf, zip } from '../helpers/files.js';
import { createRemark, docx, SAMPLE_DRAFT } from '../helpers/remark-factories.js';

const ctx = useTestApp();
beforeEach(() => ctx.clock.set('2026-11-24T10:00:00Z'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function setUp() {
  const { db } = ctx.deps;
  const department = await createDepartment(db);
  const c = await createConsultation(db, { slug: 'zasady', title: 'Zasady konsultacji', departmentId: department.id });
  const staff = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  return { c, department, agent: await loginAs(ctx.app, staff.email) };
}

async function publish(agent: Awaited<ReturnType<typeof setUp>>['agent'], id: number, source = SAMPLE_DRAFT) {
  return submitForm(agent, `/panel/konsultacje/${id}/projekt`, `/panel/konsultacje/${id}/projekt`, { draftTitle: 'Projekt uchwały', draftSource: source });
}

/** Sends a file (or none) to the draft's import form. */
async function upload(agent: Awaited<ReturnType<typeof setUp>>['agent'], id: number, file: { name: string; content: Buffer } | null) {
  const token = html((await agent.get(`/panel/konsultacje/${id}/projekt`).expect(200)).text)('form[enctype] input[name="_csrf"]').val() as string;
  const req = agent.post(`/panel/konsultacje/${id}/projekt/pliki`).field('_csrf', token);
  return file ? req.attach('draftFile', file.content, file.name) : req;
}

describe('publishing the draft in the panel', () => {
  it('splits the pasted text into fragments, says so, and logs it', async () => {
    const { c, agent } = await setUp();
    const res = await publish(agent, c.id);
    expect(res.status).toBe(303);
    const page = html((await agent.get(`/panel/konsultacje/${c.id}/projekt`).expect(200)).text);
    expect(page('.notice--success').text().trim()).toBe('Opublikowano wersję 1 projektu.');
    expect(squash(page('.draft-current').text())).toContain('Opublikowana wersja: 1 (9 fragmentów).');
    expect(page('#draftSource').text()).toBe(SAMPLE_DRAFT);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'draft.publish' } })).toBe(1);
  });

  it('asks for the text (422, nothing saved) and refuses a text over 50,000 characters', async () => {
    const { c, agent } = await setUp();
    const blank = await publish(agent, c.id, '  ');
    expect(blank.status).toBe(422);
    expect(fieldError(blank.text, 'draftSource')).toContain('Wklej tekst projektu');
    const long = await publish(agent, c.id, 'a'.repeat(50_001));
    expect(long.status).toBe(422);
    expect(fieldError(long.text, 'draftSource')).toContain('najwięcej 50000 znaków');
    expect(await ctx.deps.db.consultationDraft.count()).toBe(0);
  });

  it('lets only the department and administrators in', async () => {
    const { c } = await setUp();
    const { db } = ctx.deps;
    const url = `/panel/konsultacje/${c.id}/projekt`;
    const other = await loginAs(ctx.app, (await createUser(db, { role: 'DEPARTMENT_STAFF' })).email);
    const councillor = await loginAs(ctx.app, (await createUser(db, { role: 'COUNCILLOR' })).email);
    const moderator = await loginAs(ctx.app, (await createUser(db, { role: 'MODERATOR' })).email);
    const admin = await loginAs(ctx.app, (await createUser(db, { role: 'ADMIN' })).email);
    for (const refused of [other, councillor, moderator]) {
      await refused.get(url).expect(403);
      const token = html((await refused.get('/panel').expect(200)).text)('input[name="_csrf"]').first().val() as string;
      await refused.post(url).type('form').send({ _csrf: token, draftSource: 'x' }).expect(403);
    }
    expect((await request(ctx.app).get(url).expect(303)).headers.location).toBe(`/logowanie?next=${encodeURIComponent(url)}`);
    expect((await publish(admin, c.id)).status).toBe(303);
  });
});

describe('loading the draft from a Word file', () => {
  it('puts the DOCX text into the editor for checking, publishes nothing and keeps no file', async () => {
    const { c, agent } = await setUp();
    const res = await upload(agent, c.id, { name: 'projekt uchwały.docx', content: docx(['Projekt uchwały', '§ 1. Uchwała określa zasady.', '§ 2.', '1. Konsultacje trwają 21 dni.']) });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('#draftSource').text()).toBe('Projekt uchwały\n\n§ 1. Uchwała określa zasady.\n\n§ 2.\n\n1. Konsultacje trwają 21 dni.');
    expect($('.notice--info').text()).toContain('Wczytano tekst z pliku.');
    expect(await ctx.deps.db.consultationDraft.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
    // Published from the editor, the fragments follow the typed numbers.
    expect((await publish(agent, c.id, $('#draftSource').text())).status).toBe(303);
    const fragments = await ctx.deps.db.draftFragment.findMany({ orderBy: { position: 'asc' }, select: { anchor: true } });
    expect(fragments.map((f) => f.anchor)).toEqual(['akapit-1', 'par-1', 'par-2', 'par-2-ust-1']);
  });

  it('refuses a file that is not a DOCX, or no file, at the field (422) and keeps nothing', async () => {
    const { c, agent } = await setUp();
    const wrong = await upload(agent, c.id, { name: 'projekt.docx', content: pdf() });
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'draftFile')).toContain('Wybierz plik w formacie DOCX');
    const none = await upload(agent, c.id, null);
    expect(none.status).toBe(422);
    expect(fieldError(none.text, 'draftFile')).toContain('Wybierz plik DOCX');
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });
});

describe('loading the draft from an ODT file', () => {
  // As LibreOffice writes a resolution: a heading, § as an automatically numbered list, points "1)" under it.
  const RESOLUTION = odt(
    [
      '<text:h text:outline-level="1">Rozdział 1. Przepisy ogólne</text:h>',
      '<text:list text:style-name="P"><text:list-item><text:p>Uchwała określa zasady konsultacji.</text:p></text:list-item>',
      '<text:list-item><text:p>Konsultacje przeprowadza się w formie:</text:p></text:list-item></text:list>',
      '<text:list text:style-name="U"><text:list-item><text:p>ankiety;</text:p></text:list-item><text:list-item><text:p>spotkania.</text:p></text:list-item></text:list>',
    ].join(''),
    odtListStyle('P', { prefix: '§ ', suffix: '.' }) + odtListStyle('U', { suffix: ')' }),
  );

  it('puts the text with its automatic numbers into the editor, so § and pkt make the fragments; keeps no file', async () => {
    const { c, agent } = await setUp();
    const res = await upload(agent, c.id, { name: 'projekt uchwały.odt', content: RESOLUTION });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('#draftSource').text()).toBe('# Rozdział 1. Przepisy ogólne\n\n§ 1. Uchwała określa zasady konsultacji.\n\n§ 2. Konsultacje przeprowadza się w formie:\n\n1) ankiety;\n\n2) spotkania.');
    expect($('.notice--info').text()).toContain('Wczytano tekst z pliku.');
    expect(await ctx.deps.db.consultationDraft.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
    expect((await publish(agent, c.id, $('#draftSource').text())).status).toBe(303);
    const fragments = await ctx.deps.db.draftFragment.findMany({ orderBy: { position: 'asc' }, select: { anchor: true, label: true } });
    expect(fragments.map((f) => f.anchor)).toEqual(['naglowek-1', 'par-1', 'par-2', 'par-2-pkt-1', 'par-2-pkt-2']);
    expect(fragments.map((f) => f.label)).toContain('§ 2 pkt 2');
  });

  it('refuses a hostile or broken ODT with a Polish message at the field (422), keeping nothing', async () => {
    const { c, agent } = await setUp();
    const mimetype = { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' };
    const bomb = zip([mimetype, { name: 'content.xml', data: `<x>${' '.repeat(17 * 1024 * 1024)}</x>`, deflate: true }]);
    const cases: [string, Buffer, string][] = [
      ['bomba.odt', bomb, 'Tekst dokumentu ODT jest zbyt duży'],
      ['bez-tresci.odt', zip([mimetype, { name: 'styles.xml', data: '<x/>' }]), 'W pliku ODT brakuje treści dokumentu'],
      ['uszkodzony.odt', zip([mimetype, { name: 'content.xml', data: '<office:document-content><text:p>urwany' }]), 'Nie udało się odczytać pliku ODT, bo jest uszkodzony'],
      ['nie-zip.odt', Buffer.from('To tylko tekst udający dokument.'), 'Wybierz plik w formacie DOCX (dokument programu Word) lub ODT'],
    ];
    for (const [name, content, message] of cases) {
      const res = await upload(agent, c.id, { name, content });
      expect(res.status, name).toBe(422);
      expect(fieldError(res.text, 'draftFile'), name).toContain(message);
    }
    expect(await ctx.deps.db.consultationDraft.count()).toBe(0);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });

  it('refuses staff of another department (403) and keeps no file', async () => {
    const { c } = await setUp();
    const own = await createConsultation(ctx.deps.db, { slug: 'inna', title: 'Inna', departmentId: (await createDepartment(ctx.deps.db)).id });
    const other = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: own.departmentId! });
    const agent = await loginAs(ctx.app, other.email);
    const token = html((await agent.get(`/panel/konsultacje/${own.id}/projekt`).expect(200)).text)('form[enctype] input[name="_csrf"]').val() as string;
    const res = await agent.post(`/panel/konsultacje/${c.id}/projekt/pliki`).field('_csrf', token).attach('draftFile', RESOLUTION, 'projekt.odt');
    expect(res.status).toBe(403);
    expect(listUploads(ctx.uploadsDir)).toEqual([]);
  });
});

describe('the public draft page', () => {
  it('shows each fragment under its anchor with counts and plain links to the remarks form and the discussion', async () => {
    const { c, agent } = await setUp();
    await publish(agent, c.id);
    const draft = await ctx.deps.db.consultationDraft.findFirstOrThrow();
    await createRemark(ctx.deps.db, c.id, { draftId: draft.id, fragmentAnchor: 'par-2-ust-1' });
    await createRemark(ctx.deps.db, c.id, { draftId: draft.id, fragmentAnchor: 'par-2-ust-1' });
    await ctx.deps.db.comment.createMany({
      data: [
        { consultationId: c.id, authorName: 'Anna N.', body: 'Dobry pomysł', status: 'PUBLISHED', fragmentAnchor: 'par-2-ust-1', publishedAt: new Date('2026-11-20T10:00:00Z') },
        { consultationId: c.id, authorName: 'Jan K.', body: 'Niepotwierdzony', status: 'UNCONFIRMED', fragmentAnchor: 'par-2-ust-1' },
      ],
    });
    const $ = html((await request(ctx.app).get('/konsultacje/zasady/projekt').expect(200)).text);
    expect($('h1').text()).toBe('Projekt uchwały');
    expect($('.draft [id]').map((_, el) => $(el).attr('id')).get()).toEqual(['akapit-1', 'naglowek-1', 'par-1', 'par-2', 'par-2-ust-1', 'par-2-ust-1-pkt-1', 'par-2-ust-1-pkt-2', 'par-2-ust-2', 'par-3']);
    expect($('#naglowek-1 h2').text()).toBe('Rozdział 1. Przepisy ogólne');
    const fragment = $('#par-2-ust-1');
    expect(squash(fragment.find('.prose').text())).toBe('1. Konsultacje przeprowadza się w formie:');
    expect(squash(fragment.find('.draft-fragment__counts').text())).toBe('Uwagi: 2 · Komentarze: 1');
    const remarkLink = fragment.find('a').first();
    expect(squash(remarkLink.text())).toBe('Zgłoś uwagę do tego fragmentu (§ 2 ust. 1)');
    expect(remarkLink.attr('href')).toBe('/konsultacje/zasady/uwagi?fragment=par-2-ust-1');
    expect(fragment.find('a').last().attr('href')).toBe('/konsultacje/zasady/dyskusja?fragment=par-2-ust-1');
    expect(squash($('#par-3 .draft-fragment__counts').text())).toBe('Uwagi: 0 · Komentarze: 0');

    const form = html((await request(ctx.app).get(remarkLink.attr('href')!).expect(200)).text);
    expect(form('#fragment option[selected]').text()).toBe('§ 2 ust. 1');
    const consultation = html((await request(ctx.app).get('/konsultacje/zasady').expect(200)).text);
    expect(consultation('section[aria-labelledby="uwagi"] a[href="/konsultacje/zasady/projekt"]').text()).toBe('Projekt dokumentu z podziałem na paragrafy');
  });

  it('keeps remarks with the version and fragment they were made on when a new version is published', async () => {
    const { c, agent } = await setUp();
    await publish(agent, c.id);
    const v1 = await ctx.deps.db.consultationDraft.findFirstOrThrow();
    await createRemark(ctx.deps.db, c.id, { draftId: v1.id, fragmentAnchor: 'par-3' });
    await publish(agent, c.id, SAMPLE_DRAFT.replace('Prezydentowi Miasta', 'Prezydentowi Miasta Częstochowy'));
    const current = html((await request(ctx.app).get('/konsultacje/zasady/projekt').expect(200)).text);
    expect(current('.draft-version').text()).toBe('Wersja 2 z 24 listopada 2026');
    expect(squash(current('#par-3 .prose').text())).toBe('§ 3. Wykonanie uchwały powierza się Prezydentowi Miasta Częstochowy.');
    expect(squash(current('#par-3 .draft-fragment__counts').text())).toBe('Uwagi: 0 · Komentarze: 0');
    expect(current('.draft-versions a').attr('href')).toBe('/konsultacje/zasady/projekt/wersja-1');
    const old = html((await request(ctx.app).get('/konsultacje/zasady/projekt/wersja-1').expect(200)).text);
    expect(old('.notice--warning').text()).toContain('To jest wcześniejsza wersja projektu.');
    expect(squash(old('#par-3 .draft-fragment__counts').text())).toBe('Uwagi: 1 · Komentarze: 0');
    expect(old('#par-3 a')).toHaveLength(0);
    expect((await ctx.deps.db.remark.findFirstOrThrow()).draftId).toBe(v1.id);
  });

  it('has no links to the forms once the consultation has ended', async () => {
    const { c, agent } = await setUp();
    await publish(agent, c.id);
    ctx.clock.set(new Date(c.endsAt.getTime() + 1000));
    const $ = html((await request(ctx.app).get('/konsultacje/zasady/projekt').expect(200)).text);
    expect($('.draft-fragment a')).toHaveLength(0);
    expect($('.draft-fragment')).toHaveLength(8);
  });

  it('is 404 without a draft, for a version that does not exist, and for an unpublished consultation', async () => {
    const { c, agent } = await setUp();
    await request(ctx.app).get('/konsultacje/zasady/projekt').expect(404);
    await publish(agent, c.id);
    await request(ctx.app).get('/konsultacje/zasady/projekt/wersja-7').expect(404);
    await request(ctx.app).get('/konsultacje/zasady/projekt/wersja-0').expect(404);
    await request(ctx.app).get('/konsultacje/zasady/projekt/cokolwiek').expect(404);
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { publishedAt: null } });
    await request(ctx.app).get('/konsultacje/zasady/projekt').expect(404);
  });
});
