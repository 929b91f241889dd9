// Forms of the discussion: a resident's comment or reply, the city's answer, a report, and the
// moderator's reason for hiding. Field names equal the HTML names.
import { z } from 'zod';
import { email, text } from '../../http/forms.js';

export const BODY_MAX = 2000;
export const NAME_MAX = 120;
export const REASON_MAX = 500;

/** An anchor of the draft page (/konsultacje/:slug/projekt), e.g. "par-3-ust-2". */
export const FRAGMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,119}$/;

const checkbox = (requiredKey?: string) =>
  z.preprocess((v) => v === 'tak', requiredKey ? z.literal(true, { error: requiredKey }) : z.boolean());

/** The optional fragment: a hidden field filled from ?fragment= on the draft page's link. */
const fragment = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  z.string().regex(FRAGMENT_PATTERN, 'comments.validation.fragment').optional(),
);

export const commentSchema = z.object({
  // A name has letters; a blank one gets one message, not two.
  name: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'comments.validation.name' }).min(1, { error: 'comments.validation.name', abort: true }).max(NAME_MAX, `validation.tooLong?max=${NAME_MAX}`).regex(/\p{L}/u, 'comments.validation.name'),
  ),
  email: email(),
  body: text('comments.validation.body', BODY_MAX),
  fullName: checkbox(),
  rodo: checkbox('comments.validation.rodo'),
  fragment,
  // The honeypot: people never see it, so anything in it came from a robot.
  strona_www: z.string().optional(),
});
export type CommentInput = z.infer<typeof commentSchema>;

/** The city's answer: staff are signed in, so only the text. */
export const officialReplySchema = z.object({ body: text('comments.validation.body', BODY_MAX) });

export const reportSchema = z.object({
  reason: text('comments.validation.reason', REASON_MAX),
  strona_www: z.string().optional(),
});

export const hideSchema = z.object({ reason: text('comments.validation.hideReason', REASON_MAX) });

/** The fragment a link from the draft page carries (?fragment=...): kept only when well formed. */
export const fragmentQuery = z.object({ fragment: z.string().regex(FRAGMENT_PATTERN).optional().catch(undefined) });

export const MODERATION_VIEWS = ['oczekujace', 'zgloszone', 'ukryte'] as const;
export type ModerationView = (typeof MODERATION_VIEWS)[number];
export const moderationQuery = z.object({ widok: z.enum(MODERATION_VIEWS).catch('oczekujace').default('oczekujace') });

/** "Anna Maria Nowak" is shown as "Anna N." unless its author consented to the full name. */
export function shownName(name: string, fullName: boolean): string {
  const words = name.trim().split(/\s+/);
  if (fullName || words.length < 2) return words.join(' ');
  const initial = [...words[words.length - 1]!][0]!.toLocaleUpperCase('pl');
  return `${words[0]} ${initial}.`;
}
