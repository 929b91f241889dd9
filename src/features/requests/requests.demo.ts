// Demo requests in every state (one from Rada Dzielnicy Raków, one accepted and turned into a
// consultation) and the plans for 2026 and 2027. Idempotent: nothing is added when requests exist.
import type { Db } from '../../db/client.js';
import type { ParticipationForm, RequestState } from '../../generated/prisma/enums.js';

const DAY = 86_400_000;

interface DemoRequest {
  title: string;
  district?: string;
  state: RequestState;
  days: number;
  answerDays?: number;
  justification: string;
  scope: string;
  forms: ParticipationForm[];
  answer?: string;
  online?: number;
  paper?: number;
  consultationSlug?: string;
}

const REQUESTS: DemoRequest[] = [
  {
    title: 'Zagospodarowanie skweru przy ul. Kilińskiego',
    state: 'SUBMITTED',
    days: -5,
    justification: 'Skwer jest zaniedbany, a mieszkańcy okolicznych bloków nie mają gdzie odpocząć. Chcemy, by miasto zapytało nas, co ma się tam znaleźć.',
    scope: 'Funkcje skweru (zieleń, ławki, plac zabaw), dostępność dla osób starszych, oświetlenie.',
    forms: ['SURVEY', 'STUDY_WALK', 'MEETING'],
    online: 42,
  },
  {
    title: 'Uspokojenie ruchu na ul. Limanowskiego',
    district: 'rakow',
    state: 'UNDER_REVIEW',
    days: -20,
    justification: 'Uchwała Rady Dzielnicy Raków nr 12/2026: kierowcy przekraczają prędkość w pobliżu szkoły i stadionu; mieszkańcy zgłaszają niebezpieczne sytuacje.',
    scope: 'Progi zwalniające, przejścia dla pieszych, strefa tempo 30 w rejonie ul. Limanowskiego.',
    forms: ['MEETING', 'ONLINE_FORM'],
    answer: 'Wniosek przekazano do Miejskiego Zarządu Dróg i Transportu z prośbą o analizę natężenia ruchu.',
  },
  {
    title: 'Nowe połączenie autobusowe Błeszno – Śródmieście',
    state: 'UNDER_REVIEW',
    days: -40,
    justification: 'Mieszkańcy Błeszna nie mają bezpośredniego połączenia z centrum w weekendy.',
    scope: 'Przebieg linii, częstotliwość kursów w soboty i niedziele.',
    forms: ['SURVEY', 'EMAIL'],
    online: 180,
    paper: 215,
  },
  {
    title: 'Przyszłość Promenady Niemena',
    state: 'ACCEPTED',
    days: -60,
    answerDays: -35,
    justification: 'Promenada wymaga remontu; mieszkańcy chcą współdecydować o jej wyglądzie.',
    scope: 'Warianty zagospodarowania promenady, mała architektura, zieleń.',
    forms: ['SURVEY', 'WORKSHOP', 'MEETING'],
    answer: 'Wniosek przyjęty. Konsultacje przeprowadzi Wydział Inwestycji i Zamówień Publicznych; szczegóły na stronie konsultacji.',
    online: 251,
    paper: 160,
  },
  {
    title: 'Zmiana nazwy ul. Ogrodowej',
    state: 'REJECTED',
    days: -90,
    answerDays: -70,
    justification: 'Nazwa nie oddaje charakteru ulicy.',
    scope: 'Propozycje nowej nazwy ulicy.',
    forms: ['ONLINE_FORM'],
    answer: 'Wniosek odrzucony: nadawanie nazw ulic należy do Rady Miasta w trybie uchwały i nie jest przedmiotem konsultacji społecznych. Propozycję przekazano Komisji Rady Miasta.',
    online: 12,
  },
];

