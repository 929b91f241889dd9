import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysLeft, phaseOf, statusOf, type StatusFields } from '../../src/features/consultations/consultation-status.js';

const base: StatusFields = {
  startsAt: new Date('2026-11-10T00:00:00+01:00'),
  endsAt: new Date('2026-12-01T00:00:00+01:00'),
  publishedAt: new Date('2026-11-01T09:00:00+01:00'),
  state: 'ACTIVE',
  reportPublishedAt: null,
};
const at = (iso: string) => new Date(iso);

describe('statusOf', () => {
  it('follows the dates by itself', () => {
    expect(statusOf(base, at('2026-11-05T12:00:00+01:00'))).toBe('PLANNED');
    expect(statusOf(base, at('2026-11-10T00:00:00+01:00'))).toBe('OPEN');
    expect(statusOf(base, at('2026-11-30T23:59:59+01:00'))).toBe('OPEN');
    expect(statusOf(base, at('2026-12-01T00:00:00+01:00'))).toBe('CLOSED_PENDING_REPORT');
    expect(statusOf({ ...base, reportPublishedAt: at('2026-12-20T10:00:00Z') }, at('2026-12-21T00:00:00Z'))).toBe('CLOSED');
  });

  it('keeps drafts and scheduled ones away from the public', () => {
    expect(statusOf({ ...base, publishedAt: null }, at('2026-11-20T00:00:00Z'))).toBe('DRAFT');
    expect(statusOf({ ...base, publishedAt: at('2026-11-25T00:00:00Z') }, at('2026-11-20T00:00:00Z'))).toBe('SCHEDULED');
  });

  it('lets staff cancel or postpone whatever the dates say', () => {
    expect(statusOf({ ...base, state: 'CANCELLED' }, at('2026-11-20T00:00:00Z'))).toBe('CANCELLED');
    expect(statusOf({ ...base, state: 'POSTPONED' }, at('2026-11-20T00:00:00Z'))).toBe('POSTPONED');
  });

  it('counts the days left while open', () => {
    expect(daysLeft(base, at('2026-11-29T23:00:00Z'))).toBe(1);
    expect(daysLeft(base, at('2026-11-24T10:00:00+01:00'))).toBe(7);
    expect(daysLeft(base, at('2026-11-05T00:00:00Z'))).toBeNull();
  });

  it('puts every public status in exactly one phase, whatever the dates', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), fc.integer({ min: 1, max: 10_000_000_000 }), fc.date({ noInvalidDate: true, min: new Date(1) }), (start, length, now) => {
        const c = { ...base, startsAt: start, endsAt: new Date(start.getTime() + length), publishedAt: new Date(0) };
        const status = statusOf(c, now);
        expect(phaseOf(status)).not.toBeNull();
      }),
    );
  });
});
