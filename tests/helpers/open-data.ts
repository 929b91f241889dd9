// A small city for the open-data tests: public records of every kind, and beside them drafts, scheduled,
// archived and hidden records and personal data, each carrying a distinctive string that must never
// appear in a feed, the sitemap, the API or a CSV file.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import { createComment } from './comment-factories.js';
import { createConsultation, createDepartment, createDistrict, createMeeting, createTopic, createUser } from './factories.js';
import { createInvestment } from './investment-factories.js';
import { createNews } from './news-factories.js';
import { createRemark } from './remark-factories.js';
import { createSurvey } from './survey-factories.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T10:00:00Z');
const at = (days: number) => new Date(NOW + days * DAY);

/** Strings that only unpublished, hidden or personal data carry. */
export const SECRETS = {
  draftConsultation: 'TAJNY-SZKIC-KONSULTACJI-7Q',
  scheduledConsultation: 'ZAPLANOWANA-KONSULTACJA-3X',
  draftMeeting: 'SPOTKANIE-SZKICU-5K',
  draftDocument: 'dokument-szkicu-4M.pdf',
  draftNews: 'SZKIC-AKTUALNOSCI-9Z',
  scheduledNews: 'PRZYSZLA-AKTUALNOSC-8V',
  draftInvestment: 'SZKIC-INWESTYCJI-4W',
  archivedInvestment: 'ARCHIWALNA-INWESTYCJA-2R',
  hiddenComment: 'UKRYTY-KOMENTARZ-8P',
  commentEmail: 'autor-komentarza@example.org',
  commentAuthor: 'Komentujacy-Jan-Sekretny',
  remarkAuthor: 'Autor-Uwagi-Tajny',
  remarkEmail: 'autor-uwagi@example.org',
  staffEmail: 'pracownik-tajny@example.org',
  contactEmail: 'kontakt-konsultacji@example.org',
  futureSurvey: 'PRZYSZLA-ANKIETA-1H',
  draftSurvey: 'ANKIETA-SZKICU-6T',
  hiddenResultsAnswer: 'Wynik-tylko-dla-urzedu-3L',
  textAnswer: 'Odpowiedz-tekstowa-mieszkanca-5N',
};

const storedName = () => `${crypto.randomBytes(16).toString('hex')}.pdf`;

export function createDocument(db: Db, owner: { consultationId: number } | { newsId: number } | { investmentId: number }, originalName: string) {
  return db.attachment.create({ data: { ...owner, kind: 'DOCUMENT', originalName, storedName: storedName(), mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 12_345, title: originalName.replace(/\.pdf$/, '') } });
}

