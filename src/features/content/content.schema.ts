// Forms of the duty-page editors; field names equal the HTML names.
import { z } from 'zod';
import { AccessibilityStatus } from '../../generated/prisma/enums.js';
import { email, optionalText, text } from '../../http/forms.js';
import { CONTENT_SLUGS } from './content-pages.js';

const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/** A calendar date as the statement prints it (YYYY-MM-DD), checked to exist. */
const calendarDate = (requiredKey: string) => z.preprocess(trim, z.string({ error: requiredKey }).min(1, requiredKey).pipe(z.iso.date({ error: 'validation.date.format' })));

const httpsUrl = z.preprocess(
  trim,
  z.string({ error: 'panel.statement.validation.siteUrl' }).max(300, 'validation.tooLong?max=300').pipe(z.url({ protocol: /^https?$/, error: 'panel.statement.validation.siteUrl' })),
);

export const statementSchema = z
  .object({
    entityName: text('panel.statement.validation.entityName', 300),
    siteName: text('panel.statement.validation.siteName', 300),
    siteUrl: httpsUrl,
    publishedOn: calendarDate('panel.statement.validation.publishedOn'),
    updatedOn: calendarDate('panel.statement.validation.updatedOn'),
    status: z.enum(AccessibilityStatus, { error: 'panel.statement.validation.status' }),
    nonAccessible: optionalText(10_000),
    preparedOn: calendarDate('panel.statement.validation.preparedOn'),
    assessment: optionalText(500),
    auditor: optionalText(300),
    contactName: text('panel.statement.validation.contactName', 200),
    contactEmail: email(),
    contactPhone: text('panel.statement.validation.contactPhone', 60).pipe(z.string().regex(/^\+?[\d ()-]{6,}$/, 'panel.statement.validation.contactPhone')),
    architectureMd: text('panel.statement.validation.architectureMd', 20_000),
    mobileAppsMd: text('panel.statement.validation.mobileAppsMd', 5000),
  })
  .superRefine((form, ctx) => {
    if (form.updatedOn < form.publishedOn) ctx.addIssue({ code: 'custom', path: ['updatedOn'], message: 'panel.statement.validation.updatedBeforePublished' });
    if (form.status !== 'COMPLIANT' && form.nonAccessible === '') ctx.addIssue({ code: 'custom', path: ['nonAccessible'], message: 'panel.statement.validation.nonAccessible' });
  });
export type StatementInput = z.infer<typeof statementSchema>;

export const pageSchema = z.object({
  bodyMd: text('panel.content.validation.body', 50_000),
  /** Which button was pressed: preview re-renders the form, save writes. */
  action: z.enum(['zapisz', 'podglad']).catch('zapisz'),
});
export type PageInput = z.infer<typeof pageSchema>;

/** A page address from the route: anything but a known page is a 404. */
export const contentSlugParam = z.enum(CONTENT_SLUGS);