const PLAN: { year: number; month: number; department: string; title: string; description: string }[] = [
  { year: 2026, month: 3, department: 'MPUP', title: 'Miejscowy plan zagospodarowania przestrzennego Mirów, ul. Mstowska', description: 'Projekt planu miejscowego dla terenów przy ul. Mstowskiej.' },
  { year: 2026, month: 5, department: 'OŚR', title: 'Program ochrony środowiska przed hałasem', description: 'Aktualizacja programu; konsultacje trwają 21 dni.' },
  { year: 2026, month: 9, department: 'MZDiT', title: 'Plan zrównoważonego rozwoju publicznego transportu zbiorowego', description: '' },
  { year: 2026, month: 11, department: 'RM', title: 'Zmiany statutów dzielnic', description: 'Konsultacje we wszystkich 20 dzielnicach.' },
  { year: 2027, month: 2, department: 'MZDiT', title: 'Nowa linia tramwajowa na Parkitkę', description: 'Warianty przebiegu linii i lokalizacje przystanków.' },
  { year: 2027, month: 4, department: 'IZ', title: 'Przebudowa Alei Wojska Polskiego', description: 'Rozwiązania dla pieszych i rowerzystów.' },
  { year: 2027, month: 4, department: 'KP', title: 'Program współpracy z organizacjami pozarządowymi na 2028 r.', description: '' },
  { year: 2027, month: 10, department: 'OŚR', title: 'Odwodnienie dzielnicy Północ', description: 'Zakres prac i harmonogram.' },
];

export async function seedDemoRequests(db: Db, now: Date): Promise<void> {
  if ((await db.consultationRequest.count()) > 0) return;
  const [districts, departments] = await Promise.all([db.district.findMany({ select: { id: true, slug: true } }), db.department.findMany({ select: { id: true, code: true } })]);
  const districtId = (slug: string) => districts.find((d) => d.slug === slug)?.id ?? null;
  const consultation = await db.consultation.findFirst({ where: { slug: { contains: 'promenad' } }, select: { id: true } });
  await db.$transaction(async (tx) => {
    for (const [i, r] of REQUESTS.entries()) {
      const council = r.district ? districtId(r.district) : null;
      if (r.district && !council) continue;
      const created = await tx.consultationRequest.create({
        data: {
          origin: council ? 'DISTRICT_COUNCIL' : 'RESIDENTS',
          districtId: council,
          title: r.title,
          justification: r.justification,
          scope: r.scope,
          forms: r.forms,
          contactName: council ? 'Magdalena Kamińska' : 'Piotr Kowalski',
          contactEmail: council ? 'radny.rakow@example.org' : `wnioskodawca${i + 1}@example.org`,
          state: r.state,
          answer: r.answer ?? '',
          answeredAt: r.answerDays !== undefined ? new Date(now.getTime() + r.answerDays * DAY) : null,
          submittedAt: new Date(now.getTime() + r.days * DAY),
          consultationId: r.state === 'ACCEPTED' ? (consultation?.id ?? null) : null,
        },
        select: { id: true },
      });
      // Confirmed supports keep only a hash; demo ones get a fixed fake one per supporter.
      if (r.online) await tx.requestSupport.createMany({ data: Array.from({ length: r.online }, (_, k) => ({ requestId: created.id, name: `Mieszkaniec ${k + 1}`, emailHash: `demo-${created.id}-${k}`, confirmedAt: new Date(now.getTime() + (r.days + 1) * DAY) })) });
      if (r.paper) await tx.requestPaperList.create({ data: { requestId: created.id, signatures: r.paper, receivedOn: new Date(now.getTime() + (r.days + 3) * DAY), note: 'Lista złożona w Kancelarii Urzędu' } });
    }
    if ((await tx.consultationPlanItem.count()) === 0) {
      for (const p of PLAN) {
        const department = departments.find((d) => d.code === p.department);
        if (department) await tx.consultationPlanItem.create({ data: { year: p.year, month: p.month, departmentId: department.id, title: p.title, description: p.description } });
      }
    }
  });
}
