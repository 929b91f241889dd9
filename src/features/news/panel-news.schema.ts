// Forms of news editing in the panel; field names equal the HTML names. Publication reuses the
// consultations' publish form (now, or a date and time in Warsaw).
import { z } from 'zod';
import { optionalText, text } from '../../http/forms.js';

export { publishSchema, type PublishInput } from '../consultations/panel-consultations.schema.js';

export const newsSchema = z.object({
  title: text('panel.news.validation.title', 300),
  lead: optionalText(600),
  bodyMd: text('panel.news.validation.body', 20_000),
  // Administrators choose: a district, or '' for city-wide news. Councillors' own district is used.
  districtId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ error: 'panel.news.validation.district' }).int().positive('panel.news.validation.district').nullable()),
  // Which button was pressed: save the draft, or only show the preview.
  action: z.enum(['zapisz', 'podglad']).catch('zapisz'),
});
export type NewsInput = z.infer<typeof newsSchema>;

export const listQuerySchema = z.object({ strona: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
