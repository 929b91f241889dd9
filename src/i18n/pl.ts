// The Polish message catalogue: every word a user reads. Keys are grouped by feature; a feature
// may keep its messages in src/features/<feature>/<feature>.messages.ts, spread in here and in en.ts.
import { shared } from './shared.messages.js';
import { attachmentsMessages } from '../features/attachments/attachments.messages.js';
import { consultationsMessages } from '../features/consultations/consultations.messages.js';
import { panelConsultationMessages } from '../features/consultations/panel-consultations.messages.js';
import { notificationsMessages } from '../features/notifications/notifications.messages.js';
import { contentMessages } from '../features/content/content.messages.js';
import { knowledgeMessages } from '../features/content/knowledge.messages.js';
import { formatRequestMessages } from '../features/format-requests/format-requests.messages.js';
import { documentsMessages } from '../features/documents/documents.messages.js';
import { personalDataMessages } from '../features/personal-data/personal-data.messages.js';
import { districtsMessages } from '../features/districts/districts.messages.js';
import { newsMessages } from '../features/news/news.messages.js';
import { commentsMessages } from '../features/comments/comments.messages.js';
import { remarksMessages } from '../features/remarks/remarks.messages.js';
import { investmentsMessages } from '../features/investments/investments.messages.js';
import { surveysMessages } from '../features/surveys/surveys.messages.js';
import { panelSurveysMessages } from '../features/surveys/panel-surveys.messages.js';
import { requestsMessages } from '../features/requests/requests.messages.js';
import { securityMessages } from '../features/auth/security.messages.js';
import { searchMessages } from '../features/search/search.messages.js';
import { opendataMessages } from '../features/opendata/opendata.messages.js';

