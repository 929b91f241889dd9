// Demo consultations modelled on Częstochowa's own (DOMAIN.md), dated around "now" so that every
// status appears: open, planned, finished with and without a report, cancelled, postponed, a draft.
import type { Db } from '../../db/client.js';
import type { ParticipationForm } from '../../generated/prisma/enums.js';
import { endOfWarsawDay, warsawInstant, warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';

const DAY = 86_400_000;

interface DemoConsultation {
  slug: string;
  title: string;
  department: string;
  topic: string;
  summary: string;
  subject: string;
  purpose: string;
  forms: ParticipationForm[];
  districts?: string[];
  /** Calendar dates, or offsets in days from today. */
  start: string | number;
  end: string | number;
  published?: string | number | null;
  state?: 'ACTIVE' | 'CANCELLED' | 'POSTPONED';
  stateNote?: string;
  report?: string | null;
  meetings?: { title: string; day: string | number; from: string; to?: string; place: string }[];
}

const LEGAL_BASIS = 'Art. 5a ustawy z dnia 8 marca 1990 r. o samorządzie gminnym; Uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy z dnia 28 czerwca 2010 r. w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy';

export const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    slug: 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie',
    title: 'Zasady i tryb przeprowadzania konsultacji społecznych w Częstochowie',
    department: 'BIK',
    topic: 'samorzad',
    summary: 'Modelowa konsultacja programu „Budowa dialogu społecznego”: jak miasto ma pytać mieszkańców o zdanie.',
    subject: 'Projekt uchwały Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami.\n\nKonsultacja przeprowadzona w ramach programu „Budowa dialogu społecznego w Częstochowie”.',
    purpose: 'Wspólne z mieszkańcami przygotowanie zasad, według których miasto będzie prowadzić konsultacje: kto może je zainicjować, w jakich formach i jak publikowane są ich wyniki.',
    forms: ['SURVEY', 'MEETING', 'WORKSHOP', 'ONLINE_FORM', 'WRITTEN'],
    start: '2010-04-23',
    end: '2010-05-25',
    published: '2010-04-15',
    report: '2010-06-20',
    meetings: [{ title: 'Spotkanie z mieszkańcami', day: '2010-05-12', from: '17:00', to: '19:30', place: 'Urząd Miasta Częstochowy, ul. Śląska 11/13, sala sesyjna' }],
  },
  {
    slug: 'iii-aleja-co-dalej',
    title: 'III Aleja – co dalej?',
    department: 'MZDiT',
    topic: 'transport',
    summary: 'Trzy warianty organizacji ruchu w III Alei NMP. W ankiecie wzięło udział 1871 osób.',
    subject: 'Organizacja ruchu i przestrzeni w III Alei Najświętszej Maryi Panny: wariant I (deptak), wariant II (ruch uspokojony), wariant III (ruch jednokierunkowy).',
    purpose: 'Wybór wariantu zagospodarowania III Alei, który zostanie zaprojektowany.',
    forms: ['SURVEY', 'MEETING', 'DROP_IN_POINT'],
    districts: ['srodmiescie', 'stare-miasto'],
    start: '2013-03-04',
    end: '2013-04-05',
    published: '2013-02-20',
    report: '2013-05-10',
  },
  {
    slug: 'ruch-rowerowy-w-srodkowej-jezdni-alei-nmp',
    title: 'Ruch rowerowy w środkowej jezdni Alei NMP',
    department: 'MZDiT',
    topic: 'transport',
    summary: 'Czy dopuścić rowery na środkowej jezdni Alei Najświętszej Maryi Panny?',
    subject: 'Propozycja dopuszczenia ruchu rowerowego w środkowej jezdni Alei NMP.',
    purpose: 'Poznanie opinii rowerzystów, pieszych i kierowców.',
    forms: ['DEBATE', 'DROP_IN_POINT', 'EMAIL'],
    districts: ['srodmiescie'],
    start: '2011-05-16',
    end: '2011-06-06',
    published: '2011-05-05',
    report: '2011-07-01',
  },
  {
    slug: 'program-ochrony-srodowiska-przed-halasem',
    title: 'Program ochrony środowiska przed hałasem dla miasta Częstochowy',
    department: 'OŚR',
    topic: 'srodowisko',
    summary: 'Projekt programu ograniczania hałasu drogowego, kolejowego i przemysłowego.',
    subject: 'Projekt „Programu ochrony środowiska przed hałasem dla miasta Częstochowy”.',
    purpose: 'Zebranie uwag mieszkańców do projektu programu przed jego uchwaleniem.',
    forms: ['ONLINE_FORM', 'WRITTEN', 'EMAIL'],
    start: -40,
    end: -19,
    published: -50,
    report: null,
  },
  {
    slug: 'mpzp-mirow-ul-mstowska',
    title: 'Miejscowy plan zagospodarowania przestrzennego – Mirów, rejon ul. Mstowskiej',
    department: 'MPUP',
    topic: 'planowanie-przestrzenne',
    summary: 'Projekt planu miejscowego dla terenów przy ul. Mstowskiej. Zgłoś uwagi do projektu.',
    subject: 'Projekt miejscowego planu zagospodarowania przestrzennego dla obszaru w rejonie ul. Mstowskiej w dzielnicy Mirów.\n\n- część tekstowa (projekt uchwały)\n- rysunek planu\n- prognoza oddziaływania na środowisko',
    purpose: 'Zebranie uwag do projektu planu przed jego przedstawieniem Radzie Miasta.',
    forms: ['ONLINE_FORM', 'WRITTEN', 'MEETING', 'EXPERT_HOURS'],
    districts: ['mirow'],
    start: -10,
    end: 11,
    published: -20,
    meetings: [
      { title: 'Dyskusja publiczna nad projektem planu', day: 4, from: '17:00', to: '19:00', place: 'Szkoła Podstawowa nr 40, ul. Mstowska 8' },
      { title: 'Dyżur projektanta planu', day: 8, from: '10:00', to: '14:00', place: 'Miejska Pracownia Urbanistyczno-Planistyczna, pokój 12' },
    ],
  },
  {
    slug: 'rewitalizacja-promenady-niemena-wybor-wariantu',
    title: 'Rewitalizacja Promenady Niemena – wybierz wariant',
    department: 'IZ',
    topic: 'inwestycje',
    summary: 'Dwa warianty odnowy Promenady Czesława Niemena. Który lepiej służy mieszkańcom?',
    subject: 'Koncepcja rewitalizacji Promenady im. Czesława Niemena: **wariant A** (więcej zieleni i miejsc do odpoczynku) i **wariant B** (scena plenerowa i plac wydarzeń).',
    purpose: 'Wybór wariantu, który zostanie zaprojektowany i zrealizowany.',
    forms: ['SURVEY', 'STUDY_WALK', 'MEETING'],
    districts: ['srodmiescie', 'zawodzie-dabie'],
    start: -3,
    end: 25,
    published: -12,
    meetings: [{ title: 'Spacer studyjny po Promenadzie', day: 6, from: '16:00', to: '18:00', place: 'Zbiórka przy wejściu od ul. Jana Pawła II' }],
  },
  {
    slug: 'przedluzenie-ul-raclawickiej-do-ul-staszica',
    title: 'Przedłużenie ul. Racławickiej do ul. Staszica',
    department: 'IZ',
    topic: 'transport',
    summary: 'Dwa warianty przebiegu nowego odcinka ulicy. Konsultacje rozpoczną się wkrótce.',
    subject: 'Koncepcja przedłużenia ul. Racławickiej do ul. Staszica w dwóch wariantach przebiegu.',
    purpose: 'Poznanie opinii mieszkańców o wariantach przed wyborem rozwiązania do projektu budowlanego.',
    forms: ['ONLINE_FORM', 'MEETING', 'SURVEY'],
    districts: ['rakow', 'zawodzie-dabie'],
    start: 10,
    end: 40,
    published: -2,
    meetings: [{ title: 'Spotkanie informacyjne', day: 15, from: '17:30', to: '19:30', place: 'Rada Dzielnicy Raków, ul. Łukasińskiego 40' }],
  },
  {
    slug: 'zmiany-w-statutach-dzielnic',
    title: 'Zmiany w statutach dzielnic',
    department: 'RM',
    topic: 'samorzad',
    summary: 'Projekt zmian w statutach wszystkich 20 dzielnic Częstochowy.',
    subject: 'Projekty uchwał zmieniających statuty dzielnic: zasady wyborów do rad dzielnic, dyżury radnych, budżety dzielnic.',
    purpose: 'Zebranie opinii mieszkańców i rad dzielnic o proponowanych zmianach.',
    forms: ['ONLINE_FORM', 'WRITTEN', 'MEETING'],
    start: 20,
    end: 50,
    published: -5,
    state: 'POSTPONED',
    stateNote: 'Termin konsultacji zostanie przesunięty po uzupełnieniu projektów o opinie rad dzielnic. Nowe daty podamy na tej stronie.',
  },
  {
    slug: 'plac-zabaw-przy-ul-wrzosowej',
    title: 'Plac zabaw przy ul. Wrzosowej',
    department: 'MN',
    topic: 'sprawy-spoleczne',
    summary: 'Wyposażenie nowego placu zabaw na Wrzosowiaku.',
    subject: 'Wybór urządzeń i zagospodarowania placu zabaw przy ul. Wrzosowej.',
    purpose: 'Poznanie potrzeb rodzin z dziećmi z Wrzosowiaka.',
    forms: ['SURVEY', 'POLL'],
    districts: ['wrzosowiak'],
    start: -15,
    end: 6,
    published: -25,
    state: 'CANCELLED',
    stateNote: 'Konsultacje odwołano, ponieważ teren przy ul. Wrzosowej okazał się niedostępny. Miasto wskaże nową lokalizację placu zabaw.',
  },
  {
    slug: 'rozszerzenie-strefy-platnego-parkowania',
    title: 'Rozszerzenie strefy płatnego parkowania',
    department: 'MZDiT',
    topic: 'transport',
    summary: 'Szkic w przygotowaniu – widoczny tylko w panelu.',
    subject: 'Propozycja rozszerzenia strefy płatnego parkowania na ulice przyległe do Alei NMP.',
    purpose: 'Zebranie opinii mieszkańców i przedsiębiorców.',
    forms: ['ONLINE_FORM', 'MEETING'],
    districts: ['srodmiescie', 'trzech-wieszczow'],
    start: 30,
    end: 60,
    published: null,
  },
];

