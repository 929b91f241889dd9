// Demo investments modelled on Częstochowa's real ones (DOMAIN.md): plausible places, statuses, amounts
// and dates, a few progress updates, a photo and a document stored through the attachments service.
// Figures are illustrative, not the city's. Idempotent: an investment whose slug exists is skipped.
import fs from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import type { InvestmentStatus } from '../../generated/prisma/enums.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { drawing, pdf } from '../attachments/attachments.demo.js';
import { addAttachments } from '../attachments/attachments.service.js';
import type { FileStorage } from '../attachments/storage.js';

const DAY = 86_400_000;
const mln = (zloty: number) => BigInt(Math.round(zloty * 1_000_000)) * 100n;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface DemoInvestment {
  slug: string;
  title: string;
  summary: string;
  description: string;
  status: InvestmentStatus;
  department: string;
  districts: string[];
  budget: number | null;
  eu?: number;
  sources?: string;
  planned: [string | null, string | null];
  actual?: [string | null, string | null];
  address: string;
  point: [number, number] | null;
  consultation?: string;
  updates?: { date: string; title: string; body: string; photo?: boolean }[];
  document?: string;
}

const CONTACT = { contactName: 'Piotr Kowalski', contactEmail: 'inwestycje@example.org', contactPhone: '34 000 00 00' };

