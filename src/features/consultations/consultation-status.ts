// A consultation's status follows from its dates, publication, report and the state staff set.
// This is the one definition: statusOf() for a loaded record, statusWhere() for SQL filters.
import type { Prisma } from '../../generated/prisma/client.js';
import type { ConsultationState } from '../../generated/prisma/enums.js';

export interface StatusFields {
  startsAt: Date;
  endsAt: Date;
  publishedAt: Date | null;
  state: ConsultationState;
  reportPublishedAt: Date | null;
}

/** DRAFT and SCHEDULED are seen by staff only; the rest are public. */
export type ConsultationStatus = 'DRAFT' | 'SCHEDULED' | 'PLANNED' | 'OPEN' | 'CLOSED_PENDING_REPORT' | 'CLOSED' | 'CANCELLED' | 'POSTPONED';

/** The three groups residents filter by (URL values are Polish and stable). */
export const PUBLIC_PHASES = { planowane: 'PLANNED', trwajace: 'OPEN', zakonczone: 'CLOSED' } as const;
export type PublicPhase = keyof typeof PUBLIC_PHASES;

export function isPublished(c: Pick<StatusFields, 'publishedAt'>, now: Date): boolean {
  return c.publishedAt !== null && c.publishedAt <= now;
}

export function statusOf(c: StatusFields, now: Date): ConsultationStatus {
  if (c.publishedAt === null) return 'DRAFT';
  if (c.publishedAt > now) return 'SCHEDULED';
  if (c.state === 'CANCELLED') return 'CANCELLED';
  if (c.state === 'POSTPONED') return 'POSTPONED';
  if (now < c.startsAt) return 'PLANNED';
  if (now < c.endsAt) return 'OPEN';
  return c.reportPublishedAt ? 'CLOSED' : 'CLOSED_PENDING_REPORT';
}

/** Whole days left until the end while open (the last day counts as 1), otherwise null. */
export function daysLeft(c: StatusFields, now: Date): number | null {
  if (statusOf(c, now) !== 'OPEN') return null;
  return Math.max(1, Math.ceil((c.endsAt.getTime() - now.getTime()) / 86_400_000));
}

/** What residents may see: published, publication time reached. */
export function publicWhere(now: Date): Prisma.ConsultationWhereInput {
  return { publishedAt: { not: null, lte: now } };
}

/** SQL filter for a public phase, matching statusOf(). Cancelled and postponed ones are listed as finished and planned. */
export function phaseWhere(phase: PublicPhase, now: Date): Prisma.ConsultationWhereInput {
  switch (phase) {
    case 'planowane':
      return { OR: [{ state: 'ACTIVE', startsAt: { gt: now } }, { state: 'POSTPONED' }] };
    case 'trwajace':
      return { state: 'ACTIVE', startsAt: { lte: now }, endsAt: { gt: now } };
    case 'zakonczone':
      return { OR: [{ state: 'ACTIVE', endsAt: { lte: now } }, { state: 'CANCELLED' }] };
  }
}

/** The public phase a status belongs to (for grouping), or null for staff-only statuses. */
export function phaseOf(status: ConsultationStatus): PublicPhase | null {
  switch (status) {
    case 'PLANNED':
    case 'POSTPONED':
      return 'planowane';
    case 'OPEN':
      return 'trwajace';
    case 'CLOSED_PENDING_REPORT':
    case 'CLOSED':
    case 'CANCELLED':
      return 'zakonczone';
    default:
      return null;
  }
}