export async function seedDemoConsultations(db: Db, now: Date): Promise<number> {
  const today = warsawParts(now).date;
  const dayOf = (value: string | number) => (typeof value === 'string' ? value : warsawParts(new Date(Date.parse(`${today}T12:00:00Z`) + value * DAY)).date);
  const [departments, topics, districts] = await Promise.all([db.department.findMany(), db.topic.findMany(), db.district.findMany()]);
  const departmentId = (code: string) => departments.find((d) => d.code === code)!.id;
  let created = 0;
  for (const demo of DEMO_CONSULTATIONS) {
    if (await db.consultation.findUnique({ where: { slug: demo.slug }, select: { id: true } })) continue;
    const districtIds = (demo.districts ?? []).map((slug) => districts.find((d) => d.slug === slug)!.id);
    await db.consultation.create({
      data: {
        slug: demo.slug,
        title: demo.title,
        summary: demo.summary,
        subjectMd: demo.subject,
        subjectHtml: renderMarkdown(demo.subject),
        purposeMd: demo.purpose,
        purposeHtml: renderMarkdown(demo.purpose),
        legalBasis: LEGAL_BASIS,
        addressees: 'Mieszkańcy Częstochowy, rady dzielnic, organizacje pozarządowe',
        forms: demo.forms,
        cityWide: districtIds.length === 0,
        departmentId: departmentId(demo.department),
        topicId: topics.find((t) => t.slug === demo.topic)?.id ?? null,
        startsAt: warsawInstant(dayOf(demo.start)),
        endsAt: endOfWarsawDay(dayOf(demo.end)),
        publishedAt: demo.published === null || demo.published === undefined ? null : warsawInstant(dayOf(demo.published), '09:00'),
        state: demo.state ?? 'ACTIVE',
        stateNote: demo.stateNote ?? '',
        reportPublishedAt: demo.report ? warsawInstant(dayOf(demo.report), '12:00') : null,
        coordinator: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych',
        contactName: 'Katarzyna Wiśniewska',
        contactEmail: 'konsultacje@example.org',
        contactPhone: '34 370 70 00',
        contactPlace: 'Urząd Miasta Częstochowy, ul. Śląska 11/13, pokój 10, pon.–pt. 8:00–15:00',
        districts: { create: districtIds.map((districtId) => ({ districtId })) },
        meetings: {
          create: (demo.meetings ?? []).map((m) => ({
            title: m.title,
            startsAt: warsawInstant(dayOf(m.day), m.from),
            endsAt: m.to ? warsawInstant(dayOf(m.day), m.to) : null,
            place: m.place,
          })),
        },
      },
    });
    created++;
  }
  return created;
}