export async function seedOpenData(db: Db) {
  const mzdit = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
  const mpup = await createDepartment(db, { code: 'MPUP', name: 'Miejska Pracownia Urbanistyczno-Planistyczna' });
  const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
  const tysiaclecie = await createDistrict(db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
  const topic = await createTopic(db, { slug: 'transport', name: 'Transport' });
  const staff = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: mzdit.id, email: SECRETS.staffEmail });

  const open = await createConsultation(db, { slug: 'aleja-rowerowa', title: 'Aleja rowerowa w Alejach NMP', departmentId: mzdit.id, topicId: topic.id, startsAt: at(-10), endsAt: at(11) });
  await db.consultation.update({ where: { id: open.id }, data: { contactEmail: SECRETS.contactEmail, createdById: staff.id, legalBasis: 'Uchwała Rady Miasta' } });
  const planned = await createConsultation(db, { slug: 'park-rakow', title: 'Park na Rakowie', departmentId: mpup.id, districtIds: [rakow.id], startsAt: at(5), endsAt: at(30), publishedAt: at(-2) });
  const closed = await createConsultation(db, { slug: 'iii-aleja', title: 'III Aleja – co dalej?', departmentId: mzdit.id, startsAt: at(-60), endsAt: at(-30), publishedAt: at(-70), reportPublishedAt: at(-20) });
  const draft = await createConsultation(db, { slug: 'szkic-konsultacji', title: SECRETS.draftConsultation, departmentId: mzdit.id, publishedAt: null });
  await createConsultation(db, { slug: 'zaplanowana-publikacja', title: SECRETS.scheduledConsultation, departmentId: mzdit.id, startsAt: at(10), endsAt: at(40), publishedAt: at(3) });

  const meeting = await createMeeting(db, open.id, { title: 'Spotkanie z mieszkańcami', startsAt: at(2), endsAt: at(2.1) });
  await createMeeting(db, closed.id, { title: 'Debata o III Alei', startsAt: at(-45), endsAt: null });
  await createMeeting(db, draft.id, { title: SECRETS.draftMeeting });
  const document = await createDocument(db, { consultationId: open.id }, 'harmonogram.pdf');
  await createDocument(db, { consultationId: draft.id }, SECRETS.draftDocument);

  await createComment(db, open.id, { body: 'Jawny komentarz mieszkańca', authorName: SECRETS.commentAuthor, email: SECRETS.commentEmail });
  await createComment(db, open.id, { body: SECRETS.hiddenComment, status: 'HIDDEN', hiddenReason: 'obraźliwy' });
  await createRemark(db, open.id, { authorName: SECRETS.remarkAuthor, email: SECRETS.remarkEmail, content: 'Uwaga do projektu' });

  const cityNews = await createNews(db, { slug: 'nowy-portal', title: 'Nowy portal konsultacji', lead: 'Zapraszamy', publishedAt: at(-3), createdById: staff.id });
  const districtNews = await createNews(db, { slug: 'dyzur-radnych', title: 'Dyżur radnych', districtId: rakow.id, publishedAt: at(-1) });
  await createDocument(db, { newsId: districtNews.id }, 'plan-dyzurow.pdf');
  await createNews(db, { slug: 'szkic-aktualnosci', title: SECRETS.draftNews, districtId: rakow.id, publishedAt: null });
  await createNews(db, { slug: 'przyszla-aktualnosc', title: SECRETS.scheduledNews, publishedAt: at(2) });

  const road = await createInvestment(db, { slug: 'przebudowa-dk1', title: 'Przebudowa DK1', departmentId: mzdit.id, districtIds: [tysiaclecie.id], status: 'IN_PROGRESS', consultationId: open.id, euFundingGrosze: 500_000_000n });
  await db.investment.update({ where: { id: road.id }, data: { contactEmail: SECRETS.staffEmail, fundingSources: 'Fundusz Spójności\nbudżet miasta' } });
  await createInvestment(db, { slug: 'park-nad-warta', title: 'Park nad Wartą', departmentId: mpup.id, districtIds: [rakow.id], status: 'PLANNED', latitude: null, longitude: null, budgetGrosze: null, consultationId: draft.id });
  await createInvestment(db, { slug: 'szkic-inwestycji', title: SECRETS.draftInvestment, departmentId: mzdit.id, publishedAt: null });
  await createInvestment(db, { slug: 'archiwalna', title: SECRETS.archivedInvestment, departmentId: mzdit.id, archivedAt: at(-1) });

  const live = await createSurvey(db, {
    title: 'Ankieta o rowerach',
    departmentId: mzdit.id,
    consultationId: open.id,
    resultsVisibility: 'LIVE',
    questions: [
      { type: 'SINGLE', text: 'Jak dojeżdżasz?', options: ['Rowerem', 'Autobusem'] },
      { type: 'LONG_TEXT', text: 'Co poprawić?' },
    ],
  });
  const single = live.questions[0]!;
  for (let i = 0; i < 6; i++) {
    await db.surveyResponse.create({
      data: {
        surveyId: live.id,
        answers: { create: [{ questionId: single.id, optionId: single.options[i % 2]!.id }, { questionId: live.questions[1]!.id, text: SECRETS.textAnswer }] },
      },
    });
  }
  const staffOnly = await createSurvey(db, { title: 'Ankieta wewnętrzna', departmentId: mzdit.id, resultsVisibility: 'STAFF_ONLY', opensAt: at(-20), closesAt: at(-10), questions: [{ type: 'SINGLE', text: 'Pytanie', options: [SECRETS.hiddenResultsAnswer, 'Inna'] }] });
  const afterClose = await createSurvey(db, { kind: 'POLL', title: 'Sonda o parkingu', departmentId: mzdit.id, resultsVisibility: 'AFTER_CLOSE', questions: [{ type: 'SINGLE', text: 'Parking?', options: ['Tak', 'Nie'] }] });
  await createSurvey(db, { title: SECRETS.futureSurvey, departmentId: mzdit.id, opensAt: at(3), closesAt: at(10) });
  await createSurvey(db, { title: SECRETS.draftSurvey, departmentId: mzdit.id, consultationId: draft.id });

  return { departments: { mzdit, mpup }, districts: { rakow, tysiaclecie }, topic, consultations: { open, planned, closed, draft }, meeting, document, news: { cityNews, districtNews }, investments: { road }, surveys: { live, staffOnly, afterClose } };
}
