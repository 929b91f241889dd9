// Forms of the council page and of district events; field names equal the HTML names.
import { z } from 'zod';
import { email, optionalText, text } from '../../http/forms.js';

const optionalEmail = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email().optional());

export const councilSchema = z.object({
  councilChair: optionalText(200),
  councilMembers: optionalText(4000),
  councilSeat: optionalText(300),
  councilHours: optionalText(2000),
  councilEmail: optionalEmail,
  councilPhone: optionalText(60),
  councilAboutMd: optionalText(20_000),
});
export type CouncilInput = z.infer<typeof councilSchema>;

const time = (requiredKey: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: requiredKey }).min(1, requiredKey).regex(/^\d{2}:\d{2}$/, 'validation.time.format'));

export const eventSchema = z
  .object({
    kind: z.enum(['MEETING', 'OFFICE_HOURS'], { error: 'panel.events.validation.kind' }),
    title: text('panel.events.validation.title', 300),
    date: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'panel.events.validation.date' }).min(1, 'panel.events.validation.date').regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date.format').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.date.format')),
    startTime: time('panel.events.validation.startTime'),
    endTime: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().regex(/^\d{2}:\d{2}$/, 'validation.time.format').optional()),
    place: optionalText(300),
    description: optionalText(2000),
  })
  .superRefine((form, ctx) => {
    if (form.endTime && form.endTime <= form.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'panel.events.validation.endBeforeStart' });
  });
export type EventInput = z.infer<typeof eventSchema>;
