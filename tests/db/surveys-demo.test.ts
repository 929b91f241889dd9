// The demo surveys match the published figures and are generated in SQL: the 2010 survey's 1,249
// responses to 6 questions, "III Aleja – co dalej?" 798 / 351 / 589 of 1,738, an open survey, the
// home page poll (also on Śródmieście's page) and a planned survey without responses; running the seed
// again adds nothing.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { useTestApp } from '../helpers/app.js';
import { html } from '../helpers/http.js';

const ctx = useTestApp();

describe('demo surveys', () => {
  it('match the published totals and show on the public pages', async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    await seedDemo(ctx.deps.db, ctx.clock.now());
    await seedDemo(ctx.deps.db, ctx.clock.now());
    const surveys = await ctx.deps.db.survey.findMany({ orderBy: { id: 'asc' }, select: { id: true, title: true, kind: true, onHomePage: true, _count: { select: { responses: true, questions: true } } } });
    expect(surveys.map((s) => [s._count.responses, s._count.questions])).toEqual([[1249, 6], [1738, 1], [236, 6], [183, 1], [0, 2]]);

    const aleja = surveys[1]!;
    const votes = await ctx.deps.db.$queryRaw<{ label: string; n: number }[]>`
      SELECT o.label, count(a.id)::int AS n FROM survey_option o JOIN survey_question q ON q.id = o.question_id
        LEFT JOIN survey_answer a ON a.option_id = o.id WHERE q.survey_id = ${aleja.id} GROUP BY o.label, o.position ORDER BY o.position`;
    expect(votes.map((v) => v.n)).toEqual([798, 351, 589]);

    const results = html((await request(ctx.app).get(`/ankiety/${aleja.id}/wyniki`).expect(200)).text);
    expect(results('.results-count').text()).toBe('1738 odpowiedzi');
    expect(results('.survey-result tbody tr').first().find('td').map((_, td) => results(td).text()).get()).toEqual(['798', '45,9%']);

    // Every response of the 2010 survey answered the required questions; the conditional one only where shown.
    const model = surveys[0]!;
    const required = await ctx.deps.db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT a.response_id)::int AS n FROM survey_answer a JOIN survey_question q ON q.id = a.question_id WHERE q.survey_id = ${model.id} AND q.required`;
    expect(required[0]!.n).toBe(1249);
    const bikes = surveys[2]!;
    const outside = await ctx.deps.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM survey_answer a JOIN survey_question q ON q.id = a.question_id
       WHERE q.survey_id = ${bikes.id} AND q.show_if_option_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM survey_answer c WHERE c.response_id = a.response_id AND c.option_id = q.show_if_option_id)`;
    expect(outside[0]!.n).toBe(0);

    const list = html((await request(ctx.app).get('/ankiety').expect(200)).text);
    expect(list('#otwarte').parent().find('.survey-list__title').map((_, h) => list(h).text().trim()).get()).toEqual(['Rowerem po Częstochowie – ankieta 2026', 'Sonda: Aleje NMP bez samochodów w weekendy?']);
    const home = html((await request(ctx.app).get('/').expect(200)).text);
    expect(home('#sonda legend').text()).toBe('Czy Aleje NMP powinny być zamknięte dla samochodów w weekendy?');
    // The same poll sits on Śródmieście's page, where the Aleje are.
    const district = html((await request(ctx.app).get('/dzielnice/srodmiescie').expect(200)).text);
    expect(district('#sonda legend').text()).toBe('Czy Aleje NMP powinny być zamknięte dla samochodów w weekendy?');
  });
});
