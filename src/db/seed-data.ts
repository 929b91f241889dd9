// Częstochowa's departments, districts and consultation topics (DOMAIN.md); loaded on every start, idempotently.
// BIK is the coordinating office (docs/decisions.md 18): it assesses requests and keeps the annual plan.
export const DEPARTMENTS: ReadonlyArray<{ code: string; name: string; coordinatesConsultations?: boolean }> = [
  { code: 'IZ', name: 'Wydział Inwestycji i Zamówień Publicznych' },
  { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' },
  { code: 'MPUP', name: 'Miejska Pracownia Urbanistyczno-Planistyczna' },
  { code: 'OŚR', name: 'Wydział Ochrony Środowiska, Rolnictwa i Leśnictwa' },
  { code: 'GK', name: 'Wydział Geodezji i Kartografii' },
  { code: 'MN', name: 'Wydział Mienia i Nadzoru Właścicielskiego' },
  { code: 'KP', name: 'Wydział Kultury, Promocji i Sportu' },
  { code: 'ES', name: 'Wydział Edukacji i Sportu' },
  { code: 'RM', name: 'Rada Miasta Częstochowy' },
  { code: 'BIK', name: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych', coordinatesConsultations: true },
];

export const DISTRICTS: ReadonlyArray<{ slug: string; name: string }> = [
  { slug: 'bleszno', name: 'Błeszno' },
  { slug: 'czestochowka-parkitka', name: 'Częstochówka-Parkitka' },
  { slug: 'dzbow', name: 'Dźbów' },
  { slug: 'gnaszyn-kawodrza', name: 'Gnaszyn-Kawodrza' },
  { slug: 'grabowka', name: 'Grabówka' },
  { slug: 'kiedrzyn', name: 'Kiedrzyn' },
  { slug: 'lisiniec', name: 'Lisiniec' },
  { slug: 'mirow', name: 'Mirów' },
  { slug: 'ostatni-grosz', name: 'Ostatni Grosz' },
  { slug: 'podjasnogorska', name: 'Podjasnogórska' },
  { slug: 'polnoc', name: 'Północ' },
  { slug: 'rakow', name: 'Raków' },
  { slug: 'stare-miasto', name: 'Stare Miasto' },
  { slug: 'stradom', name: 'Stradom' },
  { slug: 'srodmiescie', name: 'Śródmieście' },
  { slug: 'trzech-wieszczow', name: 'Trzech Wieszczów' },
  { slug: 'tysiaclecie', name: 'Tysiąclecie' },
  { slug: 'wrzosowiak', name: 'Wrzosowiak' },
  { slug: 'wyczerpy-aniolow', name: 'Wyczerpy-Aniołów' },
  { slug: 'zawodzie-dabie', name: 'Zawodzie-Dąbie' },
];

export const DEMO_PASSWORD = 'Konsultacje2010!';

export const DEMO_USERS = [
  { email: 'admin@example.org', name: 'Anna Nowak', role: 'ADMIN' },
  { email: 'mzdit@example.org', name: 'Piotr Kowalski', role: 'DEPARTMENT_STAFF', departmentCode: 'MZDiT' },
  { email: 'mpup@example.org', name: 'Katarzyna Wiśniewska', role: 'DEPARTMENT_STAFF', departmentCode: 'MPUP' },
  { email: 'bik@example.org', name: 'Ewa Zielińska', role: 'DEPARTMENT_STAFF', departmentCode: 'BIK' },
  { email: 'radny.tysiaclecie@example.org', name: 'Tomasz Wójcik', role: 'COUNCILLOR', districtSlug: 'tysiaclecie' },
  { email: 'radny.rakow@example.org', name: 'Magdalena Kamińska', role: 'COUNCILLOR', districtSlug: 'rakow' },
  { email: 'moderator@example.org', name: 'Jan Lewandowski', role: 'MODERATOR' },
] as const;

export const TOPICS: ReadonlyArray<{ slug: string; name: string }> = [
  { slug: 'transport', name: 'Transport i drogi' },
  { slug: 'srodowisko', name: 'Środowisko i zieleń' },
  { slug: 'planowanie-przestrzenne', name: 'Planowanie przestrzenne' },
  { slug: 'inwestycje', name: 'Inwestycje miejskie' },
  { slug: 'edukacja', name: 'Edukacja' },
  { slug: 'kultura-i-sport', name: 'Kultura i sport' },
  { slug: 'sprawy-spoleczne', name: 'Sprawy społeczne' },
  { slug: 'samorzad', name: 'Samorząd i dzielnice' },
];
