// Demo remarks, drafts and reports: the 2010 model consultation with its draft resolution, answered
// remarks from every channel and a published report; the noise programme finished and waiting for
// its report (one remark still unanswered); the Mirów plan open, with its draft to comment on. The Mirów
// draft has a corrected second version, so the page of an earlier version exists in the demo.
// Private persons are fictional and use example.org addresses; each consultation is seeded once.
import type { Db } from '../../db/client.js';
import type { RemarkAuthorKind, RemarkChannel, RemarkPosition } from '../../generated/prisma/enums.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { warsawInstant } from '../../lib/dates.js';
import { splitDraft } from './draft-fragments.js';

interface DemoRemark {
  channel: RemarkChannel;
  day: string | number;
  fragment?: string;
  part: string;
  content: string;
  proposal?: string;
  justification?: string;
  author: RemarkAuthorKind;
  name?: string;
  email?: string;
  late?: boolean;
  position?: RemarkPosition;
  answer?: string;
}

interface DemoSet {
  slug: string;
  draft?: { title: string; source: string; day: string | number };
  /** A later version of the draft; remarks stay on the first, where they were made. */
  revision?: { source: string; day: string | number };
  remarks: DemoRemark[];
  report?: { informed: string; conclusions: string; decision: string };
}

const MODEL_DRAFT = `Projekt uchwały Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy

# Rozdział 1. Przepisy ogólne

§ 1. Uchwała określa zasady i tryb przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy.

§ 2.
1. Konsultacje przeprowadza się w sprawach ważnych dla miasta oraz w przypadkach przewidzianych ustawami.
2. Z inicjatywą konsultacji mogą wystąpić:
1) Prezydent Miasta,
2) Rada Miasta lub radni w liczbie co najmniej 5,
3) rady dzielnic,
4) mieszkańcy w liczbie co najmniej 200.

# Rozdział 2. Formy konsultacji

§ 3. Konsultacje mogą być prowadzone w formie:
1) spotkań otwartych z mieszkańcami,
2) ankiet i sondaży,
3) zbierania uwag pisemnych i elektronicznych,
4) warsztatów i debat.

§ 4.
1. Konsultacje trwają co najmniej 14 dni.
2. Informację o konsultacjach ogłasza się co najmniej 7 dni przed ich rozpoczęciem.

§ 5. Wyniki konsultacji publikuje się w terminie 30 dni od ich zakończenia.`;

const MIROW_DRAFT = `Projekt uchwały w sprawie miejscowego planu zagospodarowania przestrzennego dla obszaru w rejonie ul. Mstowskiej

# Rozdział 1. Ustalenia ogólne

§ 1. Plan obejmuje obszar w rejonie ul. Mstowskiej w dzielnicy Mirów, oznaczony na rysunku planu.

§ 2.
1. Ustala się przeznaczenie terenów:
1) MN – zabudowa mieszkaniowa jednorodzinna,
2) ZP – zieleń urządzona,
3) KDL – drogi publiczne klasy lokalnej.
2. Linie rozgraniczające tereny oznaczono na rysunku planu.

# Rozdział 2. Zasady zagospodarowania

§ 3.
1. Maksymalna wysokość zabudowy wynosi 10 m.
2. Minimalny udział powierzchni biologicznie czynnej wynosi 40%.

§ 4. Na terenie ZP dopuszcza się ścieżki pieszo-rowerowe i plac zabaw.`;

// The Mirów draft corrected after its first week: the drawing is named as an annex, the playground fenced.
const MIROW_DRAFT_V2 = MIROW_DRAFT.replace('oznaczony na rysunku planu.', 'oznaczony na rysunku planu stanowiącym załącznik nr 1 do uchwały.').replace(
  'ścieżki pieszo-rowerowe i plac zabaw.',
  'ścieżki pieszo-rowerowe i ogrodzony plac zabaw.',
);

