// Default content of the duty pages for Częstochowa, written by the base seed only where nothing is
// stored yet. Everything here is data an administrator edits in the panel; values marked "to be
// confirmed with the city" in DOMAIN.md (phone numbers, the DPO's address) are the first to check.
import type { AccessibilityStatus } from '../../generated/prisma/enums.js';
import type { ContentSlug } from './content-pages.js';

export interface StatementDefaults {
  entityName: string;
  siteName: string;
  siteUrl: string;
  status: AccessibilityStatus;
  nonAccessible: string;
  assessment: string;
  auditor: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  architectureMd: string;
  mobileAppsMd: string;
}

export const DEFAULT_STATEMENT: StatementDefaults = {
  entityName: 'Urząd Miasta Częstochowy',
  siteName: 'Konsultacje Społeczne Częstochowy',
  siteUrl: 'https://konsultacje.czestochowa.pl',
  // Honest until the whole-site sweep backs "zgodna" (issue 12).
  status: 'PARTIALLY_COMPLIANT',
  nonAccessible: [
    'Część dokumentów do pobrania (PDF, DOC) opublikowanych przed 23 września 2018 r. może nie być dostępna cyfrowo. Na żądanie udostępnimy je w innej formie.',
    'Nagrania ze spotkań konsultacyjnych mogą nie mieć napisów ani audiodeskrypcji. Na żądanie przygotujemy zapis tekstowy.',
    'Mapy są wyłączone z obowiązku zapewnienia dostępności cyfrowej. Położenie miejsc opisujemy także tekstem (adres, dzielnica).',
  ].join('\n'),
  assessment: 'samooceny przeprowadzonej przez podmiot publiczny',
  auditor: '',
  contactName: 'Koordynator do spraw dostępności Urzędu Miasta Częstochowy',
  contactEmail: 'konsultacje@czestochowa.um.gov.pl',
  contactPhone: '34 370 70 00',
  architectureMd: `Urząd Miasta Częstochowy, ul. Śląska 11/13, 42-217 Częstochowa.

- Do budynku prowadzi wejście główne od ul. Śląskiej; przy wejściu jest informacja, gdzie załatwić sprawę.
- Biuro Obsługi Mieszkańców znajduje się na parterze. Jeżeli sprawy nie można załatwić na parterze, pracownik urzędu zejdzie do osoby, która nie może wejść na piętro.
- Do budynku i wszystkich jego pomieszczeń można wejść z psem asystującym i psem przewodnikiem.
- W urzędzie można skorzystać z pomocy tłumacza polskiego języka migowego: wystarczy zgłosić taką potrzebę co najmniej 3 dni robocze przed wizytą (e-mailem lub telefonicznie).
- Spotkania konsultacyjne organizujemy w miejscach dostępnych dla osób poruszających się na wózkach; informację o dostępności miejsca podajemy w opisie spotkania.`,
  mobileAppsMd: 'Serwis konsultacji nie ma aplikacji mobilnej. Strona internetowa działa na telefonach i tabletach w przeglądarce.',
};

