// The demo investments (DOMAIN.md): every one named there, in Częstochowa, public, with its districts,
// a spread of statuses, progress updates with a photo, a document, the consultation link; loaded once.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { DEMO_INVESTMENTS } from '../../src/features/investments/investments.demo.js';
import { html } from '../helpers/http.js';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp();

describe('demo investments', () => {
  it('loads the investments of DOMAIN.md inside the city\'s bounds, once, and shows them to residents', async () => {
    await seedDemo(ctx.deps.db, ctx.clock.now(), ctx.deps.storage);
    await seedDemo(ctx.deps.db, ctx.clock.now(), ctx.deps.storage);
    const rows = await ctx.deps.db.investment.findMany({ include: { districts: true, updates: true, attachments: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.slug)).toEqual(DEMO_INVESTMENTS.map((d) => d.slug));
    expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining(['Modernizacja linii tramwajowej', 'Nowa linia tramwajowa na Parkitkę', 'Przebudowa Alei Wojska Polskiego', 'Bugajska bis', 'Odwodnienie dzielnicy Północ', 'Rondo w Dźbowie']));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['PLANNED', 'PREPARATION', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED']));
    const { south, north, west, east } = ctx.deps.config.map.bounds;
    for (const r of rows) {
      expect(r.latitude! >= south && r.latitude! <= north && r.longitude! >= west && r.longitude! <= east, r.slug).toBe(true);
      expect(r.districts.length, r.slug).toBeGreaterThan(0);
      expect(r.publishedAt! <= ctx.clock.now()).toBe(true);
    }
    expect(rows.reduce((n, r) => n + r.updates.length, 0)).toBeGreaterThanOrEqual(5);
    const photos = rows.flatMap((r) => r.attachments.filter((a) => a.kind === 'IMAGE'));
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.every((p) => p.investmentUpdateId !== null && p.altText.length > 10)).toBe(true);
    expect(rows.flatMap((r) => r.attachments.filter((a) => a.kind === 'DOCUMENT'))).toHaveLength(2);
    expect(rows.find((r) => r.slug === 'przedluzenie-ul-raclawickiej')!.consultationId).not.toBeNull();

    const geojson = JSON.parse((await request(ctx.app).get('/inwestycje.geojson').expect(200)).text) as { features: unknown[] };
    expect(geojson.features).toHaveLength(DEMO_INVESTMENTS.length);
    const $ = html((await request(ctx.app).get('/inwestycje/modernizacja-linii-tramwajowej').expect(200)).text);
    expect($('.timeline__entry')).toHaveLength(2);
    expect($('.timeline img').attr('alt')).toContain('Plac budowy');
    expect($('.documents a').text()).toContain('Protokół odbioru końcowego');
  });
});
