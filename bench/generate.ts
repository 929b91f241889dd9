// The large data set of the benchmark (issue 11): twenty years of a city's consultations, documents, news,
// investments, surveys, discussions, remarks and subscriptions, written with set-based SQL
// (INSERT ... SELECT generate_series) on a migrated, base-seeded database. Reproducible: every "random"
// choice is a hash of the row number and the seed (hashint8), never random(), so one seed and one
// `now` give the same rows. Sizes are the issue's at scale 1 and shrink with `scale` for quick runs.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { pino } from 'pino';
import type { Db } from '../src/db/client.js';
import { DISTRICTS } from '../src/db/seed-data.js';
import { FileStorage } from '../src/features/attachments/storage.js';
import { extractPendingDocuments } from '../src/features/search/document-extraction.service.js';
import { createGeneratedSurvey, type DemoQuestion } from '../src/features/surveys/surveys.demo.js';
import { slugFrom } from '../src/lib/slug.js';

export interface GenerateOptions {
  scale: number;
  seed: number;
  /** The data set's present: consultations run up to it, some are still open. */
  now: Date;
  /** Where the few real files are written (the app's UPLOADS_DIR/files); none when unset. */
  filesDir?: string;
  /** Called before each step and once at the end (done === total). */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** Row counts at scale 1 (the issue's sizes). */
export const FULL_SIZES = {
  consultations: 10_000,
  documents: 50_000,
  news: 60_000,
  investments: 2_000,
  surveys: 500,
  comments: 200_000,
  remarks: 50_000,
  subscribers: 100_000,
  /** The survey whose results and submissions are measured: about a million answers. */
  bigSurveyResponses: 48_500,
  /** The poll behind the export of a million rows (one row per response). */
  pollResponses: 1_000_000,
  /** Responses per small survey, on average (4 questions each). */
  smallSurveyResponses: 120,
  /** Comments of the one consultation whose discussion page is measured. */
  bigDiscussion: 2_400,
  /** Ten more consultations with about 1,500 comments each. */
  heavyDiscussions: 15_000,
} as const;

export type Sizes = { -readonly [K in keyof typeof FULL_SIZES]: number };

export function sizesFor(scale: number): Sizes {
  const out = {} as Sizes;
  for (const [k, v] of Object.entries(FULL_SIZES)) out[k as keyof Sizes] = Math.max(k === 'surveys' ? 3 : 1, Math.round(v * scale));
  return out;
}

/** What the benchmark needs to find again: the measured records. */
export interface BenchTargets {
  discussionSlug: string;
  districtSlug: string;
  surveyId: number;
  pollId: number;
  uploadConsultationId: number;
}

export interface GenerateResult {
  sizes: Sizes;
  counts: Record<string, number>;
  targets: BenchTargets;
  seconds: number;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `(ARRAY[${xs.map(lit).join(',')}]::text[])`;

// Vocabulary (DOMAIN.md): what consultations are about, where, and what residents write.
const KINDS = ['Projekt uchwały w sprawie', 'Konsultacje społeczne:', 'Wybór wariantu:', 'Koncepcja', 'Program', 'Miejscowy plan zagospodarowania przestrzennego:', 'Regulamin'];
const SUBJECTS = [
  'rewitalizacji Promenady Niemena', 'ochrony przed hałasem', 'ścieżek rowerowych w Alejach NMP', 'organizacji ruchu w III Alei',
  'przedłużenia ulicy Racławickiej do ulicy Staszica', 'zasad konsultacji społecznych', 'statutu dzielnicy', 'budżetu obywatelskiego',
  'terenów zielonych i parków', 'parkingów w centrum miasta', 'nowej linii tramwajowej', 'oświetlenia ulic', 'placu zabaw przy szkole',
  'współpracy z organizacjami pozarządowymi', 'gospodarki odpadami', 'ochrony powietrza', 'rozwoju komunikacji miejskiej',
  'targowiska miejskiego', 'strategii rozwoju miasta', 'polityki senioralnej', 'modernizacji basenu miejskiego', 'uspokojenia ruchu',
  'nazwy ronda', 'zagospodarowania Placu Biegańskiego', 'przebudowy ulicy Mirowskiej',
];
const PLACES = [...DISTRICTS.map((d) => `w dzielnicy ${d.name}`), 'w Częstochowie'];
const PLACE_SLUGS = [...DISTRICTS.map((d) => d.slug), 'czestochowa'];
const SENTENCES = [
  'Celem konsultacji jest poznanie opinii mieszkańców przed podjęciem decyzji.',
  'Projekt przygotował wydział we współpracy z radą dzielnicy.',
  'Uwagi można zgłaszać przez formularz, pocztą elektroniczną lub na piśmie.',
  'W trakcie konsultacji odbędzie się spotkanie konsultacyjne z mieszkańcami.',
  'Punkt konsultacyjny będzie czynny w Urzędzie Miasta przy ul. Śląskiej 11/13.',
  'Po zakończeniu konsultacji opublikujemy raport wraz ze stanowiskiem do każdej uwagi.',
  'Zmiana obejmuje przebudowę chodników, nowe nasadzenia drzew i oświetlenie.',
  'Mieszkańcy zgłaszali potrzebę bezpiecznych przejść dla pieszych w pobliżu szkoły.',
  'Dokumentacja projektowa jest dostępna w załącznikach do pobrania.',
  'Zapraszamy do udziału wszystkich zainteresowanych mieszkańców Częstochowy.',
  'Wariant pierwszy zakłada ruch jednokierunkowy, wariant drugi zachowuje obecną organizację.',
  'Koszt inwestycji oszacowano na podstawie programu funkcjonalno-użytkowego.',
];
const COMMENT_SENTENCES = [
  'Popieram ten projekt, to bardzo potrzebna zmiana.', 'Proszę o więcej miejsc parkingowych dla mieszkańców.',
  'Brakuje ścieżki rowerowej łączącej dzielnicę z centrum.', 'Drzewa przy tej ulicy powinny zostać zachowane.',
  'Czy przewidziano przejście dla pieszych przy przystanku?', 'Spotkanie powinno odbyć się wieczorem, po pracy.',
  'Hałas z ulicy jest już teraz uciążliwy, proszę o ekrany.', 'Wariant drugi jest lepszy dla seniorów.',
  'Zgadzam się z przedmówcą.', 'Dziękuję za odpowiedź Urzędu, wszystko jasne.', 'Proszę o opublikowanie harmonogramu prac.',
  'Plac zabaw jest w złym stanie od lat.',
];
const FIRST_NAMES = ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Małgorzata', 'Krzysztof', 'Agnieszka', 'Paweł', 'Barbara', 'Michał', 'Ewa', 'Marcin', 'Zofia', 'Jan', 'Joanna', 'Łukasz'];
const INITIALS = ['N.', 'K.', 'W.', 'Z.', 'L.', 'S.', 'Ś.', 'Ż.', 'M.', 'D.'];
const NEWS_TITLES = ['Zaproszenie na spotkanie konsultacyjne', 'Rusza przebudowa', 'Dyżur radnych dzielnicy', 'Wyniki konsultacji', 'Zmiana organizacji ruchu', 'Sprzątanie terenów zielonych', 'Nowe nasadzenia drzew', 'Sesja Rady Dzielnicy', 'Festyn dzielnicowy', 'Harmonogram odbioru odpadów'];
const DOC_NAMES = ['Harmonogram działań', 'Ankieta', 'Prezentacja', 'Jak napisać uchwałę – poradnik', 'Wyniki ankiety', 'Sprawozdanie z przeprowadzonych konsultacji', 'Odpowiedzi na uwagi', 'Projekt uchwały', 'Mapa zasięgu', 'Formularz uwag'];
const INVESTMENTS = ['Modernizacja linii tramwajowej', 'Przebudowa Alei Wojska Polskiego', 'Budowa ulicy Bugajskiej bis', 'Przebudowa ulicy Mirowskiej', 'Odwodnienie dzielnicy', 'Rondo', 'Budowa stadionu', 'Remont chodników', 'Budowa parkingu', 'Termomodernizacja szkoły'];

const FORMS = ['ONLINE_FORM', 'WRITTEN', 'EMAIL', 'MEETING', 'DROP_IN_POINT', 'SURVEY', 'WORKSHOP', 'STUDY_WALK', 'DEBATE'];

// A minimal valid one-page PDF: the few documents that have a real file behind them.
function tinyPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${`BT /F1 18 Tf 72 770 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 72 770 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The big survey: 20 questions (10 single, 4 scales, 3 multiple, 2 short texts, a number), about 21 answers a response. */
export function bigSurveyQuestions(): DemoQuestion[] {
  const qs: DemoQuestion[] = [];
  const singles = ['Jak często korzysta Pan/Pani z komunikacji miejskiej?', 'Czy zmiana poprawi bezpieczeństwo?', 'Który wariant Pan/Pani wybiera?', 'Jak ocenia Pan/Pani stan chodników?', 'Czy brał(a) Pan/Pani udział w konsultacjach?', 'Jak dociera Pan/Pani do centrum?', 'Czy popiera Pan/Pani strefę płatnego parkowania?', 'Jak ocenia Pan/Pani informowanie mieszkańców?', 'Czy w dzielnicy brakuje zieleni?', 'Ile lat mieszka Pan/Pani w Częstochowie?'];
  singles.forEach((text, i) => qs.push({ type: 'SINGLE', text, required: i < 3, options: ['Tak, zdecydowanie', 'Raczej tak', 'Raczej nie', 'Nie'], fill: { kind: 'weights', weights: [35 - i, 30, 20, 15 + i] } }));
  for (let i = 0; i < 4; i++) qs.push({ type: 'SCALE', text: `Ocena ${['bezpieczeństwa', 'czystości', 'zieleni', 'komunikacji'][i]} w skali od 1 do 10`, min: 1, max: 10, fill: { kind: 'scale', weights: [2, 3, 5, 8, 10, 14, 16, 14, 12, 9] } });
  for (let i = 0; i < 3; i++) qs.push({ type: 'MULTIPLE', text: ['Co należy poprawić?', 'Z czego Pan/Pani korzysta?', 'Gdzie brakuje ławek?'][i]!, options: ['Chodniki', 'Oświetlenie', 'Zieleń', 'Parkingi', 'Ścieżki rowerowe'], fill: { kind: 'each', percents: [60, 45, 30, 20, 20] } });
  qs.push({ type: 'SHORT_TEXT', text: 'Jedno słowo o dzielnicy', fill: { kind: 'texts', every: 5, texts: ['Zielona', 'Spokojna', 'Zakorkowana', 'Moja'] } });
  qs.push({ type: 'SHORT_TEXT', text: 'Ulica, która wymaga remontu', fill: { kind: 'texts', every: 5, texts: ['Mirowska', 'Racławicka', 'Bugajska', 'Limanowskiego'] } });
  qs.push({ type: 'NUMBER', text: 'Ile minut zajmuje dojazd do pracy?', min: 0, max: 180, fill: { kind: 'number', from: 5, to: 90 } });
  return qs;
}

export async function generateBenchData(client: pg.ClientBase, db: Db, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const S = sizesFor(options.scale);
  const seed = Math.trunc(options.seed);
  const now = `'${options.now.toISOString()}'::timestamptz`;
  // A number in [0, 1) from a row's number and a salt: the same for the same seed, spread evenly.
  const rnd = (expr: string, salt: number) => `((hashint8((${expr})::bigint * 1000003 + ${seed * 7919 + salt}) & 2147483647)::float8 / 2147483648.0)`;
  const idx = (expr: string, salt: number, n: number) => `floor(${rnd(expr, salt)} * ${n})::int`;
  const pick = (xs: readonly string[], expr: string, salt: number) => `(${arr(xs)})[1 + ${idx(expr, salt, xs.length)}]`;
  const text = (expr: string, salt: number, n: number, from = SENTENCES) => Array.from({ length: n }, (_, i) => pick(from, expr, salt + i)).join(` || ' ' || `);

  const steps: [string, () => Promise<unknown>][] = [];
  const step = (label: string, run: () => Promise<unknown>) => steps.push([label, run]);
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  const one = async (sql: string) => Number((await q(sql)).rows[0]?.n ?? 0);

  const department = (expr: string, salt: number) => `(SELECT id FROM department ORDER BY id OFFSET ${idx(expr, salt, 10)} LIMIT 1)`;
  let firstConsultation = 0;
  let firstNews = 0;
  const targets = {} as BenchTargets;
  const C = S.consultations;
  // Consultation n starts at a point of the 20 years before `now` (plus 60 days ahead: the planned ones).
  const span = `(interval '20 years' + interval '60 days')`;

  step('consultations', async () => {
    await q(`INSERT INTO consultation (slug, title, summary, subject_md, subject_html, purpose_md, purpose_html, legal_basis, addressees, forms, city_wide, department_id, topic_id,
               starts_at, ends_at, published_at, state, state_note, report_published_at, announced_at, report_announced_at, coordinator, contact_name, contact_email, contact_phone, contact_place, comments_premoderated, created_at, updated_at)
      SELECT slug, title, summary, body, '<p>' || body || '</p>', purpose, '<p>' || purpose || '</p>',
             'Uchwała nr XXXII/541/2010 Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych', 'Mieszkańcy Częstochowy',
             ARRAY[${pick(FORMS, 'n', 11)}, 'ONLINE_FORM']::"ParticipationForm"[], city_wide, ${department('n', 12)}, (SELECT id FROM topic ORDER BY id OFFSET ${idx('n', 13, 8)} LIMIT 1),
             starts_at, starts_at + make_interval(days => 14 + ${idx('n', 14, 46)}),
             CASE WHEN n % 33 = 0 THEN NULL ELSE starts_at - interval '7 days' END,
             (CASE WHEN n % 97 = 0 THEN 'CANCELLED' WHEN n % 89 = 0 THEN 'POSTPONED' ELSE 'ACTIVE' END)::"ConsultationState",
             CASE WHEN n % 97 = 0 OR n % 89 = 0 THEN 'Zmiana terminu na wniosek rady dzielnicy.' ELSE '' END,
             CASE WHEN starts_at < ${now} - interval '90 days' AND n % 5 <> 0 AND n % 33 <> 0 THEN starts_at + interval '80 days' END,
             CASE WHEN n % 33 <> 0 AND starts_at - interval '7 days' <= ${now} THEN starts_at - interval '7 days' END,
             CASE WHEN starts_at < ${now} - interval '90 days' AND n % 5 <> 0 AND n % 33 <> 0 THEN starts_at + interval '80 days' END,
             'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych', ${pick(FIRST_NAMES, 'n', 15)} || ' ' || ${pick(['Nowak', 'Kowalski', 'Wiśniewska', 'Zielińska', 'Lewandowski'], 'n', 16)},
             'konsultacje@example.org', '34 370 ' || lpad((n % 10000)::text, 4, '0'), 'Urząd Miasta Częstochowy, ul. Śląska 11/13, pok. ' || (100 + n % 300),
             n % 40 = 0, starts_at - interval '14 days', starts_at
      FROM (SELECT n, ${pick(KINDS, 'n', 1)} || ' ' || ${pick(SUBJECTS, 'n', 2)} || ' ' || (${arr(PLACES)})[1 + p] AS title,
                   ${arr(SUBJECTS.map((s) => slugFrom(s, 60)))}[1 + ${idx('n', 2, SUBJECTS.length)}] || '-' || (${arr(PLACE_SLUGS)})[1 + p] || '-' || n AS slug,
                   ${text('n', 20, 2)} AS summary, ${text('n', 30, 6)} AS body, ${text('n', 40, 3)} AS purpose,
                   p = ${PLACES.length - 1} AS city_wide,
                   ${now} - interval '20 years' + ${span} * (n::float8 / ${C}) + make_interval(hours => ${idx('n', 17, 240)}) AS starts_at
            FROM (SELECT n, ${idx('n', 3, PLACES.length)} AS p FROM generate_series(1, ${C}) n) g) c`);
    firstConsultation = await one(`SELECT min(id) AS n FROM consultation`);
    // Districts of the consultations that are not city-wide: the one in the title and, for every third, a neighbour.
    await q(`INSERT INTO consultation_district (consultation_id, district_id)
      SELECT c.id, d.id FROM consultation c JOIN district d ON c.title LIKE '%w dzielnicy ' || d.name WHERE NOT c.city_wide
      UNION SELECT c.id, (SELECT min(id) FROM district) + c.id % 20 FROM consultation c WHERE NOT c.city_wide AND c.id % 3 = 0`);
    // The consultation whose discussion is measured: open now, in Raków, published.
    const big = firstConsultation + Math.floor(C * 0.9);
    await q(`UPDATE consultation SET starts_at = ${now} - interval '10 days', ends_at = ${now} + interval '20 days', published_at = ${now} - interval '17 days',
               state = 'ACTIVE', report_published_at = NULL, report_announced_at = NULL, archived_at = NULL, comments_premoderated = false,
               announced_at = ${now} - interval '17 days' WHERE id = ${big}`);
    targets.discussionSlug = String((await q(`SELECT slug FROM consultation WHERE id = ${big}`)).rows[0].slug);
    targets.uploadConsultationId = big;
  });

  step('news', async () => {
    await q(`INSERT INTO news (slug, title, lead, body_md, body_html, district_id, published_at, announced_at, created_at, updated_at)
      SELECT slugify || '-' || n, title, lead, body, '<p>' || body || '</p>', district_id, CASE WHEN n % 50 <> 0 THEN at END, CASE WHEN n % 50 <> 0 THEN at END, at, at
      FROM (SELECT n, ${pick(NEWS_TITLES, 'n', 101)} || ' ' || ${pick(PLACES, 'n', 102)} AS title,
                   ${arr(NEWS_TITLES.map((t) => slugFrom(t, 60)))}[1 + ${idx('n', 101, NEWS_TITLES.length)}] AS slugify,
                   ${text('n', 110, 2)} AS lead, ${text('n', 120, 5)} AS body,
                   CASE WHEN n % 2 = 0 THEN (SELECT min(id) FROM district) + ${idx('n', 103, 20)} END AS district_id,
                   ${now} - interval '20 years' * (1 - n::float8 / ${S.news}) - interval '1 hour' AS at
            FROM generate_series(1, ${S.news}) n) g`);
    firstNews = await one(`SELECT min(id) AS n FROM news`);
  });

  step('investments', async () => {
    await q(`INSERT INTO investment (slug, title, summary, description_md, description_html, status, department_id, budget_grosze, eu_funding_grosze, funding_sources,
               planned_start, planned_end, actual_start, actual_end, address, latitude, longitude, consultation_id, contact_name, contact_email, published_at, created_at, updated_at)
      SELECT slugify || '-' || n, title, ${text('n', 210, 1)}, ${text('n', 220, 4)}, '<p>' || ${text('n', 220, 4)} || '</p>', status::"InvestmentStatus", ${department('n', 203)},
             (100000 + ${idx('n', 204, 5000000)})::bigint * 100, CASE WHEN n % 3 = 0 THEN (50000 + ${idx('n', 205, 1000000)})::bigint * 100 END, 'Budżet miasta',
             start::date, (start + interval '1 year')::date,
             CASE WHEN status IN ('IN_PROGRESS', 'COMPLETED', 'SUSPENDED') THEN start::date END, CASE WHEN status = 'COMPLETED' THEN (start + interval '1 year')::date END,
             'ul. ' || ${pick(['Mirowska', 'Racławicka', 'Bugajska', 'Limanowskiego', 'Śląska', 'Warszawska', 'Krakowska', 'Jagiellońska'], 'n', 206)} || ' ' || (1 + n % 120),
             50.72 + ${rnd('n', 207)} * 0.16, 18.97 + ${rnd('n', 208)} * 0.31,
             CASE WHEN n % 4 = 0 THEN ${firstConsultation} + ${idx('n', 209, C)} END, 'Wydział Inwestycji', 'inwestycje@example.org',
             CASE WHEN n % 40 = 0 THEN NULL ELSE start - interval '30 days' END, start - interval '60 days', start
      FROM (SELECT n, ${pick(INVESTMENTS, 'n', 201)} || ' ' || ${pick(PLACES, 'n', 202)} AS title,
                   ${arr(INVESTMENTS.map((t) => slugFrom(t, 60)))}[1 + ${idx('n', 201, INVESTMENTS.length)}] AS slugify,
                   ${now} - interval '15 years' * (1 - n::float8 / ${S.investments}) + interval '180 days' AS start,
                   ${pick(['IN_PROGRESS', 'PREPARATION', 'PLANNED', 'SUSPENDED', 'COMPLETED', 'COMPLETED', 'COMPLETED'], 'n', 200)} AS status
            FROM generate_series(1, ${S.investments}) n) g`);
    await q(`INSERT INTO investment_district (investment_id, district_id)
      SELECT i.id, (SELECT min(id) FROM district) + ${idx('i.id', 211, 20)} FROM investment i
      UNION SELECT i.id, (SELECT min(id) FROM district) + ${idx('i.id', 212, 20)} FROM investment i WHERE i.id % 4 = 0`);
  });

  step('documents', async () => {
    // Most belong to consultations (the measured one has a dozen), the rest to news.
    const toNews = Math.round(S.documents * 0.1);
    await q(`INSERT INTO attachment (kind, consultation_id, news_id, original_name, stored_name, mime_type, extension, size_bytes, title, position, created_at)
      SELECT 'DOCUMENT', CASE WHEN n > ${toNews} THEN CASE WHEN n <= ${toNews} + 12 THEN ${targets.uploadConsultationId} ELSE ${firstConsultation} + ${idx('n', 301, C)} END END,
             CASE WHEN n <= ${toNews} THEN ${firstNews} + ${idx('n', 302, S.news)} END,
             name || '.' || ext, md5('${seed}-doc-' || n) || '.' || ext, CASE ext WHEN 'pdf' THEN 'application/pdf' WHEN 'docx' THEN 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ELSE 'application/vnd.oasis.opendocument.text' END,
             ext, 20000 + ${idx('n', 303, 5000000)}, name, n % 12, ${now} - interval '20 years' * (1 - n::float8 / ${S.documents})
      FROM (SELECT n, ${pick(DOC_NAMES, 'n', 304)} AS name, ${pick(['pdf', 'pdf', 'pdf', 'docx', 'odt'], 'n', 305)} AS ext FROM generate_series(1, ${S.documents}) n) g`);
    const withFile: number[] = [];
    if (options.filesDir) {
      // The measured consultation's PDFs have a real file behind them (downloads work); the rest are metadata.
      fs.mkdirSync(options.filesDir, { recursive: true });
      const { rows } = await q(`SELECT id, stored_name, title FROM attachment WHERE consultation_id = ${targets.uploadConsultationId} AND extension = 'pdf'`);
      for (const row of rows as { id: number; stored_name: string; title: string }[]) {
        const file = tinyPdf(row.title);
        fs.writeFileSync(path.join(options.filesDir, row.stored_name), file);
        await q(`UPDATE attachment SET size_bytes = $1 WHERE id = $2`, [file.length, row.id]);
        withFile.push(row.id);
      }
    }
    // The search's text extraction (src/features/search) would otherwise spend the benchmark's first hour
    // failing to open tens of thousands of missing files, one write each. A document without a file gets
    // the row the job would write for it (FAILED, no parts; the error without this machine's path) ...
    await q(`INSERT INTO document_text (attachment_id, stored_name, status, parts, error, extracted_at)
      SELECT id, stored_name, 'FAILED', 0, 'ENOENT: no such file or directory', ${now} FROM attachment
      WHERE kind = 'DOCUMENT' AND NOT (id = ANY($1::int[]))
      ON CONFLICT (attachment_id) DO UPDATE SET status = EXCLUDED.status, parts = 0, error = EXCLUDED.error, extracted_at = EXCLUDED.extracted_at`, [withFile]);
    // ... and the few with a file are read by the job's own code now, so their text is searchable.
    if (options.filesDir) {
      const storage = new FileStorage(path.dirname(options.filesDir));
      if (path.resolve(storage.filesDir) !== path.resolve(options.filesDir)) throw new Error(`filesDir must be <uploads>/files: ${options.filesDir}`);
      await extractPendingDocuments({ db, storage, logger: pino({ level: 'silent' }) });
    }
  });

  step('comments', async () => {
    // 80% top-level: the measured discussion, ten heavy ones, the rest over the consultations that started.
    const top = Math.round(S.comments * 0.8);
    const bigTop = Math.round(S.bigDiscussion * 0.8);
    const heavyTop = Math.round(S.heavyDiscussions * 0.8);
    const started = Math.floor(C * 0.98);
    await q(`INSERT INTO comment (consultation_id, author_name, full_name_consent, body, status, hidden_reason, created_at, published_at)
      SELECT c.id, author, false, body, status::"CommentStatus", CASE WHEN status = 'HIDDEN' THEN 'Naruszenie regulaminu' ELSE '' END,
             least(c.starts_at + (c.ends_at - c.starts_at) * ${rnd('g.n', 401)}, ${now} - interval '1 minute'),
             CASE WHEN status = 'PUBLISHED' THEN least(c.starts_at + (c.ends_at - c.starts_at) * ${rnd('g.n', 401)}, ${now} - interval '1 minute') END
      FROM (SELECT n, CASE WHEN n <= ${bigTop} THEN ${targets.uploadConsultationId}
                           WHEN n <= ${bigTop + heavyTop} THEN ${firstConsultation} + (n % 10) * ${Math.max(1, Math.floor(started / 10))} + 1
                           ELSE ${firstConsultation} + ${idx('n', 402, started)} END AS consultation_id,
                   ${pick(FIRST_NAMES, 'n', 403)} || ' ' || ${pick(INITIALS, 'n', 404)} AS author, ${text('n', 410, 3, COMMENT_SENTENCES)} AS body,
                   CASE WHEN n % 50 = 0 THEN 'HIDDEN' WHEN n % 51 = 0 THEN 'PENDING' ELSE 'PUBLISHED' END AS status
            FROM generate_series(1, ${top}) n) g JOIN consultation c ON c.id = g.consultation_id`);
    // Replies: to every fourth top-level comment, the city's official answer to some.
    await q(`INSERT INTO comment (consultation_id, parent_id, author_name, official, body, status, created_at, published_at)
      SELECT consultation_id, id, CASE WHEN id % 3 = 0 THEN 'Biuro Inicjatyw Lokalnych' ELSE ${pick(FIRST_NAMES, 'id', 420)} || ' ' || ${pick(INITIALS, 'id', 421)} END, id % 3 = 0,
             ${text('id', 430, 2, COMMENT_SENTENCES)}, 'PUBLISHED', created_at + interval '1 hour', created_at + interval '1 hour'
      FROM comment WHERE parent_id IS NULL AND status = 'PUBLISHED' AND id % 4 = 0 ORDER BY id LIMIT ${S.comments - top}`);
  });

  step('remarks', async () => {
    const ended = Math.floor(C * 0.95);
    await q(`INSERT INTO remark (consultation_id, reference, channel, received_at, content, proposal, justification, author_kind, author_name, resident_declared, position, answer, answered_at, created_at)
      SELECT c.id, 'U/' || c.id || '/' || g.n, channel::"RemarkChannel", c.starts_at + (c.ends_at - c.starts_at) * ${rnd('g.n', 501)},
             ${text('g.n', 510, 3, COMMENT_SENTENCES)}, ${text('g.n', 520, 1)}, ${text('g.n', 530, 2)},
             (CASE WHEN g.n % 10 = 0 THEN 'INSTITUTION' ELSE 'PERSON' END)::"RemarkAuthorKind",
             CASE WHEN g.n % 10 = 0 THEN 'Stowarzyszenie Mieszkańców ' || ${pick(DISTRICTS.map((d) => d.name), 'g.n', 502)} ELSE ${pick(FIRST_NAMES, 'g.n', 503)} || ' ' || ${pick(INITIALS, 'g.n', 504)} END,
             g.n % 10 <> 0, position::"RemarkPosition", CASE WHEN position IS NULL THEN '' ELSE ${text('g.n', 540, 2)} END,
             CASE WHEN position IS NOT NULL THEN c.ends_at + interval '14 days' END, c.starts_at + (c.ends_at - c.starts_at) * ${rnd('g.n', 501)}
      FROM (SELECT n, ${firstConsultation} + ${idx('n', 505, ended)} AS consultation_id, ${pick(['ONLINE', 'ONLINE', 'EMAIL', 'PAPER', 'MEETING'], 'n', 506)} AS channel,
                   CASE WHEN n % 4 = 0 THEN NULL ELSE ${pick(['ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED', 'EXPLANATION', 'OUT_OF_SCOPE'], 'n', 507)} END AS position
            FROM generate_series(1, ${S.remarks}) n) g JOIN consultation c ON c.id = g.consultation_id`);
  });

  step('subscriptions', async () => {
    await q(`INSERT INTO subscriber (email, new_consultations, confirmed_at, created_at)
      SELECT 'mieszkaniec' || n || '@example.org', ${pick(['NONE', 'ALL', 'CHOSEN', 'CHOSEN'], 'n', 601)}::"NotifyScope",
             CASE WHEN n % 20 = 0 THEN NULL ELSE ${now} - interval '10 years' * ${rnd('n', 602)} END, ${now} - interval '10 years' * ${rnd('n', 602)} - interval '1 hour'
      FROM generate_series(1, ${S.subscribers}) n`);
    await q(`INSERT INTO subscriber_district (subscriber_id, district_id)
      SELECT s.id, (SELECT min(id) FROM district) + ${idx('s.id', 611, 20)} FROM subscriber s WHERE s.new_consultations = 'CHOSEN'
      UNION SELECT s.id, (SELECT min(id) FROM district) + ${idx('s.id', 612, 20)} FROM subscriber s WHERE s.new_consultations = 'CHOSEN' AND s.id % 2 = 0`);
    await q(`INSERT INTO subscriber_topic (subscriber_id, topic_id) SELECT s.id, (SELECT min(id) FROM topic) + ${idx('s.id', 613, 8)} FROM subscriber s WHERE s.new_consultations = 'CHOSEN' AND s.id % 3 = 0`);
    await q(`INSERT INTO subscriber_consultation (subscriber_id, consultation_id) SELECT s.id, ${firstConsultation} + ${idx('s.id', 614, C)} FROM subscriber s WHERE s.id % 3 = 1`);
    await q(`INSERT INTO subscriber_news_district (subscriber_id, district_id) SELECT s.id, (SELECT min(id) FROM district) + ${idx('s.id', 615, 20)} FROM subscriber s WHERE s.id % 5 = 2`);
  });

  step('surveys', async () => {
    const departmentId = Number((await q(`SELECT id FROM department WHERE code = 'MZDiT'`)).rows[0].id);
    const day = 86_400_000;
    targets.surveyId = await createGeneratedSurvey(db, {
      title: 'Ankieta: jak się żyje w Twojej dzielnicy? (badanie 2026)', intro: 'Ankieta dla wszystkich mieszkańców Częstochowy. Wyniki są widoczne na bieżąco.', department: 'MZDiT',
      participation: 'OPEN', resultsVisibility: 'LIVE', responses: S.bigSurveyResponses, questions: bigSurveyQuestions(),
      opensAt: (n) => new Date(n.getTime() - 60 * day), closesAt: (n) => new Date(n.getTime() + 60 * day),
    }, departmentId, options.now);
    // The poll of a million votes, in SQL of its own (the demo surveys' generator multiplies the
    // response number in 32-bit integers, which overflows past about 270,000 responses).
    targets.pollId = Number((await q(`INSERT INTO survey (kind, title, intro_md, intro_html, department_id, opens_at, closes_at, participation, results_visibility, created_at, updated_at)
      VALUES ('POLL', 'Sonda: czy popierasz tramwaj na Parkitkę?', '', '', ${departmentId}, ${now} - interval '365 days', ${now} + interval '30 days', 'OPEN', 'LIVE', ${now} - interval '366 days', ${now} - interval '366 days')
      RETURNING id`)).rows[0].id);
    const pollQuestion = Number((await q(`INSERT INTO survey_question (survey_id, position, type, text, required) VALUES (${targets.pollId}, 1, 'SINGLE', 'Czy popierasz budowę linii tramwajowej na Parkitkę?', true) RETURNING id`)).rows[0].id);
    await q(`INSERT INTO survey_option (question_id, position, label) VALUES (${pollQuestion}, 1, 'Tak'), (${pollQuestion}, 2, 'Nie'), (${pollQuestion}, 3, 'Nie mam zdania')`);
    await q(`INSERT INTO survey_response (survey_id, submitted_at)
      SELECT ${targets.pollId}, ${now} - interval '365 days' * ${rnd('g', 801)} FROM generate_series(1, ${S.pollResponses}) g`);
    await q(`INSERT INTO survey_answer (response_id, question_id, option_id)
      SELECT r.id, ${pollQuestion}, (SELECT min(id) FROM survey_option WHERE question_id = ${pollQuestion}) + CASE WHEN ${rnd('r.id', 802)} < 0.61 THEN 0 WHEN ${rnd('r.id', 802)} < 0.88 THEN 1 ELSE 2 END
      FROM survey_response r WHERE r.survey_id = ${targets.pollId}`);
    // The other surveys, set-based: each attached to a consultation and open during it, four questions.
    const small = S.surveys - 2;
    const { rows } = await q(`INSERT INTO survey (title, intro_md, intro_html, department_id, consultation_id, opens_at, closes_at, participation, results_visibility, created_at, updated_at)
      SELECT 'Ankieta: ' || c.title, 'Prosimy o wypełnienie ankiety.', '<p>Prosimy o wypełnienie ankiety.</p>', c.department_id, c.id, c.starts_at, c.ends_at,
             'ONE_PER_BROWSER', (CASE WHEN g.n % 3 = 0 THEN 'LIVE' ELSE 'AFTER_CLOSE' END)::"SurveyResultsVisibility", c.starts_at - interval '1 day', c.starts_at
      FROM generate_series(1, ${small}) g(n) JOIN consultation c ON c.id = ${firstConsultation} + (g.n * ${Math.max(1, Math.floor((C * 0.95) / Math.max(1, small)))}) % ${Math.max(1, Math.floor(C * 0.95))}
      ORDER BY g.n RETURNING id`);
    const ids = (rows as { id: number }[]).map((r) => r.id);
    if (ids.length === 0) return;
    const within = `BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)}`;
    await q(`INSERT INTO survey_question (survey_id, position, type, text, required, min_value, max_value, min_label, max_label)
      SELECT s.id, q.pos, q.type::"SurveyQuestionType", q.text, q.pos = 1, CASE WHEN q.type = 'SCALE' THEN 1 END, CASE WHEN q.type = 'SCALE' THEN 5 END,
             CASE WHEN q.type = 'SCALE' THEN 'bardzo źle' ELSE '' END, CASE WHEN q.type = 'SCALE' THEN 'bardzo dobrze' ELSE '' END
      FROM survey s CROSS JOIN (VALUES (1, 'SINGLE', 'Czy popiera Pan/Pani projekt?'), (2, 'MULTIPLE', 'Co jest dla Pana/Pani najważniejsze?'),
                                       (3, 'SCALE', 'Jak ocenia Pan/Pani obecny stan?'), (4, 'SHORT_TEXT', 'Uwagi')) q(pos, type, text)
      WHERE s.id ${within} ORDER BY s.id, q.pos`);
    await q(`INSERT INTO survey_option (question_id, position, label)
      SELECT q.id, o.pos, o.label FROM survey_question q CROSS JOIN (VALUES (1, 'Tak'), (2, 'Raczej tak'), (3, 'Raczej nie'), (4, 'Nie')) o(pos, label)
      WHERE q.survey_id ${within} AND q.type IN ('SINGLE', 'MULTIPLE') ORDER BY q.id, o.pos`);
    await q(`INSERT INTO survey_response (survey_id, submitted_at)
      SELECT s.id, s.opens_at + (least(s.closes_at, ${now}) - s.opens_at) * ${rnd('s.id * 100000 + g', 701)}
      FROM survey s CROSS JOIN LATERAL generate_series(1, ${Math.max(1, Math.round(S.smallSurveyResponses / 2))} + ${idx('s.id', 702, S.smallSurveyResponses)}) g
      WHERE s.id ${within} AND s.opens_at < ${now}`);
    const answers = (type: string) => `FROM survey_response r JOIN survey_question q ON q.survey_id = r.survey_id AND q.type = '${type}' WHERE r.survey_id ${within}`;
    const firstOption = `(SELECT min(id) FROM survey_option o WHERE o.question_id = q.id)`;
    await q(`INSERT INTO survey_answer (response_id, question_id, option_id) SELECT r.id, q.id, ${firstOption} + ${idx('r.id', 711, 4)} ${answers('SINGLE')}`);
    await q(`INSERT INTO survey_answer (response_id, question_id, option_id) SELECT r.id, q.id, o.id
      FROM survey_response r JOIN survey_question q ON q.survey_id = r.survey_id AND q.type = 'MULTIPLE' JOIN survey_option o ON o.question_id = q.id
      WHERE r.survey_id ${within} AND ${rnd('r.id * 8 + o.position', 712)} < 0.4`);
    await q(`INSERT INTO survey_answer (response_id, question_id, value) SELECT r.id, q.id, 1 + ${idx('r.id', 713, 5)} ${answers('SCALE')}`);
    await q(`INSERT INTO survey_answer (response_id, question_id, text) SELECT r.id, q.id, ${pick(COMMENT_SENTENCES, 'r.id', 714)} ${answers('SHORT_TEXT')} AND r.id % 5 = 0`);
  });

  step('statistics (VACUUM ANALYZE)', async () => {
    // Fresh tables have no statistics; the planner would guess, and the benchmark would measure the guess.
    await q('VACUUM ANALYZE');
  });

  for (const [i, [label, run]] of steps.entries()) {
    options.onProgress?.(i, steps.length, label);
    await run();
  }
  options.onProgress?.(steps.length, steps.length, 'done');

  const counts: Record<string, number> = {};
  for (const table of ['consultation', 'consultation_district', 'attachment', 'news', 'investment', 'survey', 'survey_response', 'survey_answer', 'comment', 'remark', 'subscriber']) {
    counts[table] = await one(`SELECT count(*)::int AS n FROM ${table}`);
  }
  counts.bigDiscussionComments = await one(`SELECT count(*)::int AS n FROM comment WHERE consultation_id = ${targets.uploadConsultationId}`);
  counts.bigSurveyAnswers = await one(`SELECT count(*)::int AS n FROM survey_answer a JOIN survey_question q ON q.id = a.question_id WHERE q.survey_id = ${targets.surveyId}`);
  targets.districtSlug = 'rakow';
  return { sizes: S, counts, targets, seconds: (Date.now() - started) / 1000 };
}
