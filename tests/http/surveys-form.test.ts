// A resident's survey form: every question type is checked on the server (valid, missing, forged option,
// too long, out of range, wrong type), a bad submission writes nothing and comes back filled in with the
// message at the field, a good one is stored whole and thanked for.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { fieldError, html } from '../helpers/http.js';
import { createSurvey, postSurvey } from '../helpers/survey-factories.js';
import { createConsultation } from '../helpers/factories.js';
import type { SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';

const ctx = useTestApp();

describe('the survey form', () => {
  let survey: SurveyDefinition;
  let other: SurveyDefinition;
  const q = (i: number) => survey.questions[i]!;
  const opt = (i: number, k: number) => String(q(i).options[k]!.id);
  const url = () => `/ankiety/${survey.id}`;

  /** A complete, valid set of answers; `change` replaces or removes (undefined) fields. */
  function answers(change: Record<string, string | string[] | undefined> = {}): [string, string][] {
    const base: Record<string, string | string[] | undefined> = {
      [`q${q(0).id}`]: opt(0, 1),
      [`q${q(1).id}`]: [opt(1, 0), opt(1, 2)],
      [`q${q(2).id}`]: 'Więcej zieleni',
      [`q${q(3).id}`]: 'Krótko.',
      [`q${q(4).id}`]: '4',
      [`q${q(5).id}`]: '42',
      [`q${q(6).id}_o${q(6).options[0]!.id}`]: '2',
      [`q${q(6).id}_o${q(6).options[1]!.id}`]: '3',
      [`q${q(6).id}_o${q(6).options[2]!.id}`]: '1',
      [`q${q(7).id}_w${q(7).options[0]!.id}`]: '5',
      [`q${q(7).id}_w${q(7).options[1]!.id}`]: '1',
      [`q${q(8).id}`]: 'Bo tak',
      ...change,
    };
    return Object.entries(base).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  }
  const submit = (fields: [string, string][]) => postSurvey(request.agent(ctx.app), url(), url(), fields);

  beforeEach(async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    survey = await createSurvey(ctx.deps.db, {
      title: 'Jak oceniasz park?',
      thankYou: 'Dziękujemy! Wyniki omówimy na spotkaniu 10 grudnia.',
      questions: [
        { type: 'SINGLE', text: 'Jak często bywasz w parku?', required: true, allowOther: true, options: ['Codziennie', 'Co tydzień', 'Rzadziej'] },
        { type: 'MULTIPLE', text: 'Co robisz w parku?', minChoices: 2, maxChoices: 3, options: ['Spaceruję', 'Biegam', 'Czytam', 'Gram'] },
        { type: 'SHORT_TEXT', text: 'Czego brakuje?', required: true },
        { type: 'LONG_TEXT', text: 'Uwagi', maxLength: 50 },
        { type: 'SCALE', text: 'Ocena', minValue: 1, maxValue: 5, minLabel: 'źle', maxLabel: 'świetnie' },
        { type: 'NUMBER', text: 'Wiek', minValue: 0, maxValue: 120 },
        { type: 'RANKING', text: 'Co najpierw?', options: ['Ławki', 'Oświetlenie', 'Alejki'] },
        { type: 'MATRIX', text: 'Oceń', required: true, minValue: 1, maxValue: 5, options: ['Czystość', 'Bezpieczeństwo'] },
        { type: 'SHORT_TEXT', text: 'Dlaczego co tydzień?', required: true, showIf: { question: 0, option: 1 } },
      ],
    });
    other = await createSurvey(ctx.deps.db, { questions: [{ type: 'SINGLE', text: 'Obce', options: ['X', 'Y'] }] });
  });

  it('shows each question as a fieldset with its legend, hints and the note of a conditional question', async () => {
    const page = await request(ctx.app).get(url()).expect(200);
    const $ = html(page.text);
    expect($('form.survey-form fieldset > legend.survey-question__legend').length).toBe(9);
    expect($(`#q${q(0).id}-legend`).text()).toContain('(wymagane)');
    expect($(`#q${q(1).id}-hint`).text()).toContain('Wybierz od 2 do 3 odpowiedzi.');
    expect($(`#q${q(4).id}-hint`).text()).toContain('1 oznacza „źle”, 5 – „świetnie”.');
    expect($(`#q${q(8).id}-condition`).text()).toBe('Odpowiedz tylko wtedy, gdy w pytaniu 1 wybrano „Co tydzień”.');
    expect($(`label[for="q${q(0).id}_inne"]`).text()).toBe('Inne, jakie?');
  });

  it('stores a complete response in one go and shows the thank-you text', async () => {
    const res = await submit(answers());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/ankiety/${survey.id}/dziekujemy`);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(1);
    // 1 single + 2 multiple + 2 texts + scale + number + 3 ranks + 2 matrix rows + conditional text
    expect(await ctx.deps.db.surveyAnswer.count()).toBe(13);
    const ranks = await ctx.deps.db.surveyAnswer.findMany({ where: { questionId: q(6).id }, orderBy: { value: 'asc' }, select: { optionId: true, value: true } });
    expect(ranks).toEqual([{ optionId: q(6).options[2]!.id, value: 1 }, { optionId: q(6).options[0]!.id, value: 2 }, { optionId: q(6).options[1]!.id, value: 3 }]);
    const thanks = await request(ctx.app).get(res.headers.location!).expect(200);
    expect(html(thanks.text)('h1').text()).toBe('Dziękujemy za wypełnienie ankiety');
    expect(thanks.text).toContain('Wyniki omówimy na spotkaniu 10 grudnia.');
  });

  it('refuses missing required answers with a message at each field, keeps what was typed and stores nothing', async () => {
    const res = await submit(answers({ [`q${q(0).id}`]: undefined, [`q${q(2).id}`]: '   ', [`q${q(7).id}_w${q(7).options[1]!.id}`]: undefined, [`q${q(3).id}`]: 'Zostaje w polu' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, `q${q(0).id}`)).toBe('Błąd: Wybierz jedną odpowiedź');
    expect(fieldError(res.text, `q${q(2).id}`)).toBe('Błąd: Wpisz odpowiedź');
    expect(fieldError(res.text, `q${q(7).id}`)).toBe('Błąd: Oceń każdy wiersz');
    const $ = html(res.text);
    expect($('.error-summary a').map((_, a) => $(a).attr('href')).get()).toEqual([`#q${q(0).id}`, `#q${q(2).id}`, `#q${q(7).id}`]);
    expect($(`#q${q(3).id}`).text()).toBe('Zostaje w polu');
    expect($(`input[name="q${q(1).id}"][value="${opt(1, 2)}"]`).attr('checked')).toBeDefined();
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
    expect(await ctx.deps.db.surveyAnswer.count()).toBe(0);
  });

  it('refuses option ids that do not belong to the question (forged forms)', async () => {
    const foreign = String(other.questions[0]!.options[0]!.id);
    for (const change of [{ [`q${q(0).id}`]: foreign }, { [`q${q(0).id}`]: '999999' }, { [`q${q(0).id}`]: 'abc' }]) {
      const res = await submit(answers(change));
      expect(res.status).toBe(422);
      expect(fieldError(res.text, `q${q(0).id}`)).toBe('Błąd: Wybierz jedną z podanych odpowiedzi');
    }
    const multiple = await submit(answers({ [`q${q(1).id}`]: [opt(1, 0), String(q(0).options[0]!.id)] }));
    expect(fieldError(multiple.text, `q${q(1).id}`)).toBe('Błąd: Wybierz jedną z podanych odpowiedzi');
    const rankForeign = await submit([...answers(), [`q${q(6).id}_o${foreign}`, '1']]);
    expect(rankForeign.status).toBe(303); // an unknown field is ignored, not stored
    expect(await ctx.deps.db.surveyAnswer.count({ where: { optionId: Number(foreign) } })).toBe(0);
  });

  it('refuses two answers to a single-choice question (wrong type)', async () => {
    const res = await submit(answers({ [`q${q(0).id}`]: [opt(0, 0), opt(0, 1)] }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, `q${q(0).id}`)).toBe('Błąd: Wybierz jedną z podanych odpowiedzi');
  });

  it('checks the number of choices of a multiple-choice question', async () => {
    const few = await submit(answers({ [`q${q(1).id}`]: [opt(1, 0)] }));
    expect(fieldError(few.text, `q${q(1).id}`)).toBe('Błąd: Wybierz co najmniej 2 odpowiedzi');
    const many = await submit(answers({ [`q${q(1).id}`]: [opt(1, 0), opt(1, 1), opt(1, 2), opt(1, 3)] }));
    expect(fieldError(many.text, `q${q(1).id}`)).toBe('Błąd: Wybierz najwyżej 3 odpowiedzi');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
  });

  it('asks for the text of "Inne, jakie?" and stores it with no option', async () => {
    const missing = await submit(answers({ [`q${q(0).id}`]: 'inne', [`q${q(8).id}`]: undefined }));
    expect(fieldError(missing.text, `q${q(0).id}`)).toBe('Błąd: Wpisz, jaka to odpowiedź (pole „Inne, jakie?”)');
    const tooLong = await submit(answers({ [`q${q(0).id}`]: 'inne', [`q${q(0).id}_inne`]: 'x'.repeat(301), [`q${q(8).id}`]: undefined }));
    expect(fieldError(tooLong.text, `q${q(0).id}`)).toBe('Błąd: Odpowiedź „Inne” może mieć najwyżej 300 znaków');
    const ok = await submit(answers({ [`q${q(0).id}`]: 'inne', [`q${q(0).id}_inne`]: 'Raz w miesiącu', [`q${q(8).id}`]: undefined }));
    expect(ok.status).toBe(303);
    expect(await ctx.deps.db.surveyAnswer.findFirst({ where: { questionId: q(0).id }, select: { optionId: true, text: true } })).toEqual({ optionId: null, text: 'Raz w miesiącu' });
  });

  it('refuses texts longer than their limit', async () => {
    const long = await submit(answers({ [`q${q(3).id}`]: 'x'.repeat(51) }));
    expect(long.status).toBe(422);
    expect(fieldError(long.text, `q${q(3).id}`)).toBe('Błąd: Tekst jest za długi (najwięcej 50 znaków)');
    const short = await submit(answers({ [`q${q(2).id}`]: 'y'.repeat(301) }));
    expect(fieldError(short.text, `q${q(2).id}`)).toBe('Błąd: Tekst jest za długi (najwięcej 300 znaków)');
  });

  it('refuses scale, number, ranking and matrix values out of range or of the wrong type', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ [`q${q(4).id}`]: '6' }, 4, 'Błąd: Wybierz lub wpisz liczbę od 1 do 5'],
      [{ [`q${q(4).id}`]: 'dużo' }, 4, 'Błąd: Wybierz lub wpisz liczbę od 1 do 5'],
      [{ [`q${q(5).id}`]: '121' }, 5, 'Błąd: Wybierz lub wpisz liczbę od 0 do 120'],
      [{ [`q${q(5).id}`]: '-1' }, 5, 'Błąd: Wybierz lub wpisz liczbę od 0 do 120'],
      [{ [`q${q(5).id}`]: '4,5' }, 5, 'Błąd: Wpisz liczbę całkowitą, np. 12'],
      [{ [`q${q(5).id}`]: 'czterdzieści' }, 5, 'Błąd: Wpisz liczbę całkowitą, np. 12'],
      [{ [`q${q(6).id}_o${q(6).options[0]!.id}`]: '3' }, 6, 'Błąd: Nadaj każdej odpowiedzi inne miejsce, od 1 do 3'],
      [{ [`q${q(6).id}_o${q(6).options[0]!.id}`]: '4' }, 6, 'Błąd: Nadaj każdej odpowiedzi inne miejsce, od 1 do 3'],
      [{ [`q${q(6).id}_o${q(6).options[0]!.id}`]: '' }, 6, 'Błąd: Nadaj miejsce każdej odpowiedzi'],
      [{ [`q${q(7).id}_w${q(7).options[0]!.id}`]: '9' }, 7, 'Błąd: Wybierz lub wpisz liczbę od 1 do 5'],
    ];
    for (const [change, index, message] of cases) {
      const res = await submit(answers(change));
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(fieldError(res.text, `q${q(index).id}`)).toBe(message);
    }
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
  });

  it('requires a conditional question only when its condition holds, and ignores answers to it otherwise', async () => {
    const needed = await submit(answers({ [`q${q(8).id}`]: undefined }));
    expect(fieldError(needed.text, `q${q(8).id}`)).toBe('Błąd: Wpisz odpowiedź');
    const notShown = await submit(answers({ [`q${q(0).id}`]: opt(0, 0), [`q${q(8).id}`]: 'Nie powinno się zapisać' }));
    expect(notShown.status).toBe(303);
    expect(await ctx.deps.db.surveyAnswer.count({ where: { questionId: q(8).id } })).toBe(0);
  });

  it('takes no answers once the survey is closed, and says so', async () => {
    const agent = request.agent(ctx.app);
    const fields = answers();
    const { csrfToken } = await import('../helpers/http.js');
    const token = await csrfToken(agent, url());
    ctx.clock.set('2026-12-01T10:00:00Z');
    const body = new URLSearchParams([['_csrf', token], ...fields]);
    const res = await agent.post(url()).type('form').send(body.toString());
    expect(res.status).toBe(409);
    expect(html(res.text)('main').text()).toContain('Ta ankieta jest już zakończona i nie przyjmuje odpowiedzi.');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
    const page = await agent.get(url()).expect(200);
    expect(html(page.text)('.notice').text()).toContain('Ta ankieta jest już zakończona');
  });

  it('is not shown before it opens, and a malformed id is a 404', async () => {
    const planned = await createSurvey(ctx.deps.db, { opensAt: new Date('2026-12-10T00:00:00Z'), closesAt: new Date('2026-12-20T00:00:00Z') });
    await request(ctx.app).get(`/ankiety/${planned.id}`).expect(404);
    await request(ctx.app).get('/ankiety/abc').expect(404);
    await request(ctx.app).get('/ankiety/0').expect(404);
  });
});