export const DEFAULT_PAGES: Record<ContentSlug, string> = {
  'polityka-prywatnosci': `## Klauzula informacyjna o przetwarzaniu danych osobowych

Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia 2016 r. (RODO) informujemy:

### Administrator danych

Administratorem Twoich danych osobowych jest **Prezydent Miasta Częstochowy**, ul. Śląska 11/13, 42-217 Częstochowa.

### Inspektor ochrony danych

Z inspektorem ochrony danych możesz się skontaktować pod adresem e-mail iod@czestochowa.um.gov.pl albo pisemnie na adres administratora (z dopiskiem „Inspektor ochrony danych”) we wszystkich sprawach dotyczących przetwarzania Twoich danych.

### Cele i podstawy przetwarzania

- **Udział w konsultacjach społecznych** (uwagi, komentarze, ankiety, zapisy na spotkania): wykonanie zadania realizowanego w interesie publicznym – art. 6 ust. 1 lit. e RODO w związku z art. 5a ustawy o samorządzie gminnym i uchwałą Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych.
- **Podpisanie komentarza pełnym imieniem i nazwiskiem** oraz **powiadomienia e-mail**: Twoja zgoda – art. 6 ust. 1 lit. a RODO. Zgodę możesz wycofać w każdej chwili (link w każdej wiadomości), co nie wpływa na zgodność z prawem przetwarzania przed jej wycofaniem.
- **Konta pracowników i radnych dzielnic** oraz **bezpieczeństwo serwisu** (dziennik zdarzeń, ochrona przed nadużyciami): art. 6 ust. 1 lit. c i e RODO.

### Odbiorcy danych

Dane mogą otrzymać wyłącznie podmioty uprawnione na podstawie przepisów prawa oraz firmy, które na nasze zlecenie utrzymują serwis i obsługują pocztę elektroniczną, na podstawie umów powierzenia przetwarzania danych. W raportach z konsultacji osoby prywatne są przedstawiane w sposób zanonimizowany (np. „Anna N.”), a instytucje i organizacje – z nazwy.

### Okres przechowywania

- Uwagi i ankiety z konsultacji przechowujemy przez okres wynikający z przepisów o archiwizacji dokumentów (instrukcja kancelaryjna i jednolity rzeczowy wykaz akt). Po zakończeniu konsultacji i opublikowaniu raportu usuwamy dane osobowe z treści publikowanych w serwisie, zachowując samą treść uwag.
- Adres e-mail do powiadomień przechowujemy do czasu wypisania się. Niepotwierdzony zapis usuwamy po 7 dniach.
- Dane zapisane w związku z bezpieczeństwem serwisu przechowujemy przez czas niezbędny do wykrycia i wyjaśnienia nadużyć.

### Twoje prawa

Masz prawo dostępu do swoich danych, ich sprostowania, ograniczenia przetwarzania, wniesienia sprzeciwu wobec przetwarzania (art. 21 RODO), a gdy przetwarzamy je na podstawie zgody – prawo do jej wycofania w dowolnym momencie. W zakresie przewidzianym w RODO przysługuje Ci także prawo do usunięcia danych.

### Skarga do organu nadzorczego

Jeżeli uważasz, że przetwarzanie Twoich danych narusza przepisy, masz prawo wnieść skargę do **Prezesa Urzędu Ochrony Danych Osobowych** (ul. Stawki 2, 00-193 Warszawa).

### Czy musisz podać dane

Udział w konsultacjach nie wymaga podania adresu e-mail ani numeru telefonu; ankiety są domyślnie anonimowe. Podanie danych jest dobrowolne, ale bez nich nie zawsze będzie można przyjąć uwagę w trybie wymaganym przez uchwałę (np. oświadczenie o zamieszkaniu w Częstochowie) albo wysłać powiadomienie.

### Zautomatyzowane decyzje

Twoje dane nie służą do zautomatyzowanego podejmowania decyzji, w tym profilowania.

## Pliki cookie

Serwis zapisuje w Twojej przeglądarce **wyłącznie pliki cookie niezbędne** do działania funkcji, o które sam prosisz. Nie używamy plików cookie analitycznych, reklamowych ani pochodzących od innych firm, dlatego **nie wyświetlamy prośby o zgodę (banera cookie)** – przepisy prawa komunikacji elektronicznej nie wymagają zgody na pliki niezbędne.

| Nazwa | Do czego służy | Jak długo |
|---|---|---|
| konsultacje.sid | sesja: logowanie pracowników oraz ochrona formularzy przed podszyciem (token CSRF); zapisywany dopiero, gdy otworzysz formularz lub się zalogujesz | do wylogowania lub kilku godzin bezczynności |
| lang | zapamiętany język serwisu, gdy go zmienisz | 1 rok |
| kontrast | zapamiętany wysoki kontrast, gdy go włączysz | 1 rok |
| rozmiar-tekstu | zapamiętany większy tekst, gdy go włączysz | 1 rok |
| ankiety | losowy identyfikator przeglądarki, zapisywany dopiero, gdy wyślesz ankietę „raz z jednej przeglądarki”: pozwala przyjąć jedną odpowiedź z przeglądarki; przy odpowiedzi zapisujemy tylko jego zaszyfrowany skrót, nie wiemy, kto odpowiedział | 2 lata |

Samo czytanie serwisu nie zapisuje żadnego pliku cookie. Pliki cookie możesz w każdej chwili usunąć w ustawieniach przeglądarki.`,

  regulamin: `## Postanowienia ogólne

1. Serwis „Konsultacje Społeczne Częstochowy” prowadzi Urząd Miasta Częstochowy, ul. Śląska 11/13, 42-217 Częstochowa.
2. Serwis służy informowaniu o konsultacjach społecznych prowadzonych w Częstochowie oraz zbieraniu opinii, uwag i odpowiedzi na ankiety, zgodnie z uchwałą Rady Miasta Częstochowy w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy.
3. Korzystanie z serwisu jest bezpłatne. Do czytania serwisu ani do udziału w większości konsultacji nie trzeba zakładać konta.
4. Wyniki konsultacji mają charakter opiniodawczy, z wyjątkiem budżetu obywatelskiego, którego zasady określają odrębne przepisy.

## Uwagi do konsultowanych dokumentów

1. Uwagi można składać w terminie trwania konsultacji, przez formularz w serwisie albo w innych formach wskazanych w ogłoszeniu (pisemnie, e-mailem, na spotkaniu konsultacyjnym).
2. Uwaga powinna wskazywać, której części dokumentu dotyczy, a w miarę możliwości – proponowane brzmienie i uzasadnienie.
3. Uwagi złożone po terminie lub niedotyczące przedmiotu konsultacji mogą nie zostać rozpatrzone; informację o tym zamieszczamy w raporcie.
4. Każda rozpatrzona uwaga otrzymuje stanowisko jednostki prowadzącej konsultacje wraz z uzasadnieniem. Zestawienie uwag publikujemy w raporcie z konsultacji; osoby prywatne są w nim przedstawiane w sposób zanonimizowany.

## Komentarze

1. Komentarz pojawia się po potwierdzeniu linkiem wysłanym na podany adres e-mail (adresu nie publikujemy i usuwamy go po potwierdzeniu). W konsultacjach z moderacją wstępną komentarz pojawia się dopiero po zatwierdzeniu przez moderatora; w pozostałych od razu, a każdy może zgłosić komentarz naruszający regulamin.
2. Nie publikujemy komentarzy, które:
   - naruszają prawo, dobra osobiste innych osób lub zawierają dane osobowe osób trzecich,
   - zawierają treści obraźliwe, wulgarne, nawołujące do nienawiści lub dyskryminujące,
   - są reklamą, spamem albo nie dotyczą tematu konsultacji,
   - podszywają się pod inne osoby lub instytucje.
3. Moderator może ukryć komentarz naruszający regulamin – w jego miejscu pokazujemy powód ukrycia; krytyka i odmienne zdanie wyrażone z szacunkiem dla innych nie są powodem odrzucenia.
4. Autor komentarza jest przedstawiany jako imię i pierwsza litera nazwiska (np. „Anna N.”), chyba że zgodzi się na podpisanie pełnym imieniem i nazwiskiem.

## Zgłaszanie problemów

Problemy z działaniem serwisu, treści naruszające regulamin oraz problemy z dostępnością można zgłaszać na adres konsultacje@czestochowa.um.gov.pl. Sposób zgłaszania problemów z dostępnością opisuje [deklaracja dostępności](/deklaracja-dostepnosci).

## Dane osobowe

Zasady przetwarzania danych osobowych i plików cookie opisuje [polityka prywatności](/polityka-prywatnosci).`,

  kontakt: `## Urząd Miasta Częstochowy

ul. Śląska 11/13, 42-217 Częstochowa

Biuro Obsługi Mieszkańców przyjmuje interesantów w godzinach pracy urzędu. Pisma w sprawie konsultacji można złożyć w Kancelarii urzędu lub wysłać pocztą na powyższy adres.

## Skrzynka konsultacji społecznych

Uwagi, pytania i zgłoszenia dotyczące konsultacji: **konsultacje@czestochowa.um.gov.pl**

Przy konkretnej konsultacji podajemy też osobę do kontaktu w wydziale, który ją prowadzi – jej dane znajdziesz na stronie konsultacji.

## Koordynacja konsultacji

**Biuro Inicjatyw Lokalnych i Konsultacji Społecznych** koordynuje konsultacje społeczne w mieście: pomaga wydziałom je przygotować, prowadzi serwis i odpowiada na pytania mieszkańców o to, jak wziąć udział.

## Rady dzielnic

Sprawy swojej dzielnicy możesz omówić z radą dzielnicy – w Częstochowie działa ich 20. Dane kontaktowe i dyżury radnych znajdziesz na stronach [dzielnic](/dzielnice).

## Dostępność

Jeżeli potrzebujesz informacji w innej formie albo tłumacza polskiego języka migowego, napisz do nas. Szczegóły w [deklaracji dostępności](/deklaracja-dostepnosci).`,

  'o-platformie': `Serwis konsultacji społecznych powstał w ramach programu **„Budowa dialogu społecznego w Częstochowie”**, rozpoczętego w lutym 2010 r. Jego celem było wypracowanie – wspólnie z mieszkańcami – zasad i trybu przeprowadzania konsultacji społecznych w naszym mieście.

## Etap I: platforma internetowa

Powstała interaktywna platforma, dzięki której wydziały prowadzące konsultacje mogą informować o planowanych i trwających konsultacjach, a przedstawiciele rad dzielnic – po zalogowaniu – publikować aktualności ważne dla mieszkańców. W serwisie są informacje i materiały o wszystkich konsultacjach społecznych w Częstochowie. Platforma służy też informowaniu o planowanych inwestycjach miejskich, wymianie opinii oraz prowadzeniu ankiet i sondaży.

## Etap II: szkolenia

Pracownicy Urzędu Miasta, jednostek i spółek miejskich oraz przedstawiciele rad dzielnic przeszli szkolenia z prowadzenia konsultacji społecznych: z różnych form i metod konsultacji, narzędzi używanych w tym procesie oraz planowania i prowadzenia kolejnych etapów konsultacji. Część szkoleniowo-warsztatową przygotowano wspólnie z Polskim Instytutem Mediacji i Integracji Społecznej.

## Etap III: wzorcowa konsultacja

Przeprowadzono pilotażową, wzorcową konsultację z udziałem wykwalifikowanych moderatorów: przygotowano materiały i opublikowano je na platformie, przeprowadzono kampanię informacyjną, ankietę (internetową i papierową, w 20 radach dzielnic) oraz spotkanie z mieszkańcami. Tematem był projekt uchwały Rady Miasta o zasadach i trybie przeprowadzania konsultacji społecznych w Częstochowie.

## Uchwała o konsultacjach

Efektem programu jest **Uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy z dnia 28 czerwca 2010 r.** w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy. Określa ona, kto może wystąpić z inicjatywą konsultacji (mieszkańcy, radni miasta, członkowie rad dzielnic, Prezydent Miasta) i jak konsultacje są ogłaszane i prowadzone.

Materiały wzorcowej konsultacji – harmonogram działań, ankietę, prezentację, poradnik „Jak napisać uchwałę”, wyniki ankiety i sprawozdanie – znajdziesz na stronie konsultacji [„Zasady i tryb przeprowadzania konsultacji społecznych w Częstochowie”](/konsultacje/zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie).`,
  zasady: `## Zasady w skrócie

Konsultacje społeczne to sposób, w jaki miasto pyta mieszkańców o zdanie, zanim podejmie ważną decyzję. Ich wyniki nie są wiążące, ale miasto musi je rozważyć i odpowiedzieć na zgłoszone uwagi.

- **Kto może wziąć udział?** Każda osoba, której sprawa dotyczy – bez względu na wiek i prawo wyborcze. Nie musisz podawać adresu e-mail ani telefonu, żeby zgłosić uwagę.
- **Kto może zaproponować konsultacje?** Mieszkańcy (wniosek poparty podpisami), radni Rady Miasta, rady dzielnic oraz Prezydent Miasta. Wniosek złożysz na stronie [Wnioski o konsultacje](/wnioski).
- **Jak ogłaszamy konsultacje?** Prezydent Miasta wydaje zarządzenie, które określa przedmiot, cel, termin, zasięg, formy i adresatów konsultacji. Ogłoszenie publikujemy w serwisie co najmniej 7 dni przed rozpoczęciem.
- **Jak długo trwają?** Zwykle co najmniej 14 dni; przy ważnych dokumentach – 21 lub 30 dni.
- **W jakiej formie?** Formularz uwag online, uwagi pisemne i e-mailem, spotkania konsultacyjne, punkty konsultacyjne, dyżury ekspertów, ankiety, warsztaty, spacery studyjne i debaty.
- **Co dzieje się po konsultacjach?** Publikujemy raport z konsultacji: kto i jak się wypowiedział, zestawienie uwag ze stanowiskiem miasta i uzasadnieniem, oraz co miasto postanowiło.
- **Plan na cały rok** znajdziesz na stronie [Plan konsultacji](/konsultacje/plan).

## Podstawa prawna

- Art. 5a ustawy z dnia 8 marca 1990 r. o samorządzie gminnym.
- Uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy z dnia 28 czerwca 2010 r. w sprawie zasad i trybu przeprowadzania konsultacji społecznych z mieszkańcami Częstochowy.

## Inicjatywa konsultacji

Z inicjatywą przeprowadzenia konsultacji mogą wystąpić:

1. mieszkańcy Częstochowy – wniosek poparty podpisami mieszkańców (wymaganą liczbę podpisów podajemy na stronie wniosków),
2. radni Rady Miasta Częstochowy,
3. rady dzielnic – uchwałą rady, w sprawach dotyczących dzielnicy,
4. Prezydent Miasta Częstochowy.

Wniosek zawiera: przedmiot konsultacji, uzasadnienie, proponowany zakres i formy konsultacji oraz dane kontaktowe wnioskodawcy. Wnioski ocenia Biuro Inicjatyw Lokalnych i Konsultacji Społecznych; odpowiedź wraz z uzasadnieniem publikujemy przy wniosku.

## Tryb przeprowadzania konsultacji

Konsultacje zarządza Prezydent Miasta w drodze zarządzenia, które określa: przedmiot i cel konsultacji, termin rozpoczęcia i zakończenia, zasięg terytorialny (ogólnomiejski lub dzielnicowy), formy konsultacji, adresatów oraz jednostkę odpowiedzialną za ich przeprowadzenie. Informację o konsultacjach publikuje się w serwisie konsultacji, w Biuletynie Informacji Publicznej i w siedzibach rad dzielnic.

Wyniki konsultacji mają charakter opiniodawczy. W terminie 30 dni od zakończenia konsultacji jednostka odpowiedzialna przygotowuje raport, który publikuje się w serwisie.

*Powyższy tekst jest streszczeniem; wiążąca jest treść uchwały opublikowanej w Dzienniku Urzędowym Województwa Śląskiego. Terminy i liczby podane w streszczeniu należy sprawdzić z tekstem uchwały.*
`,
};
