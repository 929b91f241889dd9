// Demo surveys: the 2010 model consultation's survey (1,249 responses), "III Aleja – co dalej?" (798 / 351
// / 589 of 1,738 valid), an open survey, the home page poll and a planned survey still being written (no
// responses, so its questions can be changed in the panel's builder). Responses are generated in SQL with
// generate_series (deterministic spreads, no randomness), not row by row from Node. Idempotent by title.
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { SurveyParticipation, SurveyQuestionType, SurveyResultsVisibility } from '../../generated/prisma/enums.js';
import { renderMarkdown } from '../../lib/markdown.js';

const DAY = 86_400_000;

export interface DemoQuestion {
  type: SurveyQuestionType;
  text: string;
  hint?: string;
  required?: boolean;
  allowOther?: boolean;
  options?: string[];
  min?: number;
  max?: number;
  minLabel?: string;
  maxLabel?: string;
  maxChoices?: number;
  /** How answers are generated: see answerSql. */
  fill: Fill;
  /** Shown only when this option (index) of this earlier question (index) is chosen. */
  showIf?: [number, number];
}

export type Fill =
  | { kind: 'weights'; weights: number[] } // one option, by shares out of the sum
  | { kind: 'exact'; counts: number[] } // one option, exactly these counts in response order
  | { kind: 'each'; percents: number[] } // multiple: each option chosen by this share of respondents
  | { kind: 'scale'; weights: number[] } // a value from min upward, by shares
  | { kind: 'number'; from: number; to: number } // a spread of whole numbers
  | { kind: 'orders'; orders: number[][]; weights: number[] } // ranking: one of these orders (places per option)
  | { kind: 'rows'; weights: number[][] } // matrix: a value per row, by shares per row
  | { kind: 'texts'; texts: string[]; every: number }; // a text in every n-th response

export interface DemoSurvey {
  title: string;
  kind?: 'SURVEY' | 'POLL';
  intro: string;
  thankYou?: string;
  department: string;
  consultationSlug?: string;
  opensAt: (now: Date) => Date;
  closesAt: (now: Date) => Date;
  participation: SurveyParticipation;
  resultsVisibility: SurveyResultsVisibility;
  onHomePage?: boolean;
  /** A poll also shown on this district's page. */
  districtSlug?: string;
  responses: number;
  questions: DemoQuestion[];
}

const at = (iso: string) => () => new Date(iso);

