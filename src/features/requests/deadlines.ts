// The city answers a request within a number of days (a setting), counted in Warsaw calendar days
// from the day it was submitted. One function, used by the public pages and the panel alike.
import { warsawInstant, warsawParts } from '../../lib/dates.js';

const DAY = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY;

export interface Deadline {
  /** The last day for the answer, YYYY-MM-DD in Warsaw. */
  dueOn: string;
  /** Midday of that day in Warsaw, for date formatting. */
  dueAt: Date;
  /** Days from today to the last day (0: today, negative: that many days late). */
  daysLeft: number;
  answered: boolean;
  /** Not answered and past the last day. */
  overdue: boolean;
  /** Answered after the last day. */
  answeredLate: boolean;
}

export function answerDeadline(r: { submittedAt: Date; answeredAt: Date | null }, now: Date, days: number): Deadline {
  const submittedDay = dayNumber(warsawParts(r.submittedAt).date);
  const dueOn = new Date((submittedDay + days) * DAY).toISOString().slice(0, 10);
  const daysLeft = dayNumber(dueOn) - dayNumber(warsawParts(now).date);
  const answered = r.answeredAt !== null;
  return {
    dueOn,
    dueAt: warsawInstant(dueOn, '12:00'),
    daysLeft,
    answered,
    overdue: !answered && daysLeft < 0,
    answeredLate: r.answeredAt !== null && dayNumber(warsawParts(r.answeredAt).date) > dayNumber(dueOn),
  };
}
