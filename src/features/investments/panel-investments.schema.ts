// Forms of investment editing in the panel; field names equal the HTML names. Amounts are typed in
// złoty and kept in grosze; coordinates in degrees (a comma works as well as a dot); dates as YYYY-MM-DD.
import { z } from 'zod';
import type { Config } from '../../config.js';
import { email, fieldMessage, optionalText, text } from '../../http/forms.js';
import { STATUSES } from './investment-status.js';
import { parseZloty } from './investments.format.js';

/** 10 mld zł: more than the city spends in years; a larger figure is almost surely typed in grosze. */
export const MAX_AMOUNT_GROSZE = 10_000_000_000n * 100n;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : v);

const money = z.preprocess(
  trimmed,
  z
    .string({ error: 'validation.invalid' })
    .max(40, 'investments.validation.amount')
    .refine((v) => !/^[-−–]/.test(v), 'investments.validation.negative')
    .refine((v) => v === '' || /^[-−–]/.test(v) || parseZloty(v) !== null, 'investments.validation.amount')
    .transform((v) => (v === '' ? null : parseZloty(v)))
    .refine((v) => v === null || v <= MAX_AMOUNT_GROSZE, 'investments.validation.absurd'),
);

const day = z.preprocess(
  trimmed,
  z
    .string({ error: 'validation.invalid' })
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), 'investments.validation.date')
    .transform((v) => (v === '' ? null : new Date(`${v}T00:00:00Z`))),
);

const coordinate = (rangeKey: string, limit: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(',', '.') : trimmed(v)),
    z
      .string({ error: 'validation.invalid' })
      .refine((v) => v === '' || /^[-+]?\d{1,3}(\.\d{1,10})?$/.test(v), 'investments.validation.coordinate')
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((v) => v === null || Math.abs(v) <= limit, rangeKey),
  );

/** Ids from checkboxes or a select: none, one or several. */
const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number({ error: 'validation.invalid' }).int().positive('validation.invalid')).max(40));
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ error: 'validation.invalid' }).int().positive('validation.invalid').nullable());

const formatDegrees = (n: number) => n.toFixed(2).replace('.', ',');

export function investmentSchema(bounds: Config['map']['bounds']) {
  return z
    .object({
      title: text('investments.validation.title', 300),
      summary: optionalText(600),
      descriptionMd: optionalText(20_000),
      status: z.enum(STATUSES as [string, ...string[]], { error: 'investments.validation.status' }).transform((s) => s as (typeof STATUSES)[number]),
      // Administrators choose; staff's own department is used whatever the form says.
      departmentId: optionalId,
      districtIds: ids,
      budget: money,
      euFunding: money,
      fundingSources: optionalText(2000),
      plannedStart: day,
      plannedEnd: day,
      actualStart: day,
      actualEnd: day,
      address: optionalText(300),
      latitude: coordinate('investments.validation.latitudeRange', 90),
      longitude: coordinate('investments.validation.longitudeRange', 180),
      consultationId: optionalId,
      contactName: optionalText(200),
      contactEmail: z.preprocess(trimmed, z.union([z.literal(''), email()])),
      contactPhone: optionalText(60),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) issue('plannedEnd', 'investments.validation.endBeforeStart');
      if (v.actualStart && v.actualEnd && v.actualEnd < v.actualStart) issue('actualEnd', 'investments.validation.endBeforeStart');
      if (v.euFunding !== null && v.budget !== null && v.euFunding > v.budget) issue('euFunding', 'investments.validation.euOverBudget');
      if ((v.latitude === null) !== (v.longitude === null)) issue(v.latitude === null ? 'latitude' : 'longitude', 'investments.validation.coordinatePair');
      // Rejected, not only warned about: a point outside the city is nearly always swapped or mistyped degrees.
      const inRange = v.latitude !== null && v.longitude !== null && Math.abs(v.latitude) <= 90 && Math.abs(v.longitude) <= 180;
      if (inRange && (v.latitude! < bounds.south || v.latitude! > bounds.north || v.longitude! < bounds.west || v.longitude! > bounds.east)) {
        issue('latitude', fieldMessage('investments.validation.outsideCity', { south: formatDegrees(bounds.south), north: formatDegrees(bounds.north), west: formatDegrees(bounds.west), east: formatDegrees(bounds.east) }));
      }
    });
}
export type InvestmentInput = z.infer<ReturnType<typeof investmentSchema>>;

export const progressSchema = z.object({
  date: day.refine((d) => d !== null, 'investments.validation.updateDate'),
  title: text('investments.validation.updateTitle', 300),
  bodyMd: optionalText(10_000),
  photoIds: ids,
});
export type ProgressInput = z.infer<typeof progressSchema>;

export const listQuerySchema = z.object({ strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
