// Forms of the remarks feature; field names equal the HTML names.
import { z } from 'zod';
import { optionalText } from '../../http/forms.js';
import { idParam } from '../../http/params.js';

export const LONG_TEXT = 5000;

const checkbox = z.preprocess((v) => v === 'tak' || v === 'on' || v === true, z.boolean());
const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v ?? ''),
  z.union([z.literal(''), z.string().max(254, 'validation.email.invalid').pipe(z.email('validation.email.invalid'))], { error: 'validation.email.invalid' }),
);
const required = (key: string, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: key }).min(1, key).max(max, `validation.tooLong?max=${max}`));

/** Who submits, as the radio sends it. */
export const AUTHOR_KINDS = { osoba: 'PERSON', instytucja: 'INSTITUTION' } as const;
export type AuthorKindValue = keyof typeof AUTHOR_KINDS;

const remarkFields = {
  fragment: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(120, 'validation.invalid')),
  part: optionalText(300),
  content: optionalText(LONG_TEXT),
  proposal: optionalText(LONG_TEXT),
  justification: optionalText(LONG_TEXT),
  // Checked with the rest in checkRemark, so an empty form shows every message at once.
  authorKind: z.preprocess((v) => (v === 'osoba' || v === 'instytucja' ? v : undefined), z.enum(['osoba', 'instytucja']).optional()),
  name: optionalText(200),
  institution: optionalText(200),
  email: optionalEmail,
  resident: checkbox,
};

type RemarkShape = { content: string; fragment: string; part: string; authorKind?: AuthorKindValue | undefined; institution: string };

function checkRemark(value: RemarkShape, ctx: z.RefinementCtx) {
  if (!value.content) ctx.addIssue({ code: 'custom', path: ['content'], message: 'remarks.validation.content' });
  if (!value.authorKind) ctx.addIssue({ code: 'custom', path: ['authorKind'], message: 'remarks.validation.authorKind' });
  if (!value.fragment && !value.part) ctx.addIssue({ code: 'custom', path: ['part'], message: 'remarks.validation.part' });
  if (value.authorKind === 'instytucja' && !value.institution) ctx.addIssue({ code: 'custom', path: ['institution'], message: 'remarks.validation.institution' });
}

/** checkRemark has made sure who submits is known. */
const withAuthorKind = <T extends { authorKind?: AuthorKindValue | undefined }>(value: T) => ({ ...value, authorKind: value.authorKind ?? ('osoba' as AuthorKindValue) });

/** The public form. */
export const remarkSchema = z
  .object({
    ...remarkFields,
    rodo: checkbox,
    // The honeypot: people never see it (see the handler).
    strona_www: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    checkRemark(value, ctx);
    if (value.authorKind === 'osoba' && !value.resident) ctx.addIssue({ code: 'custom', path: ['resident'], message: 'remarks.validation.resident' });
    if (!value.rodo) ctx.addIssue({ code: 'custom', path: ['rodo'], message: 'remarks.validation.rodo' });
  })
  .transform(withAuthorKind);
export type RemarkInput = z.infer<typeof remarkSchema>;

/** Channels staff enter remarks from (the online form is the residents' own). */
export const STAFF_CHANNELS = ['EMAIL', 'PAPER', 'MEETING'] as const;

const isoDate = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'remarks.validation.receivedOn' })
    .min(1, 'remarks.validation.receivedOn')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date.format')
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.date.format'),
);

/** A remark received by e-mail, on paper or at a meeting, entered by staff. */
export const staffRemarkSchema = z
  .object({
    ...remarkFields,
    channel: z.enum(STAFF_CHANNELS, { error: 'remarks.validation.channel' }),
    receivedOn: isoDate,
  })
  .superRefine(checkRemark)
  .transform(withAuthorKind);
export type StaffRemarkInput = z.infer<typeof staffRemarkSchema>;

export const POSITIONS = ['ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED', 'EXPLANATION', 'OUT_OF_SCOPE'] as const;

export const answerSchema = z.object({
  position: z.enum(POSITIONS, { error: 'remarks.validation.position' }),
  answer: required('remarks.validation.answer', LONG_TEXT),
});
export type AnswerInput = z.infer<typeof answerSchema>;

const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(idParam, { error: 'validation.invalid' }).max(200, 'validation.invalid'));

export const groupSchema = z.object({
  remarkIds: ids.pipe(z.array(z.number()).min(2, 'remarks.validation.groupTwo')),
  groupTitle: required('remarks.validation.groupTitle', 300),
});
export type GroupInput = z.infer<typeof groupSchema>;

export const panelListQuery = z.object({ strona: z.coerce.number().int().min(1).max(10_000).catch(1) });

/** A draft pasted as Markdown; the whole form must fit the 100 kB body limit (src/app.ts). */
export const DRAFT_MAX = 50_000;

export const draftSchema = z.object({
  draftTitle: optionalText(300),
  draftSource: required('drafts.validation.source', DRAFT_MAX),
});

const markdown = (max: number) => optionalText(max);

/** The staff-written parts of the report (Markdown). */
export const reportSchema = z.object({
  informed: markdown(10_000),
  conclusions: markdown(20_000),
  decision: markdown(20_000),
});
export type ReportInput = z.infer<typeof reportSchema>;
