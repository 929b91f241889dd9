// A long survey filled in step by step without JavaScript: "Krok 1 z 3" in the title and above the
// questions, one step's questions at a time with its own error summary, "Wstecz" keeping what was
// typed, a step whose only question is conditional on an earlier answer skipped (and the count of
// steps with it), the answers of passed steps in a signed hidden field (a tampered one is refused),
// and the whole response stored once at the end. Staff mark where a step begins in the builder.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

type Fields = [string, string][];

/** Posts the step shown in `page` like a browser: its hidden fields, the answers and the button pressed. */
function next(agent: Agent, page: string, action: string, answers: Fields, akcja: 'dalej' | 'wstecz' | 'wyslij' = 'dalej') {
  const $ = html(page);
  const body = new URLSearchParams();
  $('form.survey-form input[type="hidden"]').each((_, input) => void body.append($(input).attr('name')!, $(input).attr('value') ?? ''));
  for (const [k, v] of answers) body.append(k, v);
  body.append('akcja', akcja);
  return agent.post(action).type('form').send(body.toString());
}

const legends = (page: string) => html(page)('legend.survey-question__legend').map((_, l) => html(page)(l).text().replace(/\s+/g, ' ').trim()).get();
const progress = (page: string) => html(page)('#survey-progress').text().trim();

