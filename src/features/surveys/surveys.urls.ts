// Addresses of surveys, public and in the panel.
const base = (s: { id: number }) => `/ankiety/${s.id}`;

export const surveyUrls = {
  list: () => '/ankiety',
  show: base,
  submit: base,
  emailLink: (s: { id: number }) => `${base(s)}/e-mail`,
  fromEmail: (s: { id: number }, token: string) => `${base(s)}/e-mail/${token}`,
  thanks: (s: { id: number }) => `${base(s)}/dziekujemy`,
  results: (s: { id: number }) => `${base(s)}/wyniki`,
};

const panelBase = (s: { id: number }) => `/panel/ankiety/${s.id}`;

export const panelSurveyUrls = {
  list: () => '/panel/ankiety',
  new: () => '/panel/ankiety/nowa',
  create: () => '/panel/ankiety',
  show: panelBase,
  edit: (s: { id: number }) => `${panelBase(s)}/ustawienia`,
  update: (s: { id: number }) => `${panelBase(s)}/ustawienia`,
  close: (s: { id: number }) => `${panelBase(s)}/zamknij`,
  copy: (s: { id: number }) => `${panelBase(s)}/kopia`,
  remove: (s: { id: number }) => `${panelBase(s)}/usun`,
  newQuestion: (s: { id: number }) => `${panelBase(s)}/pytania/nowe`,
  createQuestion: (s: { id: number }) => `${panelBase(s)}/pytania`,
  editQuestion: (s: { id: number }, q: { id: number }) => `${panelBase(s)}/pytania/${q.id}`,
  updateQuestion: (s: { id: number }, q: { id: number }) => `${panelBase(s)}/pytania/${q.id}`,
  moveQuestion: (s: { id: number }, q: { id: number }) => `${panelBase(s)}/pytania/${q.id}/przesun`,
  removeQuestion: (s: { id: number }, q: { id: number }) => `${panelBase(s)}/pytania/${q.id}/usun`,
  results: (s: { id: number }) => `${panelBase(s)}/wyniki`,
  texts: (s: { id: number }, q: { id: number }) => `${panelBase(s)}/wyniki/pytania/${q.id}`,
  export: (s: { id: number }, format: 'csv' | 'xlsx') => `${panelBase(s)}/eksport.${format}`,
};
