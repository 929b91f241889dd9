// The SQL filters and the list agree with statusOf() for any dates: what a resident finds under
// "Trwające" is exactly what the consultation page calls open. Random rows, dates on a coarse grid so
// that "now" often falls exactly on a start, an end or a publication time.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { phaseOf, phaseWhere, publicWhere, statusOf, type PublicPhase } from '../../src/features/consultations/consultation-status.js';
import { listConsultations } from '../../src/features/consultations/consultations.queries.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment } from '../helpers/factories.js';

const ctx = useTestApp();
const BASE = Date.parse('2026-11-24T10:00:00Z');
const STEP = 12 * 3_600_000;
const PHASES: PublicPhase[] = ['trwajace', 'planowane', 'zakonczone'];

const instant = fc.integer({ min: -4, max: 4 }).map((n) => new Date(BASE + n * STEP));
const row = fc.record({
  startsAt: instant,
  length: fc.integer({ min: 1, max: 4 }),
  publishedAt: fc.option(instant, { nil: null }),
  state: fc.constantFrom('ACTIVE' as const, 'CANCELLED' as const, 'POSTPONED' as const),
  reportPublishedAt: fc.option(instant, { nil: null }),
});

type RowData = typeof row extends fc.Arbitrary<infer T> ? T : never;

let departmentId: number;
beforeEach(async () => {
  departmentId = (await createDepartment(ctx.deps.db)).id;
});

async function insert(rows: RowData[]) {
  const { db } = ctx.deps;
  await db.consultation.deleteMany();
  await db.consultation.createMany({
    data: rows.map((r, i) => ({
      slug: `k-${i}`,
      title: `K${i}`,
      departmentId,
      startsAt: r.startsAt,
      endsAt: new Date(r.startsAt.getTime() + r.length * STEP),
      publishedAt: r.publishedAt,
      state: r.state,
      reportPublishedAt: r.reportPublishedAt,
    })),
  });
  return db.consultation.findMany({ select: { id: true, startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true } });
}

describe('phaseWhere() and the list against statusOf()', () => {
  it('select in SQL exactly the consultations whose status puts them in each phase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), instant, async (rows, now) => {
        const stored = await insert(rows);
        for (const phase of PHASES) {
          const found = await ctx.deps.db.consultation.findMany({ where: { AND: [publicWhere(now), phaseWhere(phase, now)] }, select: { id: true } });
          const expected = stored.filter((c) => phaseOf(statusOf(c, now)) === phase).map((c) => c.id);
          expect(found.map((c) => c.id).sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('list every public consultation once, under its own phase, across pages of any size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), instant, fc.integer({ min: 1, max: 5 }), async (rows, now, pageSize) => {
        const stored = await insert(rows);
        const seen: number[] = [];
        let pageCount = 1;
        for (let page = 1; page <= pageCount; page++) {
          const result = await listConsultations(ctx.deps.db, now, {}, page, pageSize);
          pageCount = result.pageCount;
          expect(result.items.length).toBeLessThanOrEqual(pageSize);
          for (const group of result.groups) {
            for (const item of group.items) {
              expect(phaseOf(statusOf(item, now))).toBe(group.phase);
              seen.push(item.id);
            }
          }
        }
        const visible = stored.filter((c) => phaseOf(statusOf(c, now)) !== null).map((c) => c.id);
        expect([...seen].sort()).toEqual(visible.sort());
      }),
      { numRuns: 40 },
    );
  });
});