export const DEMO_SURVEYS: DemoSurvey[] = [
  {
    title: 'Ankieta: zasady konsultacji społecznych w Częstochowie (2010)',
    intro: 'Ankieta modelowej konsultacji programu „Budowa dialogu społecznego w Częstochowie”, wypełniana przez internet i na papierze w 20 radach dzielnic. Zebrano **1249 ważnych ankiet**.',
    thankYou: 'Dziękujemy! Wyniki ankiety zostaną opublikowane w sprawozdaniu z konsultacji.',
    department: 'BIK',
    consultationSlug: 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie',
    opensAt: at('2010-04-22T22:00:00Z'),
    closesAt: at('2010-05-25T22:00:00Z'),
    participation: 'ONE_PER_BROWSER',
    resultsVisibility: 'AFTER_CLOSE',
    responses: 1249,
    questions: [
      { type: 'SINGLE', text: 'Czy brał(a) Pan/Pani kiedykolwiek udział w konsultacjach społecznych?', required: true, options: ['Tak', 'Nie', 'Nie pamiętam'], fill: { kind: 'weights', weights: [23, 68, 9] } },
      { type: 'MULTIPLE', text: 'W jakiej formie chce Pan/Pani brać udział w konsultacjach?', hint: 'Można wybrać kilka odpowiedzi.', options: ['Przez internet', 'Na spotkaniach z mieszkańcami', 'Ankieta papierowa', 'Przez radę dzielnicy', 'W punkcie konsultacyjnym'], allowOther: true, fill: { kind: 'each', percents: [71, 34, 22, 27, 12] } },
      { type: 'SINGLE', text: 'Kto powinien móc zgłosić wniosek o przeprowadzenie konsultacji?', required: true, options: ['Grupa mieszkańców (co najmniej 200 osób)', 'Rady dzielnic', 'Radni Rady Miasta', 'Prezydent Miasta', 'Wszyscy wymienieni'], fill: { kind: 'weights', weights: [28, 14, 6, 4, 48] } },
      { type: 'SCALE', text: 'Jak ocenia Pan/Pani dotychczasowe informowanie mieszkańców o planach miasta?', min: 1, max: 5, minLabel: 'bardzo źle', maxLabel: 'bardzo dobrze', fill: { kind: 'scale', weights: [18, 31, 29, 17, 5] } },
      { type: 'RANKING', text: 'Które sprawy najbardziej wymagają konsultacji z mieszkańcami?', hint: 'Ułóż od najważniejszej.', options: ['Inwestycje drogowe', 'Plany zagospodarowania przestrzennego', 'Zieleń i środowisko', 'Budżet miasta'], fill: { kind: 'orders', orders: [[1, 2, 3, 4], [2, 1, 4, 3], [3, 2, 1, 4], [1, 3, 4, 2], [4, 2, 3, 1]], weights: [34, 22, 18, 16, 10] } },
      { type: 'LONG_TEXT', text: 'Uwagi i propozycje do projektu zasad konsultacji', fill: { kind: 'texts', every: 11, texts: ['Informacje o konsultacjach powinny być też w tramwajach i autobusach.', 'Spotkania wieczorem, po pracy, najlepiej w szkołach w dzielnicach.', 'Proszę publikować odpowiedzi na wszystkie uwagi mieszkańców.', 'Konsultacje powinny trwać co najmniej 30 dni.', 'Dobrze, że można wypełnić ankietę przez internet.'] } },
    ],
  },
  {
    title: 'III Aleja – co dalej? Wybór wariantu',
    intro: 'Trzy warianty organizacji ruchu w III Alei NMP. Wypełniono 1871 formularzy, z których 1738 było ważnych.',
    department: 'MZDiT',
    consultationSlug: 'iii-aleja-co-dalej',
    opensAt: at('2013-03-03T23:00:00Z'),
    closesAt: at('2013-04-05T22:00:00Z'),
    participation: 'ONE_PER_BROWSER',
    resultsVisibility: 'AFTER_CLOSE',
    responses: 1738,
    questions: [
      { type: 'SINGLE', text: 'Który wariant zagospodarowania III Alei NMP Pan/Pani popiera?', required: true, options: ['Wariant I – deptak', 'Wariant II – ruch uspokojony', 'Wariant III – ruch jednokierunkowy'], fill: { kind: 'exact', counts: [798, 351, 589] } },
    ],
  },
  {
    title: 'Rowerem po Częstochowie – ankieta 2026',
    intro: 'Pomóż nam zaplanować nowe drogi rowerowe i stojaki. Ankieta zajmie około 5 minut.',
    thankYou: 'Dziękujemy! Wyniki pokażemy na bieżąco, a podsumowanie przedstawimy w styczniu.',
    department: 'MZDiT',
    opensAt: (now) => new Date(now.getTime() - 7 * DAY),
    closesAt: (now) => new Date(now.getTime() + 21 * DAY),
    participation: 'ONE_PER_BROWSER',
    resultsVisibility: 'LIVE',
    responses: 236,
    questions: [
      { type: 'SINGLE', text: 'Jak często jeździsz rowerem po mieście?', required: true, options: ['Codziennie', 'Kilka razy w tygodniu', 'Kilka razy w miesiącu', 'Rzadziej lub wcale'], fill: { kind: 'weights', weights: [21, 33, 27, 19] } },
      { type: 'SHORT_TEXT', text: 'Co zniechęca Cię do jazdy rowerem?', showIf: [0, 3], fill: { kind: 'texts', every: 6, texts: ['Brak bezpiecznych dróg', 'Za daleko do pracy', 'Nie mam gdzie zostawić roweru'] } },
      { type: 'MULTIPLE', text: 'Czego najbardziej brakuje?', maxChoices: 3, options: ['Dróg rowerowych', 'Stojaków', 'Oświetlenia', 'Połączeń między dzielnicami', 'Wypożyczalni'], fill: { kind: 'each', percents: [64, 41, 18, 52, 15] } },
      { type: 'MATRIX', text: 'Jak oceniasz drogi rowerowe w tych miejscach?', min: 1, max: 5, minLabel: 'bardzo źle', maxLabel: 'bardzo dobrze', options: ['Aleje NMP', 'Park Lisiniec', 'ul. Jana Pawła II'], fill: { kind: 'rows', weights: [[10, 20, 30, 25, 15], [5, 10, 25, 35, 25], [20, 30, 25, 15, 10]] } },
      { type: 'NUMBER', text: 'Ile kilometrów przejeżdżasz tygodniowo?', min: 0, max: 1000, fill: { kind: 'number', from: 0, to: 120 } },
      { type: 'SCALE', text: 'Jak bezpiecznie czujesz się na rowerze w mieście?', min: 0, max: 10, minLabel: 'wcale', maxLabel: 'całkowicie', fill: { kind: 'scale', weights: [3, 4, 6, 9, 12, 15, 16, 14, 10, 7, 4] } },
    ],
  },
  {
    title: 'Sonda: Aleje NMP bez samochodów w weekendy?',
    kind: 'POLL',
    intro: '',
    department: 'MZDiT',
    opensAt: (now) => new Date(now.getTime() - 3 * DAY),
    closesAt: (now) => new Date(now.getTime() + 27 * DAY),
    participation: 'ONE_PER_BROWSER',
    resultsVisibility: 'LIVE',
    onHomePage: true,
    districtSlug: 'srodmiescie',
    responses: 183,
    questions: [{ type: 'SINGLE', text: 'Czy Aleje NMP powinny być zamknięte dla samochodów w weekendy?', required: true, options: ['Tak', 'Nie', 'Nie mam zdania'], fill: { kind: 'weights', weights: [52, 37, 11] } }],
  },
  {
    title: 'Stojaki rowerowe przy szkołach – gdzie ich brakuje?',
    intro: 'Szukamy miejsc na nowe stojaki rowerowe przy szkołach podstawowych i średnich. Ankieta zostanie otwarta wkrótce.',
    thankYou: 'Dziękujemy! Listę szkół, przy których staną stojaki, opublikujemy w marcu.',
    department: 'MZDiT',
    opensAt: (now) => new Date(now.getTime() + 14 * DAY),
    closesAt: (now) => new Date(now.getTime() + 44 * DAY),
    participation: 'ONE_PER_BROWSER',
    resultsVisibility: 'AFTER_CLOSE',
    responses: 0,
    questions: [
      { type: 'SHORT_TEXT', text: 'Przy której szkole brakuje stojaków?', required: true, fill: { kind: 'texts', every: 1, texts: [''] } },
      { type: 'SINGLE', text: 'Jak często dojeżdżasz do tej szkoły rowerem?', options: ['Codziennie', 'Kilka razy w tygodniu', 'Rzadziej'], fill: { kind: 'weights', weights: [1, 1, 1] } },
    ],
  },
];