export const DEMO_INVESTMENTS: readonly DemoInvestment[] = [
  {
    slug: 'modernizacja-linii-tramwajowej', title: 'Modernizacja linii tramwajowej', status: 'COMPLETED', department: 'MZDiT',
    summary: 'Około 14 km torowiska, nowe przystanki i sieć trakcyjna na całej linii z Rakowa na Północ.',
    description: 'Przebudowa torowiska na całej długości linii (ok. 14 km), nowe perony z wiatami i informacją pasażerską, **priorytet dla tramwajów** na skrzyżowaniach.\n\n- wymiana sieci trakcyjnej,\n- przebudowa pętli,\n- nowe przejścia dla pieszych przy przystankach.',
    districts: ['rakow', 'zawodzie-dabie', 'srodmiescie', 'trzech-wieszczow', 'polnoc'], budget: 302.4, eu: 204.1, sources: 'Fundusz Spójności (Program Infrastruktura i Środowisko)\nBudżet miasta',
    planned: ['2019-03-01', '2021-06-30'], actual: ['2019-04-15', '2021-11-30'], address: 'Linia tramwajowa: ul. Kawodrzańska – al. NMP – ul. Fieldorfa-Nila', point: [50.8109, 19.1182],
    updates: [
      { date: '2019-04-15', title: 'Przekazanie placu budowy', body: 'Wykonawca rozpoczął prace na odcinku Raków – Śródmieście.' },
      { date: '2021-11-30', title: 'Odbiór końcowy', body: 'Tramwaje kursują po całej zmodernizowanej linii.', photo: true },
    ],
    document: 'Protokół odbioru końcowego',
  },
  {
    slug: 'nowa-linia-tramwajowa-na-parkitke', title: 'Nowa linia tramwajowa na Parkitkę', status: 'PLANNED', department: 'MZDiT',
    summary: 'Odgałęzienie linii tramwajowej do osiedli Parkitka i Tysiąclecie, z nową pętlą.',
    description: 'Studium wykonalności wskazało trasę wzdłuż ul. Jana Pawła II. Przed projektem planujemy **konsultacje przebiegu** z mieszkańcami.',
    districts: ['czestochowka-parkitka', 'tysiaclecie'], budget: 180, sources: 'Fundusze Europejskie na Infrastrukturę, Klimat, Środowisko (planowane)\nBudżet miasta',
    planned: ['2027-06-01', '2029-12-31'], address: 'ul. Jana Pawła II, os. Parkitka', point: [50.8302, 19.0886],
  },
  {
    slug: 'przebudowa-alei-wojska-polskiego', title: 'Przebudowa Alei Wojska Polskiego', status: 'IN_PROGRESS', department: 'MZDiT',
    summary: 'Nowa nawierzchnia, drogi rowerowe i chodniki na odcinku od ul. Bialskiej do granic miasta.',
    description: 'Przebudowa jezdni z wymianą kanalizacji deszczowej, nowe **drogi dla rowerów** po obu stronach i doświetlone przejścia dla pieszych.',
    districts: ['stradom', 'wrzosowiak', 'bleszno'], budget: 118.7, eu: 71.2, sources: 'Fundusze Europejskie dla Śląskiego\nBudżet miasta',
    planned: ['2025-04-01', '2027-06-30'], actual: ['2025-05-12', null], address: 'al. Wojska Polskiego, od ul. Bialskiej do granicy miasta', point: [50.7818, 19.1486],
    updates: [
      { date: '2025-05-12', title: 'Rozpoczęcie prac', body: 'Ruch odbywa się jednym pasem w każdą stronę.' },
      { date: '2026-09-30', title: 'Pierwszy etap gotowy', body: 'Odcinek do ul. Sabinowskiej ma nową nawierzchnię i drogi rowerowe.', photo: true },
    ],
  },
  {
    slug: 'bugajska-bis', title: 'Bugajska bis', status: 'PREPARATION', department: 'IZ',
    summary: 'Nowa droga równoległa do ul. Bugajskiej, odciążająca osiedla Lisińca.',
    description: 'Trwa projektowanie i uzyskiwanie decyzji środowiskowej. Przetarg na roboty planujemy po uzyskaniu pozwolenia na budowę.',
    districts: ['lisiniec'], budget: 46.5, sources: 'Budżet miasta\nRządowy Fundusz Rozwoju Dróg (wniosek złożony)',
    planned: ['2027-03-01', '2028-10-31'], address: 'Okolice ul. Bugajskiej', point: [50.8262, 19.1712],
  },
  {
    slug: 'przebudowa-ul-mirowskiej', title: 'Przebudowa ul. Mirowskiej (Nadrzeczna – Faradaya)', status: 'IN_PROGRESS', department: 'MZDiT',
    summary: 'Jezdnia, chodniki i oświetlenie na odcinku od ul. Nadrzecznej do ul. Faradaya.',
    description: 'Zakres: nowa konstrukcja jezdni, chodniki, zatoki autobusowe i oświetlenie LED.',
    districts: ['mirow'], budget: 27.9, eu: 15.3, sources: 'Fundusze Europejskie dla Śląskiego\nBudżet miasta',
    planned: ['2026-03-01', '2027-05-31'], actual: ['2026-04-20', null], address: 'ul. Mirowska, od ul. Nadrzecznej do ul. Faradaya', point: [50.8188, 19.1652],
    updates: [{ date: '2026-04-20', title: 'Zmiana organizacji ruchu', body: 'Objazd przez ul. Legionów; autobusy zatrzymują się na przystankach tymczasowych.' }],
  },
  {
    slug: 'odwodnienie-dzielnicy-polnoc', title: 'Odwodnienie dzielnicy Północ', status: 'IN_PROGRESS', department: 'IZ',
    summary: 'Kanalizacja deszczowa i zbiornik retencyjny, by ulice Północy nie zalewało po ulewach.',
    description: 'Budowa około 6 km kanałów deszczowych i **zbiornika retencyjnego** przy ul. Wielkoborskiej.',
    districts: ['polnoc'], budget: 64.8, eu: 45.4, sources: 'Fundusze Europejskie na Infrastrukturę, Klimat, Środowisko\nBudżet miasta',
    planned: ['2025-09-01', '2027-12-31'], actual: ['2025-10-01', null], address: 'Rejon ulic Wielkoborskiej, Fieldorfa-Nila i Kiedrzyńskiej', point: [50.8468, 19.1183],
    document: 'Harmonogram robót',
  },
  {
    slug: 'stadion-przy-ul-limanowskiego', title: 'Stadion miejski przy ul. Limanowskiego', status: 'SUSPENDED', department: 'IZ',
    summary: 'Rozbudowa stadionu na Rakowie: nowe trybuny i zaplecze. Prace wstrzymane do czasu zmiany projektu.',
    description: 'Po wykonaniu trybuny północnej prace **wstrzymano**: projekt kolejnych trybun jest zmieniany. O wznowieniu poinformujemy tutaj.',
    districts: ['rakow'], budget: 138.2, sources: 'Budżet miasta',
    planned: ['2024-01-01', '2026-12-31'], actual: ['2024-03-04', null], address: 'ul. Limanowskiego 83', point: [50.7904, 19.1707],
    updates: [{ date: '2026-06-15', title: 'Wstrzymanie prac', body: 'Prace wstrzymano do czasu zatwierdzenia zmian w projekcie.' }],
  },
  {
    slug: 'rondo-w-dzbowie', title: 'Rondo w Dźbowie', status: 'COMPLETED', department: 'MZDiT',
    summary: 'Rondo w miejscu skrzyżowania z sygnalizacją, z bezpiecznymi przejściami dla pieszych.',
    description: 'Skrzyżowanie zastąpiono rondem z wyspami azylu dla pieszych.',
    districts: ['dzbow'], budget: 8.6, sources: 'Budżet miasta',
    planned: ['2023-04-01', '2023-10-31'], actual: ['2023-04-17', '2023-10-20'], address: 'Skrzyżowanie ul. Dźbowskiej i ul. Hutniczej', point: [50.8068, 19.0705],
  },
  {
    slug: 'przedluzenie-ul-raclawickiej', title: 'Przedłużenie ul. Racławickiej do ul. Staszica', status: 'PREPARATION', department: 'IZ',
    summary: 'Nowy odcinek drogi w wariancie wybranym w konsultacjach społecznych.',
    description: 'Projekt powstaje w wariancie, który mieszkańcy wskazali w konsultacjach.',
    districts: ['zawodzie-dabie'], budget: 21.3, sources: 'Budżet miasta',
    planned: ['2027-04-01', '2028-06-30'], address: 'ul. Racławicka – ul. Staszica', point: [50.7985, 19.1406], consultation: 'przedluzenie-ul-raclawickiej-do-ul-staszica',
  },
];

