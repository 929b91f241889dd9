import { z } from 'zod';
import { text } from '../../http/forms.js';

const trimmed = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string({ error: 'validation.invalid' }).max(max, `validation.tooLong?max=${max}`));
const time = (requiredKey: string) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: requiredKey }).min(1, requiredKey).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time.format'));

export const meetingSchema = z
  .object({
    title: text('panel.meetings.validation.title', 300),
    date: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'panel.meetings.validation.date' }).min(1, 'panel.meetings.validation.date').regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date.format').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.date.format')),
    startTime: time('panel.meetings.validation.startTime'),
    endTime: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), time('validation.time.format').optional()),
    place: trimmed(300),
    onlineUrl: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'panel.meetings.validation.onlineUrl' }).max(500, 'validation.tooLong?max=500')])),
    description: trimmed(2000),
  })
  .superRefine((form, ctx) => {
    if (form.endTime && form.endTime <= form.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'panel.meetings.validation.endBeforeStart' });
    if (!form.place && !form.onlineUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'panel.meetings.validation.where' });
  });
export type MeetingInput = z.infer<typeof meetingSchema>;
