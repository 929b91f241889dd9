// View models of requests: state labels and tag styles, deadlines, supporters against the threshold.
import type { RequestState } from '../../generated/prisma/enums.js';
import type { Deadline } from './deadlines.js';
import { REQUEST_STATE_SLUGS, type RequestStateSlug } from './requests.schema.js';

const TAG: Record<RequestState, string> = { SUBMITTED: 'planned', UNDER_REVIEW: 'scheduled', ACCEPTED: 'open', REJECTED: 'cancelled' };

export const stateTag = (state: RequestState) => ({ key: `requests.state.${state}`, modifier: TAG[state] });

export const stateSlugOf = (state: RequestState) => (Object.entries(REQUEST_STATE_SLUGS) as [RequestStateSlug, RequestState][]).find(([, s]) => s === state)![0];

/** The catalogue key and parameters saying where the answer stands: due in N days, late, answered. */
export function deadlineLine(d: Deadline): { key: string; params: Record<string, string | number>; overdue: boolean } {
  if (d.answered) return { key: d.answeredLate ? 'requests.deadline.answeredLate' : 'requests.deadline.answered', params: {}, overdue: false };
  if (d.overdue) return { key: 'requests.deadline.overdue', params: { days: -d.daysLeft }, overdue: true };
  if (d.daysLeft === 0) return { key: 'requests.deadline.today', params: {}, overdue: false };
  return { key: 'requests.deadline.left', params: { days: d.daysLeft }, overdue: false };
}

export function supportersView(s: { online: number; paper: number; total: number }, threshold: number) {
  return { ...s, threshold, reached: s.total >= threshold, percent: Math.min(100, Math.floor((s.total / threshold) * 100)) };
}