describe('a consultation’s page', () => {
  it('lists its opened surveys and polls: the form while open, the results once public, nothing planned or of another consultation', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'z-ankieta' });
    const other = await createConsultation(ctx.deps.db, { slug: 'inna', departmentId: c.departmentId });
    const DAY = 86_400_000;
    const now = Date.parse('2026-11-24T10:00:00Z');
    const open = await createSurvey(ctx.deps.db, { title: 'Ankieta o parku', consultationId: c.id, departmentId: c.departmentId });
    const closed = await createSurvey(ctx.deps.db, { title: 'Sonda o ławkach', kind: 'POLL', consultationId: c.id, departmentId: c.departmentId, opensAt: new Date(now - 9 * DAY), closesAt: new Date(now - DAY) });
    await createSurvey(ctx.deps.db, { title: 'Ankieta zaplanowana', consultationId: c.id, departmentId: c.departmentId, opensAt: new Date(now + DAY), closesAt: new Date(now + 9 * DAY) });
    await createSurvey(ctx.deps.db, { title: 'Ankieta innej konsultacji', consultationId: other.id, departmentId: c.departmentId });
    const $ = html((await request(ctx.app).get('/konsultacje/z-ankieta').expect(200)).text);
    const section = $('section[aria-labelledby="ankieta"]');
    expect(section.find('h2').text()).toBe('Ankieta');
    expect(section.find('.survey-list__title').map((_, el) => $(el).text().trim()).get()).toEqual(['Sonda o ławkach', 'Ankieta o parku']);
    expect(section.find(`a[href="/ankiety/${open.id}"]`).text()).toBe('Ankieta o parku');
    expect(section.find(`a[href="/ankiety/${closed.id}/wyniki"]`).first().text()).toBe('Sonda o ławkach');
    expect(section.text()).not.toContain('pojawi się tutaj');

    const theOther = html((await request(ctx.app).get('/konsultacje/inna').expect(200)).text);
    expect(theOther('section[aria-labelledby="ankieta"] .survey-list__title').text()).toBe('Ankieta innej konsultacji');
    await createConsultation(ctx.deps.db, { slug: 'bez-ankiety' });
    const none = html((await request(ctx.app).get('/konsultacje/bez-ankiety').expect(200)).text);
    expect(none('section[aria-labelledby="ankieta"]').text()).toContain('pojawi się tutaj');
  });
});