export const pl = {
  ...shared.pl,
  ...attachmentsMessages.pl,
  ...consultationsMessages.pl,
  ...panelConsultationMessages.pl,
  ...notificationsMessages.pl,
  ...contentMessages.pl,
  ...knowledgeMessages.pl,
  ...formatRequestMessages.pl,
  ...documentsMessages.pl,
  ...personalDataMessages.pl,
  ...districtsMessages.pl,
  ...newsMessages.pl,
  ...commentsMessages.pl,
  ...remarksMessages.pl,
  ...investmentsMessages.pl,
  ...surveysMessages.pl,
  ...panelSurveysMessages.pl,
  ...requestsMessages.pl,
  ...securityMessages.pl,
  ...searchMessages.pl,
  ...opendataMessages.pl,
  'site.tagline': 'Konsultacje społeczne i dialog z mieszkańcami',
  'site.logoAlt': 'Herb miasta {city}',

  'a11y.skipToContent': 'Przejdź do treści',
  'a11y.mainNav': 'Menu główne',
  'a11y.breadcrumbs': 'Jesteś tutaj',
  'a11y.footerNav': 'Informacje o serwisie',
  'a11y.language': 'Język',
  'a11y.openMenu': 'Menu',
  'a11y.panelNav': 'Menu panelu',

  'nav.home': 'Strona główna',
  'nav.consultations': 'Konsultacje',
  'nav.news': 'Aktualności',
  'nav.districts': 'Dzielnice',
  'nav.surveys': 'Ankiety',
  'nav.investments': 'Inwestycje',
  'nav.calendar': 'Kalendarz',
  'nav.search': 'Szukaj',
  'nav.panel': 'Panel',
  'nav.login': 'Zaloguj się',
  'nav.logout': 'Wyloguj',

  'footer.accessibility': 'Deklaracja dostępności',
  'footer.privacy': 'Polityka prywatności',
  'footer.rules': 'Regulamin',
  'footer.contact': 'Kontakt',
  'footer.sitemap': 'Mapa strony',
  'footer.about': 'Serwis prowadzi {cityHall} w ramach programu „Budowa dialogu społecznego”.',

  'lang.pl': 'Polski',
  'lang.en': 'English',
  'lang.switchTo': 'Zmień język na: {language}',

  'home.title': 'Strona główna',
  'home.lead': 'Weź udział w decyzjach o swoim mieście. Sprawdź trwające konsultacje, wypowiedz się w ankietach i śledź aktualności swojej dzielnicy.',
  'home.cta': 'Zobacz trwające konsultacje',
  'home.openConsultations': 'Trwające konsultacje',
  'home.plannedConsultations': 'Planowane konsultacje',
  'home.upcomingMeetings': 'Najbliższe spotkania',
  'home.latestNews': 'Aktualności z dzielnic',
  'home.poll': 'Sonda',
  'home.investments': 'Inwestycje w mieście',
  'home.sectionEmpty': 'Ta część serwisu jest w przygotowaniu. Wkrótce znajdziesz tu aktualne informacje.',
  'home.seeAll': 'Zobacz wszystkie',
  'home.howTitle': 'Jak wziąć udział?',
  'home.how1': 'Wybierz konsultację, która Cię dotyczy, i przeczytaj materiały.',
  'home.how2': 'Wypowiedz się: wypełnij ankietę, dodaj komentarz albo zgłoś uwagę.',
  'home.how3': 'Po zakończeniu przeczytaj raport i odpowiedzi Urzędu na uwagi mieszkańców.',

  'page.accessibility': 'Deklaracja dostępności',
  'page.privacy': 'Polityka prywatności',
  'page.rules': 'Regulamin',
  'page.contact': 'Kontakt',
  'page.sitemap': 'Mapa strony',

  'auth.login.title': 'Logowanie do panelu',
  'auth.login.lead': 'Panel jest przeznaczony dla pracowników Urzędu, radnych dzielnic i moderatorów. Mieszkańcy nie potrzebują konta, aby brać udział w konsultacjach.',
  'auth.login.email': 'Adres e-mail',
  'auth.login.password': 'Hasło',
  'auth.login.submit': 'Zaloguj się',
  'auth.login.failed': 'Nieprawidłowy adres e-mail lub hasło',
  'auth.login.blocked': 'Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za {minutes} min.',
  'auth.loginRequired': 'Zaloguj się, aby zobaczyć tę stronę.',
  'auth.loggedIn': 'Zalogowano pomyślnie.',
  'auth.loggedOut': 'Wylogowano. Do zobaczenia!',

  'panel.title': 'Panel',
  'panel.greeting': 'Dzień dobry, {name}',
  'panel.roleLine': 'Rola: {role}',
  'panel.departmentLine': 'Wydział: {department}',
  'panel.districtLine': 'Dzielnica: {district}',
  'panel.lastLogin': 'Poprzednie logowanie: {date}',
  'panel.firstLogin': 'To Twoje pierwsze logowanie.',
  'panel.tasks': 'Co możesz zrobić',
  'panel.task.consultations': 'Konsultacje Twojego wydziału',
  'panel.task.consultations.hint': 'Twórz, publikuj i prowadź konsultacje, odpowiadaj na uwagi, przygotuj raport.',
  'panel.task.investments': 'Inwestycje Twojego wydziału',
  'panel.task.investments.hint': 'Informuj mieszkańców o planowanych i trwających inwestycjach.',
  'panel.task.surveys': 'Ankiety i sondy',
  'panel.task.surveys.hint': 'Buduj ankiety, sprawdzaj i eksportuj wyniki.',
  'panel.task.news': 'Aktualności dzielnicy',
  'panel.task.news.hint': 'Publikuj aktualności i wydarzenia swojej dzielnicy.',
  'panel.task.districtPage': 'Strona rady dzielnicy',
  'panel.task.districtPage.hint': 'Skład rady, dyżury i dane kontaktowe.',
  'panel.task.moderation': 'Moderacja',
  'panel.task.moderation.hint': 'Przeglądaj komentarze i uwagi zgłoszone do sprawdzenia.',
  'panel.task.users': 'Konta pracowników',
  'panel.task.users.hint': 'Zapraszaj pracowników, zmieniaj role, dezaktywuj konta.',
  'panel.task.dictionaries': 'Wydziały i dzielnice',
  'panel.task.dictionaries.hint': 'Słowniki używane w całym serwisie.',
  'panel.task.audit': 'Dziennik zdarzeń',
  'panel.task.audit.hint': 'Kto, co i kiedy zmienił.',
  'panel.task.settings': 'Ustawienia serwisu',
  'panel.task.settings.hint': 'Nazwa, logo, terminy konsultacji, strony informacyjne.',
  'panel.comingSoon': 'w przygotowaniu',

  'role.ADMIN': 'Administrator',
  'role.DEPARTMENT_STAFF': 'Pracownik wydziału',
  'role.COUNCILLOR': 'Radny dzielnicy',
  'role.MODERATOR': 'Moderator',

  'errors.title': 'Błąd',
  'errors.requestId': 'Identyfikator zgłoszenia: {id}. Podaj go, kontaktując się z nami.',
  'errors.goHome': 'Przejdź na stronę główną',
  'errors.badRequest.title': 'Nieprawidłowe zapytanie',
  'errors.badRequest.body': 'Nie udało się odczytać przesłanych danych. Wróć i spróbuj ponownie.',
  'errors.payloadTooLarge.title': 'Przesłane dane są za duże',
  'errors.payloadTooLarge.body': 'Przesłany formularz lub plik przekracza dopuszczalny rozmiar.',
  'errors.notFound.title': 'Nie znaleziono strony',
  'errors.notFound.body': 'Jeśli wpisano adres ręcznie, sprawdź, czy jest poprawny. Jeśli wklejono adres, sprawdź, czy skopiowano go w całości.',
  'errors.forbidden.title': 'Brak dostępu',
  'errors.forbidden.body': 'Nie masz uprawnień do tej strony lub operacji.',
  'errors.csrf.body': 'Sesja wygasła, wróć i spróbuj ponownie.',
  'errors.conflict.title': 'Konflikt danych',
  'errors.conflict.body': 'Ktoś zmienił te dane w międzyczasie. Odśwież stronę i spróbuj ponownie.',
  'errors.tooManyRequests.title': 'Zbyt wiele prób',
  'errors.tooManyRequests.body': 'Wysłano zbyt wiele żądań. Odczekaj chwilę i spróbuj ponownie.',
  'errors.server.title': 'Przepraszamy, wystąpił błąd serwisu',
  'errors.server.body': 'Spróbuj ponownie za chwilę. Jeśli błąd się powtarza, skontaktuj się z nami.',
  'errors.unavailable.title': 'Serwis chwilowo niedostępny',
  'errors.form.summary': 'Popraw błędy w formularzu',
  'errors.form.prefix': 'Błąd:',

  'validation.email.required': 'Podaj adres e-mail',
  'validation.email.invalid': 'Podaj adres e-mail w poprawnym formacie, np. imie.nazwisko@example.org',
  'validation.email.taken': 'Konto z tym adresem e-mail już istnieje',
  'validation.password.required': 'Podaj hasło',
  'validation.password.tooShort': 'Hasło musi mieć co najmniej 12 znaków',
  'validation.tooLong': 'Tekst jest za długi (najwięcej {max} znaków)',
  'validation.department.required': 'Wybierz wydział',
  'validation.district.required': 'Wybierz dzielnicę',
  'validation.invalid': 'Nieprawidłowa wartość',

  'flash.close': 'Zamknij',
} as const;

export type MessageKey = keyof typeof pl;
