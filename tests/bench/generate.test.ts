// The benchmark's data generator (bench/generate.ts) at a tiny scale: the sizes asked for, the records
// the benchmark measures (an open consultation with the most comments, the big survey, the poll, real
// files behind its documents), pages that render on them, and the same rows again for the same seed.
import path from 'node:path';
import fs from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedBase } from '../../src/db/seed.js';
import { generateBenchData, sizesFor } from '../../bench/generate.js';
import { pendingDocuments } from '../../src/features/search/document-extraction.service.js';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp();
const SCALE = 0.002;

async function generate(seed: number) {
  await seedBase(ctx.deps.db);
  const client = await ctx.deps.pool.connect();
  try {
    return await generateBenchData(client, ctx.deps.db, { scale: SCALE, seed, now: new Date('2026-11-24T00:00:00Z'), filesDir: ctx.deps.storage.filesDir });
  } finally {
    client.release();
  }
}

/** A digest of the generated rows as a set: the order PostgreSQL inserts them in (and so their ids) may vary between runs. */
async function fingerprint() {
  const { rows } = await ctx.deps.pool.query<{ f: string }>(`SELECT md5(
    (SELECT string_agg(r, ',' ORDER BY r) FROM (SELECT slug || title || starts_at::text || coalesce(published_at::text, '-') AS r FROM consultation) t) ||
    (SELECT string_agg(r, ',' ORDER BY r) FROM (SELECT consultation_id::text || body || status::text AS r FROM comment) t) ||
    (SELECT string_agg(r, ',' ORDER BY r) FROM (SELECT coalesce(option_id::text, '') || coalesce(value::text, '') || coalesce(text, '') AS r FROM survey_answer) t)) AS f`);
  return rows[0]!.f;
}

describe('benchmark data generator', () => {
  it('fills the tables to the sizes of its scale, and the measured pages render', async () => {
    const result = await generate(2010);
    const sizes = sizesFor(SCALE);
    expect(result.counts.consultation).toBe(sizes.consultations);
    expect(result.counts.news).toBe(sizes.news);
    expect(result.counts.investment).toBe(sizes.investments);
    expect(result.counts.attachment).toBe(sizes.documents);
    expect(result.counts.remark).toBe(sizes.remarks);
    expect(result.counts.subscriber).toBe(sizes.subscribers);
    expect(result.counts.survey).toBe(sizes.surveys);
    expect(result.counts.comment).toBeGreaterThan(sizes.comments * 0.95);
    expect(result.counts.comment).toBeLessThanOrEqual(sizes.comments);
    // The poll has one row per response; the big survey about twenty answers each.
    expect(result.counts.survey_response).toBeGreaterThan(sizes.pollResponses + sizes.bigSurveyResponses);
    expect(result.counts.bigSurveyAnswers).toBeGreaterThan(sizes.bigSurveyResponses * 19);

    // Every consultation published by now was announced when published: the app's first start queues no
    // announcement to the 100,000 subscribers (316,000 e-mails sent during a benchmark, decision 52).
    const unannounced = await ctx.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM consultation WHERE announced_at IS NULL AND published_at <= '2026-11-24T00:00:00Z'`);
    expect(unannounced.rows[0]!.n).toBe(0);

    // The measured discussion (2,400 comments at full scale, the busiest) is open now.
    expect(result.counts.bigDiscussionComments).toBeGreaterThanOrEqual(Math.floor(sizes.bigDiscussion * 0.8));
    const big = await ctx.deps.db.consultation.findUniqueOrThrow({ where: { slug: result.targets.discussionSlug } });
    expect(big.startsAt < new Date('2026-11-24T00:00:00Z') && big.endsAt > new Date('2026-11-24T00:00:00Z')).toBe(true);
    // Twenty years of consultations.
    const years = await ctx.deps.pool.query<{ first: number; last: number }>(`SELECT min(extract(year FROM starts_at))::int AS first, max(extract(year FROM starts_at))::int AS last FROM consultation`);
    expect(years.rows[0]!.last - years.rows[0]!.first).toBeGreaterThanOrEqual(19);

    ctx.clock.set('2026-11-24T10:00:00Z');
    const page = await request(ctx.app).get(`/konsultacje/${result.targets.discussionSlug}/dyskusja`).expect(200);
    expect(page.text).toContain('Popieram ten projekt');
    await request(ctx.app).get('/konsultacje?status=zakonczone&dzielnica=rakow').expect(200);
    await request(ctx.app).get(`/dzielnice/${result.targets.districtSlug}`).expect(200);
    await request(ctx.app).get(`/ankiety/${result.targets.surveyId}/wyniki`).expect(200);
    // The measured consultation's PDFs are real files that download.
    const doc = await ctx.deps.db.attachment.findFirstOrThrow({ where: { consultationId: result.targets.uploadConsultationId, extension: 'pdf' } });
    expect(fs.readFileSync(path.join(ctx.deps.storage.filesDir, doc.storedName)).subarray(0, 5).toString()).toBe('%PDF-');
    const download = await request(ctx.app).get(`/pliki/${doc.id}/${encodeURIComponent(doc.originalName)}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    // No extraction backlog: the search's job finds nothing left to read (a benchmark would otherwise
    // watch it fail on every file-less document for an hour), the file-less documents are recorded as
    // the job records a missing file, and the real files' text is already searchable.
    expect(await pendingDocuments(ctx.deps.db, 10)).toEqual([]);
    const states = await ctx.deps.pool.query<{ has_file: boolean; status: string; n: number }>(`
      SELECT coalesce(a.consultation_id = $1 AND a.extension = 'pdf', false) AS has_file, d.status, count(*)::int AS n
      FROM attachment a LEFT JOIN document_text d ON d.attachment_id = a.id AND d.stored_name = a.stored_name
      GROUP BY 1, 2 ORDER BY 1, 2`, [result.targets.uploadConsultationId]);
    expect(states.rows).toEqual([
      { has_file: false, status: 'FAILED', n: sizes.documents - states.rows.find((r) => r.has_file)!.n },
      { has_file: true, status: 'DONE', n: expect.any(Number) },
    ]);
    const text = await ctx.deps.pool.query<{ body: string }>(`SELECT body FROM search_entry WHERE kind = 'DOCUMENT' AND source_id = $1 AND part = 1`, [doc.id]);
    expect(text.rows[0]?.body).toContain(doc.title.replace(/[^\x20-\x7e]/g, '?').slice(0, 8));
  });

  it('gives the same rows for the same seed and others for another', async () => {
    await generate(7);
    const first = await fingerprint();
    await ctx.deps.pool.query(`TRUNCATE consultation, news, investment, survey, subscriber, department, district, topic RESTART IDENTITY CASCADE`);
    await generate(7);
    expect(await fingerprint()).toBe(first);
    await ctx.deps.pool.query(`TRUNCATE consultation, news, investment, survey, subscriber, department, district, topic RESTART IDENTITY CASCADE`);
    await generate(8);
    expect(await fingerprint()).not.toBe(first);
  });
});
