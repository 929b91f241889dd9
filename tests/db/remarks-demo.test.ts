// The demo remarks, drafts and report: seeded once, and what a visitor of the demo finds.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedBase, seedDemo } from '../../src/db/seed.js';
import { useTestApp } from '../helpers/app.js';
import { html } from '../helpers/http.js';

const ctx = useTestApp();
const MODEL = 'zasady-i-tryb-przeprowadzania-konsultacji-spolecznych-w-czestochowie';
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('demo remarks and reports', () => {
  it('publish the 2010 model consultation report with its answered remarks, naming no private person, once', async () => {
    const now = new Date('2026-11-24T10:00:00Z');
    ctx.clock.set(now);
    await seedBase(ctx.deps.db);
    await seedDemo(ctx.deps.db, now);
    await seedDemo(ctx.deps.db, now);
    expect(await ctx.deps.db.remark.count()).toBe(11);
    const page = await request(ctx.app).get(`/konsultacje/${MODEL}/raport`).expect(200);
    const $ = html(page.text);
    expect(squash($('.report-figures li').first().text())).toBe('6 uwag ogółem');
    expect($('.report-table tbody tr')).toHaveLength(6);
    expect($('#decyzja').next('.prose').text()).toContain('Uchwałę Nr 715/LXII/2010');
    for (const secret of ['Marta Przykładowa', 'Karol Testowy', 'Halina Wzorcowa', '@example.org']) expect(page.text).not.toContain(secret);
    const draft = html((await request(ctx.app).get(`/konsultacje/${MODEL}/projekt`).expect(200)).text);
    expect(squash(draft('#par-2-ust-2-pkt-4 .draft-fragment__counts').text())).toBe('Uwagi: 1 · Komentarze: 0');
    const noise = html((await request(ctx.app).get('/konsultacje/program-ochrony-srodowiska-przed-halasem').expect(200)).text);
    expect(squash(noise('section[aria-labelledby="raport"] p').text())).toMatch(/^W trakcie opracowania raportu\./);
    const mirow = html((await request(ctx.app).get('/konsultacje/mpzp-mirow-ul-mstowska/projekt').expect(200)).text);
    expect(mirow('#par-3-ust-1 a').first().attr('href')).toBe('/konsultacje/mpzp-mirow-ul-mstowska/uwagi?fragment=par-3-ust-1');
  });
});
