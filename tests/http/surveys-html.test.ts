// Every kind of survey page is valid HTML as the server sends it (html-validate, the site sweep's rules):
// the form with all question types and with errors, the e-mail step, thanks, results, and the panel pages.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { loginAs } from '../helpers/http.js';
import { htmlErrors } from '../helpers/site-sweep.js';
import { createSurvey, postSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

describe('survey pages', () => {
  it('are valid HTML', async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    const survey = await createSurvey(ctx.deps.db, {
      introMd: 'Wstęp **pogrubiony**.',
      questions: [
        { type: 'SINGLE', text: 'Jednokrotny', required: true, allowOther: true, options: ['A', 'B'] },
        { type: 'MULTIPLE', text: 'Wielokrotny', minChoices: 1, maxChoices: 2, options: ['C', 'D', 'E'] },
        { type: 'SHORT_TEXT', text: 'Krótki', showIf: { question: 0, option: 1 } },
        { type: 'LONG_TEXT', text: 'Długi', maxLength: 100 },
        { type: 'SCALE', text: 'Skala', minValue: 0, maxValue: 10, minLabel: 'nie', maxLabel: 'tak' },
        { type: 'NUMBER', text: 'Liczba', minValue: 0, maxValue: 99 },
        { type: 'RANKING', text: 'Ranking', options: ['F', 'G', 'H'] },
        { type: 'MATRIX', text: 'Macierz', required: true, minValue: 1, maxValue: 5, options: ['I', 'J'] },
      ],
    });
    const emailSurvey = await createSurvey(ctx.deps.db, { participation: 'ONE_PER_EMAIL', questions: [{ type: 'SHORT_TEXT', text: 'Q' }] });
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const staff = await loginAs(ctx.app, admin.email);
    const id = survey.id;
    const pages: [string, string][] = [];
    for (const path of ['/ankiety', `/ankiety/${id}`, `/ankiety/${id}/dziekujemy`, `/ankiety/${id}/wyniki`, `/ankiety/${emailSurvey.id}`, '/']) pages.push([path, (await request(ctx.app).get(path).expect(200)).text]);
    pages.push(['errors', (await postSurvey(request.agent(ctx.app), `/ankiety/${id}`, `/ankiety/${id}`, { [`q${survey.questions[5]!.id}`]: 'abc' })).text]);
    for (const path of ['/panel/ankiety', '/panel/ankiety/nowa', `/panel/ankiety/${id}`, `/panel/ankiety/${id}/ustawienia`, `/panel/ankiety/${id}/pytania/nowe?typ=MATRIX`, `/panel/ankiety/${id}/pytania/${survey.questions[0]!.id}`, `/panel/ankiety/${id}/wyniki`, `/panel/ankiety/${id}/wyniki/pytania/${survey.questions[3]!.id}`]) {
      pages.push([path, (await staff.get(path).expect(200)).text]);
    }
    for (const [path, html] of pages) expect(await htmlErrors(html), path).toEqual([]);
  }, 120_000); // fifteen pages through html-validate: slow on a busy machine
});