describe('a survey in steps', () => {
  let survey: SurveyDefinition;
  let agent: Agent;
  let form: string;
  const q = (i: number) => survey.questions[i]!;

  beforeEach(async () => {
    survey = await createSurvey(ctx.deps.db, {
      title: 'Park na Lisińcu',
      questions: [
        { type: 'SINGLE', text: 'Jak często bywasz w parku?', required: true, options: ['Codziennie', 'Rzadziej'] },
        { type: 'SCALE', text: 'Jak oceniasz park?', required: true, minValue: 1, maxValue: 5 },
        { type: 'SHORT_TEXT', text: 'Co by Cię zachęciło?', required: true, startsStep: true, showIf: { question: 0, option: 1 } },
        { type: 'MULTIPLE', text: 'Co tam robisz?', startsStep: true, options: ['Spacer', 'Sport'] },
        { type: 'LONG_TEXT', text: 'Uwagi' },
      ],
    });
    agent = request.agent(ctx.app);
    form = `/ankiety/${survey.id}`;
  });

  it('goes step by step with a progress note, checks each step, goes back keeping answers and stores once', async () => {
    const first = await agent.get(form).expect(200);
    expect(progress(first.text)).toBe('Krok 1 z 3');
    expect(html(first.text)('title').text()).toMatch(/^Krok 1 z 3 – Park na Lisińcu/);
    expect(html(first.text)('progress').attr('aria-labelledby')).toBe('survey-progress');
    expect(legends(first.text)).toEqual(['1. Jak często bywasz w parku? (wymagane)', '2. Jak oceniasz park? (wymagane)']);
    expect(html(first.text)('button[name="akcja"]').map((_, b) => html(first.text)(b).text().trim()).get()).toEqual(['Dalej']);

    // Nothing chosen: this step's own error summary, still step 1, nothing stored.
    const empty = await next(agent, first.text, form, []);
    expect(empty.status).toBe(422);
    expect(html(empty.text)('.error-summary li').map((_, li) => html(empty.text)(li).text().trim()).get()).toEqual(['Wybierz jedną odpowiedź', 'Wybierz jedną odpowiedź']);
    expect(progress(empty.text)).toBe('Krok 1 z 3');

    // "Rzadziej" makes step 2's conditional question apply; it shows without the note.
    const second = await next(agent, empty.text, form, [[`q${q(0).id}`, String(q(0).options[1]!.id)], [`q${q(1).id}`, '4']]);
    expect(second.status).toBe(200);
    expect(progress(second.text)).toBe('Krok 2 z 3');
    expect(legends(second.text)).toEqual(['3. Co by Cię zachęciło? (wymagane)']);
    expect(html(second.text)('.survey-question__condition').length).toBe(0);
    expect(html(second.text)('button[name="akcja"]').map((_, b) => html(second.text)(b).text().trim()).get()).toEqual(['Dalej', 'Wstecz']);

    const missing = await next(agent, second.text, form, [[`q${q(2).id}`, '  ']]);
    expect(missing.status).toBe(422);
    expect(progress(missing.text)).toBe('Krok 2 z 3');
    expect(fieldError(missing.text, `q${q(2).id}`)).toBe('Błąd: Wpisz odpowiedź');

    // Back to step 1: what was chosen there is still chosen.
    const back = await next(agent, missing.text, form, [[`q${q(2).id}`, 'Ławki w cieniu']], 'wstecz');
    expect(back.status).toBe(200);
    expect(progress(back.text)).toBe('Krok 1 z 3');
    expect(html(back.text)(`input[name="q${q(0).id}"]:checked`).val()).toBe(String(q(0).options[1]!.id));
    expect(html(back.text)(`input[name="q${q(1).id}"]:checked`).val()).toBe('4');

    // Forward again: the text typed in step 2 before going back is there too.
    const again = await next(agent, back.text, form, [[`q${q(0).id}`, String(q(0).options[1]!.id)], [`q${q(1).id}`, '5']]);
    expect(html(again.text)(`#q${q(2).id}`).val()).toBe('Ławki w cieniu');
    const third = await next(agent, again.text, form, [[`q${q(2).id}`, 'Ławki w cieniu']]);
    expect(progress(third.text)).toBe('Krok 3 z 3');
    expect(html(third.text)('button[name="akcja"]').first().text().trim()).toBe('Wyślij odpowiedzi');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);

    const sent = await next(agent, third.text, form, [[`q${q(3).id}`, String(q(3).options[0]!.id)], [`q${q(4).id}`, 'Dziękuję']], 'wyslij');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/ankiety/${survey.id}/dziekujemy`);
    const answers = await ctx.deps.db.surveyAnswer.findMany({ orderBy: { id: 'asc' }, select: { questionId: true, optionId: true, value: true, text: true } });
    expect(answers).toEqual([
      { questionId: q(0).id, optionId: q(0).options[1]!.id, value: null, text: null },
      { questionId: q(1).id, optionId: null, value: 5, text: null },
      { questionId: q(2).id, optionId: null, value: null, text: 'Ławki w cieniu' },
      { questionId: q(3).id, optionId: q(3).options[0]!.id, value: null, text: null },
      { questionId: q(4).id, optionId: null, value: null, text: 'Dziękuję' },
    ]);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(1);
  });

  it('skips a step whose only question does not apply, and counts the steps without it', async () => {
    const first = await agent.get(form).expect(200);
    const last = await next(agent, first.text, form, [[`q${q(0).id}`, String(q(0).options[0]!.id)], [`q${q(1).id}`, '3']]);
    expect(progress(last.text)).toBe('Krok 2 z 2');
    expect(legends(last.text)).toEqual(['4. Co tam robisz?', '5. Uwagi']);
    // Back on step 1 its answer may still change, so the conditional step counts again.
    const back = await next(agent, last.text, form, [], 'wstecz');
    expect(progress(back.text)).toBe('Krok 1 z 3');
    const sent = await next(agent, last.text, form, [], 'wyslij');
    expect(sent.status).toBe(303);
    expect(await ctx.deps.db.surveyAnswer.count({ where: { questionId: q(2).id } })).toBe(0);
    expect(await ctx.deps.db.surveyAnswer.count()).toBe(2);
  });

  it('refuses answers of earlier steps that were tampered with or smuggled in, and stores nothing', async () => {
    const first = await agent.get(form).expect(200);
    const last = await next(agent, first.text, form, [[`q${q(0).id}`, String(q(0).options[0]!.id)], [`q${q(1).id}`, '3']]);
    const $ = html(last.text);
    const sealed = $('input[name="stan"]').val() as string;
    const [payload, signature] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify({ [`q${q(1).id}`]: '1' })).toString('base64url');
    const tampered = await next(agent, last.text.replace(sealed, `${forged}.${signature}`), form, [], 'wyslij');
    expect(tampered.status).toBe(400);
    expect(html(tampered.text)('main').text()).toContain('Nie udało się odczytać odpowiedzi z wcześniejszych kroków');
    expect(payload).toBeTruthy();

    // An answer to step 1 posted with the last step is not taken: step 1's answer stays as signed.
    const smuggled = await next(agent, last.text, form, [[`q${q(1).id}`, '1']], 'wyslij');
    expect(smuggled.status).toBe(303);
    expect((await ctx.deps.db.surveyAnswer.findFirstOrThrow({ where: { questionId: q(1).id } })).value).toBe(3);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(1);
  });

  it('is a one-page form when no question starts a step, and staff mark where steps begin', async () => {
    const department = await createDepartment(ctx.deps.db);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'staff@example.org' });
    const staff = await loginAs(ctx.app, 'staff@example.org');
    const plain = await createSurvey(ctx.deps.db, { departmentId: department.id, questions: [{ type: 'SHORT_TEXT', text: 'Pierwsze' }, { type: 'SHORT_TEXT', text: 'Drugie' }] });
    const page = html((await agent.get(`/ankiety/${plain.id}`).expect(200)).text);
    expect(page('#survey-progress').length).toBe(0);
    expect(page('legend.survey-question__legend').length).toBe(2);

    const second = plain.questions[1]!;
    const edited = await submitForm(staff, `/panel/ankiety/${plain.id}/pytania/${second.id}`, `/panel/ankiety/${plain.id}/pytania/${second.id}`, { type: 'SHORT_TEXT', text: 'Drugie', startsStep: 'tak' });
    expect(edited.status).toBe(303);
    expect(html((await staff.get(`/panel/ankiety/${plain.id}`).expect(200)).text)('.survey-builder__step').text()).toBe('Tu zaczyna się nowy krok');
    const stepped = html((await agent.get(`/ankiety/${plain.id}`).expect(200)).text);
    expect(stepped('#survey-progress').text()).toBe('Krok 1 z 2');
    expect((await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'survey.question.update' } })).entityId).toBe(String(plain.id));

    // Someone else's staff cannot change the steps of this survey.
    const other = await createDepartment(ctx.deps.db);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: other.id, email: 'other@example.org' });
    const foreign = await loginAs(ctx.app, 'other@example.org');
    expect((await foreign.get(`/panel/ankiety/${plain.id}/pytania/${second.id}`)).status).toBe(403);
  });
});
