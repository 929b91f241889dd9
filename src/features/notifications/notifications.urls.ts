// Addresses of the notification pages. Tokens travel in the query string: request logs drop it.
export const notificationUrls = {
  signUp: () => '/powiadomienia',
  signUpFor: (c: { id: number }) => `/powiadomienia?konsultacja=${c.id}`,
  /** The sign-up form with a district's news ticked (the link on a district page). */
  signUpForDistrictNews: (d: { slug: string }) => `/powiadomienia?dzielnica=${encodeURIComponent(d.slug)}`,
  checkInbox: () => '/powiadomienia/sprawdz-poczte',
  confirm: (token: string) => `/powiadomienia/potwierdz?t=${encodeURIComponent(token)}`,
  confirmed: () => '/powiadomienia/potwierdzono',
  manage: (token: string) => `/powiadomienia/ustawienia?t=${encodeURIComponent(token)}`,
  unsubscribe: (token: string) => `/powiadomienia/wypisz?t=${encodeURIComponent(token)}`,
  unsubscribed: () => '/powiadomienia/wypisano',
  staffSettings: () => '/panel/konto/powiadomienia',
};
