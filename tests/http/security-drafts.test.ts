// A consultation that is not public yet (a draft, or scheduled for later) gives nothing away on the
// public site: not its page, nor anything that belongs to it (survey, poll, documents, gallery,
// meetings, draft text, report, discussion, remarks form), nor lists, feeds, exports, the API,
// search or the sitemap. Checked as anonymous, staff of another department and an administrator
// (the public pages are the same for all; staff preview drafts in the panel). Each case is then
// checked again after publication, so a 404 here is the rule, not a broken set-up.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createDistrict, createMeeting, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';
import { csrfToken, html, loginAs, type Agent } from '../helpers/http.js';
import { createDraft, createRemark } from '../helpers/remark-factories.js';
import { createSurvey } from '../helpers/survey-factories.js';
import { uploadFiles } from '../helpers/uploads.js';
import request from 'supertest';

const ctx = useTestApp();
const SECRET = 'Zakrzewskiego'; // a word only the hidden records use
const TITLE = `Ankieta ${SECRET} przed publikacją`;

async function draftWithEverything(publishedAt: Date | null) {
  const db = ctx.deps.db;
  const department = await createDepartment(db);
  const other = await createDepartment(db);
  const owner = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  const stranger = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: other.id });
  const admin = await createUser(db, { role: 'ADMIN' });
  const district = await createDistrict(db);
  const consultation = await createConsultation(db, { departmentId: department.id, title: `Konsultacja ${SECRET}`, publishedAt, reportPublishedAt: new Date('2026-11-20T10:00:00Z'), districtIds: [district.id] });
  const question = { type: 'SINGLE' as const, text: `Pytanie ${SECRET}`, required: true, options: ['Tak', 'Nie'] };
  const survey = await createSurvey(db, { departmentId: department.id, consultationId: consultation.id, title: TITLE, questions: [question] });
  const poll = await createSurvey(db, { departmentId: department.id, consultationId: consultation.id, kind: 'POLL', title: `Sonda ${SECRET}`, onHomePage: true, districtId: district.id, questions: [{ ...question, text: `Sonda pytanie ${SECRET}` }] });
  const closed = await createSurvey(db, { departmentId: department.id, consultationId: consultation.id, title: `Zamknięta ${SECRET}`, opensAt: new Date('2026-11-01T10:00:00Z'), closesAt: new Date('2026-11-10T10:00:00Z'), resultsVisibility: 'AFTER_CLOSE', questions: [question] });
  const meeting = await createMeeting(db, consultation.id, { title: `Spotkanie ${SECRET}` });
  await createDraft(db, consultation.id, admin.id);
  await createComment(db, consultation.id, { body: `Komentarz ${SECRET}` });
  await createRemark(db, consultation.id, { content: `Uwaga ${SECRET}`, position: 'ACCEPTED', answer: 'Tak' });
  // Files go in through the panel, as staff upload them.
  const staff = await loginAs(ctx.app, owner.email);
  const docs = `/panel/konsultacje/${consultation.id}/dokumenty`;
  const gallery = `/panel/konsultacje/${consultation.id}/galeria`;
  expect((await uploadFiles(staff, docs, `${docs}/pliki`, [{ name: `Projekt ${SECRET}.pdf`, content: pdf(SECRET) }])).status).toBe(303);
  expect((await uploadFiles(staff, gallery, `${gallery}/pliki`, [{ field: 'file', name: 'plac.png', content: await image('png', 320, 240) }], { altText: `Plac ${SECRET}` })).status).toBe(303);
  const document = await db.attachment.findFirstOrThrow({ where: { consultationId: consultation.id, kind: 'DOCUMENT' } });
  const photo = await db.attachment.findFirstOrThrow({ where: { consultationId: consultation.id, kind: 'IMAGE' } });
  return { consultation, district, survey, poll, closed, meeting, document, photo, owner, stranger, admin, staff };
}

type Setup = Awaited<ReturnType<typeof draftWithEverything>>;

/** Pages of one object of the consultation: 404 while it is not public. */
function objectPages(s: Setup): string[] {
  const c = `/konsultacje/${s.consultation.slug}`;
  return [
    c,
    `${c}/dyskusja`,
    `${c}/uwagi`,
    `${c}/projekt`,
    `${c}/projekt/wersja-1`,
    `${c}/raport`,
    `${c}/raport.pdf`,
    `${c}/zestawienie-uwag.csv`,
    `${c}/zestawienie-uwag.xlsx`,
    `${c}/kalendarz.ics`,
    `${c}/spotkania/${s.meeting.id}.ics`,
    `/ankiety/${s.survey.id}`,
    `/ankiety/${s.survey.id}/dziekujemy`,
    `/ankiety/${s.survey.id}/wyniki`,
    `/ankiety/${s.poll.id}`,
    `/ankiety/${s.poll.id}/wyniki`,
    `/ankiety/${s.closed.id}`,
    `/ankiety/${s.closed.id}/wyniki`,
    `/dokumenty/${s.document.id}/inny-format`,
    `/api/v1/surveys/${s.survey.id}`,
    `/api/v1/surveys/${s.survey.id}/results`,
    `/api/v1/consultations/${s.consultation.slug}`,
  ];
}