/** A spread of 0–999 over response numbers g: a multiplier coprime to 1000 mixes them evenly. */
const spread = (salt: number) => Prisma.raw(`((r.g * ${(salt * 2 + 1) * 7 + 3} + ${salt * 131}) % 1000)`);

/** CASE choosing 1..n by shares of the sum, on a 0–999 spread. */
function pick(weights: number[], salt: number): Prisma.Sql {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const cases = weights.map((w, i) => {
    acc += w;
    return i === weights.length - 1 ? `ELSE ${i + 1}` : `WHEN ${spread(salt).sql} < ${Math.round((1000 * acc) / total)} THEN ${i + 1}`;
  });
  return Prisma.raw(`CASE ${cases.join(' ')} END`);
}

/** One INSERT ... SELECT producing the answers of one question for all the survey's responses. */
function answerSql(surveyId: number, q: { id: number; optionIds: number[]; min: number }, fill: Fill, salt: number, condition: Prisma.Sql): Prisma.Sql {
  // Numbers from our own rows, written into the SQL as literals (typed as integers, not text parameters).
  const qid = Prisma.raw(String(Math.trunc(q.id)));
  const min = Prisma.raw(String(Math.trunc(q.min)));
  const responses = Prisma.sql`SELECT id, row_number() OVER (ORDER BY id)::int AS g FROM survey_response WHERE survey_id = ${surveyId}`;
  const options = Prisma.sql`(SELECT id, row_number() OVER (ORDER BY position, id)::int AS k FROM survey_option WHERE question_id = ${qid})`;
  switch (fill.kind) {
    case 'weights':
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, option_id) SELECT r.id, ${qid}, o.id FROM (${responses}) r JOIN ${options} o ON o.k = ${pick(fill.weights, salt)} WHERE ${condition}`;
    case 'exact': {
      let acc = 0;
      const cases = fill.counts.map((c, i) => ((acc += c), `WHEN r.g <= ${acc} THEN ${i + 1}`)).join(' ');
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, option_id) SELECT r.id, ${qid}, o.id FROM (${responses}) r JOIN ${options} o ON o.k = ${Prisma.raw(`CASE ${cases} END`)} WHERE ${condition}`;
    }
    case 'each': {
      const shares = Prisma.raw(`(VALUES ${fill.percents.map((p, i) => `(${i + 1}, ${p * 10})`).join(', ')}) AS s(k, share)`);
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, option_id) SELECT r.id, ${qid}, o.id FROM (${responses}) r CROSS JOIN ${options} o JOIN ${shares} ON s.k = o.k
        WHERE ((r.g * (o.k * 2 + 1) * 37 + o.k * ${salt * 53}) % 1000) < s.share AND ${condition}`;
    }
    case 'scale':
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, value) SELECT r.id, ${qid}, ${min} - 1 + ${pick(fill.weights, salt)} FROM (${responses}) r WHERE ${condition}`;
    case 'number':
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, value) SELECT r.id, ${qid}, ${Prisma.raw(String(fill.from))} + (${spread(salt)} * ${Prisma.raw(String(fill.to - fill.from))} / 999) FROM (${responses}) r WHERE ${condition}`;
    case 'orders': {
      const places = Prisma.raw(`(VALUES ${fill.orders.flatMap((order, i) => order.map((place, k) => `(${i + 1}, ${k + 1}, ${place})`)).join(', ')}) AS p(ord, k, place)`);
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, option_id, value) SELECT r.id, ${qid}, o.id, p.place FROM (${responses}) r JOIN ${places} ON p.ord = ${pick(fill.weights, salt)} JOIN ${options} o ON o.k = p.k WHERE ${condition}`;
    }
    case 'rows': {
      const parts = fill.weights.map((w, row) => Prisma.sql`SELECT r.id AS response_id, ${qid} AS question_id, o.id AS option_id, ${min} - 1 + ${pick(w, salt + row + 1)} AS value FROM (${responses}) r JOIN ${options} o ON o.k = ${row + 1} WHERE ${condition}`);
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, option_id, value) ${Prisma.join(parts, ' UNION ALL ')}`;
    }
    case 'texts': {
      const texts = Prisma.raw(`(VALUES ${fill.texts.map((t, i) => `(${i}, '${t.replace(/'/g, "''")}')`).join(', ')}) AS t(i, body)`);
      return Prisma.sql`INSERT INTO survey_answer (response_id, question_id, text) SELECT r.id, ${qid}, t.body FROM (${responses}) r JOIN ${texts} ON t.i = (r.g / ${fill.every}) % ${fill.texts.length} WHERE r.g % ${fill.every} = 0 AND ${condition}`;
    }
  }
}

export async function seedDemoSurveys(db: Db, now: Date): Promise<void> {
  const departments = await db.department.findMany({ select: { id: true, code: true } });
  for (const demo of DEMO_SURVEYS) {
    if (await db.survey.findFirst({ where: { title: demo.title }, select: { id: true } })) continue;
    const departmentId = departments.find((d) => d.code === demo.department)?.id;
    if (departmentId) await createGeneratedSurvey(db, demo, departmentId, now);
  }
}

/** Creates one survey with its questions and `demo.responses` generated responses (also used by bench/). */
export async function createGeneratedSurvey(db: Db, demo: DemoSurvey, departmentId: number, now: Date): Promise<number> {
  const consultation = demo.consultationSlug ? await db.consultation.findUnique({ where: { slug: demo.consultationSlug }, select: { id: true } }) : null;
  const district = demo.districtSlug ? await db.district.findUnique({ where: { slug: demo.districtSlug }, select: { id: true } }) : null;
  const opensAt = demo.opensAt(now);
  const closesAt = demo.closesAt(now);
  return db.$transaction(async (tx) => {
    const survey = await tx.survey.create({
      data: {
        title: demo.title, kind: demo.kind ?? 'SURVEY', introMd: demo.intro, introHtml: renderMarkdown(demo.intro), thankYou: demo.thankYou ?? '', departmentId, consultationId: consultation?.id ?? null,
        opensAt, closesAt, participation: demo.participation, resultsVisibility: demo.resultsVisibility, onHomePage: demo.onHomePage ?? false, districtId: district?.id ?? null,
      },
    });
    const created: { id: number; optionIds: number[]; min: number }[] = [];
    for (const [i, q] of demo.questions.entries()) {
      const condition = q.showIf ? { showIfQuestionId: created[q.showIf[0]]!.id, showIfOptionId: created[q.showIf[0]]!.optionIds[q.showIf[1]]! } : {};
      const question = await tx.surveyQuestion.create({
        data: {
          surveyId: survey.id, position: i + 1, type: q.type, text: q.text, hint: q.hint ?? '', required: q.required ?? false, allowOther: q.allowOther ?? false,
          maxChoices: q.maxChoices ?? null, minValue: q.min ?? null, maxValue: q.max ?? null, minLabel: q.minLabel ?? '', maxLabel: q.maxLabel ?? '', ...condition,
          options: { create: (q.options ?? []).map((label, k) => ({ label, position: k + 1 })) },
        },
        include: { options: { orderBy: { position: 'asc' }, select: { id: true } } },
      });
      created.push({ id: question.id, optionIds: question.options.map((o) => o.id), min: q.min ?? 1 });
    }
    // Responses spread over the survey's days (up to now for an open one), in a mixed order.
    const end = Math.min(closesAt.getTime(), now.getTime());
    const step = Math.max(1, Math.floor((end - opensAt.getTime()) / (demo.responses + 1)));
    await tx.$executeRaw`INSERT INTO survey_response (survey_id, submitted_at)
      SELECT ${survey.id}::int, ${opensAt}::timestamptz + make_interval(secs => ((g * 7919) % ${demo.responses} + 1) * ${step / 1000}::float8) FROM generate_series(1, ${demo.responses}) g`;
    for (const [i, q] of demo.questions.entries()) {
      const dependsOn = q.showIf ? created[q.showIf[0]]! : null;
      const condition = dependsOn
        ? Prisma.sql`EXISTS (SELECT 1 FROM survey_answer c WHERE c.response_id = r.id AND c.question_id = ${dependsOn.id} AND c.option_id = ${dependsOn.optionIds[q.showIf![1]]!})`
        : Prisma.sql`TRUE`;
      await tx.$executeRaw(answerSql(survey.id, created[i]!, q.fill, i + 1, condition));
    }
    return survey.id;
  }, { timeout: 600_000 });
}
