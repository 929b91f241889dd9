// Forms of the residents' notification pages and the staff's digest setting; names equal the HTML names.
import { z } from 'zod';
import { email } from '../../http/forms.js';
import { idParam } from '../../http/params.js';

/** What a subscriber hears about new consultations: the radio's Polish values and what they mean. */
export const SCOPES = { wszystkie: 'ALL', wybrane: 'CHOSEN', brak: 'NONE' } as const;
export type ScopeValue = keyof typeof SCOPES;
export const scopeValueOf = (scope: 'ALL' | 'CHOSEN' | 'NONE'): ScopeValue => (Object.keys(SCOPES) as ScopeValue[]).find((key) => SCOPES[key] === scope)!;

/** One checkbox sends a string, several an array, none nothing. */
const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(idParam, { error: 'validation.invalid' }).max(100, 'validation.invalid'));

const choices = {
  zakres: z.enum(Object.keys(SCOPES) as [ScopeValue, ...ScopeValue[]], { error: 'notifications.validation.scope' }).optional(),
  districtIds: ids,
  topicIds: ids,
  /** Districts whose news the resident wants (independent of the consultation choices). */
  newsDistrictIds: ids,
};

function checkChoices(value: { zakres?: ScopeValue | undefined; districtIds: number[]; topicIds: number[]; newsDistrictIds: number[] }, ctx: z.RefinementCtx, following: boolean) {
  if (value.zakres === 'wybrane' && value.districtIds.length === 0 && value.topicIds.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['districtIds'], message: 'notifications.validation.chooseSome' });
  }
  if (value.zakres === undefined && !following) {
    ctx.addIssue({ code: 'custom', path: ['zakres'], message: 'notifications.validation.scope' });
  }
  // A sign-up must ask for something: consultations, a district's news or a followed consultation.
  if (value.zakres === 'brak' && value.newsDistrictIds.length === 0 && !following) {
    ctx.addIssue({ code: 'custom', path: ['zakres'], message: 'notifications.validation.nothing' });
  }
}

/** The sign-up form; also what a consultation page's "Powiadamiaj mnie" form posts (email + consultationId). */
export const subscribeSchema = z
  .object({
    email: email(),
    ...choices,
    consultationId: z.preprocess((v) => (v === '' ? undefined : v), idParam.optional()).catch(undefined),
    // The honeypot: people never see it, so anything in it came from a robot.
    strona_www: z.string().optional(),
  })
  .superRefine((value, ctx) => checkChoices(value, ctx, value.consultationId !== undefined));
export type SubscribeInput = z.infer<typeof subscribeSchema>;

/** The page reached from a message: new choices, and which followed consultations to keep. */
export const manageSchema = z
  .object({
    ...choices,
    consultationIds: ids,
  })
  .superRefine((value, ctx) => {
    if (value.zakres === undefined) ctx.addIssue({ code: 'custom', path: ['zakres'], message: 'notifications.validation.scope' });
    // Keeping a followed consultation is something; with nothing at all, unsubscribing is the way.
    else checkChoices(value, ctx, value.consultationIds.length > 0);
  });
export type ManageInput = z.infer<typeof manageSchema>;

/** The token of a link, from the query string or a form's hidden field. */
export const tokenSchema = z.object({ t: z.string().max(100).optional().catch(undefined) });

export const digestSettingSchema = z.object({ digest: z.preprocess((v) => v === 'tak', z.boolean()) });
