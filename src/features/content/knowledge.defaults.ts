// The knowledge base's first guides, written by the base seed only where their slug is not stored yet,
// so an administrator's edits survive restarts. Based on the 2010 programme "Budowa dialogu
// społecznego w Częstochowie" (guides for residents, trainings for officials and district councils).
import type { GuideAudience } from '../../generated/prisma/enums.js';

export interface GuideDefaults {
  slug: string;
  title: string;
  summary: string;
  audience: GuideAudience;
  bodyMd: string;
}

export const DEFAULT_GUIDES: readonly GuideDefaults[] = [
  {
    slug: 'jak-wziac-udzial-w-konsultacjach',
    title: 'Jak wziąć udział w konsultacjach',
    summary: 'Krok po kroku: jak znaleźć konsultacje, zgłosić uwagę, wypełnić ankietę i dowiedzieć się, co stało się z Twoim głosem.',
    audience: 'RESIDENTS',
    bodyMd: `## Czym są konsultacje społeczne

Konsultacje to sposób, w jaki miasto pyta mieszkańców o zdanie, zanim podejmie decyzję: o planie miejscowym, przebudowie ulicy, programie czy uchwale. Każdy może wziąć udział – nie trzeba być ekspertem ani mieć konta.

## Jak znaleźć konsultacje

1. Wejdź na stronę **Konsultacje**. Na górze są konsultacje trwające, niżej planowane i zakończone.
2. Zawęź listę filtrami: dzielnica, temat, wydział, rok.
3. Zapisz się na **powiadomienia e-mail**, aby dostawać wiadomość o nowych konsultacjach w Twojej dzielnicy.

## Jak zabrać głos

- **Uwaga lub formularz uwag** – napisz, co proponujesz zmienić i dlaczego. Uwagi z uzasadnieniem łatwiej rozpatrzyć.
- **Ankieta** – odpowiedz na pytania; ankiety są anonimowe, chyba że wyraźnie napisano inaczej.
- **Spotkanie** – przyjdź na spotkanie konsultacyjne; termin i miejsce są na stronie konsultacji i w kalendarzu.
- **Dyskusja** – skomentuj dokumenty i odpowiedz innym uczestnikom, zgodnie z regulaminem.

Pilnuj terminu: uwagi zgłoszone po zakończeniu konsultacji nie są rozpatrywane.

## Co dzieje się dalej

Po zakończeniu konsultacji wydział przygotowuje **raport**: ile było głosów, jakie uwagi zgłoszono i co zrobiono z każdą z nich (uwzględniono, częściowo, nie – z uzasadnieniem). Raport publikujemy na stronie konsultacji.

## Potrzebujesz pomocy?

Jeśli dokument jest dla Ciebie niedostępny, skorzystaj z odnośnika „Poproś o dokument w innym formacie” przy pliku. Możesz też zadzwonić lub napisać do osoby kontaktowej podanej przy konsultacjach.`,
  },
  {
    slug: 'jak-napisac-uchwale-poradnik',
    title: 'Jak napisać uchwałę – poradnik',
    summary: 'Dla rad dzielnic i inicjatyw mieszkańców: z jakich części składa się projekt uchwały i jak go przygotować, by można go było skonsultować.',
    audience: 'RESIDENTS',
    bodyMd: `## Po co ten poradnik

Rada dzielnicy, grupa mieszkańców czy organizacja pozarządowa mogą przygotować projekt uchwały i zaproponować go Radzie Miasta. Dobrze napisany projekt łatwiej skonsultować i przyjąć.

## Z czego składa się uchwała

1. **Tytuł** – „Uchwała nr … Rady Miasta Częstochowy z dnia … w sprawie …”.
2. **Podstawa prawna** – przepisy, które pozwalają radzie podjąć uchwałę (np. art. 18 ust. 2 ustawy o samorządzie gminnym).
3. **Przepisy merytoryczne** – paragrafy: co się zmienia, kogo dotyczy, od kiedy.
4. **Wykonanie** – kto wykonuje uchwałę (zwykle Prezydent Miasta).
5. **Wejście w życie** – kiedy uchwała zaczyna obowiązywać.
6. **Uzasadnienie** – dlaczego uchwała jest potrzebna, jakie będą jej skutki, w tym finansowe.

## Jak pisać

- Jedno zdanie – jedna myśl. Unikaj skrótów i określeń nieostrych („niezwłocznie”, „w miarę możliwości”).
- Używaj tych samych słów na te same rzeczy w całym tekście.
- Sprawdź, czy uchwała nie powtarza ustawy – uchwała może tylko to, na co ustawa pozwala.

## Konsultacje projektu

Projekt, który dotyczy mieszkańców, warto poddać konsultacjom: opublikuj tekst i uzasadnienie, podaj termin na uwagi (co najmniej 14 dni) i sposób ich zgłaszania. Po konsultacjach przygotuj zestawienie uwag i odpowiedzi na nie.`,
  },
  {
    slug: 'formy-i-metody-konsultacji-materialy-szkoleniowe',
    title: 'Formy i metody konsultacji – materiały szkoleniowe',
    summary: 'Materiały ze szkoleń dla pracowników urzędu i rad dzielnic: jak dobrać formę konsultacji do tematu i odbiorców.',
    audience: 'STAFF',
    bodyMd: `## Zasady

Konsultacje prowadzimy zgodnie z uchwałą Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych. Ogłaszamy je co najmniej 7 dni przed rozpoczęciem i trwają nie krócej niż 14 dni.

## Formy konsultacji

| forma | kiedy się sprawdza |
| --- | --- |
| formularz uwag | dokumenty do zaopiniowania: plany, programy, projekty uchwał |
| ankieta | wybór wariantu, poznanie potrzeb wielu osób |
| spotkanie otwarte | tematy lokalne, gdy ważna jest rozmowa i wyjaśnienia |
| warsztat, spacer badawczy | projektowanie przestrzeni z mieszkańcami |
| dyskusja w serwisie | tematy, o których mieszkańcy chcą rozmawiać między sobą |

## Jak dobrać metodę

1. Określ, **o co pytasz** i na co konsultacje mają realny wpływ.
2. Określ, **kogo to dotyczy** – mieszkańcy dzielnicy, przedsiębiorcy, organizacje, młodzież, seniorzy.
3. Połącz formy: ankieta w serwisie i na papierze, spotkanie w dostępnym miejscu, dyżur w dzielnicy.
4. Zaplanuj **raport**: każda uwaga dostaje odpowiedź z uzasadnieniem.

## Dostępność

Dokumenty publikuj w formatach dostępnych cyfrowo (tekst, nie skan), z tytułem i opisem. Na prośbę mieszkańca przygotuj dokument w innej formie – na odpowiedź mamy 7 dni.`,
  },
];