const SETS: DemoSet[] = [
  {
    slug: 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie',
    draft: { title: 'Projekt uchwały w sprawie zasad i trybu przeprowadzania konsultacji społecznych', source: MODEL_DRAFT, day: '2010-04-23' },
    remarks: [
      { channel: 'ONLINE', day: '2010-04-26', fragment: 'par-2-ust-2-pkt-4', part: '§ 2 ust. 2 pkt 4', content: 'Próg 200 mieszkańców jest zbyt wysoki dla małych dzielnic.', proposal: '4) mieszkańcy w liczbie co najmniej 100.', justification: 'W małych dzielnicach trudno zebrać 200 podpisów.', author: 'PERSON', name: 'Marta Przykładowa', email: 'marta.przykladowa@example.org', position: 'PARTLY_ACCEPTED', answer: 'Próg obniżono do 150 mieszkańców: to kompromis między dostępnością a powagą inicjatywy.' },
      { channel: 'PAPER', day: '2010-05-04', fragment: 'par-3', part: '§ 3', content: 'Proszę dopisać dyżury ekspertów w radach dzielnic.', author: 'INSTITUTION', name: 'Rada Dzielnicy Tysiąclecie', position: 'ACCEPTED', answer: 'Dopisano „dyżury ekspertów” jako formę konsultacji w § 3 pkt 5.' },
      { channel: 'MEETING', day: '2010-05-12', fragment: 'par-4-ust-1', part: '§ 4 ust. 1', content: 'Czternaście dni to za mało przy dużych projektach.', proposal: '1. Konsultacje trwają co najmniej 21 dni.', author: 'PERSON', position: 'ACCEPTED', answer: 'Wydłużono minimalny czas konsultacji do 21 dni.' },
      { channel: 'EMAIL', day: '2010-05-18', fragment: 'par-5', part: '§ 5', content: 'Raport powinien zawierać odpowiedź na każdą uwagę.', author: 'INSTITUTION', name: 'Stowarzyszenie Przykładowe „Razem dla Częstochowy”', position: 'ACCEPTED', answer: 'Dopisano, że raport zawiera zestawienie uwag ze stanowiskiem i uzasadnieniem.' },
      { channel: 'ONLINE', day: '2010-05-20', part: 'cały dokument', content: 'Czy konsultacje będą także w internecie?', author: 'PERSON', name: 'Karol Testowy', email: 'karol.testowy@example.org', position: 'EXPLANATION', answer: 'Tak: formularz uwag i ankieta będą dostępne na stronie miasta w czasie trwania konsultacji.' },
      { channel: 'PAPER', day: '2010-05-28', late: true, part: 'budżet miasta', content: 'Proszę o remont chodnika przy ul. Przykładowej.', author: 'PERSON', name: 'Halina Wzorcowa', position: 'OUT_OF_SCOPE', answer: 'Sprawa nie dotyczy przedmiotu konsultacji; przekazano ją do Miejskiego Zarządu Dróg i Transportu.' },
    ],
    report: {
      informed: 'Ogłoszenia na stronie internetowej miasta, plakaty w siedzibach **20 rad dzielnic**, informacje w lokalnej prasie i radiu.',
      conclusions: 'W ankiecie (online i papierowej, w 20 radach dzielnic) wzięło udział **1249** osób. Mieszkańcy oczekują dłuższych konsultacji, niższego progu inicjatywy obywatelskiej i odpowiedzi na każdą uwagę.',
      decision: 'Projekt uchwały zmieniono zgodnie z przyjętymi uwagami i przedłożono Radzie Miasta. Rada przyjęła **Uchwałę Nr 715/LXII/2010 z dnia 28 czerwca 2010 r.**',
    },
  },
  {
    slug: 'program-ochrony-srodowiska-przed-halasem',
    remarks: [
      { channel: 'ONLINE', day: -35, part: 'rozdział 5, mapa akustyczna', content: 'Brakuje ekranów akustycznych przy DK1 na wysokości Błeszna.', author: 'PERSON', name: 'Piotr Cichy', email: 'piotr.cichy@example.org', position: 'ACCEPTED', answer: 'Odcinek dopisano do zadań na lata 2027–2028.' },
      { channel: 'EMAIL', day: -30, part: 'rozdział 6', content: 'Proszę uwzględnić hałas z linii kolejowej w Rakowie.', author: 'INSTITUTION', name: 'Rada Dzielnicy Raków', position: 'PARTLY_ACCEPTED', answer: 'Pomiary zostaną powtórzone; działania zależą od zarządcy linii.' },
      { channel: 'PAPER', day: -22, part: 'tabela 3', content: 'Limity hałasu nocnego są zbyt łagodne.', author: 'PERSON', name: 'Olga Spokojna' },
    ],
  },
  {
    slug: 'mpzp-mirow-ul-mstowska',
    draft: { title: 'Projekt planu miejscowego – Mirów, rejon ul. Mstowskiej', source: MIROW_DRAFT, day: -10 },
    revision: { source: MIROW_DRAFT_V2, day: -2 },
    remarks: [
      { channel: 'ONLINE', day: -6, fragment: 'par-3-ust-1', part: '§ 3 ust. 1', content: 'Wysokość 10 m pozwoli na bloki; proszę ograniczyć do 9 m.', proposal: '1. Maksymalna wysokość zabudowy wynosi 9 m.', author: 'PERSON', name: 'Barbara Mirowska', email: 'barbara.mirowska@example.org' },
      { channel: 'ONLINE', day: -3, fragment: 'par-4', part: '§ 4', content: 'Plac zabaw powinien być ogrodzony.', author: 'INSTITUTION', name: 'Rada Dzielnicy Mirów' },
    ],
  },
];