/** Its files: staff who may manage it (its department, administrators) download them to check before publication. */
const filePages = (s: Setup) => [`/pliki/${s.document.id}/plik.pdf`, `/pliki/${s.photo.id}/plac.png`, `/pliki/${s.photo.id}/miniatura.webp`];

/** Lists, feeds, exports and search: they must not name anything of it while it is not public. */
const lists = (s: Setup) => [
  '/',
  `/dzielnice/${s.district.slug}`,
  '/konsultacje/plan',
  '/wnioski',
  '/konsultacje',
  '/ankiety',
  '/kalendarz',
  '/kalendarz.ics',
  '/konsultacje.rss',
  '/konsultacje.atom',
  '/konsultacje.csv',
  '/spotkania.csv',
  '/sitemap.xml',
  `/szukaj?q=${SECRET}`,
  '/api/v1/consultations',
  '/api/v1/surveys',
  '/api/v1/meetings',
  '/api/v1/documents',
];

async function viewers(s: Setup): Promise<[string, Agent][]> {
  return [
    ['anonymous', request.agent(ctx.app)],
    ['staff of another department', await loginAs(ctx.app, s.stranger.email)],
    ['administrator', await loginAs(ctx.app, s.admin.email)],
  ];
}

const bodyOf = (res: request.Response) => res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body));
const searchResults = (res: request.Response) => html(res.text)('.search-results').text();

describe('a consultation that is not public yet', () => {
  for (const [state, publishedAt] of [['draft', null], ['scheduled', new Date('2026-12-01T10:00:00Z')]] as const) {
    it(`shows nothing of a ${state} consultation on public pages to anyone`, async () => {
      const s = await draftWithEverything(publishedAt);
      for (const [who, agent] of await viewers(s)) {
        for (const path of [...objectPages(s), ...(who === 'administrator' ? [] : filePages(s))]) {
          const res = await agent.get(path);
          expect(`${who} GET ${path} -> ${res.status}`).toBe(`${who} GET ${path} -> 404`);
          expect(bodyOf(res)).not.toContain(SECRET);
        }
        for (const path of lists(s)) {
          const res = await agent.get(path);
          expect(`${who} GET ${path} -> ${res.status}`).toBe(`${who} GET ${path} -> 200`);
          expect(path.startsWith('/szukaj') ? searchResults(res) : bodyOf(res), `${who} GET ${path}`).not.toContain(SECRET);
        }
      }
    });
  }

  it('takes no answer to its survey or poll, and no remark or comment, from anyone', async () => {
    const s = await draftWithEverything(null);
    const question = s.survey.questions[0]!;
    const pollQuestion = s.poll.questions[0]!;
    for (const [who, agent] of await viewers(s)) {
      const token = await csrfToken(agent, '/powiadomienia');
      const posts: [string, Record<string, string>][] = [
        [`/ankiety/${s.survey.id}`, { _csrf: token, [`q${question.id}`]: String(question.options[0]!.id) }],
        [`/ankiety/${s.poll.id}`, { _csrf: token, [`q${pollQuestion.id}`]: String(pollQuestion.options[0]!.id) }],
        [`/ankiety/${s.survey.id}/e-mail`, { _csrf: token, email: 'ktos@example.org' }],
        [`/konsultacje/${s.consultation.slug}/uwagi`, { _csrf: token, content: `Uwaga ${who}`, part: '§ 1', name: 'Jan', email: 'jan@example.org', consent: 'tak' }],
        [`/konsultacje/${s.consultation.slug}/dyskusja`, { _csrf: token, body: `Komentarz ${who}`, authorName: 'Jan', email: 'jan@example.org', consent: 'tak' }],
      ];
      for (const [path, fields] of posts) {
        const res = await agent.post(path).type('form').send(fields);
        expect(`${who} POST ${path} -> ${res.status}`).toBe(`${who} POST ${path} -> 404`);
      }
    }
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
    expect(await ctx.deps.db.remark.count()).toBe(1);
    expect(await ctx.deps.db.comment.count()).toBe(1);
  });

  it('lets the department that owns it and administrators download its files before publication, with no-store', async () => {
    const s = await draftWithEverything(null);
    for (const agent of [s.staff, await loginAs(ctx.app, s.admin.email)]) {
      for (const path of filePages(s)) {
        const res = await agent.get(path);
        expect(`GET ${path} -> ${res.status}`).toBe(`GET ${path} -> 200`);
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
    }
  });

  it('shows all of it once published (the same addresses answer)', async () => {
    const s = await draftWithEverything(new Date('2026-11-01T10:00:00Z'));
    const agent = request.agent(ctx.app);
    for (const path of [...objectPages(s), ...filePages(s)]) {
      // The report's PDF may still be in the making (202, "come back shortly"): it is there, not hidden.
      const res = await agent.get(path);
      expect(`GET ${path} -> ${res.status === 202 ? 200 : res.status}`).toBe(`GET ${path} -> 200`);
    }
    expect((await agent.get('/ankiety')).text).toContain(TITLE);
    expect((await agent.get('/')).text).toContain(`Sonda pytanie ${SECRET}`);
    expect((await agent.get(`/dzielnice/${s.district.slug}`)).text).toContain(`Sonda pytanie ${SECRET}`);
    expect(searchResults(await agent.get(`/szukaj?q=${SECRET}`))).toContain(TITLE);
  });
});
