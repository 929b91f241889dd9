// The demo discussion: seeded once, on an open consultation, with every state a moderator meets.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { useTestApp } from '../helpers/app.js';
import { html } from '../helpers/http.js';

const ctx = useTestApp();

describe('demo comments', () => {
  it('show confirmed comments with the city’s answer, one hidden with its reason; one waits for a moderator', async () => {
    const now = ctx.clock.now();
    await seedDemo(ctx.deps.db, now);
    await seedDemo(ctx.deps.db, now);
    const counts = await ctx.deps.db.comment.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } });
    expect(Object.fromEntries(counts.map((c) => [c.status, c._count]))).toEqual({ PENDING: 1, PUBLISHED: 5, HIDDEN: 1 });
    expect(await ctx.deps.db.comment.count({ where: { email: { not: null } } })).toBe(0);

    // The app's own clock is the test clock, which the seed used too.
    const $ = html((await request(ctx.app).get('/konsultacje/rewitalizacja-promenady-niemena-wybor-wariantu/dyskusja').expect(200)).text);
    expect($('.comment--official .tag--official').text()).toBe('Odpowiedź Urzędu');
    expect($('.comment--hidden .comment__text').text()).toContain('Powód: Obraźliwe słowa');
    expect($('form.comment-form')).toHaveLength(1);
    expect($.text()).not.toContain('parking rowerowy');
    expect(await ctx.deps.db.commentReport.count({ where: { resolvedAt: null } })).toBe(1);
  });
});