function dayOf(day: string | number, now: Date): Date {
  if (typeof day === 'string') return warsawInstant(day, '12:00');
  return new Date(now.getTime() + day * 86_400_000);
}

export async function seedDemoRemarks(db: Db, now: Date): Promise<void> {
  for (const set of SETS) {
    const c = await db.consultation.findUnique({ where: { slug: set.slug }, select: { id: true } });
    if (!c || (await db.remark.count({ where: { consultationId: c.id } })) > 0) continue;
    await db.$transaction(async (tx) => {
      const draft = set.draft
        ? await tx.consultationDraft.create({ data: { consultationId: c.id, version: 1, title: set.draft.title, sourceMd: set.draft.source, createdAt: dayOf(set.draft.day, now), fragments: { create: splitDraft(set.draft.source) } } })
        : null;
      if (set.draft && set.revision) {
        const { title } = set.draft;
        await tx.consultationDraft.create({ data: { consultationId: c.id, version: 2, title, sourceMd: set.revision.source, createdAt: dayOf(set.revision.day, now), fragments: { create: splitDraft(set.revision.source) } } });
      }
      const year = (d: Date) => d.getUTCFullYear();
      for (const [i, r] of set.remarks.entries()) {
        const receivedAt = dayOf(r.day, now);
        const created = await tx.remark.create({
          data: {
            consultationId: c.id,
            reference: `pending-${c.id}-${i}`,
            channel: r.channel,
            receivedAt,
            late: r.late ?? false,
            draftId: r.fragment && draft ? draft.id : null,
            fragmentAnchor: r.fragment && draft ? r.fragment : null,
            part: r.part,
            content: r.content,
            proposal: r.proposal ?? '',
            justification: r.justification ?? '',
            authorKind: r.author,
            authorName: r.name ?? '',
            email: r.email ?? null,
            residentDeclared: r.author === 'PERSON',
            position: r.position ?? null,
            answer: r.answer ?? '',
            answeredAt: r.position ? receivedAt : null,
          },
        });
        await tx.remark.update({ where: { id: created.id }, data: { reference: `U/${year(receivedAt)}/${String(created.id).padStart(6, '0')}` } });
      }
      if (set.report) {
        const { informed, conclusions, decision } = set.report;
        await tx.consultationReport.create({
          data: { consultationId: c.id, informedMd: informed, informedHtml: renderMarkdown(informed), conclusionsMd: conclusions, conclusionsHtml: renderMarkdown(conclusions), decisionMd: decision, decisionHtml: renderMarkdown(decision) },
        });
      }
    });
  }
}