export async function seedDemoInvestments(db: Db, now: Date, storage?: FileStorage): Promise<number> {
  const [departments, districts, staff] = await Promise.all([
    db.department.findMany({ select: { id: true, code: true } }),
    db.district.findMany({ select: { id: true, slug: true } }),
    db.user.findFirst({ where: { email: 'mzdit@example.org' }, select: { id: true } }),
  ]);
  let created = 0;
  for (const [n, demo] of DEMO_INVESTMENTS.entries()) {
    if (await db.investment.findUnique({ where: { slug: demo.slug }, select: { id: true } })) continue;
    const consultation = demo.consultation ? await db.consultation.findUnique({ where: { slug: demo.consultation }, select: { id: true } }) : null;
    const investment = await db.investment.create({
      data: {
        slug: demo.slug, title: demo.title, summary: demo.summary, descriptionMd: demo.description, descriptionHtml: renderMarkdown(demo.description), status: demo.status,
        departmentId: departments.find((d) => d.code === demo.department)!.id,
        budgetGrosze: demo.budget === null ? null : mln(demo.budget), euFundingGrosze: demo.eu === undefined ? null : mln(demo.eu), fundingSources: demo.sources ?? '',
        plannedStart: demo.planned[0] ? day(demo.planned[0]) : null, plannedEnd: demo.planned[1] ? day(demo.planned[1]) : null,
        actualStart: demo.actual?.[0] ? day(demo.actual[0]) : null, actualEnd: demo.actual?.[1] ? day(demo.actual[1]) : null,
        address: demo.address, latitude: demo.point?.[0] ?? null, longitude: demo.point?.[1] ?? null, consultationId: consultation?.id ?? null, ...CONTACT,
        publishedAt: new Date(now.getTime() - (30 + n) * DAY), createdById: staff?.id ?? null,
        districts: { create: demo.districts.map((slug) => ({ districtId: districts.find((d) => d.slug === slug)!.id })) },
      },
      select: { id: true },
    });
    created++;
    for (const u of demo.updates ?? []) {
      const update = await db.investmentUpdate.create({ data: { investmentId: investment.id, date: day(u.date), title: u.title, bodyMd: u.body, bodyHtml: renderMarkdown(u.body) }, select: { id: true } });
      if (!u.photo || !storage) continue;
      const photo = await received(storage, 'postep-prac.jpg', await drawing('<rect x="0" y="560" width="1200" height="120" fill="#555"/><rect x="0" y="610" width="1200" height="8" fill="#eee"/><rect x="300" y="470" width="160" height="90" fill="#f2c94c"/>'));
      const [added] = await addAttachments({ db, storage }, { userId: null, ip: undefined }, { investmentId: investment.id }, 'IMAGE', [photo], 'file', { altText: `Plac budowy: ${demo.title}, nowa nawierzchnia i maszyna budowlana`, title: u.title, description: '' });
      await db.attachment.update({ where: { id: added!.id }, data: { investmentUpdateId: update.id } });
    }
    if (demo.document && storage) {
      const doc = await received(storage, `${demo.document}.pdf`, pdf([demo.document, demo.title, 'Dokument przykładowy (dane demonstracyjne)']));
      await addAttachments({ db, storage }, { userId: null, ip: undefined }, { investmentId: investment.id }, 'DOCUMENT', [doc], 'files');
    }
  }
  return created;
}

/** A file as multer would leave it: in tmp/ under a random name; the service takes it from there. */
async function received(storage: FileStorage, name: string, content: Buffer) {
  const path = storage.tmpPath();
  await fs.writeFile(path, content);
  return { path, originalName: name, size: content.length };
}
